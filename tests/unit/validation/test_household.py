from __future__ import annotations

import ast
import base64
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fieldreg.errors import PROBLEM_CODES, Problem, ValidationError
from fieldreg.station.session import Session
from fieldreg.validation import (
    HOUSEHOLD_KEYS,
    MEMBER_KEYS,
    household_input,
    parse_household,
)
from tests.conftest import household

ROOT = Path(__file__).resolve().parents[3]

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def found(obj: Any) -> list[Problem]:
    with pytest.raises(ValidationError) as err:
        parse_household(obj, now=NOW)
    return err.value.problems


def problems(obj: Any) -> list[str]:
    return [str(p) for p in found(obj)]


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


def without(obj: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k != key}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# One household per kind of problem: (household, code, member, field, the English line it starts).
EVERY_PROBLEM = [
    ([], "wrong_type", None, "", "household: must be a JSON object"),
    (household(colour="blue"), "unknown_key", None, "", "household: unknown key 'colour'"),
    (household(origin={"country": "MLI", "x": 1}), "unknown_key", None, "origin", "household origin: unknown key 'x'"),
    (with_member(0, shoe_size=42), "unknown_key", 1, "", "member 1: unknown key 'shoe_size'"),
    (with_member(0, documents=[{"type": "passport", "number": "P-1", "x": 1}]), "unknown_key", 1, "documents[0]",
     "member 1 document 1: unknown key 'x'"),
    (household(arrived_at="2026-11-20T08:30Z"), "one_of", None, "",
     "household: give arrival_date or arrived_at, not both"),
    (with_member(0, birth_year=None), "one_of", 1, "", "member 1: give exactly one of birth_date, birth_year or age"),
    (household(arrival_date="20/11/2026"), "not_a_date", None, "arrival_date",
     "household arrival_date: '20/11/2026' is not an ISO date"),
    (dict(without(household(), "arrival_date"), arrived_at="yesterday"), "not_a_date", None, "arrived_at",
     "household arrived_at: 'yesterday' is not an ISO date-time"),
    (with_member(1, age=None, birth_date="2019-13-01"), "not_a_date", 2, "birth_date",
     "member 2 birth_date: '2019-13-01' is not an ISO date"),
    (dict(without(household(), "arrival_date"), arrived_at="2026-11-20T08:30"), "no_time_zone", None, "arrived_at",
     "household arrived_at: needs a time zone"),
    (household(arrival_date="2026-12-01"), "future", None, "arrival_date", "household arrival_date: 2026-12-01 is in"),
    (household(arrival_date=20261120), "wrong_type", None, "arrival_date", "household arrival_date: must be text"),
    (with_member(0, sex=["F"]), "wrong_type", 1, "sex", "member 1 sex: must be text: F, M or X"),
    (with_member(1, sex={"F": True}), "wrong_type", 2, "sex", "member 2 sex: must be text: F, M or X"),
    (with_member(1, relationship=["child"]), "wrong_type", 2, "relationship", "member 2 relationship: must be text"),
    (with_member(2, birth_date=20240302), "wrong_type", 3, "birth_date", "member 3 birth_date: must be text"),
    (with_member(0, photo=["abc"]), "wrong_type", 1, "photo", "member 1 photo: must be text"),
    (with_member(0, birth_year=10**30), "future", 1, "birth_year",
     "member 1 birth_year: a number of 31 digits is in the future"),
    (dict(with_member(0, birth_year=None, birth_date="1899-12-31"), arrival_date="2010-01-01"), "too_old", 1,
     "birth_date", "member 1 birth_date: 1899-12-31 is before 1900"),
    (dict(with_member(0, birth_year=1899), arrival_date="2010-01-01"), "too_old", 1,
     "birth_year", "member 1 birth_year: 1899 is before 1900"),
    (with_member(0, documents=[{"type": "passport", "number": "P1"}] * 11), "too_large", 1, "documents",
     "member 1 documents: 11 documents (at most 10)"),
    (with_member(0, languages=["fr"] * 21), "too_large", 1, "languages", "member 1 languages: 21 entries"),
    (household(arrival_date="0001-01-01"), "too_early", None, "arrival_date",
     "household arrival_date: 0001-01-01 is before 2000-01-01"),
    (dict(without(household(), "arrival_date"), arrived_at="0001-01-01T00:00+01:00"), "too_early", None,
     "arrived_at", "household arrived_at: 0001-01-01T00:00+01:00 is before 2000-01-01"),
    (dict(without(household(), "arrival_date"), arrived_at="2026-11-22T08:30Z"), "future", None, "arrived_at",
     "household arrived_at: 2026-11-22T08:30Z is in the future"),
    (with_member(0, birth_year=None, birth_date="2027-01-03"), "future", 1, "birth_date", "member 1 birth_date: 2027"),
    (with_member(0, birth_year=2027), "future", 1, "birth_year", "member 1 birth_year: 2027 is in the future"),
    (without(household(), "origin"), "required", None, "origin", "household origin: is required: {country"),
    (household(origin=[]), "wrong_type", None, "origin", "household origin: is required: {country"),
    (household(origin={"country": ""}), "required", None, "origin.country", "household origin country: is required"),
    (without(household(), "consent"), "required", None, "consent", "household consent: must be recorded as true"),
    (household(consent="yes"), "wrong_type", None, "consent", "household consent: must be recorded as true"),
    (with_member(0, given_names="  "), "required", 1, "given_names", "member 1 given_names: is required"),
    (with_member(0, given_names=5), "wrong_type", 1, "given_names", "member 1 given_names: must be text"),
    (with_member(0, family_name="T" * 101), "too_long", 1, "family_name", "member 1 family_name: is 101 characters"),
    (household(origin={"country": "MLI", "locality": "L" * 101}), "too_long", None, "origin.locality",
     "household origin locality: is 101 characters long"),
    (household(notes="x" * 2001), "too_long", None, "notes", "household notes: is 2001 characters long"),
    (household(destination="Tengr\u200béla"), "control_character", None, "destination",
     "household destination: contains control characters"),
    (with_member(0, given_names="Ami\x00nata"), "control_character", 1, "given_names",
     "member 1 given_names: contains control characters"),
    (with_member(0, given_names="Aminata2"), "bad_character", 1, "given_names", "member 1 given_names: contains '2'"),
    (with_member(0, other_names="-'-"), "no_letters", 1, "other_names", "member 1 other_names: has no letters"),
    (with_member(0, birth_year=None, age=121), "too_old", 1, "age", "member 1 age: estimated age 121 is over 120"),
    (with_member(0, birth_year=1899), "too_old", 1, "birth_year", "member 1 birth_year: 1899 means an estimated"),
    (with_member(0, birth_year=None, birth_date="1900-01-01"), "too_old", 1, "birth_date",
     "member 1 birth_date: 1900-01-01 means an age over 120"),
    (with_member(1, age=-1), "negative", 2, "age", "member 2 age: cannot be negative"),
    (with_member(1, age="7"), "wrong_type", 2, "age", "member 2 age: must be a whole number"),
    (with_member(0, birth_estimated="yes"), "wrong_type", 1, "birth_estimated",
     "member 1 birth_estimated: must be true or false"),
    (with_member(0, nationality="MALI"), "not_a_country", 1, "nationality", "member 1 nationality: 'MALI' is not"),
    (household(origin={"country": "ZZZ"}), "not_a_country", None, "origin.country", "household origin country: 'ZZZ'"),
    (with_member(0, languages=["FR1"]), "not_a_language", 1, "languages", "member 1 languages: 'FR1' is not an ISO"),
    (with_member(0, languages="bm"), "wrong_type", 1, "languages", "member 1 languages: must be a list of text"),
    (with_member(0, sex="W"), "not_a_choice", 1, "sex", "member 1 sex: 'W' is not a sex code"),
    (with_member(2, relationship="cousin"), "not_a_choice", 3, "relationship", "member 3 relationship: 'cousin'"),
    (with_member(0, specific_needs=["XX"]), "not_a_choice", 1, "specific_needs", "member 1 specific_needs: 'XX'"),
    (with_member(0, documents=[{"type": "licence", "number": "L-1"}]), "not_a_choice", 1, "documents[0].type",
     "member 1 document 1 type: 'licence' is not one of"),
    (with_member(0, documents="passport"), "wrong_type", 1, "documents", "member 1 documents: must be a list"),
    (with_member(0, documents=["passport"]), "wrong_type", 1, "documents[0]", "member 1 document 1: must be an object"),
    (with_member(0, documents=[{"type": "passport"}, {"type": "other"}]), "required", 1, "documents[0].number",
     "member 1 document 1 number: is required"),
    (with_member(0, id="a b"), "bad_format", 1, "id", "member 1 id: must be 1-40 letters"),
    (with_member(0, phone="call me"), "bad_format", 1, "phone", "member 1 phone: may hold only digits"),
    (with_member(0, photo="not base64!"), "bad_format", 1, "photo", "member 1 photo: is not base64"),
    (with_member(0, photo=_b64(b"GIF89a")), "bad_format", 1, "photo", "member 1 photo: must be a JPEG or PNG"),
    (with_member(0, photo=_b64(b"\xff\xd8\xff" + bytes(256 * 1024))), "too_large", 1, "photo",
     "member 1 photo: is 262147 bytes (at most 262144)"),
    (household(members=household()["members"] * 14), "too_large", None, "members", "household members: 42 members"),
    (household(members=[]), "no_members", None, "members", "household members: must list at least one member"),
    (without(household(), "members"), "no_members", None, "members", "household members: must list at least one"),
    (household(members={"head": {}}), "wrong_type", None, "members", "household members: must list at least one"),
    (household(members=[household()["members"][0], 5]), "wrong_type", 2, "", "member 2: must be an object"),
    (with_member(0, relationship="spouse"), "no_head", None, "", 'household: no member is the head'),
    (with_member(1, relationship="head"), "two_heads", None, "", "household: members 1, 2 are both marked as head"),
    (household(members=[dict(m, id="same") for m in household()["members"]]), "duplicate_id", None, "members",
     "household members: two members share the same id"),
]


