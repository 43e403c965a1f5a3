"""The one-time upgrade of stores written before record seals (tests/data/stores/v1)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import CorruptData
from fieldreg.station import Station
from fieldreg.store.seals import CorruptRecord

FIXTURES = Path(__file__).parents[2] / "data" / "stores"
USER, PASSPHRASE = "fixture", "fixture passphrase v1"  # the public test fixture's


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "v1", tmp_path / "v1")
    return tmp_path / "v1"


def test_the_first_sign_in_seals_every_record_once(old_store: Path) -> None:
    session = Station.open(old_store).unlock(USER, PASSPHRASE)
    sealed = [e for e in session.audit.entries() if e.action == "records_sealed"]
    assert [e.details for e in sealed] == [{"households": 2}]
    assert session.audit.alerts() == []
    report = session.audit.check()
    assert report.clean, (report.findings, report.alerts)
    hits = session.households.search("traore")
    assert sorted(session.households.get(h.regno).version for h in hits) == [2, 2]
    again = Station.open(old_store).unlock(USER, PASSPHRASE)
    assert [e.action for e in again.audit.entries()].count("records_sealed") == 1
    # Nothing is left under the old binding: an old-format copy of a row would not open.
    conn = sqlite3.connect(old_store / "fieldreg.db")
    assert conn.execute("SELECT COUNT(*) FROM households WHERE seal = '' OR seal_tag = 0"
                        ).fetchone()[0] == 0


def test_a_damaged_old_row_is_left_aside_and_the_others_are_sealed(old_store: Path) -> None:
    conn = sqlite3.connect(old_store / "fieldreg.db", isolation_level=None)
    regno, blob = conn.execute("SELECT regno, summary FROM households ORDER BY id LIMIT 1"
                               ).fetchone()
    conn.execute("UPDATE households SET summary = ? WHERE regno = ?",
                 (blob[:-1] + bytes([blob[-1] ^ 1]), regno))
    conn.close()
    session = Station.open(old_store).unlock(USER, PASSPHRASE)
    sealed = next(e for e in session.audit.entries() if e.action == "records_sealed")
    assert sealed.details == {"households": 1, "damaged": 1}
    other = session.store.db.execute("SELECT regno FROM households WHERE regno != ?",
                                     (regno,)).fetchone()[0]
    assert session.households.get(other).version >= 1  # the good one opens, sealed
    with pytest.raises(CorruptRecord):
        session.households.get(regno)
    assert any(regno in str(f) for f in session.audit.check().findings)


def test_an_old_store_with_its_upgrade_entry_is_not_upgraded_again(old_store: Path) -> None:
    session = Station.open(old_store).unlock(USER, PASSPHRASE)
    regno = session.households.search("traore")[0].regno
    conn = sqlite3.connect(old_store / "fieldreg.db", isolation_level=None)
    conn.execute("DELETE FROM meta WHERE key = 'records_seal'")
    conn.close()
    again = Station.open(old_store).unlock(USER, PASSPHRASE)
    assert {e.subject for e in again.audit.alerts()} == {"records_commitment"}
    assert [e.action for e in again.audit.entries()].count("records_sealed") == 1
    assert again.households.get(regno).regno == regno  # nothing was re-sealed or lost


def test_a_row_put_back_from_before_the_upgrade_does_not_open(old_store: Path,
                                                               tmp_path: Path) -> None:
    before = tmp_path / "before.db"
    shutil.copy(old_store / "fieldreg.db", before)
    session = Station.open(old_store).unlock(USER, PASSPHRASE)
    regno = session.households.search("traore")[0].regno
    conn = sqlite3.connect(old_store / "fieldreg.db", isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS old", (str(before),))
    conn.execute("UPDATE households SET summary = (SELECT summary FROM old.households"
                 " WHERE regno = :r), attributes = (SELECT attributes FROM old.households"
                 " WHERE regno = :r) WHERE regno = :r", {"r": regno})
    conn.close()
    again = Station.open(old_store).unlock(USER, PASSPHRASE)
    with pytest.raises(CorruptData):
        again.households.get(regno)
