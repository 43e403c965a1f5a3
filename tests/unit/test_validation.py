from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from fieldreg.errors import ValidationError
from fieldreg.validation import parse_household
from tests.conftest import household

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)


def problems(obj: Any) -> list[str]:
    with pytest.raises(ValidationError) as err:
        parse_household(obj, now=NOW)
    return [str(p) for p in err.value.problems]


def with_member(index: int, **changes: Any) -> dict[str, Any]:
    obj = household()
    member = dict(obj["members"][index])
    for key, value in changes.items():
        if value is None:
            member.pop(key, None)
        else:
            member[key] = value
    obj["members"][index] = member
    return obj


def test_valid_household_round_trips() -> None:
    parsed = parse_household(household(), now=NOW)
    assert parsed.head.family_name == "Traoré"
    assert [m.birth.estimated for m in parsed.members] == [True, True, False]
    assert parsed.members[1].birth.year == 2019  # age 7 at arrival in 2026
    again = parse_household(parsed.to_json(), now=NOW)
    assert again == parsed


@pytest.mark.parametrize("name", [
    "Aïssata", "N'Golo", "Sidi-Mohamed", "محمد الأمين", "ߊߡߊߘߎ", "Tʼamat", "Oumou  Kalsoum",
])
def test_names_in_any_script(name: str) -> None:
    parsed = parse_household(with_member(0, given_names=name), now=NOW)
    assert parsed.head.given_names == " ".join(name.split())


@pytest.mark.parametrize("changes, expected", [
    ({"birth_year": None, "birth_date": "2027-01-03"},
     "member 1 birth_date: 2027-01-03 is in the future"),
    ({"sex": "W"}, "member 1 sex: 'W' is not a sex code (F, M or X)"),
    ({"family_name": "T" * 101}, "member 1 family_name: is 101 characters long (at most 100)"),
    ({"given_names": "Ami\x00nata"}, "member 1 given_names: contains control characters"),
    ({"given_names": "Ami\u200bnata"}, "member 1 given_names: contains control characters"),
    ({"given_names": "Aminata2"}, "member 1 given_names: contains '2'"),
    ({"birth_year": None, "age": 121}, "member 1 age: estimated age 121 is over 120"),
    ({"birth_year": 1899}, "member 1 birth_year: 1899 means an estimated age over 120"),
    ({"birth_year": None}, "member 1: give exactly one of birth_date, birth_year or age"),
    ({"age": 30}, "member 1: give exactly one of birth_date, birth_year or age (got birth_year, age)"),
    ({"nationality": "MALI"}, "member 1 nationality: 'MALI' is not an ISO 3166 alpha-3"),
    ({"specific_needs": ["XX"]}, "member 1 specific_needs: 'XX' is not one of"),
    ({"documents": [{"type": "passport"}]}, "member 1 document 1 number: is required"),
    ({"phone": "call me"}, "member 1 phone: may hold only digits"),
    ({"shoe_size": 42}, "member 1: unknown key 'shoe_size'"),
    ({"given_names": None}, "member 1 given_names: is required"),
])
def test_one_clear_message_per_problem(changes: dict[str, Any], expected: str) -> None:
    found = problems(with_member(0, **changes))
    assert len(found) == 1, found
    assert found[0].startswith(expected), found


def test_household_without_head() -> None:
    obj = with_member(0, relationship="spouse")
    assert problems(obj) == ['household: no member is the head (relationship "head")']


def test_two_heads() -> None:
    obj = with_member(1, relationship="head")
    assert problems(obj) == ["household: members 1, 2 are both marked as head"]


def test_every_problem_reported_at_once() -> None:
    obj = household(consent="yes", origin={"country": "ZZZ"}, colour="blue")
    obj["members"][1] = dict(obj["members"][1], sex="?")
    found = problems(obj)
    assert "household: unknown key 'colour'" in found
    assert any(p.startswith("household origin country:") for p in found)
    assert "household consent: must be recorded as true or false" in found
    assert any(p.startswith("member 2 sex:") for p in found)


def test_arrival_rules() -> None:
    assert problems(household(arrival_date="2026-12-01")) == [
        "household arrival_date: 2026-12-01 is in the future"]
    assert problems(household(arrival_date="20/11/2026"))[0].startswith(
        "household arrival_date: '20/11/2026' is not an ISO date")
    obj = household(arrived_at="2026-11-20T08:30:00")
    del obj["arrival_date"]
    assert problems(obj)[0].startswith("household arrived_at: needs a time zone")
    obj["arrived_at"] = "2026-11-20T08:30:00+01:00"
    assert parse_household(obj, now=NOW).arrived_at.hour == 7


def test_members_required() -> None:
    assert problems(household(members=[])) == ["household members: must list at least one member"]


def test_estimated_age_sets_year_and_flag() -> None:
    parsed = parse_household(with_member(0, birth_year=None, age=34), now=NOW)
    assert parsed.head.birth.year == 1992
    assert parsed.head.birth.estimated
