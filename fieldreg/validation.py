"""Turn untrusted household JSON into a valid :class:`~fieldreg.model.Household`.

Every problem found is reported, each a :class:`~fieldreg.errors.Problem`
naming what (its code), the member and the field, so an officer (or a script
author) can fix them all in one pass::

    try:
        household = parse_household(obj, now=datetime(2026, 11, 20, tzinfo=timezone.utc))
    except ValidationError as err:
        for problem in err.problems:
            print(problem)   # "member 2 birth_date: 2027-01-03 is in the future"
            problem.code, problem.member, problem.field   # "future", 2, "birth_date"

The accepted shape is documented in docs/formats/household.md.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any

from fieldreg.errors import InvalidInput, Problem, ValidationError
from fieldreg.messages import Message
from fieldreg.model import (
    DOCUMENT_TYPES,
    RELATIONSHIPS,
    SEXES,
    SPECIFIC_NEEDS,
    Birth,
    Document,
    Household,
    Member,
    Origin,
    Registration,
)

MAX_NAME = 100
MAX_PLACE = 100
MAX_NOTES = 2000
MAX_AGE = 120
MAX_PHOTO_BYTES = 256 * 1024
MAX_MEMBERS = 40

HOUSEHOLD_KEYS = {
    "arrival_date", "arrived_at", "origin", "destination", "travel_mode",
    "consent", "notes", "members",
}
ORIGIN_KEYS = {"country", "region", "locality"}
MEMBER_KEYS = {
    "id", "given_names", "family_name", "other_names", "sex", "birth_date",
    "birth_year", "age", "birth_estimated", "relationship", "nationality",
    "languages", "documents", "phone", "specific_needs", "photo",
}
DOCUMENT_KEYS = {"type", "number"}

# Apostrophes as typed on French, English and phone keyboards.
_NAME_PUNCTUATION = {" ", "-", "'", "\u2019", "\u02bc"}
# A laptop clock a few minutes ahead of the officer's watch is not an error.
_CLOCK_SLACK = timedelta(minutes=10)
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-]{3,19}$")
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")
_MEMBER_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@cache
def country_codes() -> frozenset[str]:
    text = resources.files("fieldreg.data").joinpath("countries.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


MAX_REASON = 500


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


def _has_control(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in value)


def name_problem(value: str) -> tuple[str, Message] | None:
    """Why ``value`` is not an acceptable name (a problem code and its words), or None."""
    if _has_control(value):
        return "control_character", Message("contains control characters")
    if len(value) > MAX_NAME:
        return "too_long", Message("is {length} characters long (at most {most})", length=len(value), most=MAX_NAME)
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


def _path(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


class _Problems:
    """Collects every problem found, each with its code and where it is.

    ``member`` is None for the household or the member's number; ``field`` the
    JSON path within that object (docs/formats/household.md, "Errors").
    """

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, code: str, member: int | None, field: str, problem: str | Message, /, **params: Any) -> None:
        message = Message(problem, **params) if isinstance(problem, str) else problem
        self.found.append(Problem(code, message, member=member, field=field))

    def unknown_keys(self, member: int | None, field: str, obj: dict[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(obj) - allowed):
            self.add("unknown_key", member, field, "unknown key {key!r}", key=key)


def _given_text(
    problems: _Problems, member: int | None, prefix: str, obj: dict[str, Any], key: str, *, required: bool
) -> str | None:
    """The raw text at ``key``, or None (with a problem when it was required or not text)."""
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add("required", member, _path(prefix, key), "is required")
        return None
    if not isinstance(value, str):
        problems.add("wrong_type", member, _path(prefix, key), "must be text")
        return None
    return value


def _text(
    problems: _Problems, member: int | None, prefix: str, obj: dict[str, Any], key: str, *,
    required: bool, max_len: int,
) -> str:
    value = _given_text(problems, member, prefix, obj, key, required=required)
    if value is None:
        return ""
    if _has_control(value):
        problems.add("control_character", member, _path(prefix, key), "contains control characters")
        return ""
    cleaned = clean_text(value)
    if len(cleaned) > max_len:
        problems.add("too_long", member, _path(prefix, key), "is {length} characters long (at most {most})",
                     length=len(cleaned), most=max_len)
        return ""
    return cleaned


def _name(problems: _Problems, member: int, obj: dict[str, Any], key: str, *, required: bool) -> str:
    value = _given_text(problems, member, "", obj, key, required=required)
    if value is None:
        return ""
    cleaned = value if _has_control(value) else clean_text(value)
    why = name_problem(cleaned)
    if why:
        problems.add(why[0], member, key, why[1])
        return ""
    return cleaned


def _country(problems: _Problems, member: int | None, field: str, value: Any, *, required: bool) -> str:
    if value is None or value == "":
        if required:
            problems.add("required", member, field, "is required (ISO 3166 alpha-3, e.g. MLI)")
        return ""
    if not isinstance(value, str) or value.upper() not in country_codes():
        problems.add("not_a_country", member, field,
                     "{value!r} is not an ISO 3166 alpha-3 country code (e.g. MLI, BFA)", value=value)
        return ""
    return value.upper()


def _arrival(problems: _Problems, obj: dict[str, Any], now: datetime) -> tuple[datetime, bool]:
    if "arrived_at" in obj and "arrival_date" in obj:
        problems.add("one_of", None, "", "give arrival_date or arrived_at, not both")
        return now, True
    if "arrived_at" in obj:
        raw = obj["arrived_at"]
        try:
            moment = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
        except ValueError:
            problems.add("not_a_date", None, "arrived_at", "{raw!r} is not an ISO date-time", raw=raw)
            return now, True
        if moment.tzinfo is None:
            problems.add("no_time_zone", None, "arrived_at", "needs a time zone (e.g. 2026-11-20T08:30Z)")
            return now, True
        moment = moment.astimezone(UTC)
        if moment > now.replace(microsecond=0) + _CLOCK_SLACK:
            problems.add("future", None, "arrived_at", "{raw} is in the future", raw=raw)
        return moment, True
    if "arrival_date" in obj:
        raw = obj["arrival_date"]
        try:
            day = date.fromisoformat(str(raw))
        except ValueError:
            problems.add("not_a_date", None, "arrival_date", "{raw!r} is not an ISO date (YYYY-MM-DD)", raw=raw)
            return now, True
        if day > now.date():
            problems.add("future", None, "arrival_date", "{raw} is in the future", raw=raw)
        return datetime.combine(day, time(), tzinfo=UTC), False
    return now.replace(microsecond=0), True


def _birth(problems: _Problems, member: int, obj: dict[str, Any], today: date) -> Birth | None:
    given = [k for k in ("birth_date", "birth_year", "age") if obj.get(k) is not None]
    # What we emit for an age-based estimate: accept it back when consistent.
    if ("age" in given and "birth_year" in given
            and obj.get("birth_year") == _int_or_none(obj.get("age"), today)):
        given.remove("birth_year")
    if len(given) != 1:
        if given:
            problems.add("one_of", member, "", "give exactly one of birth_date, birth_year or age (got {given})",
                         given=", ".join(given))
        else:
            problems.add("one_of", member, "", "give exactly one of birth_date, birth_year or age")
        return None
    key = given[0]
    value = obj[key]
    if key == "birth_date":
        try:
            born = date.fromisoformat(str(value))
        except ValueError:
            problems.add("not_a_date", member, key, "{value!r} is not an ISO date (YYYY-MM-DD)", value=value)
            return None
        if born > today:
            problems.add("future", member, key, "{value} is in the future", value=value)
            return None
        if today.year - born.year > MAX_AGE:
            problems.add("too_old", member, key, "{value} means an age over {max_age}", value=value, max_age=MAX_AGE)
            return None
        return Birth.from_date(born)
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add("wrong_type", member, key, "must be a whole number")
        return None
    if key == "birth_year":
        if value > today.year:
            problems.add("future", member, key, "{value} is in the future", value=value)
            return None
        if today.year - value > MAX_AGE:
            problems.add("too_old", member, key, "{value} means an estimated age over {max_age}",
                         value=value, max_age=MAX_AGE)
            return None
        return Birth.from_year(value)
    if value < 0:
        problems.add("negative", member, key, "cannot be negative")
        return None
    if value > MAX_AGE:
        problems.add("too_old", member, key, "estimated age {value} is over {max_age}", value=value, max_age=MAX_AGE)
        return None
    return Birth.from_age(value, on=today)


def _int_or_none(age: Any, today: date) -> int | None:
    return today.year - age if isinstance(age, int) and not isinstance(age, bool) else None


def _string_list(problems: _Problems, member: int, key: str, value: Any) -> list[str] | None:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add("wrong_type", member, key, "must be a list of text codes")
        return None
    return value


def _documents(problems: _Problems, member: int, value: Any) -> tuple[Document, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add("wrong_type", member, "documents", "must be a list of {type, number}")
        return ()
    documents = []
    for index, doc in enumerate(value):
        spot = f"documents[{index}]"
        if not isinstance(doc, dict):
            problems.add("wrong_type", member, spot, "must be an object with type and number")
            continue
        problems.unknown_keys(member, spot, doc, DOCUMENT_KEYS)
        doc_type = doc.get("type")
        if doc_type not in DOCUMENT_TYPES:
            problems.add("not_a_choice", member, f"{spot}.type", "{doc_type!r} is not one of {choices}",
                         doc_type=doc_type, choices=", ".join(DOCUMENT_TYPES))
        number = _text(problems, member, spot, doc, "number", required=True, max_len=40)
        if doc_type in DOCUMENT_TYPES and number:
            documents.append(Document(str(doc_type), number))
    return tuple(documents)


def _photo(problems: _Problems, member: int, value: Any) -> bytes | None:
    if value is None:
        return None
    try:
        photo = base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError):
        problems.add("bad_format", member, "photo", "is not base64")
        return None
    if len(photo) > MAX_PHOTO_BYTES:
        problems.add("too_large", member, "photo", "is {size} bytes (at most {most})",
                     size=len(photo), most=MAX_PHOTO_BYTES)
        return None
    if not (photo.startswith(b"\xff\xd8\xff") or photo.startswith(b"\x89PNG\r\n\x1a\n")):
        problems.add("bad_format", member, "photo", "must be a JPEG or PNG image")
        return None
    return photo


def _member(problems: _Problems, member: int, obj: Any, today: date) -> Member | None:
    if not isinstance(obj, dict):
        problems.add("wrong_type", member, "", "must be an object")
        return None
    before = len(problems.found)
    problems.unknown_keys(member, "", obj, MEMBER_KEYS)
    member_id = obj.get("id") or new_member_id()
    if not isinstance(member_id, str) or not _MEMBER_ID_RE.match(member_id):
        problems.add("bad_format", member, "id", "must be 1-40 letters, digits, '-' or '_'")
    given = _name(problems, member, obj, "given_names", required=True)
    family = _name(problems, member, obj, "family_name", required=True)
    other = _name(problems, member, obj, "other_names", required=False)
    sex = obj.get("sex")
    if sex not in SEXES:
        problems.add("not_a_choice", member, "sex",
                     "{sex!r} is not a sex code (F, M or X)", sex=sex)
    relationship = obj.get("relationship")
    if relationship not in RELATIONSHIPS:
        problems.add(
            "not_a_choice", member, "relationship",
            "{relationship!r} is not one of {choices}", relationship=relationship, choices=", ".join(RELATIONSHIPS)
        )
    birth = _birth(problems, member, obj, today)
    if "birth_estimated" in obj and not isinstance(obj["birth_estimated"], bool):
        problems.add("wrong_type", member, "birth_estimated", "must be true or false")
    nationality = _country(problems, member, "nationality", obj.get("nationality"), required=False)
    languages = _string_list(problems, member, "languages", obj.get("languages")) or []
    for code in languages:
        if not _LANGUAGE_RE.match(code):
            problems.add("not_a_language", member, "languages", "{code!r} is not an ISO 639 code (e.g. bm, ff, fr)",
                         code=code)
    needs = _string_list(problems, member, "specific_needs", obj.get("specific_needs")) or []
    for code in needs:
        if code not in SPECIFIC_NEEDS:
            problems.add(
                "not_a_choice", member, "specific_needs", "{code!r} is not one of {choices}",
                code=code, choices=", ".join(SPECIFIC_NEEDS)
            )
    documents = _documents(problems, member, obj.get("documents"))
    phone = _text(problems, member, "", obj, "phone", required=False, max_len=20)
    if phone and not _PHONE_RE.match(phone):
        problems.add("bad_format", member, "phone", "may hold only digits, spaces, hyphens and a leading +")
    photo = _photo(problems, member, obj.get("photo"))
    if len(problems.found) > before or birth is None:
        return None
    return Member(
        id=str(member_id), given_names=given, family_name=family, other_names=other,
        sex=str(sex), relationship=str(relationship), birth=birth, nationality=nationality,
        languages=tuple(dict.fromkeys(languages)), documents=documents, phone=phone,
        specific_needs=tuple(dict.fromkeys(needs)), photo=photo,
    )


def parse_household(obj: Any, *, now: datetime | None = None) -> Household:
    """Validate a household JSON object; raise ``ValidationError`` listing every problem."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    problems = _Problems()
    if not isinstance(obj, dict):
        raise ValidationError([Problem("wrong_type", Message("must be a JSON object"))])
    problems.unknown_keys(None, "", obj, HOUSEHOLD_KEYS)
    arrived_at, time_known = _arrival(problems, obj, now)
    today = arrived_at.date() if arrived_at <= now else now.date()

    origin_obj = obj.get("origin")
    origin = Origin("")
    if not isinstance(origin_obj, dict):
        problems.add("required" if origin_obj is None else "wrong_type", None, "origin",
                     "is required: {country, region, locality}")
    else:
        problems.unknown_keys(None, "origin", origin_obj, ORIGIN_KEYS)
        origin = Origin(
            country=_country(problems, None, "origin.country", origin_obj.get("country"), required=True),
            region=_text(problems, None, "origin", origin_obj, "region", required=False, max_len=MAX_PLACE),
            locality=_text(problems, None, "origin", origin_obj, "locality", required=False, max_len=MAX_PLACE),
        )
    destination = _text(problems, None, "", obj, "destination", required=False, max_len=MAX_PLACE)
    travel_mode = _text(problems, None, "", obj, "travel_mode", required=False, max_len=MAX_PLACE)
    notes = _text(problems, None, "", obj, "notes", required=False, max_len=MAX_NOTES)
    consent = obj.get("consent")
    if not isinstance(consent, bool):
        problems.add("required" if consent is None else "wrong_type", None, "consent",
                     "must be recorded as true or false")

    raw_members = obj.get("members")
    members: list[Member] = []
    if not isinstance(raw_members, list) or not raw_members:
        problems.add("no_members" if not raw_members else "wrong_type", None, "members",
                     "must list at least one member")
    elif len(raw_members) > MAX_MEMBERS:
        problems.add("too_large", None, "members", "{count} members (at most {most})",
                     count=len(raw_members), most=MAX_MEMBERS)
    else:
        for number, raw in enumerate(raw_members, 1):
            member = _member(problems, number, raw, today)
            if member is not None:
                members.append(member)
        heads = [
            i for i, raw in enumerate(raw_members, 1)
            if isinstance(raw, dict) and raw.get("relationship") == "head"
        ]
        if not heads:
            problems.add("no_head", None, "", "no member is the head (relationship \"head\")")
        elif len(heads) > 1:
            problems.add("two_heads", None, "", "members {heads} are both marked as head",
                         heads=", ".join(map(str, heads)))
        ids = [m.id for m in members]
        if len(ids) != len(set(ids)):
            problems.add("duplicate_id", None, "members", "two members share the same id")

    if problems.found:
        raise ValidationError(problems.found)
    return Household(
        arrived_at=arrived_at, origin=origin, members=tuple(members), consent=bool(consent),
        destination=destination, travel_mode=travel_mode, notes=notes,
        arrival_time_known=time_known,
    )


