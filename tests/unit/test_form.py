"""The register form's entry -> household JSON, and core problems -> the form's fields."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fieldreg.station.form import (
    FormInvalid,
    HouseholdEntry,
    MemberEntry,
    Spot,
    birth_preview,
    entry_from_registration,
    household_from_entry,
    locate,
    parse_day,
)
from fieldreg.messages import Message
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def entry(*members: MemberEntry, **changes: object) -> HouseholdEntry:
    fields: dict[str, object] = {"origin_country": "mli", "origin_region": "Sikasso",
                                     "origin_locality": "Loulouni", "destination": "Tengréla transit site",
                                     "consent": True, "members": list(members)}
    fields.update(changes)
    return HouseholdEntry(**fields)  # type: ignore[arg-type]


def head(**changes: str) -> MemberEntry:
    fields = {"given_names": "Aminata", "family_name": "Traoré", "sex": "F", "relationship": "head",
                  "birth_kind": "age", "birth_text": "36"}
    fields.update(changes)
    return MemberEntry(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("problem", "spot"), [
    ("member 2 birth_date: 2027-01-03 is in the future", Spot(2, "birth", "2027-01-03 is in the future")),
    ("member 1 given_names: is required", Spot(1, "given_names", "is required")),
    ("member 3: give exactly one of birth_date, birth_year or age",
     Spot(3, "birth", "give exactly one of birth_date, birth_year or age")),
    ("member 1 document 2 number: is required", Spot(1, "documents", "is required")),
    ("member 4 sex: None is not a sex code (F, M or X)", Spot(4, "sex", "None is not a sex code (F, M or X)")),
    ("household origin country: 'ZZZ' is not an ISO 3166 alpha-3 country code (e.g. MLI, BFA)",
     Spot(None, "origin_country", "'ZZZ' is not an ISO 3166 alpha-3 country code (e.g. MLI, BFA)")),
    ("household origin locality: is 120 characters long (at most 100)",
     Spot(None, "origin_locality", "is 120 characters long (at most 100)")),
    ("household destination: contains control characters", Spot(None, "destination", "contains control characters")),
    ("household arrival_date: 2027-01-01 is in the future", Spot(None, "arrival", "2027-01-01 is in the future")),
    ("household consent: must be recorded as true or false", Spot(None, "consent", "must be recorded as true or false")),
    ('household: no member is the head (relationship "head")',
     Spot(1, "relationship", 'no member is the head (relationship "head")')),
    ("household: members 1, 3 are both marked as head",
     Spot(3, "relationship", "members 1, 3 are both marked as head")),
    ("household members: must list at least one member", Spot(None, "members", "must list at least one member")),
    ("something else entirely", Spot(None, "household", "something else entirely")),
])
def test_every_kind_of_core_problem_is_located(problem: str, spot: Spot) -> None:
    # As parse_household words them: "{where}: {problem}".
    where, sep, text = problem.partition(": ")
    message = Message("{where}: {problem}", where=where, problem=Message(text)) if sep else Message(problem)
    found = locate(message)
    assert (found.member, found.field, str(found.message)) == (spot.member, spot.field, spot.message)


def test_days_are_read_day_first_and_impossible_days_refused() -> None:
    assert parse_day("2/3/2019") == parse_day("02.03.2019") == parse_day("02-03-2019") == date(2019, 3, 2)
    assert parse_day("2019-03-02") == parse_day("02032019") == date(2019, 3, 2)
    assert parse_day("31/02/2019") is None and parse_day("yesterday") is None and parse_day("") is None


def test_birth_preview_fills_the_year_from_an_age_and_the_age_from_a_date() -> None:
    today = date(2026, 11, 20)
    assert birth_preview("age", "7", today=today) == birth_preview("year", "2019", today=today)
    by_date = birth_preview("date", "21/11/2019", today=today)
    assert by_date is not None and (by_date.age, by_date.year, by_date.estimated) == (6, 2019, False)
    assert birth_preview("age", "abc", today=today) is None
    assert birth_preview("age", "130", today=today) is None
    assert birth_preview("date", "01/01/2027", today=today) is None


def test_a_good_entry_gives_the_same_household_as_the_cli_json() -> None:
    child = MemberEntry(given_names="Issa", family_name="Traoré", sex="M", relationship="child",
                        birth_kind="date", birth_text="02/03/2019")
    made = household_from_entry(entry(head(), MemberEntry(), child), now=NOW)  # blank row ignored
    assert made.origin.country == "MLI" and [m.given_names for m in made.members] == ["Aminata", "Issa"]
    assert made.members[0].birth.basis == "age" and made.members[0].birth.year == 1990
    assert made.members[1].birth.date == date(2019, 3, 2)
    assert made.arrived_at == NOW


def test_typing_problems_and_core_problems_point_at_the_rows_as_shown() -> None:
    bad = MemberEntry(given_names="Issa2", family_name="Traoré", sex="", relationship="child",
                      birth_kind="age", birth_text="seven")
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(head(), MemberEntry(), bad, origin_country=""), now=NOW)
    spots = {(s.member, s.field) for s in caught.value.spots}
    assert spots == {(3, "birth"), (3, "given_names"), (3, "sex"), (None, "origin_country")}
    birth = next(s for s in caught.value.spots if s.field == "birth")
    assert "whole number" in str(birth.message)  # the typing problem, not the parser's echo of it
    assert caught.value.problems  # still a ValidationError with one line per problem


def test_an_empty_form_asks_for_the_head() -> None:
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(MemberEntry()), now=NOW)
    assert Spot(1, "given_names", Message("type at least one member (the head of household)")) in caught.value.spots


def test_missing_birth_and_missing_head_are_located() -> None:
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(head(relationship="spouse", birth_text="")), now=NOW)
    assert {(s.member, s.field) for s in caught.value.spots} == {(1, "birth"), (1, "relationship")}


def test_a_stored_registration_round_trips_through_the_form(admin: Session) -> None:
    regno = admin.households.register(parse_household(household(members=[
        *household()["members"],
        {"given_names": "Fanta", "family_name": "Keïta", "sex": "F", "age": 30, "relationship": "spouse",
         "documents": [{"type": "passport", "number": "P-1"}, {"type": "other", "number": "O-2"}]},
    ])))
    stored = admin.households.get(regno)
    form = entry_from_registration(stored)
    assert [m.birth_kind for m in form.members] == ["year", "age", "date", "age"]
    again = household_from_entry(form)
    assert again.to_json() == stored.household.to_json()  # nothing the form does not show is lost


def test_changing_the_arrival_day_of_a_stored_registration_keeps_only_the_day(admin: Session) -> None:
    obj = household(arrived_at="2026-11-19T08:30:00Z")
    del obj["arrival_date"]
    stored = admin.households.get(admin.households.register(parse_household(obj)))
    form = entry_from_registration(stored)
    assert household_from_entry(form).arrived_at == stored.household.arrived_at
    form.arrival_day = date(2026, 11, 18)
    moved = household_from_entry(form)
    assert moved.arrived_at.date() == date(2026, 11, 18) and not moved.arrival_time_known
