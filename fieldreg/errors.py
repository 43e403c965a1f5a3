"""One root for every failure FieldReg expects.

``FieldRegError`` subclasses are *known* failures: a wrong passphrase, a malformed
household, a full disk, a forged token. Their message is written for the person
at the keyboard and fits on one line; the CLI prints it and exits with
``exit_code``, the GUI shows it in a dialog, translated. Anything else is a
bug and is logged with its traceback.

The message is a template and its values (fieldreg/messages.py), so the app
can show it in the user's language::

    raise NotFound("no registration {regno} at this post", regno=regno)

``str(err)`` is the English sentence; ``err.message`` the
:class:`~fieldreg.messages.Message`. Subclasses that take more arguments take
the template last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any

from fieldreg.messages import Message, as_message


class FieldRegError(Exception):
    """An expected failure with a message a border officer can act on."""

    exit_code = 1

    def __init__(self, template: str | Message = "", /, **params: Any) -> None:
        self.message = Message(template, **params) if isinstance(template, str) else template
        super().__init__(str(self.message))


class InvalidInput(FieldRegError):
    """Input that cannot be accepted (bad JSON, bad registration number...)."""


# What kind of problem a Problem is: stable names a program (the app's form, a
# script reading ``fieldreg register --json``) can rely on while the wording
# changes or is translated. docs/formats/household.md lists them for users.
PROBLEM_CODES: dict[str, str] = {
    "not_json": "the input line is not JSON at all (no where, no field)",
    "not_utf8": "the input line holds bytes that are not UTF-8 text",
    "line_too_long": "the input line is longer than the limit (skipped unread)",
    "too_deep": "lists and objects nested deeper than the limit",
    "number_too_long": "a number written with more characters than the limit",
    "duplicate_key": "a key given twice in one object (at any depth)",
    "wrong_type": "a value of the wrong JSON type: text, a whole number, true/false, a list or an object expected",
    "unknown_key": "a key the format does not have; field is the object holding it, the message names the key",
    "required": "a required value is missing or blank",
    "one_of": "keys that exclude each other: exactly one of birth_date, birth_year, age; "
              "not both arrival_date and arrived_at",
    "too_long": "text over its length limit",
    "too_large": "a photo over its size limit, or more members than a household may have",
    "control_character": "text holding a control or invisible format character",
    "bad_character": "a name holding something else than letters, marks, spaces, apostrophes and hyphens",
    "no_letters": "a name without a single letter",
    "not_a_date": "not an ISO date (YYYY-MM-DD) or date-time",
    "no_time_zone": "a date-time without its offset from UTC",
    "future": "a date or year in the future",
    "too_old": "a birth that means an age over the limit, or before 1900",
    "too_early": "an arrival before the earliest date accepted",
    "negative": "a negative age",
    "not_a_country": "not an ISO 3166 alpha-3 country code",
    "not_a_language": "not an ISO 639 language code",
    "not_a_choice": "not one of the listed codes (sex, relationship, document type, specific need)",
    "bad_format": "a member id, phone number or photo not in the expected format",
    "no_members": "the household lists no member",
    "no_head": "no member is the head of household",
    "two_heads": "more than one member is the head of household",
    "duplicate_id": "two members share the same id",
    "wrong_regno": "a correction file that names another registration",
}

# Problems with the input's bytes rather than a household in it: no member, no field.
INPUT_CODES = frozenset({"not_json", "not_utf8", "line_too_long", "too_deep", "number_too_long", "duplicate_key"})


@dataclass(frozen=True)
class Problem:
    """One problem with a household, as a program reads it and as a person reads it.

    ``code`` says what is wrong (one of :data:`PROBLEM_CODES`); ``member`` where:
    None for the household itself, N for its Nth member (1-based, as listed);
    ``field`` the key within that object, as a JSON path (``"birth_date"``,
    ``"origin.country"``, ``"documents[0].type"`` -- list positions 0-based),
    or ``""`` for the object as a whole; ``message`` why, in words::

        >>> p = Problem("future", Message("{value} is in the future", value="2027-01-03"),
        ...             member=2, field="birth_date")
        >>> str(p)
        'member 2 birth_date: 2027-01-03 is in the future'
        >>> p.to_json()["field"], p.where
        ('birth_date', 'member 2')
    """

    code: str
    message: Message
    _: KW_ONLY
    member: int | None = None
    field: str = ""

    @property
    def where(self) -> str:
        """``"household"`` or ``"member N"``: how the line names the object."""
        return "household" if self.member is None else f"member {self.member}"

    @property
    def line(self) -> Message:
        """The whole line, where and why: what the CLI prints and the app translates."""
        if self.code in INPUT_CODES:  # not a household at all: nothing to point into
            return self.message
        place = " ".join(filter(None, (self.where, _spoken(self.field))))
        return Message("{where}: {problem}", where=place, problem=self.message)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "member": self.member, "field": self.field,
                "message": str(self.message)}

    def __str__(self) -> str:
        return str(self.line)


def _spoken(field: str) -> str:
    """A field path as the English line names it: documents[0].number -> document 1 number."""
    words = []
    for part in field.split(".") if field else ():
        name, bracket, index = part.partition("[")
        words.append(f"{name.removesuffix('s')} {int(index.rstrip(']')) + 1}" if bracket else name)
    return " ".join(words)


class ValidationError(InvalidInput):
    """A household failed validation; ``problems`` holds every :class:`Problem` found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        # The app translates each problem's line (fieldreg/ui/text.py) or marks
        # its field (fieldreg/station/form.py); the joined line is for the CLI and logs.
        super().__init__(as_message("; ".join(str(p) for p in self.problems)))


