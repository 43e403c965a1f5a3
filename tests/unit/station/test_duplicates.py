"""Duplicates within a post: candidate pairs from the store, decisions recorded, never merged."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

from fieldreg.errors import AuthError, InvalidInput, NotFound, PermissionDenied
from fieldreg.station.duplicates import Person, member_key
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household, make_user

Run = Callable[..., subprocess.CompletedProcess[str]]


def _single(given: str, family: str, year: int, sex: str = "M", locality: str = "Loulouni") -> dict[str, Any]:
    return household(
        origin={"country": "MLI", "region": "Sikasso", "locality": locality},
        members=[{"given_names": given, "family_name": family, "sex": sex, "birth_year": year,
                  "relationship": "head"}],
    )


def _key(admin: Session, regno: str) -> str:
    """The member key of a one-person household."""
    return f"{regno}/{admin.households.get(regno).household.members[0].id}"


@pytest.fixture
def registered(admin: Session) -> dict[str, str]:
    """Amadou Traoré registered twice with variant spellings, and an unrelated man."""
    return {
        "first": admin.households.register(parse_household(_single("Amadou", "Traoré", 1988))),
        "again": admin.households.register(parse_household(_single("Ahmadou", "Trawore", 1989))),
        "other": admin.households.register(parse_household(_single("Seydou", "Coulibaly", 1970))),
    }


def test_pairs_name_both_registrations_with_score_and_explanation(
        admin: Session, registered: dict[str, str]) -> None:
    pairs = admin.duplicates.pairs()
    assert len(pairs) == 1
    shown = pairs[0].to_json()
    assert {shown["a"]["regno"], shown["b"]["regno"]} == {registered["first"], registered["again"]}
    assert 0.8 <= shown["score"] <= 1 and shown["explanation"] == pairs[0].match.explanation() != ""
    assert {shown["a"]["given_names"], shown["b"]["given_names"]} == {"Amadou", "Ahmadou"}


def test_live_candidates_for_a_member_being_typed(admin: Session, registered: dict[str, str]) -> None:
    finder = admin.duplicates.finder()
    found = finder.candidates(Person("typing", "Amadou", "Traore", sex="M", birth_year=1987,
                                     locality="Loulouni"))
    regnos = [c.b[0].regno for c in found]
    assert set(regnos) == {registered["first"], registered["again"]}  # not Seydou Coulibaly
    assert [c.match.score for c in found] == sorted((c.match.score for c in found), reverse=True)


def test_decision_recorded_audited_and_pair_not_proposed_again(
        admin: Session, registered: dict[str, str]) -> None:
    supervisor = make_user(admin, "fatou", "supervisor")
    a, b = _key(admin, registered["again"]), _key(admin, registered["first"])
    supervisor.duplicates.decide(a, b, "same")
    rows = list(admin.store.db.execute(
        "SELECT member_a, member_b, decision, decided_by FROM duplicate_decisions"))
    assert rows == [(min(a, b), max(a, b), "same", "fatou")]
    entry = admin.audit.entries()[-1]
    assert (entry.action, entry.details["decision"]) == ("duplicate_decision", "same")
    assert admin.duplicates.pairs() == []
    # Nothing merged: both registrations are still there, unchanged.
    assert [admin.households.get(registered[k]).status for k in ("first", "again")] == ["active", "active"]


def test_void_registrations_are_not_proposed(admin: Session, registered: dict[str, str]) -> None:
    admin.households.void(registered["again"], reason="registered twice")
    assert admin.duplicates.pairs() == []


def test_decisions_refused(admin: Session, registered: dict[str, str]) -> None:
    officer = make_user(admin, "ali", "officer")
    first, again = _key(admin, registered["first"]), _key(admin, registered["again"])
    with pytest.raises(PermissionDenied):
        officer.duplicates.decide(first, again, "same")
    with pytest.raises(InvalidInput):
        admin.duplicates.decide(first, again, "maybe")
    with pytest.raises(InvalidInput):
        admin.duplicates.decide(first, first, "same")
    with pytest.raises(InvalidInput):
        admin.duplicates.decide(registered["first"], again, "same")  # no member part
    with pytest.raises(NotFound):
        admin.duplicates.decide(f"{registered['first']}/no-such-member", again, "same")
    assert list(admin.store.db.execute("SELECT COUNT(*) FROM duplicate_decisions")) == [(0,)]


def test_cli_lists_and_decides(admin: Session, registered: dict[str, str], run_cli: Run) -> None:
    listed = run_cli("duplicates", "--json")
    assert listed.returncode == 0, listed.stderr
    pairs = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(pairs) == 1
    a, b = pairs[0]["a"]["key"], pairs[0]["b"]["key"]
    text = run_cli("duplicates")
    assert "1 possible duplicate pair" in text.stdout and "Traoré" in text.stdout
    done = run_cli("duplicates", "decide", a, b, "different")
    assert done.returncode == 0 and "different people" in done.stdout
    assert run_cli("duplicates", "--json").stdout == ""
    bad = run_cli("duplicates", "decide", a, "nonsense", "same")
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1


def test_a_finder_catches_up_with_saves_corrections_and_voids(
        admin: Session, registered: dict[str, str]) -> None:
    finder = admin.duplicates.finder()
    probe = Person("typing", "Amadou", "Traore", sex="M", birth_year=1987, locality="Loulouni")
    admin.households.void(registered["again"], reason="registered twice by mistake")
    again = admin.households.register(parse_household(_single("Amadu", "Traoré", 1987)))
    finder.refresh()
    regnos = {c.b[0].regno for c in finder.candidates(probe)}
    assert regnos == {registered["first"], again}  # the void one gone, the new one found
    assert regnos == {c.b[0].regno for c in admin.duplicates.finder().candidates(probe)}


def test_every_user_finds_candidates_only_supervisors_decide(
        admin: Session, registered: dict[str, str]) -> None:
    officer = make_user(admin, "ali", "officer")
    [pair] = officer.duplicates.pairs()
    assert officer.duplicates.finder().candidates(
        Person("typing", "Seydou", "Coulibaly", sex="M", birth_year=1970, locality="Loulouni"))
    a, b = (member_key(household.regno, member.uid) for household, member in (pair.a, pair.b))
    with pytest.raises(PermissionDenied, match="ali is signed in as officer and may not decide"):
        officer.duplicates.decide(a, b, "same")
    admin.accounts.add("fanta", role="supervisor", passphrase="fanta first pass")
    first_login = admin.station.unlock("fanta", "fanta first pass")
    for attempt in (first_login.duplicates.finder, first_login.duplicates.pairs):
        with pytest.raises(AuthError, match="new passphrase first"):
            attempt()


def test_a_finder_holds_the_index_never_the_session(admin: Session,
                                                   registered: dict[str, str]) -> None:
    """A screen keeps its finder while the app is locked: the session must not live on in it."""
    finder = admin.duplicates.finder()
    held = list(vars(finder).values())
    assert admin.index in held
    assert not any(isinstance(value, Session) for value in held)
