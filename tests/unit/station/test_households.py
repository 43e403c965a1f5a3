"""session.households: what each change writes beside the household, and the form's places."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import StorageError
from fieldreg.station import households as households_service
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household


def _outbox(data_dir: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(data_dir / "fieldreg.db") as raw:
        return raw.execute("SELECT kind, subject, version FROM outbox ORDER BY seq").fetchall()


def test_each_change_queues_its_version_for_the_next_batch(admin: Session, data_dir: Path) -> None:
    regno = admin.households.register(parse_household(household()))
    changed = admin.households.get(regno).household.to_json()
    changed["notes"] = "corrected"
    admin.households.correct(regno, parse_household(changed), base_version=1, reason="notes")
    admin.households.void(regno, reason="registered twice")
    assert _outbox(data_dir) == [("registration", regno, 1), ("registration", regno, 2),
                                 ("registration", regno, 3)]


def test_a_correction_audits_the_names_of_the_changed_fields_only(admin: Session) -> None:
    regno = admin.households.register(parse_household(household()))
    changed = admin.households.get(regno).household.to_json()
    changed["destination"] = "Kaouara host village"
    changed["members"][0]["phone"] = "+223 00 99 88 77"
    changed["members"].pop()  # Mariam
    changed["members"].append({"given_names": "Oumar", "family_name": "Traoré", "sex": "M",
                               "age": 2, "relationship": "child"})
    admin.households.correct(regno, parse_household(changed), base_version=1, reason="members")
    entry = admin.audit.entries()[-1]
    assert entry.action == "correct" and entry.subject == regno
    assert entry.details == {"version": 2, "fields": [
        "destination", "member.phone", "members (added)", "members (removed)"]}


def test_saves_keep_the_index_in_step_once_it_is_built(admin: Session) -> None:
    before = admin.households.register(parse_household(household()))
    assert [h.regno for h in admin.households.search("traore")] == [before]  # built here
    after = admin.households.register(parse_household(household()))
    assert {h.regno for h in admin.households.search("traore")} == {before, after}
    admin.households.void(before, reason="registered twice")
    assert admin.households.stats()["households"] == 1


def test_places_skip_a_damaged_row(admin: Session, data_dir: Path) -> None:
    first = admin.households.register(parse_household(household(destination="Old camp")))
    second = admin.households.register(parse_household(household(destination="New camp")))
    with sqlite3.connect(data_dir / "fieldreg.db") as raw:  # one row's attributes moved to the other
        blob = raw.execute("SELECT attributes FROM households WHERE regno = ?", (first,)).fetchone()[0]
        raw.execute("UPDATE households SET attributes = ? WHERE regno = ?", (blob, second))
    places = admin.households.places()
    assert places.destinations == ["Old camp"] and places.localities == ["Loulouni"]


def test_a_household_saved_without_consent_is_flagged_in_its_audit_entry(admin: Session) -> None:
    given = admin.households.register(parse_household(household()))
    withheld = admin.households.register(parse_household(household(consent=False)))
    entries = {e.subject: e for e in admin.audit.entries() if e.action == "register"}
    assert entries[given].details == {"members": 3}
    assert entries[withheld].details == {"members": 3, "without_consent": True}  # a flag, no personal data
    assert admin.households.get(withheld).household.consent is False
    assert admin.audit.verify()[1] is None  # the chain still verifies


def test_households_registered_together_each_get_their_number_rows_and_audit_entry(
        admin: Session, data_dir: Path) -> None:
    families = [parse_household(household(notes=f"family {n}")) for n in range(3)]
    regnos = admin.households.register_many(families)
    assert len(set(regnos)) == 3 and [int(r.split("-")[2]) for r in regnos] == [1, 2, 3]
    assert [admin.households.get(r).household.notes for r in regnos] == ["family 0", "family 1", "family 2"]
    assert _outbox(data_dir) == [("registration", r, 1) for r in regnos]
    audited = [(e.action, e.subject) for e in admin.audit.entries() if e.action == "register"]
    assert audited == [("register", r) for r in regnos]
    assert admin.audit.verify()[1] is None


def test_households_registered_together_are_stored_all_or_none(
        admin: Session, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(admin.audit.entries())
    real = households_service.queue_registration
    calls: list[str] = []

    def third_fails(conn: sqlite3.Connection, regno: str, *, version: int) -> None:
        calls.append(regno)
        if len(calls) == 3:  # the environment fails part-way, after two households are written
            raise sqlite3.OperationalError("disk I/O error")
        real(conn, regno, version=version)

    monkeypatch.setattr(households_service, "queue_registration", third_fails)
    families = [parse_household(household(notes=f"family {n}")) for n in range(4)]
    with pytest.raises(StorageError):
        admin.households.register_many(families)
    monkeypatch.undo()
    assert len(calls) == 3
    assert _outbox(data_dir) == [] and len(admin.audit.entries()) == before
    assert admin.households.search("traore") == []
    assert admin.households.register(families[0]).split("-")[2] == "000001"  # no number was used up
