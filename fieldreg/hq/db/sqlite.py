"""The registry in one SQLite file, ``HQDIR/registry.db``: the embedded default.

The post store's settings and migration runner (fieldreg/sqlitedb.py): WAL with
``synchronous=FULL``, so a reader never blocks the import and a commit that
returned survives a power cut; ``BEGIN IMMEDIATE`` for writes, so two HQ
processes take turns (the second waits for the first's commit, up to the busy
timeout) and never interleave.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlite_utils

from fieldreg import sqlitedb
from fieldreg.hq.db.base import SQLITE, Cursor, Db, Step
from fieldreg.messages import Message


class SqliteDb(Db):
    engine = SQLITE

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.location = str(path)

    @classmethod
    def open(cls, path: Path) -> SqliteDb:
        conn = sqlitedb.connect(path, large_transactions=True)  # a whole batch per transaction
        if os.name != "nt":
            os.chmod(path, 0o600)
        return cls(conn, path)

    @property
    def types(self) -> dict[str, str]:
        return {"id": "INTEGER PRIMARY KEY", "blob": "BLOB"}

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        return self.conn.execute(sql, args)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def append(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Db]:
        with sqlitedb.transaction(self.conn):
            yield self

    def lock_against_writers(self, table: str) -> None:
        pass  # a write transaction (BEGIN IMMEDIATE) already excludes every other writer

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Db]:
        # A deferred transaction reads one WAL snapshot from its first read on.
        self.conn.execute("BEGIN")
        try:
            yield self
        finally:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def migrate(self, steps: list[tuple[str, Step]], *, what: Message) -> None:
        """The store's runner (``PRAGMA user_version``, foreign keys checked), each step given this Db."""
        def run(step: Step) -> Callable[[sqlite_utils.Database], None]:
            return lambda _utils: step(self)

        sqlitedb.migrate(self.conn, [(name, run(step)) for name, step in steps], what=what)

    def applied(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY rowid")]
