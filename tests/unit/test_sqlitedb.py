"""The SQLite helper the post's store and HQ's registry share: settings, migrations, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from fieldreg.errors import CorruptData, StorageError
from fieldreg.messages import Message
from fieldreg.sqlitedb import Migration, connect, migrate, transaction

WHAT = Message("this test database")


def _create(db: sqlite_utils.Database) -> None:
    db.table("people").create({"id": int, "name": str}, pk="id")


def _reshape(db: sqlite_utils.Database) -> None:
    people = db.table("people")
    people.add_column("born", int)
    people.transform(types={"name": bytes})  # a new table, the rows copied, the old one dropped
    people.create_index(["born"])


def _fail(db: sqlite_utils.Database) -> None:
    _reshape(db)
    raise RuntimeError("step failed half-way")


def test_connection_is_plain_sqlite_with_the_durability_settings(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    assert type(conn) is sqlite3.Connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_steps_use_sqlite_utils_and_are_recorded(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    steps: list[Migration] = [("0001_people", _create), ("0002_reshape", _reshape)]
    migrate(conn, steps, what=WHAT)
    table = sqlite_utils.Database(conn).table("people")
    assert table.columns_dict == {"id": int, "name": bytes, "born": int}
    assert [i.columns for i in table.indexes] == [["born"]]
    assert [r[0] for r in conn.execute("SELECT name FROM migrations")] == ["0001_people", "0002_reshape"]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_failing_step_leaves_nothing_behind(tmp_path: Path) -> None:
    """sqlite-utils' transform runs in a savepoint of the step's transaction, not a commit of its own."""
    conn = connect(tmp_path / "x.db")
    migrate(conn, [("0001_people", _create)], what=WHAT)
    conn.execute("INSERT INTO people (name) VALUES ('Aminata')")
    with pytest.raises(RuntimeError, match="half-way"):
        migrate(conn, [("0001_people", _create), ("0002_reshape", _fail)], what=WHAT)
    assert not conn.in_transaction
    assert sqlite_utils.Database(conn).table("people").columns_dict == {"id": int, "name": str}
    assert conn.execute("SELECT name FROM people").fetchall() == [("Aminata",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1


def _with_visits(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE visits (person INTEGER NOT NULL REFERENCES people(id), day TEXT)")


def _rebuild_people(db: sqlite_utils.Database) -> None:
    """SQLite's way to change what ALTER TABLE cannot: new table, copy, drop the old, rename."""
    db.execute("CREATE TABLE people_new (id INTEGER PRIMARY KEY, name TEXT)")
    db.execute("INSERT INTO people_new SELECT id, name FROM people")
    db.execute("DROP TABLE people")
    db.execute("ALTER TABLE people_new RENAME TO people")


def _orphan_visits(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM people")


def test_a_step_may_rebuild_a_referenced_table_and_references_are_checked(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    steps: list[Migration] = [("0001_people", _create), ("0002_visits", _with_visits)]
    migrate(conn, steps, what=WHAT)
    conn.execute("INSERT INTO people (id, name) VALUES (1, 'Aminata')")
    conn.execute("INSERT INTO visits VALUES (1, '2026-12-05')")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        migrate(conn, [*steps, ("0003_orphans", _orphan_visits)], what=WHAT)
    assert conn.execute("SELECT name FROM people").fetchall() == [("Aminata",)]
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    migrate(conn, [*steps, ("0003_rebuild", _rebuild_people)], what=WHAT)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("SELECT * FROM visits JOIN people ON people.id = person").fetchall() == [
        (1, "2026-12-05", 1, "Aminata")]
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute("INSERT INTO visits VALUES (2, '2026-12-06')")


def test_a_newer_database_is_refused_by_name(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    conn.execute("PRAGMA user_version = 3")
    with pytest.raises(CorruptData, match="this test database has schema version 3, newer"):
        migrate(conn, [("0001_people", _create)], what=WHAT)


def test_transaction_commits_or_rolls_back(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.db")
    migrate(conn, [("0001_people", _create)], what=WHAT)
    with transaction(conn):
        conn.execute("INSERT INTO people (name) VALUES ('Issa')")
    with pytest.raises(ValueError), transaction(conn):
        conn.execute("INSERT INTO people (name) VALUES ('Mariam')")
        raise ValueError("a bug")
    with pytest.raises(StorageError, match="could not save"), transaction(conn):
        conn.execute("INSERT INTO nowhere VALUES (1)")
    assert conn.execute("SELECT name FROM people").fetchall() == [("Issa",)]


def test_a_full_database_is_disk_full_and_rolls_back(tmp_path: Path) -> None:
    """A real SQLITE_FULL (the page limit of this connection): DiskFull, one line, nothing half-saved."""
    from fieldreg.errors import DiskFull
    from fieldreg.sqlitedb import connect, transaction

    conn = connect(tmp_path / "full.db")
    conn.execute("CREATE TABLE t (v BLOB)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DiskFull) as err, transaction(conn):
        conn.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,))
    assert str(err.value) == "the disk is full: nothing more can be saved until space is freed"
    assert not conn.in_transaction and conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