@pytest.mark.parametrize(("obj", "code", "member", "field", "line"), EVERY_PROBLEM)
def test_every_problem_has_a_code_a_place_and_its_english_line(
        obj: Any, code: str, member: int | None, field: str, line: str) -> None:
    matching = [p for p in found(obj) if (p.code, p.member, p.field) == (code, member, field)]
    assert len(matching) == 1, [(p.code, p.member, p.field, str(p)) for p in found(obj)]
    (problem,) = matching
    assert str(problem).startswith(line) and str(problem).endswith(f": {problem.message}")
    assert problem.to_json() == {"code": code, "member": member, "field": field, "message": str(problem.message)}


def test_every_problem_names_a_known_code_and_a_key_of_the_format() -> None:
    for obj, *_ in EVERY_PROBLEM:
        for problem in found(obj):
            assert problem.code in PROBLEM_CODES, problem
            key = problem.field.partition("[")[0].partition(".")[0]
            assert key in ({""} | (MEMBER_KEYS if problem.member else HOUSEHOLD_KEYS)), problem


def test_the_cases_above_cover_every_code() -> None:
    produced = {code for _, code, *_ in EVERY_PROBLEM}
    # Reading the bytes (tests/unit/validation/test_json_input.py); a correction file (below).
    elsewhere = {"not_json", "not_utf8", "line_too_long", "too_deep", "number_too_long", "duplicate_key",
                 "wrong_regno"}
    assert produced | elsewhere == set(PROBLEM_CODES)