# Keys of `fieldreg show --json` that describe the stored registration rather
# than the household; a correction file may carry them unchanged.
REGISTRATION_KEYS = {
    "regno", "status", "version", "created_at", "created_by", "updated_at", "updated_by",
    "void_reason", "history",
}


def household_input(obj: Any, current: Registration) -> Any:
    """The household part of a correction file, with member ids carried over.

    Members without an ``id`` keep the id of the member at the same position
    in the current version, so a correction never severs a person's history.
    """
    if not isinstance(obj, dict):
        return obj
    if "regno" in obj and str(obj["regno"]).strip().upper() != current.regno:
        raise ValidationError([Problem("wrong_regno", Message("file is for {named}, not {regno}",
                                                              named=obj["regno"], regno=current.regno),
                                       field="regno")])
    household = {k: v for k, v in obj.items() if k not in REGISTRATION_KEYS}
    members = household.get("members")
    if isinstance(members, list):
        explicit = {m.get("id") for m in members if isinstance(m, dict)}
        carried = []
        for position, member in enumerate(members):
            if isinstance(member, dict) and "id" not in member and position < len(
                current.household.members
            ):
                previous_id = current.household.members[position].id
                if previous_id not in explicit:
                    member = {"id": previous_id, **member}
            carried.append(member)
        household["members"] = carried
    return household
