"""The post store's schema: its migrations, in order (docs/store.md).

    migrate(db)          # brings a store made by any earlier FieldReg to SCHEMA_VERSION

Each step is frozen once released: a store made by an earlier version has run
it and never runs it again, so a change is a new step at the end (the fixture
stores of tests/data/stores/ keep every released schema opening). Connection
settings, transactions and the runner itself are fieldreg/sqlitedb.py's,
shared with HQ's registry.
"""

from __future__ import annotations

import re
import sqlite3

import sqlite_utils

from fieldreg import sqlitedb
from fieldreg.errors import StorageError
from fieldreg.messages import Message
from fieldreg.sqlitedb import Migration

DB_FILENAME = "fieldreg.db"


def _m0001_initial(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE accounts (
            username TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            wrap TEXT NOT NULL,
            must_change INTEGER NOT NULL DEFAULT 1,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            retry_after TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            last_login TEXT)"""
    )
    db.execute("CREATE TABLE sequences (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)")
    # Clear columns hold only what identifies nobody: the registration number,
    # dates and life-cycle state. Every other column is an AES-GCM envelope
    # bound (associated data) to its registration number and column name.
    # Each personal field the threat model names (names, birth, documents,
    # phone, origin locality, notes, photo) has its own column; the remaining
    # attributes (sex, relationship, nationality, languages, needs; consent,
    # country, region, destination...) share one encrypted "attributes" column.
    db.execute(
        """CREATE TABLE households (
            id INTEGER PRIMARY KEY,
            regno TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            arrived_at TEXT NOT NULL,
            status TEXT NOT NULL,
            version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            attributes BLOB NOT NULL,
            origin_locality BLOB NOT NULL,
            notes BLOB NOT NULL,
            summary BLOB NOT NULL,
            UNIQUE (year, seq))"""
    )
    db.execute(
        """CREATE TABLE members (
            household_id INTEGER NOT NULL REFERENCES households(id),
            position INTEGER NOT NULL,
            member_uid TEXT NOT NULL,
            given_names BLOB NOT NULL,
            family_name BLOB NOT NULL,
            other_names BLOB NOT NULL,
            birth BLOB NOT NULL,
            documents BLOB NOT NULL,
            phone BLOB NOT NULL,
            photo BLOB NOT NULL,
            attributes BLOB NOT NULL,
            PRIMARY KEY (household_id, position))"""
    )
    db.execute(
        """CREATE TABLE history (
            household_id INTEGER NOT NULL REFERENCES households(id),
            version INTEGER NOT NULL,
            replaced_at TEXT NOT NULL,
            replaced_by TEXT NOT NULL,
            action TEXT NOT NULL,
            reason BLOB NOT NULL,
            previous BLOB NOT NULL,
            PRIMARY KEY (household_id, version))"""
    )
    db.execute(
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            mac TEXT NOT NULL)"""
    )
    # What a later batch export must carry to HQ, in order (see docs/formats/).
    db.execute(
        """CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            version INTEGER NOT NULL,
            batch INTEGER)"""
    )


def _m0002_duplicate_decisions(db: sqlite_utils.Database) -> None:
    # A person's decision on a candidate pair of members ("<regno>/<member id>"),
    # kept forever and exported; never an automatic merge.
    db.execute(
        """CREATE TABLE duplicate_decisions (
            id INTEGER PRIMARY KEY,
            member_a TEXT NOT NULL,
            member_b TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL)"""
    )
    db.execute("CREATE INDEX duplicate_pair ON duplicate_decisions (member_a, member_b)")


def _m0003_tokens_and_stations(db: sqlite_utils.Database) -> None:
    # Post signing keys (several: rotation keeps the old ones). The Ed25519 seed is
    # sealed with the data key, AAD bound to its key id (post_keys|<kid hex>|private_key).
    db.execute(
        """CREATE TABLE post_keys (
            key_id TEXT PRIMARY KEY,
            post_id TEXT NOT NULL,
            certificate BLOB NOT NULL,
            private_key BLOB NOT NULL,
            not_before TEXT NOT NULL,
            not_after TEXT NOT NULL,
            current INTEGER NOT NULL DEFAULT 0,
            loaded_at TEXT NOT NULL,
            loaded_by TEXT NOT NULL)"""
    )
    # Tokens issued for slips. The token text holds the head's name: sealed
    # (tokens|<token id hex>|token); so is a reissue reason (free text).
    db.execute(
        """CREATE TABLE tokens (
            token_id TEXT PRIMARY KEY,
            regno TEXT NOT NULL,
            serial INTEGER NOT NULL,
            issued_at TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            key_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
            revoked_at TEXT,
            revoked_by TEXT,
            token BLOB NOT NULL,
            revoke_reason BLOB,
            UNIQUE (regno, serial))"""
    )
    # Scans recorded at a camp (fieldreg verify --checkin); the verified token text
    # is sealed (checkins|<uid>|token).
    db.execute(
        """CREATE TABLE checkins (
            uid TEXT PRIMARY KEY,
            token_id TEXT NOT NULL,
            regno TEXT NOT NULL,
            checked_at TEXT NOT NULL,
            checked_by TEXT NOT NULL,
            token BLOB NOT NULL)"""
    )
    db.execute("CREATE INDEX checkins_token ON checkins (token_id)")
    db.execute("CREATE INDEX checkins_regno ON checkins (regno)")


