"""The audit trail cannot be cut and the records' clear columns and versions are authenticated.

Each test edits a real fieldreg.db with the sqlite3 module, as someone who holds
no passphrase would, then signs in as a user does, and checks that the edit is
caught (an alert in the chain, ``audit.check()``, the record's own error) and that
nothing valid was lost.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import CorruptData, UnreadableRecord
from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.store.seals import CorruptRecord
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household


def raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "fieldreg.db", isolation_level=None)


def sign_in(data_dir: Path) -> Session:
    return Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)


def alerts(session: Session) -> dict[str, dict[str, object]]:
    return {e.subject: e.details for e in session.audit.alerts()}


def register(session: Session, n: int) -> list[str]:
    return [session.households.register(parse_household(household(notes=f"family {i}")))
            for i in range(n)]


def test_an_untouched_store_raises_no_alert(admin: Session, data_dir: Path) -> None:
    numbers = register(admin, 3)
    admin.households.void(numbers[1], reason="registered twice")
    again = sign_in(data_dir)
    report = again.audit.check()
    assert report.clean, (report.chain_problem, report.findings, report.alerts)
    assert alerts(again) == {}


def test_deleting_the_last_audit_row_is_caught_at_the_next_sign_in(admin: Session,
                                                                  data_dir: Path) -> None:
    numbers = register(admin, 2)
    conn = raw(data_dir)
    last = conn.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq = ?", (last,))
    # Signing in appends after the cut and rewrites the head: the alert comes first.
    session = sign_in(data_dir)
    sign_in(data_dir)
    found = alerts(session)
    assert found["audit_head"] == {"code": "audit_head", "problem": "entries_deleted",
                                   "head_seq": last, "last_seq": last - 1}
    report = session.audit.check()
    assert report.chain_problem is None  # the chain itself runs on, but the alert stays in it
    assert [str(session.audit.describe(a)) for a in report.alerts] == [
        f"audit entry {last} was deleted from the end of the log"]
    assert [h.regno for h in session.households.search("traore")] == sorted(numbers, reverse=True)


def test_the_alert_is_not_hidden_by_later_appends_or_sign_ins(admin: Session,
                                                               data_dir: Path) -> None:
    register(admin, 1)
    raw(data_dir).execute("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)")
    for _ in range(3):
        sign_in(data_dir)
    session = sign_in(data_dir)
    register(session, 1)
    assert [e.subject for e in session.audit.alerts()] == ["audit_head"]
    assert not session.audit.check().clean


def test_a_forged_head_is_an_alert(admin: Session, data_dir: Path) -> None:
    raw(data_dir).execute(
        "UPDATE meta SET value = json_set(value, '$.seq', 99) WHERE key = 'audit_head'")
    assert alerts(sign_in(data_dir))["audit_head"]["problem"] == "head_forged"


def test_deleting_a_registration_and_its_trailing_entries(admin: Session, data_dir: Path) -> None:
    numbers = register(admin, 3)
    victim = numbers[1]
    conn = raw(data_dir)
    seq = conn.execute("SELECT seq FROM audit WHERE subject = ?", (victim,)).fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq >= ?", (seq,))
    conn.execute("DELETE FROM members WHERE household_id ="
                 " (SELECT id FROM households WHERE regno = ?)", (victim,))
    conn.execute("DELETE FROM outbox WHERE subject = ?", (victim,))
    conn.execute("DELETE FROM households WHERE regno = ?", (victim,))
    session = sign_in(data_dir)
    found = alerts(session)
    assert found["audit_head"]["problem"] == "entries_deleted"
    assert found["numbers_missing"] == {"code": "numbers_missing", "count": 1, "regnos": [victim]}
    assert found["records_commitment"] == {"code": "records_commitment", "state": "mismatch",
                                           "expected": 3, "found": 2}
    lines = [str(f) for f in session.audit.check().findings]
    assert any(victim in line and "missing" in line for line in lines)
    # Nothing valid was lost: the others open, search, and a new number is a new one.
    for regno in (numbers[0], numbers[2]):
        assert session.households.get(regno).version == 1
    new = register(session, 1)[0]
    assert new not in numbers


def test_hiding_the_gap_by_lowering_the_counter_is_still_caught(admin: Session,
                                                                data_dir: Path) -> None:
    numbers = register(admin, 2)
    conn = raw(data_dir)
    conn.execute("DELETE FROM members WHERE household_id ="
                 " (SELECT id FROM households WHERE regno = ?)", (numbers[1],))
    conn.execute("DELETE FROM households WHERE regno = ?", (numbers[1],))
    conn.execute("UPDATE sequences SET last = last - 1")
    session = sign_in(data_dir)
    assert alerts(session)["records_commitment"]["state"] == "mismatch"
    assert any(numbers[1] in str(f) for f in session.audit.check().findings)  # the log names it


def test_a_void_household_set_back_to_active(admin: Session, data_dir: Path) -> None:
    numbers = register(admin, 2)
    admin.households.void(numbers[0], reason="registered twice")
    raw(data_dir).execute("UPDATE households SET status = 'active' WHERE regno = ?", (numbers[0],))
    session = sign_in(data_dir)
    assert any(numbers[0] in str(f) for f in session.audit.check().findings)
    assert alerts(session)["records_altered"] == {"code": "records_altered", "count": 1,
                                                  "regnos": [numbers[0]]}  # recorded, for HQ
    with pytest.raises(CorruptRecord) as caught:
        session.households.get(numbers[0])
    assert caught.value.regno == numbers[0] and numbers[0] in str(caught.value)
    assert session.households.get(numbers[1]).status == "active"  # the other is untouched


@pytest.mark.parametrize(("column", "value"), [
    ("created_by", "mallory"), ("arrived_at", "2026-01-01T00:00:00Z"), ("version", 7),
    ("updated_by", "mallory"), ("created_at", "2025-01-01T00:00:00Z"),
])
def test_edited_clear_columns_are_caught(admin: Session, data_dir: Path, column: str,
                                         value: object) -> None:
    numbers = register(admin, 2)
    raw(data_dir).execute(f"UPDATE households SET {column} = ? WHERE regno = ?",
                          (value, numbers[0]))
    session = sign_in(data_dir)
    findings = [str(f) for f in session.audit.check().findings]
    assert findings[0] == (
        f"registrations changed outside FieldReg (clear columns or seal): {numbers[0]}")
    # An edited version also unbinds the envelopes (their associated data names the version).
    assert len(findings) == (2 if column == "version" else 1)
    assert all(f.endswith(numbers[0]) for f in findings)
    assert alerts(session)["records_altered"]["regnos"] == [numbers[0]]
    with pytest.raises(CorruptRecord):
        session.households.get(numbers[0])
    assert session.households.get(numbers[1]).version == 1


def test_a_deleted_member_row_is_caught_when_the_record_is_read(admin: Session,
                                                                data_dir: Path) -> None:
    regno = register(admin, 1)[0]
    raw(data_dir).execute("DELETE FROM members WHERE position = 1")
    with pytest.raises(CorruptRecord):
        sign_in(data_dir).households.get(regno)


def _copy_rows(old: Path, new: Path, regno: str, *, with_clear: bool) -> None:
    """Copy one household's rows from an older copy of the file into the current one."""
    conn = raw(new)
    conn.execute("ATTACH DATABASE ? AS old", (str(old / "fieldreg.db"),))
    columns = ["attributes", "origin_locality", "notes", "summary"]
    if with_clear:
        columns += ["arrived_at", "status", "version", "updated_at", "updated_by", "seal",
                    "seal_tag"]
    sets = ", ".join(f"{c} = (SELECT {c} FROM old.households WHERE regno = :r)" for c in columns)
    conn.execute(f"UPDATE households SET {sets} WHERE regno = :r", {"r": regno})
    hid = conn.execute("SELECT id FROM households WHERE regno = ?", (regno,)).fetchone()[0]
    conn.execute("DELETE FROM members WHERE household_id = ?", (hid,))
    conn.execute("INSERT INTO members SELECT * FROM old.members WHERE household_id = ?", (hid,))
    if with_clear:  # and the commitment, to make the old row look consistent
        conn.execute("UPDATE meta SET value = (SELECT value FROM old.meta WHERE key ="
                     " 'records_seal') WHERE key = 'records_seal'")
    conn.execute("DETACH DATABASE old")


