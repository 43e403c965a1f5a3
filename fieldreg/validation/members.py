"""One member of a household, from untrusted JSON: every problem noted, or a Member.

    problems = Problems()
    member = parse_member(problems, 2, {"given_names": "Awa", ...}, date(2026, 11, 20))
    member is None and problems.found   # what is wrong with member 2, field by field

:func:`fieldreg.validation.parse_household` calls it for each member in turn.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from fieldreg.model import (
    DOCUMENT_TYPES,
    RELATIONSHIPS,
    SEXES,
    SPECIFIC_NEEDS,
    Birth,
    Document,
    Member,
)
from fieldreg.validation.fields import Problems, read_country, read_name, read_text, shown
from fieldreg.validation.rules import LANGUAGE_RE, MEMBER_ID_RE, PHONE_RE, new_member_id

MAX_AGE = 120
MAX_PHOTO_BYTES = 256 * 1024
# Nobody registered was born before this year, whatever the arrival date.
EARLIEST_BIRTH_YEAR = 1900
MAX_DOCUMENTS = 10
MAX_CODES = 20  # entries of languages, of specific_needs
MAX_DOCUMENT_NUMBER = 40

MEMBER_KEYS = {
    "id", "given_names", "family_name", "other_names", "sex", "birth_date",
    "birth_year", "age", "birth_estimated", "relationship", "nationality",
    "languages", "documents", "phone", "specific_needs", "photo",
}
DOCUMENT_KEYS = {"type", "number"}


def _birth(problems: Problems, member: int, obj: dict[str, Any], today: date) -> Birth | None:
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
        if not isinstance(value, str):
            problems.add("wrong_type", member, key, "must be text: an ISO date (YYYY-MM-DD)")
            return None
        try:
            born = date.fromisoformat(value)
        except ValueError:
            problems.add("not_a_date", member, key, "{value!r} is not an ISO date (YYYY-MM-DD)", value=shown(value))
            return None
        if born > today:
            problems.add("future", member, key, "{value} is in the future", value=value)
            return None
        if today.year - born.year > MAX_AGE:
            problems.add("too_old", member, key, "{value} means an age over {max_age}", value=value, max_age=MAX_AGE)
            return None
        if born.year < EARLIEST_BIRTH_YEAR:
            problems.add("too_old", member, key, "{value} is before {earliest}", value=value,
                         earliest=EARLIEST_BIRTH_YEAR)
            return None
        return Birth.from_date(born)
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add("wrong_type", member, key, "must be a whole number")
        return None
    if key == "birth_year":
        if value > today.year:
            problems.add("future", member, key, "{value} is in the future", value=shown(value))
            return None
        if today.year - value > MAX_AGE:
            problems.add("too_old", member, key, "{value} means an estimated age over {max_age}",
                         value=shown(value), max_age=MAX_AGE)
            return None
        if value < EARLIEST_BIRTH_YEAR:
            problems.add("too_old", member, key, "{value} is before {earliest}", value=value,
                         earliest=EARLIEST_BIRTH_YEAR)
            return None
        return Birth.from_year(value)
    if value < 0:
        problems.add("negative", member, key, "cannot be negative")
        return None
    if value > MAX_AGE:
        problems.add("too_old", member, key, "estimated age {value} is over {max_age}", value=shown(value),
                     max_age=MAX_AGE)
        return None
    if today.year - value < EARLIEST_BIRTH_YEAR:
        problems.add("too_old", member, key, "estimated age {value} means a birth before {earliest}", value=value,
                     earliest=EARLIEST_BIRTH_YEAR)
        return None
    return Birth.from_age(value, on=today)


def _int_or_none(age: Any, today: date) -> int | None:
    return today.year - age if isinstance(age, int) and not isinstance(age, bool) else None


def _string_list(problems: Problems, member: int, key: str, value: Any) -> list[str] | None:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add("wrong_type", member, key, "must be a list of text codes")
        return None
    if len(value) > MAX_CODES:
        problems.add("too_large", member, key, "{count} entries (at most {most})", count=len(value), most=MAX_CODES)
        return None
    return value


def _documents(problems: Problems, member: int, value: Any) -> tuple[Document, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add("wrong_type", member, "documents", "must be a list of {type, number}")
        return ()
    if len(value) > MAX_DOCUMENTS:
        problems.add("too_large", member, "documents", "{count} documents (at most {most})",
                     count=len(value), most=MAX_DOCUMENTS)
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
                         doc_type=shown(doc_type), choices=", ".join(DOCUMENT_TYPES))
        number = read_text(problems, member, spot, doc, "number", required=True, max_len=MAX_DOCUMENT_NUMBER)
        if doc_type in DOCUMENT_TYPES and number:
            documents.append(Document(str(doc_type), number))
    return tuple(documents)


def _photo(problems: Problems, member: int, value: Any) -> bytes | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.add("wrong_type", member, "photo", "must be text: base64")
        return None
    try:
        photo = base64.b64decode(value, validate=True)
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


def parse_member(problems: Problems, member: int, obj: Any, today: date) -> Member | None:
    """Member number ``member`` (from 1), or None with its problems noted; ``today`` dates ages."""
    if not isinstance(obj, dict):
        problems.add("wrong_type", member, "", "must be an object")
        return None
    before = len(problems.found)
    problems.unknown_keys(member, "", obj, MEMBER_KEYS)
    member_id = obj.get("id") or new_member_id()
    if not isinstance(member_id, str) or not MEMBER_ID_RE.match(member_id):
        problems.add("bad_format", member, "id", "must be 1-40 letters, digits, '-' or '_'")
    given = read_name(problems, member, obj, "given_names", required=True)
    family = read_name(problems, member, obj, "family_name", required=True)
    other = read_name(problems, member, obj, "other_names", required=False)
    sex = obj.get("sex")
    if sex is not None and not isinstance(sex, str):
        problems.add("wrong_type", member, "sex", "must be text: F, M or X")
    elif sex not in SEXES:
        problems.add("not_a_choice", member, "sex",
                     "{sex!r} is not a sex code (F, M or X)", sex=shown(sex))
    relationship = obj.get("relationship")
    if relationship is not None and not isinstance(relationship, str):
        problems.add("wrong_type", member, "relationship", "must be text: one of {choices}",
                     choices=", ".join(RELATIONSHIPS))
    elif relationship not in RELATIONSHIPS:
        problems.add(
            "not_a_choice", member, "relationship",
            "{relationship!r} is not one of {choices}", relationship=shown(relationship),
            choices=", ".join(RELATIONSHIPS)
        )
    birth = _birth(problems, member, obj, today)
    if "birth_estimated" in obj and not isinstance(obj["birth_estimated"], bool):
        problems.add("wrong_type", member, "birth_estimated", "must be true or false")
    nationality = read_country(problems, member, "nationality", obj.get("nationality"), required=False)
    languages = _string_list(problems, member, "languages", obj.get("languages")) or []
    for code in languages:
        if not LANGUAGE_RE.match(code):
            problems.add("not_a_language", member, "languages", "{code!r} is not an ISO 639 code (e.g. bm, ff, fr)",
                         code=shown(code))
    needs = _string_list(problems, member, "specific_needs", obj.get("specific_needs")) or []
    for code in needs:
        if code not in SPECIFIC_NEEDS:
            problems.add(
                "not_a_choice", member, "specific_needs", "{code!r} is not one of {choices}",
                code=shown(code), choices=", ".join(SPECIFIC_NEEDS)
            )
    documents = _documents(problems, member, obj.get("documents"))
    phone = read_text(problems, member, "", obj, "phone", required=False, max_len=20)
    if phone and not PHONE_RE.match(phone):
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
