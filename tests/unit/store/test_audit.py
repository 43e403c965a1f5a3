from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household


@pytest.fixture
def busy(admin: Session) -> Session:
    """A session whose log holds init, login, 4 registrations, a correction and a void."""
    numbers = [admin.households.register(parse_household(household())) for _ in range(4)]
    changed = admin.households.get(numbers[0]).household.to_json()
    changed["notes"] = "corrected"
    admin.households.correct(numbers[0], parse_household(changed), base_version=1, reason="notes")
    admin.households.void(numbers[1], reason="duplicate")
    admin.tokens.record_print(numbers[2], what="slip")
    return admin


def raw(data_dir: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(data_dir / "fieldreg.db", isolation_level=None)
    return conn


def test_every_action_is_logged(busy: Session) -> None:
    actions = [e.action for e in busy.audit.entries()]
    assert actions == ["init", "login", "register", "register", "register", "register",
                       "correct", "void", "print"]
    assert busy.audit.verify() == (9, None)


def test_log_holds_no_personal_data(busy: Session) -> None:
    text = repr([e.to_json() for e in busy.audit.entries()])
    for secret in ("Traoré", "Aminata", "TEST-0001", "Loulouni", "corrected", "duplicate"):
        assert secret not in text
    correction = next(e for e in busy.audit.entries() if e.action == "correct")
    assert correction.details == {"version": 2, "fields": ["notes"]}


def test_edited_entry_is_found(busy: Session, data_dir: Path) -> None:
    raw(data_dir).execute("UPDATE audit SET actor = 'someone' WHERE seq = 5")
    assert busy.audit.verify() == (5, "entry 5: its content was changed after it was written")


def test_deleted_entry_is_found(busy: Session, data_dir: Path) -> None:
    raw(data_dir).execute("DELETE FROM audit WHERE seq = 4")
    _count, problem = busy.audit.verify()
    assert problem == "entry 4 is missing (the log jumps to entry 5)"


def test_deleted_tail_is_found(busy: Session, data_dir: Path) -> None:
    raw(data_dir).execute("DELETE FROM audit WHERE seq >= 8")
    assert busy.audit.verify()[1] == "entries 8-9 were deleted from the end"


def test_rewritten_chain_without_the_key_is_found(busy: Session, data_dir: Path) -> None:
    # An attacker recomputes the SHA-256 chain after editing entry 3, but
    # cannot compute the HMAC without the data key.
    from fieldreg.crypto.chain import entry_hash

    conn = raw(data_dir)
    rows = conn.execute("SELECT seq, at, actor, action, subject, details FROM audit ORDER BY seq")
    prev = "0" * 64
    import json
    for seq, at, actor, action, subject, details in rows.fetchall():
        if seq == 3:
            actor = "someone"
        digest = entry_hash(seq, at, actor, action, subject, json.loads(details), prev)
        conn.execute("UPDATE audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (actor, prev, digest, seq))
        prev = digest
    assert busy.audit.verify()[1] == "entry 3: its authentication code is wrong (forged or rewritten)"


def test_cli_reports_first_broken_entry(busy: Session, data_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("audit", "verify").stdout.strip() == "audit log intact: 10 entries"
    raw(data_dir).execute("UPDATE audit SET details = '{\"members\": 9}' WHERE seq = 3")
    result = run_cli("audit", "verify")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "audit log broken: entry 3: its content was changed after it was written")
