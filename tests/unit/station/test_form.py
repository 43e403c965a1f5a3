"""The register form's entry -> household JSON, and core problems -> the form's fields."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from fieldreg.errors import Problem
from fieldreg.messages import Message
from fieldreg.station.form import (
    FormInvalid,
    HouseholdEntry,
    MemberEntry,
    Spot,
    birth_preview,
    entry_from_registration,
    form_field,
    household_from_entry,
    parse_day,
)
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


# Every place a parse_household problem can have, and the form field it is marked on.
@pytest.mark.parametrize(("code", "member", "field", "on_form"), [
    ("future", 2, "birth_date", "birth"),
    ("too_old", 1, "birth_year", "birth"),
    ("negative", 1, "age", "birth"),
    ("wrong_type", 1, "birth_estimated", "birth"),
    ("one_of", 3, "", "birth"),  # exactly one of birth_date, birth_year or age
    ("required", 1, "given_names", "given_names"),
    ("bad_character", 1, "family_name", "family_name"),
    ("no_letters", 1, "other_names", "other_names"),
    ("not_a_choice", 4, "sex", "sex"),
    ("not_a_choice", 2, "relationship", "relationship"),
    ("not_a_country", 1, "nationality", "nationality"),
    ("not_a_language", 1, "languages", "languages"),
    ("not_a_choice", 1, "specific_needs", "specific_needs"),
    ("wrong_type", 1, "documents", "documents"),
    ("wrong_type", 1, "documents[1]", "documents"),
    ("required", 1, "documents[1].number", "documents"),
    ("unknown_key", 1, "documents[0]", "documents"),
    ("not_a_choice", 1, "documents[0].type", "documents"),
    ("bad_format", 1, "phone", "phone"),
    ("too_large", 1, "photo", "photo"),
    ("bad_format", 1, "id", "id"),
    ("unknown_key", 1, "", "member"),
    ("wrong_type", 2, "", "member"),
    ("not_a_country", None, "origin.country", "origin_country"),
    ("required", None, "origin", "origin_country"),
    ("unknown_key", None, "origin", "origin_country"),
    ("too_long", None, "origin.region", "origin_region"),
    ("too_long", None, "origin.locality", "origin_locality"),
    ("control_character", None, "destination", "destination"),
    ("too_long", None, "travel_mode", "travel_mode"),
    ("too_long", None, "notes", "notes"),
    ("future", None, "arrival_date", "arrival"),
    ("no_time_zone", None, "arrived_at", "arrival"),
    ("one_of", None, "", "arrival"),  # arrival_date or arrived_at
    ("required", None, "consent", "consent"),
    ("no_head", None, "", "relationship"),
    ("two_heads", None, "", "relationship"),
    ("no_members", None, "members", "members"),
    ("too_large", None, "members", "members"),
    ("duplicate_id", None, "members", "members"),
    ("unknown_key", None, "", "household"),
    ("wrong_type", None, "", "household"),
])
def test_every_place_a_core_problem_can_have_is_a_field_of_the_form(
        code: str, member: int | None, field: str, on_form: str) -> None:
    # Whatever the words: the field comes from where the problem is and its code.
    assert form_field(Problem(code, Message("any words at all"), member=member, field=field)) == on_form


def test_the_head_problems_point_at_a_member_s_relationship() -> None:
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(head(), MemberEntry(), head(given_names="Fanta"), head(given_names="Awa")), now=NOW)
    assert [(s.member, s.field, s.code) for s in caught.value.spots] == [(4, "relationship", "two_heads")]
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(MemberEntry(), head(relationship="spouse")), now=NOW)
    assert [(s.member, s.field, s.code) for s in caught.value.spots] == [(2, "relationship", "no_head")]


def test_form_problems_are_validation_problems_named_by_the_form_s_fields() -> None:
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(head(birth_text="forty")), now=NOW)
    (problem,) = caught.value.problems
    assert (problem.code, problem.member, problem.field) == ("wrong_type", 1, "birth")
    assert str(problem) == "member 1 birth: 'forty' is not a whole number"


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
    spots = {(s.member, s.field, s.code) for s in caught.value.spots}
    assert spots == {(3, "birth", "wrong_type"), (3, "given_names", "bad_character"), (3, "sex", "not_a_choice"),
                     (None, "origin_country", "required")}
    birth = next(s for s in caught.value.spots if s.field == "birth")
    assert "whole number" in str(birth.message)  # the typing problem, not the parser's echo of it
    assert caught.value.problems  # still a ValidationError with one line per problem


def test_an_empty_form_asks_for_the_head() -> None:
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(MemberEntry()), now=NOW)
    assert caught.value.spots == [
        Spot(1, "given_names", "no_members", Message("type at least one member (the head of household)"))]


def test_missing_birth_and_missing_head_are_located() -> None:
    with pytest.raises(FormInvalid) as caught:
        household_from_entry(entry(head(relationship="spouse", birth_text="")), now=NOW)
    assert {(s.member, s.field, s.code) for s in caught.value.spots} == {
        (1, "birth", "required"), (1, "relationship", "no_head")}


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
