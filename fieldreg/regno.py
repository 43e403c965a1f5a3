"""Registration numbers: ``POST-YY-NNNNNN-C``.

``POST`` is the post (station) id HQ assigned, ``YY`` the two-digit year,
``NNNNNN`` the post's own sequence for that year and ``C`` a check character.
Two posts never share an id, so numbers are unique across posts by
construction, with no coordination.

>>> str(RegNo.build("TGR1", 2026, 42))
'TGR1-26-000042-B'
>>> parse_regno("tgr1-26-000042-b").sequence
42

The check character is a Damm check over the 36 symbols ``0-9A-Z``. Damm's
algorithm needs a totally anti-symmetric quasigroup; we take the direct product
of two: ``x*y = w·x + y`` over GF(4) (w a primitive element) and ``x*y = y - x``
over GF(9). A product of totally anti-symmetric quasigroups is one too, so the
check catches every single wrong character and every swap of two neighbours
(including a swap with the check character itself). docs/formats/regno.md
spells the table out for independent implementations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldreg.errors import InvalidInput

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
POST_ID_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
MAX_SEQUENCE = 999_999
_REGNO_RE = re.compile(r"^([A-Z][A-Z0-9]{1,7})-(\d{2})-(\d{6})-([0-9A-Z])$")


def _gf4_mul(a: int, b: int) -> int:
    """Multiply in GF(4) = GF(2)[x]/(x^2+x+1), elements as 2-bit integers."""
    product = 0
    for bit in range(2):
        if (b >> bit) & 1:
            product ^= a << bit
    if product & 0b100:
        product ^= 0b111
    return product


def _gf9_parts(value: int) -> tuple[int, int]:
    """GF(9) = Z3[i]/(i^2+1); element ``3a+b`` stands for ``a·i + b``."""
    return divmod(value, 3)


def _build_table() -> tuple[tuple[int, ...], ...]:
    table = []
    for x in range(36):
        x4, x9 = divmod(x, 9)
        row = []
        for y in range(36):
            y4, y9 = divmod(y, 9)
            q4 = _gf4_mul(2, x4) ^ y4  # w·x + y in GF(4); addition is XOR
            (xa, xb), (ya, yb) = _gf9_parts(x9), _gf9_parts(y9)
            q9 = 3 * ((ya - xa) % 3) + (yb - xb) % 3  # y - x in GF(9)
            row.append(9 * q4 + q9)
        table.append(tuple(row))
    return tuple(table)


DAMM_TABLE = _build_table()


_VALUE = {char: value for value, char in enumerate(ALPHABET)}
# The character that brings each interim digit back to 0.
_CLOSING = tuple(ALPHABET[row.index(0)] for row in DAMM_TABLE)


def _interim(payload: str) -> int:
    interim = 0
    for char in payload:
        interim = DAMM_TABLE[interim][_VALUE[char]]
    return interim


def check_character(payload: str) -> str:
    """The check character for ``payload`` (post, year and sequence, no hyphens)."""
    return _CLOSING[_interim(payload)]


@dataclass(frozen=True, order=True)
class RegNo:
    post_id: str
    year: int  # full year, e.g. 2026
    sequence: int

    @classmethod
    def build(cls, post_id: str, year: int, sequence: int) -> RegNo:
        if not POST_ID_RE.match(post_id):
            raise InvalidInput(
                "post id {post_id!r} must be 2-8 capital letters or digits, starting with a letter", post_id=post_id
            )
        if not 1 <= sequence <= MAX_SEQUENCE:
            raise InvalidInput(
                "sequence {sequence} is outside 1..{max_sequence}",
                sequence=sequence, max_sequence=MAX_SEQUENCE
            )
        return cls(post_id, year, sequence)

    @property
    def payload(self) -> str:
        return f"{self.post_id}{self.year % 100:02d}{self.sequence:06d}"

    def __str__(self) -> str:
        return (
            f"{self.post_id}-{self.year % 100:02d}-{self.sequence:06d}-"
            f"{check_character(self.payload)}"
        )


def is_canonical_regno(text: str) -> bool:
    """Is ``text`` a valid registration number spelled exactly as printed (capitals, hyphens)?

    The cheap yes/no a decoder needs; :func:`parse_regno` says what is wrong.
    """
    match = _REGNO_RE.fullmatch(text)
    return (
        match is not None
        and match[3] != "000000"
        and check_character(match[1] + match[2] + match[3]) == match[4]
    )


def parse_regno(text: str, *, century: int = 2000) -> RegNo:
    """Parse a typed or scanned registration number, checking its check character.

    Case and surrounding spaces are forgiven; a wrong check character is not.
    """
    cleaned = text.strip().upper()
    match = _REGNO_RE.match(cleaned)
    if not match:
        raise InvalidInput(
            "{text!r} is not a registration number (expected POST-YY-NNNNNN-C)", text=text.strip()
        )
    post_id, yy, seq, check = match.groups()
    payload = f"{post_id}{yy}{seq}"
    if check_character(payload) != check:
        raise InvalidInput(
            "registration number {cleaned} has a wrong check character: a character was mistyped or two were swapped",
            cleaned=cleaned
        )
    if int(seq) == 0:
        raise InvalidInput("registration number {cleaned} has sequence 000000", cleaned=cleaned)
    return RegNo(post_id, century + int(yy), int(seq))


def looks_like_regno(text: str) -> bool:
    """True when ``text`` has the shape of a registration number (check not verified)."""
    return bool(_REGNO_RE.match(text.strip().upper()))