class NotFound(FieldRegError):
    """The registration, user or file asked for does not exist."""


class AuthError(FieldRegError):
    """Unknown user, wrong passphrase, locked or disabled account."""

    exit_code = 3


class WrongPassphrase(AuthError):
    """The passphrase does not open the account (``seconds``: the wait it now costs, if any)."""


class UnknownUser(WrongPassphrase):
    """No account of that name: refused with the same words, after the same work, as a wrong passphrase."""


class AccountDisabled(AuthError):
    """The account exists but a supervisor disabled it."""


class AccountTampered(AuthError):
    """The account row fails its signed grant: edited, copied or inserted outside FieldReg."""


class LockedOut(AuthError):
    """Too many wrong passphrases: the account refuses attempts for ``seconds`` more."""


class PassphraseTooShort(InvalidInput):
    """A new passphrase is shorter than the store allows."""


class PassphraseIsUserName(InvalidInput):
    """A new passphrase is the user's own name."""


class PermissionDenied(FieldRegError):
    """The signed-in user's role may not do this."""

    exit_code = 3


class StorageError(FieldRegError):
    """The environment failed us: disk full, read-only medium, I/O error."""


class DiskFull(StorageError):
    """The disk holding the data is full (SQLite's SQLITE_FULL, the system's ENOSPC): nothing was saved."""


class ReadOnlyStore(StorageError):
    """The data directory cannot be written (read-only folder or medium): only reading is possible."""


class CorruptData(FieldRegError):
    """Stored or received bytes fail their integrity check."""


class UnreadableRecord(CorruptData):
    """One registration cannot be opened: a part of it fails its integrity check.

    ``regno`` names the registration and ``part`` what failed, without any
    personal data (``households.summary``, ``members/<member id>.family_name``,
    ``history@<version>.previous``, or ``record`` when the whole row failed its
    authentication). The rest of the post keeps working: search, statistics and
    the export leave it out and name it (docs/store.md, "Corrupt records and
    concurrent corrections").
    """

    def __init__(self, regno: str, *, part: str) -> None:
        self.regno = regno
        self.part = part
        self.version: int | None = None  # the version that does not open, when known
        super().__init__(Message(
            "registration {regno} cannot be opened: its {part} fails its integrity check (damaged "
            "or altered); the other registrations are not affected", regno=regno, part=part))


# The sealed columns an unreadable part names, in words (an unknown column is named as written).
_COLUMN_WORDS = {
    "summary": Message("summary"),
    "attributes": Message("details"),
    "family_name": Message("family name"),
    "given_names": Message("given names"),
    "other_names": Message("other names"),
    "photo": Message("photo"),
    "void_reason": Message("reason for voiding"),
    "previous": Message("content"),
    "reason": Message("reason"),
}


def unreadable_part(part: str) -> Message:
    """An :class:`UnreadableRecord`'s ``part`` in words, for the app to translate.

    >>> str(unreadable_part("members/ab12.family_name"))
    'family name of member ab12'
    >>> str(unreadable_part("lost:history@2.previous"))
    'content of version 2 (replaced while it could not be opened)'
    """
    if part.startswith("lost:"):
        return Message("{part} (replaced while it could not be opened)",
                       part=unreadable_part(part.removeprefix("lost:")))
    if part == "record":
        return Message("whole record")
    place, _, column = part.rpartition(".")
    words = _COLUMN_WORDS.get(column) or Message("{column}", column=column)
    if place.startswith("members/"):
        return Message("{field} of member {member}", field=words, member=place.removeprefix("members/"))
    if place.startswith("history@"):
        return Message("{field} of version {version}", field=words, version=place.removeprefix("history@"))
    return Message("household {field}", field=words)


class StaleVersion(InvalidInput):
    """A correction was made from a version of a registration that has changed since."""


class TokenInvalid(FieldRegError):
    """A QR token is malformed, forged, or signed by an unknown or revoked key."""

    exit_code = 4


class TokenRevoked(FieldRegError):
    """A genuine token whose id HQ has revoked."""

    exit_code = 5
