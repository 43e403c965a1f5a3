"""USB barcode scanners that type through the wrong keyboard layout: recognise it, undo it, advise.

    text, mangled = repair_scanned('FR&M6BF...')   # ('FR1:6BF...', True)
    repair_scanned('FR1:6BF...')                    # ('FR1:6BF...', False): good input is never touched
    mangle_us_on_azerty('0123')                     # 'à&é"': what such a scanner types

A USB scanner is a keyboard: it sends key positions, and the computer turns
them into characters with *its own* layout. A scanner set to the US layout on
a computer set to French AZERTY sends "the key of 1" and the computer types
``&``; "Shift + the key of ;" (a US colon) becomes ``M``. The mapping below is
exactly that, for every character a token or a registration number can hold
(base45: ``0-9``, ``A-Z``, space, ``$ % * + - . / :``). It is one-to-one, so it
can be undone without guessing.

A text is repaired only when it is not acceptable as typed (a well-formed
token or a registration number with a correct check character) and becomes
acceptable once un-mapped: a good scan is never "repaired", and garbage stays
garbage for the verifier to reject. Signatures are not checked here; the
verifier does that on the repaired text.
"""

from __future__ import annotations

from fieldreg.errors import InvalidInput
from fieldreg.regno import parse_regno
from fieldreg.tokens import TokenError, decode_token

# What each character a US-layout scanner means comes out as on a French AZERTY keyboard
# (same physical key, same Shift state). Characters not listed come out unchanged.
US_TO_AZERTY: dict[str, str] = {
    # number row, unshifted on US; AZERTY gives the symbols without Shift
    "1": "&", "2": "é", "3": '"', "4": "'", "5": "(",
    "6": "-", "7": "è", "8": "_", "9": "ç", "0": "à",
    # Shift + number row on US; AZERTY gives the digits with Shift
    "$": "4", "%": "5", "*": "8",
    # keys right of 0 (US "-" and "="): AZERTY ")" and "="/"+"
    "-": ")", "+": "+",
    # capitals: Shift + the key; A/Q and Z/W are swapped, US M's key is AZERTY ","/"?"
    "A": "Q", "Q": "A", "Z": "W", "W": "Z", "M": "?",
    # punctuation keys of the bottom row and the US ";" key (AZERTY "m"/"M")
    ":": "M", ".": ":", "/": "!",
}
AZERTY_TO_US: dict[str, str] = {azerty: us for us, azerty in US_TO_AZERTY.items()}
_TO_AZERTY = str.maketrans(US_TO_AZERTY)
_TO_US = str.maketrans(AZERTY_TO_US)

_MANGLED_PREFIX = "FR&M"  # "FR1:" typed by such a scanner
# What the digits come out as, less "-" (itself a token character): never in a good scan.
_AZERTY_DIGITS = frozenset(US_TO_AZERTY[d] for d in "0123456789") - {"-"}

SCANNER_ADVICE = (
    "The scanner types as if this computer had an American (QWERTY) keyboard, but it has a "
    "French (AZERTY) one, so numbers came out as symbols. FieldReg corrected this scan. "
    "To fix it for good, set the scanner's keyboard layout (often called 'keyboard language' "
    "or 'country' in its 'keyboard emulation' settings) to French (AZERTY), usually by "
    "scanning the 'French keyboard' barcode in its manual."
)

if len(AZERTY_TO_US) != len(US_TO_AZERTY):  # pragma: no cover - a typo in the table
    raise AssertionError("US_TO_AZERTY must be one-to-one")


def mangle_us_on_azerty(text: str) -> str:
    """What a scanner set to a US layout types for ``text`` on a French AZERTY computer."""
    return text.translate(_TO_AZERTY)


def unmangle_us_on_azerty(text: str) -> str:
    """Undo :func:`mangle_us_on_azerty` (characters outside the mapping are kept as they are)."""
    return text.translate(_TO_US)


def looks_mangled(text: str) -> bool:
    """Does ``text`` bear the marks of a US-layout scanner on AZERTY, repairable or not?

    For advice only (say how to set the scanner even when a damaged scan could not be
    repaired); :func:`repair_scanned` decides what is verified.
    """
    typed = text.strip()
    return typed.startswith(_MANGLED_PREFIX) or sum(c in _AZERTY_DIGITS for c in typed) >= 3


def is_acceptable(text: str) -> bool:
    """Is ``text`` a well-formed token (signature not checked) or a correct registration number?"""
    text = text.strip()
    if ":" in text:
        try:
            decode_token(text)
        except TokenError:
            return False
        return True
    try:
        parse_regno(text)
    except InvalidInput:
        return False
    return True


def repair_scanned(text: str) -> tuple[str, bool]:
    """``(text to verify, was_mangled)``: undo the US-on-AZERTY mangling only where it is certain.

    Surrounding spaces and the scanner's line ending are removed either way.
    """
    typed = text.strip()
    if not typed or is_acceptable(typed):
        return typed, False
    repaired = unmangle_us_on_azerty(typed)
    if repaired != typed and is_acceptable(repaired):
        return repaired, True
    return typed, False
