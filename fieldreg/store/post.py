"""Creating, opening and unlocking a station's store (a border post or a camp)."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from fieldreg import __version__
from fieldreg.crypto.aead import new_key
from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import InvalidInput, NotFound
from fieldreg.fsutil import secure_data_dir
from fieldreg.keys.authority import new_authority
from fieldreg.model import iso_utc, utcnow
from fieldreg.regno import POST_ID_RE
from fieldreg.sqlitedb import connect, connect_read_only, transaction
from fieldreg.store.accounts import (
    Secrets,
    check_passphrase,
    check_username,
    insert_account,
    set_authority,
)
from fieldreg.store.audit import AuditLog
from fieldreg.store.db import DB_FILENAME, end_overlay, migrate, overlay_for_reading
from fieldreg.store.seals import RecordSeals, write_commitment

log = logging.getLogger(__name__)

KINDS = ("post", "camp")


def insert_meta(conn: sqlite3.Connection, settings: Mapping[str, str]) -> None:
    """Add settings the store does not hold yet (an existing key is an integrity error)."""
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", settings.items())


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Add a setting, or replace its value."""
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    """A setting's value, or None (inside a transaction too)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def delete_meta(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (key,))


class PostStore:
    """A station's database, locked until a user unlocks it."""

    def __init__(self, data_dir: Path, db: sqlite3.Connection, *, read_only: bool = False):
        self.data_dir = data_dir
        self.db = db
        # A data directory that cannot be written (docs/store.md, "Input and files"):
        # reading works, sign-in is not recorded, saving fails with ReadOnlyStore.
        self.read_only = read_only

    @property
    def path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / DB_FILENAME).exists()

    @classmethod
    def create(
        cls, data_dir: Path, *, post_id: str, post_name: str, admin: str, passphrase: str,
        kind: str = "post", kdf: KdfParams | None = None, now: datetime | None = None,
        extra_meta: dict[str, str] | None = None,
        on_create: Callable[[sqlite3.Connection, Secrets], None] | None = None,
    ) -> PostStore:
        """Set up a new station with its first (admin) account.

        >>> store = PostStore.create(tmp, post_id="TGR1", post_name="Tengréla",
        ...                          admin="awa", passphrase="a long passphrase")

        ``extra_meta`` adds settings (the pinned HQ key...); ``on_create(conn,
        secrets)`` runs inside the same transaction (installing the post key,
        sealing the recovery vault), so a failure there leaves no half-made
        store behind. The station's account authority is made here: its seeds
        go into the first administrator's wrap only.
        """
        now = now or utcnow()
        kdf = kdf or KdfParams.default()
        if not POST_ID_RE.match(post_id):
            raise InvalidInput(
                "post id {post_id!r} must be 2-8 capital letters or digits, starting with a letter", post_id=post_id
            )
        if not post_name.strip():
            raise InvalidInput("the post name is required")
        if kind not in KINDS:
            raise InvalidInput("station kind {kind!r} is not one of {join}", kind=kind, join=', '.join(KINDS))
        check_username(admin)
        check_passphrase(passphrase, username=admin)
        if cls.exists(data_dir):
            raise InvalidInput("{data_dir} already holds a FieldReg store; nothing was changed", data_dir=data_dir)
        secure_data_dir(data_dir)
        db = connect(data_dir / DB_FILENAME)
        (data_dir / DB_FILENAME).chmod(0o600)
        migrate(db)
        data_key = new_key()
        try:
            cls._first_transaction(db, data_key, post_id=post_id, post_name=post_name, kind=kind,
                                   admin=admin, passphrase=passphrase, kdf=kdf, now=now,
                                   extra_meta=extra_meta, on_create=on_create)
        except BaseException:
            # A store without its admin cannot be unlocked: remove it so init can run again.
            db.close()
            for suffix in ("", "-wal", "-shm"):
                (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
            raise
        log.info("initialised %s %s", kind, post_id)
        return cls(data_dir, db)

    @staticmethod
    def _first_transaction(
        db: sqlite3.Connection, data_key: bytes, *, post_id: str, post_name: str, kind: str,
        admin: str, passphrase: str, kdf: KdfParams, now: datetime,
        extra_meta: dict[str, str] | None,
        on_create: Callable[[sqlite3.Connection, Secrets], None] | None,
    ) -> None:
        with transaction(db) as conn:
            meta = {
                "post_id": post_id, "post_name": post_name.strip(), "kind": kind,
                "created_at": iso_utc(now), "created_with": __version__,
                "kdf": json.dumps(asdict(kdf)),
            }
            meta.update(extra_meta or {})
            insert_meta(conn, meta)
            authority, keys = new_authority(post_id)
            set_authority(conn, authority)
            secrets = Secrets(data_key, keys)
            insert_account(
                conn, post=post_id, username=admin, role="admin", passphrase=passphrase,
                secrets=secrets, must_change=False, created_by=admin, now=now, kdf=kdf,
            )
            write_commitment(conn, RecordSeals(data_key), 0, 0)
            AuditLog(conn, data_key).append(
                actor=admin, action="init", subject=post_id, details={"kind": kind}
            )
            if on_create is not None:
                on_create(conn, secrets)

    @classmethod
    def open(cls, data_dir: Path) -> PostStore:
        if not cls.exists(data_dir):
            raise NotFound(
                "no FieldReg store in {data_dir}; run 'fieldreg init' first (or 'fieldreg init --demo')",
                data_dir=data_dir
            )
        path = data_dir / DB_FILENAME
        if not (os.access(data_dir, os.W_OK) and os.access(path, os.W_OK)):
            db = connect_read_only(path)
            overlay_for_reading(db)
            log.info("opened %s read-only", data_dir)
            return cls(data_dir, db, read_only=True)
        db = connect(path)
        migrate(db)
        return cls(data_dir, db)

    def signed_in(self) -> None:
        """Sign-in is over: on a read-only store, what it wrote in memory is dropped (``end_overlay``)."""
        if self.read_only:
            end_overlay(self.db)

    def meta_or(self, key: str, default: str | None = None) -> str | None:
        """A setting that older stores (or other station kinds) may not have."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def meta(self, key: str) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise NotFound("store setting {key!r} is missing", key=key)
        return str(row[0])

    @property
    def post_id(self) -> str:
        return self.meta("post_id")

    @property
    def post_name(self) -> str:
        return self.meta("post_name")

    @property
    def kind(self) -> str:
        return self.meta("kind")

    @property
    def kdf(self) -> KdfParams:
        return KdfParams(**json.loads(self.meta("kdf")))

    def close(self) -> None:
        self.db.close()

