"""Every released store format must keep opening (fixtures in tests/data/stores/)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from fieldreg.errors import CorruptData
from fieldreg.sqlitedb import connect
from fieldreg.station import Station
from fieldreg.store import SCHEMA_VERSION
from fieldreg.store.db import MIGRATIONS, migrate

FIXTURES = Path(__file__).parents[2] / "data" / "stores"


def test_v1_fixture_store_opens_and_reads(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "v1", tmp_path / "v1")
    store = Station.open(tmp_path / "v1")
    session = store.unlock("fixture", "fixture passphrase v1")
    assert store.post_id == "FIX1"
    hits = session.households.search("traore")
    assert len(hits) == 2
    corrected = session.households.get(hits[-1].regno)
    assert corrected.household.notes == "corrected in v1"
    assert corrected.history[0].reason == "fixture correction"
    assert session.audit.verify()[1] is None
    assert store.store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def schema(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every table's columns, indexes and foreign keys, and every view, as sqlite-utils reads them."""
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    return {
        "tables": {t.name: (t.columns, sorted(i[1:] for i in t.indexes),
                            sorted(map(repr, t.foreign_keys))) for t in db.tables},
        "views": {v.name: v.schema for v in db.views},
        "triggers": sorted(t.name for t in db.triggers),
    }


def test_a_migrated_v1_store_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "v1", tmp_path / "v1")
    old = Station.open(tmp_path / "v1")  # migrates
    fresh = connect(tmp_path / "fresh.db")
    migrate(fresh)
    migrated = schema(old.store.db)
    assert migrated == schema(fresh)
    assert {"households", "outbox", "duplicate_decisions", "tokens", "batches"} <= set(migrated["tables"])


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    migrate(db)
    migrate(db)
    names = [r[0] for r in db.execute("SELECT name FROM migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_newer_store_is_refused(tmp_path: Path) -> None:
    db = connect(tmp_path / "x.db")
    migrate(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(CorruptData, match="newer than this FieldReg"):
        migrate(db)


def test_not_a_database(tmp_path: Path) -> None:
    from fieldreg.errors import StorageError

    (tmp_path / "fieldreg.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="cannot open the database"):
        Station.open(tmp_path)


def test_a_leaner_outbox_keeps_every_row_and_drops_what_another_index_holds(tmp_path: Path) -> None:
    """0008_leaner_outbox rebuilds the outbox without AUTOINCREMENT and drops its batch index:
    the same rows, one b-tree and one sqlite_sequence row fewer for a save to write
    (docs/benchmarks.md, "Register, end to end")."""
    shutil.copytree(FIXTURES / "v1", tmp_path / "v1")
    old = sqlite3.connect(tmp_path / "v1" / "fieldreg.db")
    before = old.execute("SELECT * FROM outbox ORDER BY rowid").fetchall()
    old.close()
    conn = Station.open(tmp_path / "v1").store.db  # migrates
    assert before and conn.execute("SELECT * FROM outbox ORDER BY rowid").fetchall() == before
    indexes = {r[0]: r[1] for r in conn.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'")}
    assert not [n for n, t in indexes.items() if t == "outbox"]
    assert "AUTOINCREMENT" not in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
