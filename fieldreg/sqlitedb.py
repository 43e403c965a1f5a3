"""SQLite as FieldReg uses it, for the post's store and HQ's registry alike.

    db = connect(data_dir / "fieldreg.db")             # WAL, synchronous=FULL
    migrate(db, MIGRATIONS, what=Message("this store"))  # named steps, each in a transaction
    with transaction(db) as conn:                       # BEGIN IMMEDIATE ... COMMIT
        conn.execute("INSERT ...")

Durability: the database runs in WAL mode with ``synchronous=FULL``. In WAL
mode FULL makes every COMMIT fsync the write-ahead log before it returns, so a
save that returned survives a power cut; NORMAL would only protect against
corruption, not against losing the last commits. (The WAL is checkpointed into
the main file later; a crash mid-checkpoint is recovered from the WAL.)

``temp_store=MEMORY`` keeps SQLite's own temporary files (sorts, big queries)
off the disk, and ``secure_delete`` overwrites freed pages — belt and braces,
since personal fields only ever reach SQLite already encrypted.

Migrations are named steps applied in order, each in its own transaction and
recorded in ``migrations``; ``PRAGMA user_version`` mirrors the count so an
older FieldReg refuses a newer database instead of misreading it. Which steps
a database has is its owner's: fieldreg/store/db.py (a post), fieldreg/hq/schema.py
(HQ's registry).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from fieldreg.errors import CorruptData, StorageError
from fieldreg.messages import Message
from fieldreg.model import iso_utc, utcnow

Migration = tuple[str, Callable[[sqlite_utils.Database], None]]  # (name, step)


def connect(path: Path, *, large_transactions: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the database with FieldReg's durability settings."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=FULL",
            "PRAGMA foreign_keys=ON",
            # A post's transactions are small: its temporary data stays in RAM, off the disk.
            # HQ imports a whole batch in one transaction, whose statement journal would hold
            # a copy of every page it rewrites (+80 MB at 50,000 households): beyond 64 KiB it
            # spills to a temporary file, holding only what the database file holds.
            f"PRAGMA temp_store={'FILE' if large_transactions else 'MEMORY'}",
            "PRAGMA secure_delete=ON",
        ):
            conn.execute(pragma)
    except sqlite3.DatabaseError as err:
        raise StorageError("cannot open the database {path}: {err}", path=path, err=err) from err
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        raise StorageError("the database {path} cannot use write-ahead logging (got {mode})", path=path, mode=mode)
    return sqlite_utils.Database(conn)


def migrate(db: sqlite_utils.Database, migrations: list[Migration], *, what: Message) -> None:
    """Apply every migration not yet recorded, each in its own transaction.

    ``what`` names the database in the refusal of a newer one ("this store").
    """
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > len(migrations):
        raise CorruptData(
            "{what} has schema version {current}, newer than this FieldReg understands ({known}); "
            "install the newer FieldReg", what=what, current=current, known=len(migrations)
        )
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    for number, (name, step) in enumerate(migrations, 1):
        if name in done:
            continue
        with transaction(db):
            step(db)
            db.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, iso_utc(utcnow()))
            )
            db.execute(f"PRAGMA user_version = {number}")


class transaction:
    """``with transaction(db):`` — BEGIN IMMEDIATE … COMMIT, rolled back on error.

    IMMEDIATE takes the write lock up front, so two processes allocating
    registration numbers never both read the same last sequence.
    """

    def __init__(self, db: sqlite_utils.Database):
        self.conn = db.conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            raise StorageError("the database is busy or unwritable: {err}", err=err) from err
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as err:
                self.conn.execute("ROLLBACK")
                raise StorageError("could not save: {err}", err=err) from err
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError):
            # Disk full, read-only medium, I/O error: the environment, not a bug.
            raise StorageError("could not save: {exc}", exc=exc) from exc