def _corrected(admin: Session, tmp_path: Path, data_dir: Path) -> tuple[str, str, Path]:
    regno, other = register(admin, 2)
    admin.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    old = tmp_path / "old-copy"
    old.mkdir()
    shutil.copy(data_dir / "fieldreg.db", old / "fieldreg.db")
    changed = admin.households.get(regno).household.to_json()
    changed["members"][0]["given_names"] = "Awa Corrected"
    admin.households.correct(regno, parse_household(changed), base_version=1,
                             reason="name misspelt")
    return regno, other, old


def test_older_ciphertexts_copied_back_after_a_correction_do_not_open(
        admin: Session, tmp_path: Path, data_dir: Path) -> None:
    regno, other, old = _corrected(admin, tmp_path, data_dir)
    _copy_rows(old, data_dir, regno, with_clear=False)
    session = sign_in(data_dir)
    with pytest.raises(UnreadableRecord) as caught:
        session.households.get(regno)  # version 2 with version 1's envelopes
    assert caught.value.regno == regno
    assert session.households.get(other).version == 1
    report = session.audit.check()
    assert [str(f) for f in report.findings] == [
        "registrations whose encrypted fields do not open under their version (put back from an"
        f" older copy, or damaged): {regno}"]
    assert alerts(session)["records_unreadable"]["regnos"] == [regno]
    # Search leaves it out and names it, rather than failing for every record.
    assert regno not in {h.regno for h in session.households.search("traore")}
    assert regno in {u.regno for u in session.households.unreadable()}