def _m0004_batches(db: sqlite_utils.Database) -> None:
    # A post's batches for HQ (docs/formats/batch.md). A batch is written once, locally,
    # as 'prepared' (its manifest hash fixed), then copied to a medium and read back
    # ('exported'), then acknowledged by an HQ receipt ('acknowledged'). The *_to columns
    # are the last outbox seq / duplicate decision id / audit seq / tokens rowid the
    # batch covers; a new batch starts after the largest of them.
    db.execute(
        """CREATE TABLE batches (
            seq INTEGER PRIMARY KEY,
            batch_id TEXT NOT NULL UNIQUE,
            manifest_hash TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            file_size INTEGER NOT NULL,
            outbox_to INTEGER NOT NULL,
            decisions_to INTEGER NOT NULL,
            audit_from INTEGER NOT NULL,
            audit_to INTEGER NOT NULL,
            tokens_to INTEGER NOT NULL,
            records INTEGER NOT NULL,
            counts TEXT NOT NULL,
            created_at TEXT NOT NULL,
            exporter TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('prepared', 'exported', 'acknowledged')),
            exported_at TEXT,
            acknowledged_at TEXT)"""
    )
    # At most one batch waits to be copied: it is reused until it is exported.
    db.execute("CREATE UNIQUE INDEX batches_one_prepared ON batches (status)"
               " WHERE status = 'prepared'")
    db.execute("CREATE INDEX outbox_batch ON outbox (batch)")


def _m0005_account_authority(db: sqlite_utils.Database) -> None:
    # Each account's grant (role, disabled) signed by the station's account authority
    # (JSON, docs/store.md "Accounts and sign-in"; NULL until the authority exists);
    # every sign-in attempt ever (counted before the key derivation), and the count
    # acknowledged under a MAC at the last successful sign-in.
    db.execute("ALTER TABLE accounts ADD COLUMN grant_sig TEXT")
    db.execute("ALTER TABLE accounts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE accounts ADD COLUMN attempts_ack TEXT")


def _m0006_batch_held(db: sqlite_utils.Database) -> None:
    # The outbox rows a batch left out because their registration could not be opened
    # (docs/store.md, "Corrupt records and concurrent corrections"): JSON
    # [[outbox seq, regno, version, part, lost], ...]. Marking the batch exported leaves
    # them pending, so a repaired registration goes in a later batch.
    db.execute("ALTER TABLE batches ADD COLUMN held TEXT NOT NULL DEFAULT '[]'")


def _m0007_record_seals(db: sqlite_utils.Database) -> None:
    # Each household's seal: a keyed hash of its clear columns (fieldreg/store/seals.py).
    # Written by the first sign-in after this step, which also binds every envelope to
    # its version (it needs the data key, which a migration does not have).
    # ``seal_tag`` is the seal's first 40 bits as an integer: sign-in sums them in SQL
    # against the commitment, reading this narrow index rather than the wide rows.
    db.execute("ALTER TABLE households ADD COLUMN seal TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE households ADD COLUMN seal_tag INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX households_seal_tag ON households (seal_tag)")


def _rebuild(conn: sqlite3.Connection, table: str, pattern: str) -> None:
    """Make ``table`` again without the one clause of its definition ``pattern`` matches.

    SQLite's way for what ALTER TABLE cannot do: a new table from the current
    definition (with whatever columns later steps added), the rows copied in
    their order, the old one dropped, the new one renamed, its indexes and
    triggers made again. The runner has foreign keys off meanwhile and checks
    them before the step commits (fieldreg/sqlitedb.py).
    """
    sql, = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (table,)).fetchone()
    lean, found = re.subn(pattern, "", sql, flags=re.IGNORECASE)
    head = re.match(rf'CREATE TABLE\s+"?{table}"?\s*\(', lean, flags=re.IGNORECASE)
    if found != 1 or head is None:
        raise RuntimeError(f"unexpected definition of {table}: {sql}")
    extras = [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')"
        " AND sql IS NOT NULL ORDER BY rowid", (table,))]
    conn.execute(f"CREATE TABLE {table}_rebuilt ({lean[head.end():]}")
    conn.execute(f"INSERT INTO {table}_rebuilt SELECT * FROM {table} ORDER BY rowid")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for statement in extras:
        conn.execute(statement)


