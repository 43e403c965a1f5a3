"""HQ registry schema (``HQDIR/registry.db``) and its migrations.

The post store's migration runner (fieldreg/sqlitedb.py) with HQ's own steps:
named steps applied in order, each in its own transaction, recorded in
``migrations``, with ``PRAGMA user_version`` mirroring their count so an older
FieldReg refuses a newer registry instead of misreading it.

Clear columns hold only what identifies nobody: post ids, batch numbers,
registration numbers, versions, times, staff user names, counts and hashes.
Household content and free-text reasons are AES-256-GCM envelopes under the
registry key (``HqDir.registry_key``), associated data bound to where they live
(see fieldreg/hq/registry.py). Audit entries are stored as they came: by design
they name actions, registration numbers and staff, never a person's data
(docs/store.md, "Audit log").
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

from fieldreg import sqlitedb
from fieldreg.hq.authority import migrate_step as authority_step
from fieldreg.hq.unreadable import migrate_step as unreadable_step
from fieldreg.messages import Message
from fieldreg.sqlitedb import Migration


def _m0001_initial(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE posts (post TEXT PRIMARY KEY, first_seen_at TEXT NOT NULL)")
    # Every batch imported: its identity (manifest hash) and what its manifest said.
    db.execute(
        """CREATE TABLE batches (
            post TEXT NOT NULL REFERENCES posts(post),
            seq INTEGER NOT NULL,
            batch_id BLOB NOT NULL,
            manifest_hash BLOB NOT NULL UNIQUE,
            prev BLOB NOT NULL,
            kid BLOB NOT NULL,
            created_at TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            exporter TEXT NOT NULL,
            app_version TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            records INTEGER NOT NULL,
            counts TEXT NOT NULL,
            audit_first INTEGER NOT NULL,
            audit_last INTEGER NOT NULL,
            PRIMARY KEY (post, seq))"""
    )
    # Batches refused as a fork or a conflict: the file is kept in held/ for a person.
    db.execute(
        """CREATE TABLE held (
            id INTEGER PRIMARY KEY,
            post TEXT NOT NULL REFERENCES posts(post),
            seq INTEGER NOT NULL,
            manifest_hash BLOB NOT NULL UNIQUE,
            reason TEXT NOT NULL CHECK (reason IN ('fork', 'conflict')),
            detail TEXT NOT NULL,
            path TEXT NOT NULL,
            file_name TEXT NOT NULL,
            held_at TEXT NOT NULL)"""
    )
    # One row per (registration, version) ever received. ``sealed`` holds
    # {"household": ..., "reason": ...}; ``content_mac`` is an HMAC of the record
    # under a key derived from the registry key, so "the same content again" is
    # decided without decrypting and without a guessable plain hash.
    db.execute(
        """CREATE TABLE household_versions (
            post TEXT NOT NULL REFERENCES posts(post),
            regno TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('registration', 'correction', 'void')),
            status TEXT NOT NULL CHECK (status IN ('active', 'void')),
            at TEXT NOT NULL,
            by_user TEXT NOT NULL,
            members INTEGER NOT NULL,
            content_mac BLOB NOT NULL,
            sealed BLOB NOT NULL,
            batch_seq INTEGER NOT NULL,
            PRIMARY KEY (regno, version))"""
    )
    db.execute("CREATE INDEX household_versions_post ON household_versions (post)")
    # The registry's current state: the newest version HQ holds of each registration.
    db.execute(
        """CREATE VIEW current_households AS
            SELECT v.* FROM household_versions v
            WHERE v.version = (SELECT MAX(w.version) FROM household_versions w
                               WHERE w.regno = v.regno)"""
    )
    db.execute(
        """CREATE TABLE duplicate_decisions (
            id INTEGER PRIMARY KEY,
            post TEXT NOT NULL REFERENCES posts(post),
            member_a TEXT NOT NULL,
            member_b TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
            at TEXT NOT NULL,
            by_user TEXT NOT NULL,
            batch_seq INTEGER NOT NULL,
            UNIQUE (member_a, member_b, decision, at, by_user))"""
    )
    # Slips a post revoked (reissued); ``list_version`` is the HQ revocation list
    # version that first carried the id. The reason is free text: sealed.
    db.execute(
        """CREATE TABLE token_revocations (
            token_id TEXT PRIMARY KEY,
            post TEXT NOT NULL REFERENCES posts(post),
            regno TEXT NOT NULL,
            serial INTEGER NOT NULL,
            at TEXT NOT NULL,
            by_user TEXT NOT NULL,
            reason BLOB NOT NULL,
            batch_seq INTEGER NOT NULL,
            list_version INTEGER)"""
    )
    # Slip tokens a post issued (the manifest's ``tokens``).
    db.execute(
        """CREATE TABLE issued_tokens (
            token_id TEXT PRIMARY KEY,
            post TEXT NOT NULL REFERENCES posts(post),
            batch_seq INTEGER NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE audit (
            post TEXT NOT NULL REFERENCES posts(post),
            seq INTEGER NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            batch_seq INTEGER NOT NULL,
            PRIMARY KEY (post, seq))"""
    )
    # Audit entries of the batch being read, before its post is known to be genuine;
    # always empty outside an import transaction.
    db.execute(
        """CREATE TABLE staged_audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL)"""
    )


def _hq_held_records(db: sqlite_utils.Database) -> None:
    # Records of an imported batch that failed HQ's validation (fieldreg/hq/validate.py),
    # held for a person to release or reject (``fieldreg hq held``); the rest of the batch
    # applied. Clear: where the record came from and the problem codes (code, member,
    # field; never a value). ``regno`` only when it is a well-formed number of the batch's
    # post (else NULL: what stood there is in the sealed record). ``sealed`` is the record
    # as received (its JSON, ``n`` included) under the registry key, associated data
    # "hq_held_records|<post>|<batch_seq>|<n>". ``decision`` stays NULL while held.
    db.execute(
        """CREATE TABLE hq_held_records (
            id INTEGER PRIMARY KEY,
            post TEXT NOT NULL REFERENCES posts(post),
            batch_seq INTEGER NOT NULL,
            n INTEGER NOT NULL,
            kind TEXT NOT NULL,
            regno TEXT,
            version INTEGER,
            problems TEXT NOT NULL,
            size INTEGER NOT NULL,
            sealed BLOB NOT NULL,
            held_at TEXT NOT NULL,
            decision TEXT CHECK (decision IN ('released', 'rejected')),
            decided_at TEXT,
            UNIQUE (post, batch_seq, n))"""
    )


def _hq_decisions(db: sqlite_utils.Database) -> None:
    # HQ's own decisions on candidate pairs (fieldreg/hq/decisions.py). Written
    # to run unchanged on PostgreSQL too: plain types, no SQLite-only syntax.
    # One row per decision; (member_a, member_b, seq) is unique, so two people
    # deciding one pair at the same moment cannot both write "the next" row.
    db.execute(
        """CREATE TABLE hq_decisions (
            member_a TEXT NOT NULL,
            member_b TEXT NOT NULL,
            seq INTEGER NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('same', 'different')),
            regno_a TEXT NOT NULL,
            regno_b TEXT NOT NULL,
            post_a TEXT NOT NULL,
            post_b TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            PRIMARY KEY (member_a, member_b, seq))""")
    db.execute("CREATE INDEX hq_decisions_post_a ON hq_decisions (post_a)")
    db.execute("CREATE INDEX hq_decisions_post_b ON hq_decisions (post_b)")


MIGRATIONS: list[Migration] = [
    ("0001_initial", _m0001_initial),
    ("0002_hq_post_unreadable", unreadable_step),
    ("0003_hq_held_records", _hq_held_records),
    ("0004_hq_post_authority", authority_step),
    ("0005_hq_decisions", _hq_decisions),
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the HQ registry to the current schema."""
    sqlitedb.migrate(conn, MIGRATIONS, what=Message("this HQ registry"))
