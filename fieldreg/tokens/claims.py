"""What a slip's QR code says: the minimum a camp needs to match a household.

    claims = Claims.new(registration_number="TGR1-26-000042-B", family_name="TRAORÉ",
                        given_names="Awa", members=[Member(Sex.FEMALE, 1991), Member(Sex.MALE, 2019)],
                        issuing_post="TGR1", issued_at=now)
    claims.to_cbor_map()   # {1: 'TGR1', 4?: ..., 6: iat, 7: cti, -1: 1, -2: regno, ...}

Deliberately absent — anyone with a phone camera can read a QR code: nationality,
ethnicity, religion, specific needs, documents, phone numbers, exact birth
dates, other members' names, location, reasons for flight. Adding a field here
is a format change (bump CLAIMS_VERSION) and a protection decision, not a
refactoring.

Claim keys: CWT numbers (RFC 8392) where one exists, small negative integers
for ours. Every key fits in one CBOR byte, so the length-first and bytewise
orderings of RFC 8949 agree and the canonical encoding is unambiguous.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from itertools import repeat
from typing import Any

from fieldreg.errors import InvalidInput
from fieldreg.keys.certificate import check_post_id
from fieldreg.keys.ids import epoch, from_epoch
from fieldreg.regno import is_canonical_regno, parse_regno

CLAIMS_VERSION = 1
TOKEN_ID_BYTES = 16
# Names are limited in UTF-8 bytes, not characters: Arabic script or N'Ko takes
# 2-3 bytes a character, and the QR must stay at version <= 13 (level Q) for 8 members.
MAX_NAME_BYTES = 40
MAX_MEMBERS = 30
MIN_BIRTH_YEAR = 1900
MAX_BIRTH_YEAR = 2100
# A member is one integer, sex and birth year side by side in decimal: half the
# bytes of a [sex, year] pair, and readable in a CBOR dump (docs/formats/token.md).
MEMBER_CODE_BASE = 10000

# Control characters, and bidi embeddings/overrides/isolates that could make a
# printed or displayed name read differently from its bytes (marks 200E/200F stay allowed).
_FORBIDDEN_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# Claim keys (docs/formats/token.md, "Claims").
ISS, EXP, IAT, CTI = 1, 4, 6, 7
VERSION, REGNO, FAMILY, GIVEN, MEMBERS, SIZE, SERIAL = -1, -2, -3, -4, -5, -6, -7
_REQUIRED = {ISS, IAT, CTI, VERSION, REGNO, FAMILY, GIVEN, MEMBERS, SIZE, SERIAL}
_ALLOWED = _REQUIRED | {EXP}


class Sex(IntEnum):
    """ISO/IEC 5218 codes."""

    UNKNOWN = 0
    MALE = 1
    FEMALE = 2
    NOT_APPLICABLE = 9




@dataclass(frozen=True)
class Member:
    """One household member as the token shows them: sex and (possibly estimated) birth year."""

    sex: Sex
    birth_year: int

    def __post_init__(self) -> None:
        if not isinstance(self.sex, Sex):
            raise InvalidInput("sex code {sex!r} is not an ISO/IEC 5218 code", sex=self.sex)
        if not _is_int(self.birth_year) or not MIN_BIRTH_YEAR <= self.birth_year <= MAX_BIRTH_YEAR:
            raise InvalidInput(
                "birth year {birth_year!r} is outside {min_birth_year}-{max_birth_year}",
                birth_year=self.birth_year, min_birth_year=MIN_BIRTH_YEAR, max_birth_year=MAX_BIRTH_YEAR
            )

    @property
    def code(self) -> int:
        """The member as one integer in the token: 10000 × sex + birth year (21988: a woman born 1988)."""
        return MEMBER_CODE_BASE * int(self.sex) + self.birth_year



@dataclass(frozen=True)
class Claims:
    """The signed content of a token. ``members[0]`` is the head of household."""

    registration_number: str
    family_name: str
    given_names: str
    members: tuple[Member, ...]
    household_size: int
    issuing_post: str
    issued_at: datetime
    token_id: bytes
    serial: int = 1
    expires_at: datetime | None = None

    def __post_init__(self) -> None:
        # Every decoded token passes here: cheap checks, one pass, no intermediate objects.
        if type(self.registration_number) is not str:
            raise InvalidInput("registration number must be text")
        if not is_canonical_regno(self.registration_number):
            parse_regno(self.registration_number)  # raises, naming the problem, if there is one
            # parse_regno forgives case and spaces; a token holds the one canonical spelling.
            raise InvalidInput("registration number must be written in capitals without spaces")
        check_post_id(self.issuing_post)
        _check_name("family name", self.family_name)
        _check_name("given names", self.given_names)
        if type(self.members) is not tuple or not 1 <= len(self.members) <= MAX_MEMBERS:
            raise InvalidInput("a token lists 1-{max_members} members", max_members=MAX_MEMBERS)
        if not all(map(isinstance, self.members, repeat(Member))):
            raise InvalidInput("members must be Member values")
        if not _is_int(self.household_size) or not len(self.members) <= self.household_size <= 999:
            raise InvalidInput("household size must be at least the number of members listed")
        if type(self.token_id) is not bytes or len(self.token_id) != TOKEN_ID_BYTES:
            raise InvalidInput("token id must be 16 bytes")
        if not _is_int(self.serial) or not 1 <= self.serial <= 9999:
            raise InvalidInput("serial must be 1-9999")
        if self.issued_at.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware (UTC)")  # a bug, not input
        if self.expires_at is not None and epoch(self.expires_at) <= epoch(self.issued_at):
            raise InvalidInput("a token must expire after it is issued")

    @classmethod
    def new(
        cls,
        *,
        registration_number: str,
        family_name: str,
        given_names: str,
        members: Iterable[Member],
        issuing_post: str,
        issued_at: datetime,
        household_size: int | None = None,
        serial: int = 1,
        expires_at: datetime | None = None,
    ) -> Claims:
        """Claims with a fresh random token id (never derived from the registration number).

        Names longer than the token allows are shortened with :func:`fit_name`;
        the slip should print ``claims.family_name`` / ``given_names`` so paper
        and QR agree.
        """
        members = tuple(members)
        return cls(
            registration_number=registration_number,
            family_name=fit_name(family_name),
            given_names=fit_name(given_names),
            members=members,
            household_size=len(members) if household_size is None else household_size,
            issuing_post=issuing_post,
            # Whole seconds: what the token can carry is what the object holds.
            issued_at=from_epoch(epoch(issued_at)),
            token_id=os.urandom(TOKEN_ID_BYTES),
            serial=serial,
            expires_at=None if expires_at is None else from_epoch(epoch(expires_at)),
        )

    def to_cbor_map(self) -> dict[int, Any]:
        out: dict[int, Any] = {
            ISS: self.issuing_post,
            IAT: epoch(self.issued_at),
            CTI: self.token_id,
            VERSION: CLAIMS_VERSION,
            REGNO: self.registration_number,
            FAMILY: self.family_name,
            GIVEN: self.given_names,
            MEMBERS: [m.code for m in self.members],
            SIZE: self.household_size,
            SERIAL: self.serial,
        }
        if self.expires_at is not None:
            out[EXP] = epoch(self.expires_at)
        return out

    @classmethod
    def from_cbor_map(cls, data: Any) -> Claims:
        """Parse a decoded claims map; ``InvalidInput`` naming the first problem.

        Only the shape needed to call the constructor is checked here;
        ``__post_init__`` validates values, once, for both directions.
        """
        if type(data) is not dict or not _REQUIRED.issubset(data) or not _ALLOWED.issuperset(data):
            raise InvalidInput("claims have missing or unknown fields")
        exp = data.get(EXP)
        fields = {
            "registration_number": data[REGNO],
            "family_name": data[FAMILY],
            "given_names": data[GIVEN],
            "members": _members(data[MEMBERS]),
            "household_size": data[SIZE],
            "issuing_post": data[ISS],
            "issued_at": _time(data[IAT]),
            "token_id": data[CTI],
            "serial": data[SERIAL],
            "expires_at": None if exp is None else _time(exp),
        }
        # What cls(**fields) does, minus the frozen dataclass's ten object.__setattr__
        # calls: a tenth of the Python time of verifying a scanned token.
        claims = object.__new__(cls)
        object.__setattr__(claims, "__dict__", fields)
        claims.__post_init__()
        return claims


def fit_name(name: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """Shorten ``name`` to at most ``max_bytes`` of UTF-8, preferring to cut between words.

    >>> fit_name("OULD MOHAMED EL MOCTAR OULD SIDI AHMED BOUBACAR")
    'OULD MOHAMED EL MOCTAR OULD SIDI AHMED'
    """
    name = name.strip()
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    cut = name.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    head, space, _ = cut.rpartition(" ")
    # Keep whole words unless that would throw away most of the name.
    return head.rstrip() if space and len(head) >= len(cut) // 2 else cut.rstrip()


def _members(value: object) -> tuple[Member, ...]:
    """Member codes -> shared Member values; ``InvalidInput`` if anything is off."""
    if type(value) is not list:
        raise InvalidInput("members must be a list of member codes (10000 × sex + birth year)")
    parsed: list[Member] = []
    for code in value:
        # type() first: true or 2.0 would otherwise find a member.
        member = _MEMBERS.get(code) if type(code) is int else None
        if member is None:
            raise InvalidInput(
                "a member code is not 10000 × ISO 5218 sex code + birth year {min_birth_year}-{max_birth_year}",
                min_birth_year=MIN_BIRTH_YEAR, max_birth_year=MAX_BIRTH_YEAR
            )
        parsed.append(member)
    return tuple(parsed)


def _check_name(label: str, name: object) -> None:
    if type(name) is not str or not name.strip() or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InvalidInput(
            "{label} must be 1-{max_name_bytes} bytes (use fit_name)",
            label=label, max_name_bytes=MAX_NAME_BYTES
        )
    if _FORBIDDEN_CHARS.search(name):
        raise InvalidInput("{label} contains control or text-direction override characters", label=label)


def _is_int(value: object) -> bool:
    return type(value) is int  # not bool, not an int subclass from a decoder


def _time(seconds: object) -> datetime:
    # Out-of-range timestamps are bad *input* here, not a corrupt local file.
    if type(seconds) is not int or not 0 <= seconds < 2**40:
        raise InvalidInput("a timestamp is out of range")
    return from_epoch(seconds)



# Every member a token can hold, made once (~800 values) and shared: decoding a
# token looks members up by code instead of validating and building them
# (verification hot path). Keys are plain ints: callers check the decoded types first.
_MEMBERS = {
    member.code: member
    for member in (Member(sex, year) for sex in Sex for year in range(MIN_BIRTH_YEAR, MAX_BIRTH_YEAR + 1))
}
