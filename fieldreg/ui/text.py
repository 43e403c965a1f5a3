"""The core's messages in the user's language.

The core writes English templates with their values (fieldreg/messages.py);
scripts/translations.py extracts the templates into the ``Core`` context of
the .ts files. Here a template is looked up and the values filled in, those
that are messages themselves translated first::

    label.setText(translated(err.message))     # or error_text(err)

A template nobody has translated yet shows in English, never as a blank.

A problem with a household (:class:`~fieldreg.errors.Problem`) is never shown
as the core's English line ("member 2 birth_date: ..."): :func:`describe_spot`
and :func:`describe_problem` name its place by the member's number and the
form's label of its field, and word it by its code (the form's own words where
the core's would name JSON keys or codes), else by its message, translated::

    >>> describe_spot(Spot(2, "birth", "future", Message("{value} is in the future", value="2027-01-03")))
    'Member 2 · Age or birth date: 2027-01-03 is in the future'

The core's messages are fragments, lower-case and without a full stop (the
command line prints ``error: ...`` and other messages quote them).
:func:`error_text` is what a screen shows on its own, so it makes the fragment a
sentence: a capital first, a full stop last (``as_sentence``).
"""

from __future__ import annotations

import errno
import sqlite3

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldreg.errors import INPUT_CODES, FieldRegError, Problem, UnreadableRecord, ValidationError, unreadable_part
from fieldreg.messages import Message, Refusal
from fieldreg.model import Unreadable
from fieldreg.station.form import FormInvalid, Spot, form_field

CONTEXT = "Core"


def _shown(value: object) -> object:
    """A message's value as the user reads it: a Message translated, a refusal of the system
    or of SQLite worded by its code (their own words are English)."""
    if isinstance(value, Message):
        return translated(value)
    if isinstance(value, Refusal):
        return os_reason(value.error)
    if isinstance(value, sqlite3.Error):
        return sqlite_reason(value)
    return value


