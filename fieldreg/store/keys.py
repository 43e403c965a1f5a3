"""The post_keys table: the signing keys a post received from HQ, one of them current.

    if not key_loaded(conn, kid):
        insert_post_key(conn, cipher, post_key, actor="awa", now=now)   # becomes the current one
    held = current_key(conn, cipher)          # (key id, certificate, seed) or None
    for key in list_keys(conn): ...           # HeldKey(key_id, not_before, not_after, current)

A key's private half is sealed with the data key (``post_keys|<kid hex>|private_key``);
its certificate and validity dates are public. Older keys stay, not current,
for the record; the station layer (:mod:`fieldreg.station.trust`) decides which
key may be loaded and audits it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import NamedTuple

from fieldreg.keys import PostKey, key_id_hex
from fieldreg.model import iso_utc
from fieldreg.store.fields import FieldCipher


class HeldKey(NamedTuple):
    """A key this post holds: its id, validity (ISO 8601, UTC) and whether it signs new slips."""

    key_id: str
    not_before: str
    not_after: str
    current: bool


def key_loaded(conn: sqlite3.Connection, key_id: str) -> bool:
    return conn.execute("SELECT 1 FROM post_keys WHERE key_id = ?", (key_id,)).fetchone() is not None


def insert_post_key(conn: sqlite3.Connection, cipher: FieldCipher, post_key: PostKey, *,
                    actor: str, now: datetime) -> None:
    """Store ``post_key`` (sealed) as the current key; the others stop being current."""
    kid = key_id_hex(post_key.key_id)
    entry = post_key.certificate.key
    conn.execute("UPDATE post_keys SET current = 0")
    conn.execute(
        "INSERT INTO post_keys (key_id, post_id, certificate, private_key, not_before, not_after,"
        " current, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
        (kid, post_key.post_id, post_key.certificate.raw,
         cipher.seal("post_keys", kid, "private_key", post_key.private_bytes()),
         iso_utc(entry.not_before), iso_utc(entry.not_after), iso_utc(now), actor),
    )


def current_key(conn: sqlite3.Connection, cipher: FieldCipher) -> tuple[str, bytes, bytes] | None:
    """(key id hex, certificate, private seed) of the key that signs, or None if there is none."""
    row = conn.execute(
        "SELECT key_id, certificate, private_key FROM post_keys WHERE current = 1").fetchone()
    if row is None:
        return None
    return row[0], row[1], cipher.open("post_keys", row[0], "private_key", row[2])


def list_keys(conn: sqlite3.Connection) -> list[HeldKey]:
    """Every key this post holds, in the order they were loaded."""
    rows = conn.execute(
        "SELECT key_id, not_before, not_after, current FROM post_keys ORDER BY loaded_at")
    return [HeldKey(r[0], r[1], r[2], bool(r[3])) for r in rows]
