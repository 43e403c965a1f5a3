"""What one value must be: a name, a phone number, a language or country code, a reason.

    clean_text("  Awa   Traoré ")      # "Awa Traoré", NFC: what is stored for any text
    name_problem("Awa3")               # ("bad_character", Message(...)); None for a good name
    "MLI" in country_codes()           # ISO 3166 alpha-3, from fieldreg/data/countries.txt
    clean_reason("  typo in\\nname ")  # "typo in name"; InvalidInput when empty or too long

The household parser (:mod:`fieldreg.validation.household`) applies these to
every field; the form and the station use them one value at a time.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from functools import cache
from importlib import resources

from fieldreg.errors import InvalidInput
from fieldreg.messages import Message

MAX_NAME = 100
MAX_PLACE = 100
MAX_NOTES = 2000
MAX_REASON = 500

# Apostrophes as typed on French, English and phone keyboards.
_NAME_PUNCTUATION = {" ", "-", "'", "\u2019", "\u02bc"}
_WITHOUT_NAME_PUNCTUATION = str.maketrans(dict.fromkeys(_NAME_PUNCTUATION))
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{3,19}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
MEMBER_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@cache
def country_codes() -> frozenset[str]:
    text = resources.files("fieldreg.data").joinpath("countries.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def clean_reason(reason: str) -> str:
    """A correction's, void's or reissue's reason: required, on one line, bounded."""
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise InvalidInput("a reason is required")
    if len(cleaned) > MAX_REASON:
        raise InvalidInput(
            "the reason is {length} characters long (at most {most})",
            length=len(cleaned), most=MAX_REASON
        )
    return cleaned


def new_member_id() -> str:
    return secrets.token_hex(8)


def clean_text(value: str) -> str:
    """NFC-normalise and collapse runs of whitespace; what we store for any text."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def has_control(value: str) -> bool:
    # A printable string has no character of any C* category: the common case, at C speed.
    if value.isprintable():
        return False
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in value)


def name_problem(value: str) -> tuple[str, Message] | None:
    """Why ``value`` is not an acceptable name (a problem code and its words), or None."""
    if has_control(value):
        return "control_character", Message("contains control characters")
    if len(value) > MAX_NAME:
        return "too_long", Message("is {length} characters long (at most {most})", length=len(value), most=MAX_NAME)
    # isalpha() is "non-empty and every character in L*": such a name, once its punctuation
    # is set aside, passes the loop below; only names with combining marks or other
    # characters take the loop, which names the first bad one.
    if value.translate(_WITHOUT_NAME_PUNCTUATION).isalpha():
        return None
    for ch in value:
        if ch in _NAME_PUNCTUATION:
            continue
        # L*: letters of any script (Latin, Arabic, N'Ko...); M*: combining marks
        # (accents, Arabic harakat, N'Ko tone marks).
        if unicodedata.category(ch)[0] not in "LM":
            return "bad_character", Message(
                "contains {character!r}; only letters, spaces, apostrophes and hyphens are allowed", character=ch)
    if not any(unicodedata.category(ch)[0] == "L" for ch in value):
        return "no_letters", Message("has no letters")
    return None
