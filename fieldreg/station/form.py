"""What an officer typed into the registration form, turned into household JSON — and back.

The desktop app's register and correct screens hold the household as plain
text fields (:class:`HouseholdEntry`, one :class:`MemberEntry` per table row).
This module, which knows nothing of Qt, turns that into the JSON that
:func:`fieldreg.validation.parse_household` checks, so the app applies exactly
the CLI's rules, and puts each :class:`~fieldreg.errors.Problem` on the form
field it is about (from its member, field and code; never from its words)::

    entry = HouseholdEntry(origin_country="MLI", consent=True, members=[
        MemberEntry(given_names="Aminata", family_name="Traoré", sex="F",
                    relationship="head", birth_kind="age", birth_text="34")])
    try:
        household = household_from_entry(entry)
    except FormInvalid as err:
        for spot in err.spots:      # Spot(member=1, field="birth", code="required", message=Message(...))
            mark(spot.member, spot.field, spot.code, spot.message)

Birth is typed as one of three things: an age (``"34"``), a birth date
(``"02/03/2019"``, ``"2019-03-02"`` or ``"02032019"``) or a birth year
(``"1990"``); :func:`birth_preview` shows the officer what the others would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from fieldreg.errors import Problem, ValidationError
from fieldreg.messages import Message
from fieldreg.model import Household, Registration, iso_utc
from fieldreg.validation import MAX_AGE, parse_household

BIRTH_KINDS = ("age", "date", "year")  # what the officer typed for a member's birth

# Fields a Spot can name. Household: arrival, origin_country, origin_region,
# origin_locality, destination, travel_mode, consent, notes, members, household.
# Member: given_names, family_name, other_names, sex, relationship, birth,
# nationality, languages, specific_needs, documents, phone, photo, id, member.
# A problem's JSON field that is not the form's field of the same name:
_MEMBER_FIELDS = {"birth_date": "birth", "birth_year": "birth", "age": "birth", "birth_estimated": "birth"}
_HOUSEHOLD_FIELDS = {
    "arrived_at": "arrival", "arrival_date": "arrival", "origin": "origin_country",
    "origin.country": "origin_country", "origin.region": "origin_region", "origin.locality": "origin_locality",
}


@dataclass(frozen=True)
class Spot:
    """Where a problem is on the form and what it is.

    ``member`` is the members table's row (1-based, blank rows counted) or None
    for the household part; ``field`` a form field (above); ``code`` the
    problem's code (fieldreg.errors.PROBLEM_CODES), which the form's wording keys on.
    """

    member: int | None
    field: str
    code: str
    message: Message


class FormInvalid(ValidationError):
    """A household entry with problems, each located on the form (``spots``).

    Its ``problems`` are the same spots as :class:`~fieldreg.errors.Problem`
    values, named by the form's rows and fields ("member 3 birth: ...").
    """

    def __init__(self, spots: list[Spot]):
        self.spots = list(spots)
        super().__init__([Problem(s.code, s.message, member=s.member, field=s.field) for s in self.spots])


def form_field(problem: Problem) -> str:
    """The form field a :func:`parse_household` problem is about (on ``problem.member``'s row, if any).

    >>> form_field(Problem("future", Message("..."), member=2, field="birth_date"))
    'birth'
    >>> form_field(Problem("not_a_choice", Message("..."), member=1, field="documents[1].type"))
    'documents'
    >>> form_field(Problem("required", Message("..."), field="origin.country"))
    'origin_country'
    """
    if problem.member is not None:
        if problem.code == "one_of":  # exactly one of birth_date, birth_year or age
            return "birth"
        key = problem.field.partition("[")[0].partition(".")[0]  # documents[1].type: the documents
        return _MEMBER_FIELDS.get(key, key) if key else "member"
    if problem.code == "one_of":  # arrival_date or arrived_at
        return "arrival"
    if problem.code in ("no_head", "two_heads"):
        return "relationship"
    return _HOUSEHOLD_FIELDS.get(problem.field, problem.field) if problem.field else "household"


# -- what was typed ---------------------------------------------------------------------

@dataclass
class MemberEntry:
    """One row of the members table, as typed (all text, nothing checked yet)."""

    given_names: str = ""
    family_name: str = ""
    other_names: str = ""
    sex: str = ""  # "F", "M", "X" or "" (not chosen)
    relationship: str = ""
    birth_kind: str = ""  # "age", "date", "year" or "" (nothing typed)
    birth_text: str = ""
    nationality: str = ""
    phone: str = ""
    languages: str = ""  # "bm, fr"
    specific_needs: tuple[str, ...] = ()
    document_type: str = ""
    document_number: str = ""
    id: str = ""  # kept from a stored member, so a correction keeps the person's history
    kept: dict[str, Any] = field(default_factory=dict)  # stored keys the form does not show

    def is_blank(self) -> bool:
        """Nothing typed in this row (a fresh row the officer has not used)."""
        return not any((self.given_names.strip(), self.family_name.strip(), self.other_names.strip(),
                        self.birth_text.strip(), self.phone.strip(), self.document_number.strip(),
                        self.nationality.strip(), self.languages.strip(), self.specific_needs))


@dataclass
class HouseholdEntry:
    """The whole form. ``arrival_day`` None means "today, now" (the time of saving)."""

    origin_country: str = ""
    origin_region: str = ""
    origin_locality: str = ""
    destination: str = ""
    travel_mode: str = ""
    consent: bool = False
    notes: str = ""
    arrival_day: date | None = None
    members: list[MemberEntry] = field(default_factory=list)
    # From a stored registration: its exact arrival, kept when the day is not changed.
    stored_arrival: datetime | None = None
    stored_time_known: bool = True


@dataclass(frozen=True)
class BirthPreview:
    """What a typed birth means: age, birth year, exact date (if any), estimated or not."""

    age: int | None
    year: int | None
    date: date | None
    estimated: bool


def parse_day(text: str) -> date | None:
    """A typed date, day first as written in francophone West Africa; None if it is not one.

    >>> parse_day("02/03/2019"), parse_day("2019-03-02"), parse_day("02032019")
    (datetime.date(2019, 3, 2), datetime.date(2019, 3, 2), datetime.date(2019, 3, 2))
    >>> parse_day("31/02/2019") is None
    True
    """
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = (int(p) for p in text.split("-"))
            return date(y, m, d)
        parts = re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})", text)
        if parts:
            d, m, y = (int(p) for p in parts.groups())
            return date(y, m, d)
        if re.fullmatch(r"\d{8}", text):
            return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None
    return None


def _whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if re.fullmatch(r"\d{1,4}", text) else None


def birth_kind_of(text: str) -> str:
    """What a birth typed in one cell is: ``"year"`` (four digits), ``"date"`` or ``"age"``.

    >>> birth_kind_of("41"), birth_kind_of("1985"), birth_kind_of("12/05/1990"), birth_kind_of("12051990")
    ('age', 'year', 'date', 'date')
    >>> birth_kind_of(""), birth_kind_of("forty")
    ('', 'age')
    """
    text = text.strip()
    if not text:
        return ""
    if re.fullmatch(r"\d{4}", text):
        return "year"
    if re.search(r"\d[/.\- ]|\d{5,}", text):
        return "date"  # 12/05/1990, 1990-05-12, 12051990 (and refused as one if it is not a day)
    return "age"  # 41, and anything else (refused as not a whole number)


def birth_preview(kind: str, text: str, *, today: date) -> BirthPreview | None:
    """The age and birth year that a typed birth means on ``today``; None if it means nothing.

    >>> birth_preview("age", "34", today=date(2026, 11, 20))
    BirthPreview(age=34, year=1992, date=None, estimated=True)
    """
    if kind == "age":
        age = _whole(text)
        if age is None or age > MAX_AGE:
            return None
        return BirthPreview(age, today.year - age, None, True)
    if kind == "year":
        year = _whole(text)
        if year is None or not today.year - MAX_AGE <= year <= today.year:
            return None
        return BirthPreview(today.year - year, year, None, True)
    if kind == "date":
        day = parse_day(text)
        if day is None or day > today:
            return None
        age = today.year - day.year - ((today.month, today.day) < (day.month, day.day))
        return BirthPreview(age, day.year, day, False)
    return None


def _split_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,;]+", text.strip()) if c]


def _member_json(row: MemberEntry, number: int, spots: list[Spot]) -> dict[str, Any]:
    out: dict[str, Any] = dict(row.kept)
    if row.id:
        out["id"] = row.id
    out["given_names"] = row.given_names
    out["family_name"] = row.family_name
    if row.other_names.strip():
        out["other_names"] = row.other_names
    out["sex"] = row.sex or None
    out["relationship"] = row.relationship or None
    text = row.birth_text.strip()
    if not text:
        spots.append(Spot(number, "birth", "required", Message("give an age, a birth date or a birth year")))
    elif row.birth_kind == "date":
        day = parse_day(text)
        if day is None:
            spots.append(Spot(number, "birth", "not_a_date", Message("{text!r} is not a date (DD/MM/YYYY)", text=text)))
        else:
            out["birth_date"] = day.isoformat()
    elif row.birth_kind in ("age", "year"):
        value = _whole(text)
        if value is None:
            spots.append(Spot(number, "birth", "wrong_type", Message("{text!r} is not a whole number", text=text)))
        else:
            out["age" if row.birth_kind == "age" else "birth_year"] = value
    if row.nationality.strip():
        out["nationality"] = row.nationality.strip().upper()
    if row.phone.strip():
        out["phone"] = row.phone
    if row.languages.strip():
        out["languages"] = [c.lower() for c in _split_codes(row.languages)]
    if row.specific_needs:
        out["specific_needs"] = list(row.specific_needs)
    documents = list(out.pop("documents", []))
    if row.document_type or row.document_number.strip():
        documents.insert(0, {"type": row.document_type or None, "number": row.document_number})
    if documents:
        out["documents"] = documents
    return out


def entry_json(entry: HouseholdEntry) -> tuple[dict[str, Any], list[Spot]]:
    """The household JSON for ``entry`` and the problems found in the typing itself.

    Blank member rows are left out; a member's row number (``Spot.member``)
    is its position in ``entry.members``, blank rows counted.
    """
    spots: list[Spot] = []
    obj: dict[str, Any] = {}
    if entry.arrival_day is not None:
        stored = entry.stored_arrival
        if stored is not None and stored.date() == entry.arrival_day and entry.stored_time_known:
            obj["arrived_at"] = iso_utc(stored)
        else:
            obj["arrival_date"] = entry.arrival_day.isoformat()
    origin = {"country": entry.origin_country.strip().upper()}
    if entry.origin_region.strip():
        origin["region"] = entry.origin_region
    if entry.origin_locality.strip():
        origin["locality"] = entry.origin_locality
    obj["origin"] = origin
    if entry.destination.strip():
        obj["destination"] = entry.destination
    if entry.travel_mode.strip():
        obj["travel_mode"] = entry.travel_mode
    obj["consent"] = entry.consent
    if entry.notes.strip():
        obj["notes"] = entry.notes
    members = []
    numbers = []  # the parser's member N -> the form's row
    for row_number, row in enumerate(entry.members, 1):
        if row.is_blank() and not row.id:
            continue
        members.append(_member_json(row, row_number, spots))
        numbers.append(row_number)
    obj["members"] = members
    obj["_rows"] = numbers  # removed by household_from_entry before parsing
    return obj, spots


def household_from_entry(entry: HouseholdEntry, *, now: datetime | None = None) -> Household:
    """Check ``entry`` with the core's rules; raise :class:`FormInvalid` naming every field."""
    obj, spots = entry_json(entry)
    rows: list[int] = obj.pop("_rows")
    try:
        household = parse_household(obj, now=now)
    except ValidationError as err:
        problems = err.problems
    else:
        if not spots:
            return household
        problems = []
    for problem in problems:
        spot = _spot(problem, obj["members"])
        if spot.member is not None:
            spot = replace(spot, member=rows[spot.member - 1] if spot.member <= len(rows) else None)
        if spot.field == "birth" and any(s.member == spot.member and s.field == "birth" for s in spots):
            continue  # the typing problem already says it better
        if spot.code == "no_members" and not rows:
            spot = Spot(1, "given_names", "no_members", Message("type at least one member (the head of household)"))
        spots.append(spot)
    raise FormInvalid(spots)


def _spot(problem: Problem, members: list[dict[str, Any]]) -> Spot:
    """Where ``problem`` goes, members numbered as the parser numbered them (``members``, as sent)."""
    member = problem.member
    if problem.code == "no_head":
        member = 1  # the head is listed first
    elif problem.code == "two_heads":  # the later head: the first one is usually right
        member = max(n for n, m in enumerate(members, 1) if m.get("relationship") == "head")
    return Spot(member, form_field(problem), problem.code, problem.message)


def entry_from_registration(reg: Registration) -> HouseholdEntry:
    """The form filled with a stored registration, for a correction (member ids kept)."""
    hh = reg.household
    members = []
    for m in hh.members:
        stored = m.to_json()
        kept = {k: stored[k] for k in ("photo",) if k in stored}
        documents = [{"type": d.type, "number": d.number} for d in m.documents]
        if len(documents) > 1:
            kept["documents"] = documents[1:]
        if m.birth.basis == "date" and m.birth.date is not None:
            kind, text = "date", m.birth.date.strftime("%d/%m/%Y")
        elif m.birth.basis == "age" and m.birth.age is not None:
            kind, text = "age", str(m.birth.age)
        else:
            kind, text = "year", str(m.birth.year)
        members.append(MemberEntry(
            given_names=m.given_names, family_name=m.family_name, other_names=m.other_names,
            sex=m.sex, relationship=m.relationship, birth_kind=kind, birth_text=text,
            nationality=m.nationality, phone=m.phone, languages=", ".join(m.languages),
            specific_needs=m.specific_needs,
            document_type=m.documents[0].type if m.documents else "",
            document_number=m.documents[0].number if m.documents else "",
            id=m.id, kept=kept,
        ))
    return HouseholdEntry(
        origin_country=hh.origin.country, origin_region=hh.origin.region,
        origin_locality=hh.origin.locality, destination=hh.destination,
        travel_mode=hh.travel_mode, consent=hh.consent, notes=hh.notes,
        arrival_day=hh.arrived_at.date(), members=members,
        stored_arrival=hh.arrived_at, stored_time_known=hh.arrival_time_known,
    )


def today_utc() -> date:
    return datetime.now(UTC).date()