def test_every_code_the_core_writes_is_in_the_vocabulary() -> None:
    """No problem is made with a code that PROBLEM_CODES (and so the docs) does not list."""
    makers = {  # module: {call: position of the code among its arguments}
        **{f"fieldreg/validation/{part}.py": {"add": 0, "Problem": 0} for part in ("fields", "members", "household")},
        "fieldreg/station/form.py": {"Spot": 2, "Problem": 0},
        "fieldreg/cli/cmd_records.py": {"Problem": 0},
        "fieldreg/validation/json_input.py": {"Problem": 0},
    }
    written = []
    for module, calls in makers.items():
        for call in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call):
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                if name in calls:  # a literal, or a choice of literals ("required" if ... else "wrong_type")
                    arg = call.args[calls[name]]
                    choices = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
                    written += [c.value for c in choices if isinstance(c, ast.Constant)]
    assert len(written) > 50 and [code for code in written if code not in PROBLEM_CODES] == []


def test_a_correction_file_for_another_registration(admin: Session) -> None:
    current = admin.households.get(admin.households.register(parse_household(household())))
    with pytest.raises(ValidationError) as err:
        household_input({**household(), "regno": "TGR1-26-999999-X"}, current)
    (problem,) = err.value.problems
    assert (problem.code, problem.member, problem.field) == ("wrong_regno", None, "regno")
    assert str(problem) == f"household regno: file is for TGR1-26-999999-X, not {current.regno}"


def test_the_problem_codes_are_documented() -> None:
    doc = (ROOT / "docs" / "formats" / "household.md").read_text(encoding="utf-8")
    assert [code for code in PROBLEM_CODES if f"`{code}`" not in doc] == []