def test_a_whole_row_put_back_from_an_older_copy_is_caught(
        admin: Session, tmp_path: Path, data_dir: Path) -> None:
    regno, other, old = _corrected(admin, tmp_path, data_dir)
    _copy_rows(old, data_dir, regno, with_clear=True)
    session = sign_in(data_dir)
    found = alerts(session)
    assert found["records_rolled_back"]["regnos"] == [regno]
    assert "records_altered" not in found  # the old row is genuine: only its age gives it away
    assert any(regno in str(f) and "older" in str(f) for f in session.audit.check().findings)
    assert session.households.get(other).version == 1


def test_the_rollback_is_caught_even_with_its_history_deleted(
        admin: Session, tmp_path: Path, data_dir: Path) -> None:
    regno, _, old = _corrected(admin, tmp_path, data_dir)
    _copy_rows(old, data_dir, regno, with_clear=True)
    raw(data_dir).execute("DELETE FROM history")
    session = sign_in(data_dir)
    assert alerts(session)["records_rolled_back"]["regnos"] == [regno]  # the last audited change


def test_a_removed_commitment_does_not_rerun_the_upgrade(admin: Session, data_dir: Path) -> None:
    numbers = register(admin, 2)
    raw(data_dir).execute("DELETE FROM meta WHERE key = 'records_seal'")
    session = sign_in(data_dir)
    found = alerts(session)
    assert found["records_reseal_refused"]["why"] == "sealed_rows"
    assert found["records_commitment"]["state"] == "missing"
    assert [session.households.get(r).version for r in numbers] == [1, 1]


def test_clearing_every_seal_does_not_rerun_the_upgrade(admin: Session, data_dir: Path) -> None:
    numbers = register(admin, 2)
    conn = raw(data_dir)
    conn.execute("DELETE FROM meta WHERE key = 'records_seal'")
    conn.execute("UPDATE households SET seal = ''")
    session = sign_in(data_dir)
    assert alerts(session)["records_reseal_refused"]["why"] == "sealed_envelopes"
    assert "records_sealed" not in [e.action for e in session.audit.entries()]
    assert alerts(session)["records_commitment"]["state"] == "missing"
    session.audit.check()
    assert alerts(session)["records_altered"]["count"] == 2
    with pytest.raises(CorruptData):
        session.households.get(numbers[0])


def test_repeated_sign_ins_do_not_repeat_an_alert(admin: Session, data_dir: Path) -> None:
    regno = register(admin, 1)[0]
    raw(data_dir).execute("DELETE FROM households WHERE regno = ?", (regno,))
    for _ in range(3):
        session = sign_in(data_dir)
        session.audit.check()
    assert sorted(e.subject for e in session.audit.alerts()) == [
        "numbers_missing", "records_commitment"]


def test_alert_helper_records_codes_and_plain_facts(admin: Session) -> None:
    entry = admin.audit.alert("roles_forged", username="ali", count=2)
    assert (entry.action, entry.subject, entry.details) == (
        "audit_alert", "roles_forged", {"code": "roles_forged", "username": "ali", "count": 2})
    assert admin.audit.verify()[1] is None
    with pytest.raises(ValueError):
        admin.audit.alert("Not A Code")
    with pytest.raises(ValueError):
        admin.audit.alert("nested", facts={"a": {"b": 1}})
    assert str(admin.audit.describe(entry)) == "roles_forged username=ali count=2"