def _m0008_leaner_outbox(db: sqlite_utils.Database) -> None:
    # Every save writes each b-tree it touches to the write-ahead log; these two held nothing
    # another one does not (docs/benchmarks.md, "Register, end to end"). outbox_batch: the
    # outbox is read by batch only at an export, a scan of a table that receipts keep short.
    # AUTOINCREMENT (its sqlite_sequence row rewritten on every insert): outbox seqs only
    # order the rows not yet exported and bound the prepared batch, whose rows stay until it
    # is exported, so a new row always comes after them; a seq used by a row deleted after
    # its receipt may be used again (docs/store.md, "Batches and the outbox"). The
    # households' UNIQUE (year, seq) stays, although the unique number implies it: sign-in
    # counts each year's numbers over that narrow index (fieldreg/store/seals.py).
    conn = db.conn
    conn.execute("DROP INDEX outbox_batch")
    _rebuild(conn, "outbox", r"\s+AUTOINCREMENT\b")


def _m0009_hq_duplicate_decisions(db: sqlite_utils.Database) -> None:
    # HQ's decisions on pairs with a member of this post, as its receipts carry them
    # (docs/formats/batch.md §6): the newest per pair. Kept apart from the post's own
    # duplicate_decisions, which travel to HQ; these came from it. Member keys, a
    # decision, a time and an HQ staff name: nobody's personal data.
    db.execute(
        """CREATE TABLE hq_duplicate_decisions (
            member_a TEXT NOT NULL,
            member_b TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (member_a, member_b))""")


MIGRATIONS: list[Migration] = [
    ("0001_initial", _m0001_initial),
    ("0002_duplicate_decisions", _m0002_duplicate_decisions),
    ("0003_tokens_and_stations", _m0003_tokens_and_stations),
    ("0004_batches", _m0004_batches),
    ("0005_account_authority", _m0005_account_authority),
    ("0006_batch_held", _m0006_batch_held),
    ("0007_record_seals", _m0007_record_seals),
    ("0008_leaner_outbox", _m0008_leaner_outbox),
    ("0009_hq_duplicate_decisions", _m0009_hq_duplicate_decisions),
]
SCHEMA_VERSION = len(MIGRATIONS)


# What signing in writes: the failed-attempt count and last sign-in (accounts), the
# sign-in's audit entry and the chain's head (audit, meta).
SIGN_IN_TABLES = ("accounts", "audit", "meta")


def overlay_for_reading(conn: sqlite3.Connection) -> None:
    """Let a read-only store be signed in to: what sign-in writes goes to memory, and is forgotten.

    Each table of :data:`SIGN_IN_TABLES` gets a TEMP copy of the same shape,
    which SQLite's name resolution prefers over the file's table; the copies
    live in memory (``temp_store=MEMORY``) and vanish with the connection.
    Every other table stays the file's, and :func:`end_overlay` drops the copies
    once sign-in is done, so a command that saves anything (a registration, a new
    passphrase, a printed slip's audit entry) fails with SQLITE_READONLY
    (:class:`fieldreg.errors.ReadOnlyStore`) and changes nothing.
    """
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current != len(MIGRATIONS):
        raise StorageError(
            "this store needs an update to schema version {known} (it has {current}), which a read-only "
            "data directory does not allow: make it writable once", known=len(MIGRATIONS), current=current)
    for name in SIGN_IN_TABLES:
        (sql,) = conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone()
        conn.execute(re.sub(r"^CREATE TABLE", "CREATE TEMP TABLE", sql, count=1))
        conn.execute(f"INSERT INTO temp.{name} SELECT * FROM main.{name}")


def end_overlay(conn: sqlite3.Connection) -> None:
    """Sign-in is over: drop the TEMP copies, so any later write (a passphrase, a print) is refused, not lost."""
    for name in SIGN_IN_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the post store to the current schema; a newer store is refused."""
    sqlitedb.migrate(conn, MIGRATIONS, what=Message("this store"))