def translated(message: Message | str) -> str:
    """``message`` in the current language (a plain string is shown as it is)."""
    if isinstance(message, str):
        return message
    template = QCoreApplication.translate(CONTEXT, message.template)
    if not message.params:
        return template
    params = {k: _shown(v) for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation naming a value the code no longer gives: the English is right.
        return message.template.format(**params)


_TYPE_A_BIRTH = QT_TRANSLATE_NOOP("FormProblems", "type an age, a birth date or a birth year")
_CHOOSE_SEX = QT_TRANSLATE_NOOP("FormProblems", "choose female, male or other")
_CHOOSE_RELATIONSHIP = QT_TRANSLATE_NOOP("FormProblems", "choose the relationship to the head of household")
_CHOOSE_DOCUMENT = QT_TRANSLATE_NOOP("FormProblems", "choose the type of document in the list and type its number")
_COUNTRY_CODE = QT_TRANSLATE_NOOP("FormProblems", "not a country code: type three letters, e.g. MLI, BFA, CIV")
_RECORD_CONSENT = QT_TRANSLATE_NOOP("FormProblems", "tick the box if the people registered gave their consent")
_TYPE_THE_HEAD = QT_TRANSLATE_NOOP("FormProblems", "type at least the head of household")
# The form's own words for a problem, by (code, form field); a field of None
# stands for any field without its own entry. QT_TRANSLATE_NOOP marks the
# English for lupdate and returns it (typed ``object``): explain() translates it.
_WORDING: dict[tuple[str, str | None], object] = {
    ("required", None): QT_TRANSLATE_NOOP("FormProblems", "required"),
    ("required", "birth"): _TYPE_A_BIRTH,
    ("one_of", "birth"): _TYPE_A_BIRTH,
    ("not_a_date", "birth"): QT_TRANSLATE_NOOP("FormProblems", "not a date: type it as DD/MM/YYYY, e.g. 02/03/2019"),
    ("wrong_type", "birth"): QT_TRANSLATE_NOOP("FormProblems", "not a whole number"),
    ("no_head", None): QT_TRANSLATE_NOOP("FormProblems", "one member must be the head of household"),
    ("two_heads", None): QT_TRANSLATE_NOOP("FormProblems", "only one member can be the head of household"),
    ("not_a_country", None): _COUNTRY_CODE,
    ("not_a_choice", "sex"): _CHOOSE_SEX,
    ("wrong_type", "sex"): _CHOOSE_SEX,
    ("not_a_choice", "relationship"): _CHOOSE_RELATIONSHIP,
    ("wrong_type", "relationship"): _CHOOSE_RELATIONSHIP,
    ("not_a_choice", "documents"): _CHOOSE_DOCUMENT,
    ("wrong_type", "documents"): _CHOOSE_DOCUMENT,
    ("not_a_choice", "specific_needs"):
        QT_TRANSLATE_NOOP("FormProblems", "tick the specific needs in the list"),
    ("wrong_type", "origin_country"): _COUNTRY_CODE,
    ("required", "consent"): _RECORD_CONSENT,
    ("wrong_type", "consent"): _RECORD_CONSENT,
    ("one_of", "arrival"): QT_TRANSLATE_NOOP("FormProblems", "give the arrival date once: a date, or a date and time"),
    ("no_members", None): _TYPE_THE_HEAD,
    ("wrong_type", "members"): _TYPE_THE_HEAD,
    ("bad_character", None):
        QT_TRANSLATE_NOOP("FormProblems", "only letters, spaces, apostrophes and hyphens are allowed"),
}


def field_label(name: str) -> str:
    """A form field's name as its label reads, in the user's language."""
    return {
        "given_names": QCoreApplication.translate("FormProblems", "Given names"),
        "family_name": QCoreApplication.translate("FormProblems", "Family name"),
        "sex": QCoreApplication.translate("FormProblems", "Sex"),
        "relationship": QCoreApplication.translate("FormProblems", "Relationship"),
        "birth": QCoreApplication.translate("FormProblems", "Age or birth date"),
        "other_names": QCoreApplication.translate("FormProblems", "Other names"),
        "nationality": QCoreApplication.translate("FormProblems", "Nationality"),
        "phone": QCoreApplication.translate("FormProblems", "Phone"),
        "languages": QCoreApplication.translate("FormProblems", "Languages"),
        "specific_needs": QCoreApplication.translate("FormProblems", "Specific needs"),
        "documents": QCoreApplication.translate("FormProblems", "Identity document"),
        "origin_country": QCoreApplication.translate("FormProblems", "Country of origin"),
        "origin_region": QCoreApplication.translate("FormProblems", "Region"),
        "origin_locality": QCoreApplication.translate("FormProblems", "Village / town"),
        "destination": QCoreApplication.translate("FormProblems", "Going to"),
        "travel_mode": QCoreApplication.translate("FormProblems", "Travelled by"),
        "arrival": QCoreApplication.translate("FormProblems", "Arrival date"),
        "consent": QCoreApplication.translate("FormProblems", "Consent"),
        "notes": QCoreApplication.translate("FormProblems", "Notes"),
        "members": QCoreApplication.translate("FormProblems", "Members"),
        "photo": QCoreApplication.translate("FormProblems", "Photo"),
        "id": QCoreApplication.translate("FormProblems", "Member's identifier"),
    }.get(name, QCoreApplication.translate("FormProblems", "Household"))


def explain(spot: Spot) -> str:
    """Why the field is marked, in the user's language: the form's words for its code, else the core's."""
    wording = _WORDING.get((spot.code, spot.field)) or _WORDING.get((spot.code, None))
    if wording is not None:
        return QCoreApplication.translate("FormProblems", str(wording))
    return translated(spot.message)


def describe_spot(spot: Spot) -> str:
    """One line: where (member N · field, or the household field) and why."""
    label = field_label(spot.field)
    if spot.member is not None:
        if spot.field == "member":  # the member as a whole
            return QCoreApplication.translate("FormProblems", "Member {number}: {why}").format(
                number=spot.member, why=explain(spot))
        return QCoreApplication.translate("FormProblems", "Member {number} · {field}: {why}").format(
            number=spot.member, field=label, why=explain(spot))
    return QCoreApplication.translate("FormProblems", "{field}: {why}").format(field=label, why=explain(spot))


def describe_problem(problem: Problem) -> str:
    """A problem of :func:`fieldreg.validation.parse_household` as :func:`describe_spot` words it;
    one with the input's bytes (not JSON, not UTF-8...) is the core's message, translated."""
    if problem.code in INPUT_CODES:
        return translated(problem.message)
    return describe_spot(Spot(problem.member, form_field(problem), problem.code, problem.message))


def as_sentence(text: str) -> str:
    """``l'empreinte ne correspond pas`` -> ``L'empreinte ne correspond pas.``"""
    text = text.strip()
    if not text:
        return text
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def joined(parts: list[str]) -> str:
    """``parts`` one after the other, with semicolons: ``a; b; c`` (``a\u00a0; b`` in French)."""
    text = parts[0] if parts else ""
    for part in parts[1:]:  # French puts a non-breaking space before the semicolon
        text = QCoreApplication.translate("Text", "{first}; {then}").format(first=text, then=part)
    return text


def error_text(err: FieldRegError, *, sentence: bool = True) -> str:
    """What went wrong, one sentence, translated (each problem of a ValidationError);
    ``sentence=False``: the fragment, to go inside another message ("Not loaded: {reason}")."""
    if isinstance(err, ValidationError):
        lines = ([describe_spot(s) for s in err.spots] if isinstance(err, FormInvalid)
                 else [describe_problem(p) for p in err.problems])
        text = joined(lines)
        return as_sentence(text) if sentence else text
    message = err.message
    if isinstance(err, UnreadableRecord):  # the part in words, not as the store names it
        message = message.with_values(**{**message.params, "part": unreadable_part(err.part)})
    text = translated(message)
    return as_sentence(text) if sentence else text


def os_reason(err: OSError) -> str:
    """Why the operating system refused, in the user's language: its own words (``strerror``)
    are in the system's language, often English, so the common cases are worded here."""
    words = {
        errno.ENOENT: QT_TRANSLATE_NOOP("Text", "the file or folder does not exist"),
        errno.EACCES: QT_TRANSLATE_NOOP("Text", "permission denied"),
        errno.EPERM: QT_TRANSLATE_NOOP("Text", "permission denied"),
        errno.ENOSPC: QT_TRANSLATE_NOOP("Text", "the disk is full"),
        errno.EROFS: QT_TRANSLATE_NOOP("Text", "the disk or stick is read-only"),
        errno.EIO: QT_TRANSLATE_NOOP("Text", "the disk or stick could not be read or written (faulty medium?)"),
        errno.EISDIR: QT_TRANSLATE_NOOP("Text", "this is a folder, not a file"),
        errno.ENOTDIR: QT_TRANSLATE_NOOP("Text", "a part of the path is not a folder"),
        errno.EEXIST: QT_TRANSLATE_NOOP("Text", "it already exists"),
        errno.ENODEV: QT_TRANSLATE_NOOP("Text", "the device is gone (stick removed?)"),
        errno.ENXIO: QT_TRANSLATE_NOOP("Text", "the device is gone (stick removed?)"),
        errno.EBUSY: QT_TRANSLATE_NOOP("Text", "the file or device is busy"),
        errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Text", "the name is too long"),
    }.get(err.errno or 0)
    if words is not None:
        return QCoreApplication.translate("Text", str(words))
    code = errno.errorcode.get(err.errno or 0, type(err).__name__)
    return QCoreApplication.translate("Text", "the system refused ({code})").format(code=code)


def sqlite_reason(err: sqlite3.Error) -> str:
    """Why SQLite refused, by its result code (its own words are English)."""
    code = getattr(err, "sqlite_errorcode", 0) & 0xFF
    words = {
        sqlite3.SQLITE_BUSY: QT_TRANSLATE_NOOP("Text", "the data file is in use by another program"),
        sqlite3.SQLITE_LOCKED: QT_TRANSLATE_NOOP("Text", "the data file is in use by another program"),
        sqlite3.SQLITE_IOERR: QT_TRANSLATE_NOOP("Text", "the disk could not be read or written (faulty medium?)"),
        sqlite3.SQLITE_CORRUPT: QT_TRANSLATE_NOOP("Text", "the data file is damaged"),
        sqlite3.SQLITE_NOTADB: QT_TRANSLATE_NOOP("Text", "this is not a FieldReg data file"),
        sqlite3.SQLITE_FULL: QT_TRANSLATE_NOOP("Text", "the disk is full"),
        sqlite3.SQLITE_CANTOPEN: QT_TRANSLATE_NOOP("Text", "the data file cannot be opened"),
        sqlite3.SQLITE_PERM: QT_TRANSLATE_NOOP("Text", "the data file cannot be written"),
        sqlite3.SQLITE_READONLY: QT_TRANSLATE_NOOP("Text", "the data file cannot be written"),
    }.get(code)
    if words is not None:
        return QCoreApplication.translate("Text", str(words))
    name = getattr(err, "sqlite_errorname", None) or type(err).__name__
    return QCoreApplication.translate("Text", "the database refused ({code})").format(code=name)


def unreadable_line(found: Unreadable) -> str:
    """``TGR1-26-000003-K version 2 (family name of member ab12)``, in the user's language."""
    part = translated(unreadable_part(found.part))
    if found.version is None:
        return QCoreApplication.translate("Text", "{regno} ({part})").format(regno=found.regno, part=part)
    return QCoreApplication.translate("Text", "{regno} version {version} ({part})").format(
        regno=found.regno, version=found.version, part=part)
