"""SQLite as FieldReg uses it, for the post's store and HQ's registry alike.

    conn = connect(data_dir / "fieldreg.db")              # a sqlite3.Connection: WAL, FULL
    migrate(conn, MIGRATIONS, what=Message("this store"))  # named steps, each in a transaction
    with transaction(conn):                               # BEGIN IMMEDIATE ... COMMIT
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
(HQ's registry). A step gets a ``sqlite_utils.Database`` over the same
connection, so it can use what sqlite-utils does well (``create_table``,
``transform``, ``add_column``, ``create_index``, introspection); since
sqlite-utils 4.0 those run in savepoints inside the step's transaction rather
than committing it. The application itself uses the plain connection.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from fieldreg.errors import CorruptData, DiskFull, ReadOnlyStore, StorageError
from fieldreg.messages import Message
from fieldreg.model import iso_utc, utcnow

Migration = tuple[str, Callable[[sqlite_utils.Database], None]]  # (name, step)


def connect(path: Path, *, large_transactions: bool = False) -> sqlite3.Connection:
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
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open the database for reading only, in a folder (or on a medium) that cannot be written.

    A WAL database is read through its shared-memory file when SQLite can use
    one; in a read-only folder without one it is opened as immutable, which
    reads the main file alone -- so it is refused if its write-ahead log still
    holds changes (a writer that was killed), rather than showing an older state.
    """
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None,
                               timeout=30, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise StorageError(
                "the database {path} has changes not yet merged into it ({wal}) and its folder is "
                "read-only: make the folder writable once to open it", path=path, wal=wal.name) from None
        try:
            conn = sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as err:
            raise StorageError("cannot open the database {path}: {err}", path=path, err=err) from err
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def migrate(conn: sqlite3.Connection, migrations: list[Migration], *, what: Message) -> None:
    """Apply every migration not yet recorded, each in its own transaction.

    ``what`` names the database in the refusal of a newer one ("this store").
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > len(migrations):
        raise CorruptData(
            "{what} has schema version {current}, newer than this FieldReg understands ({known}); "
            "install the newer FieldReg", what=what, current=current, known=len(migrations)
        )
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    pending = [(number, name, step) for number, (name, step) in enumerate(migrations, 1)
               if name not in done]
    if not pending:
        return
    # No recursive_triggers, no plugins: the step's view must not change the connection.
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    # A step may rebuild a table that others reference (create the new one, copy the rows, drop
    # the old one, rename): SQLite's procedure turns foreign keys off meanwhile (the pragma is a
    # no-op inside a transaction) and checks them before the step commits.
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        for number, name, step in pending:
            with transaction(conn):
                step(db)
                if foreign_keys and conn.execute("PRAGMA foreign_key_check").fetchone():
                    raise sqlite3.IntegrityError(f"FOREIGN KEY constraint failed after {name}")
                conn.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, iso_utc(utcnow()))
                )
                conn.execute(f"PRAGMA user_version = {number}")
    finally:
        conn.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")


def storage_error(err: sqlite3.Error) -> StorageError:
    """The one-line error for a failed write: a full disk and a read-only store named as such.

    >>> storage_error(sqlite3.OperationalError("database or disk is full")).__class__.__name__
    'StorageError'
    """
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == sqlite3.SQLITE_FULL:
        return DiskFull("the disk is full: nothing more can be saved until space is freed")
    if code is not None and code & 0xFF == sqlite3.SQLITE_READONLY:
        return ReadOnlyStore("the data directory is read-only: nothing can be saved (only reading works)")
    return StorageError("could not save: {err}", err=err)


class transaction:
    """``with transaction(conn):`` — BEGIN IMMEDIATE … COMMIT, rolled back on error.

    IMMEDIATE takes the write lock up front, so two processes allocating
    registration numbers never both read the same last sequence.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as err:
            if getattr(err, "sqlite_errorcode", 0) & 0xFF in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY):
                raise storage_error(err) from err
            raise StorageError("the database is busy or unwritable: {err}", err=err) from err
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except sqlite3.Error as err:
                self._rollback()  # a COMMIT that failed on a full disk may have rolled back already
                raise storage_error(err) from err
        self._rollback()
        if isinstance(exc, sqlite3.OperationalError):
            # Disk full, read-only medium, I/O error: the environment, not a bug.
            raise storage_error(exc) from exc

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            # SQLite may have rolled back itself (SQLITE_FULL, SQLITE_IOERR): nothing left to undo.
            with contextlib.suppress(sqlite3.OperationalError):
                self.conn.execute("ROLLBACK")
