"""The tokens table at a post: the slip tokens of each registration, which one is active, revoking it.

    insert_token(conn, cipher, token_id=tid, regno=regno, serial=last_serial(conn, regno) + 1,
                 issued_at=now, issued_by="awa", key_id=kid, text=token_text)
    active_token(conn, regno)          # (token id, serial, sealed text) or None
    revoke_active_token(conn, cipher, regno, reason="slip lost", actor="awa", now=now)

The token text is sealed (``tokens|<token id hex>|token``: it holds the head's
name), and so is a revocation's reason. A revocation is shared by a reissue
(fieldreg/station/tokens.py) and a void (fieldreg/station/households.py): either
way the active token is marked revoked in the same transaction and an outbox
row carries its id to HQ, which publishes it in the revocation list.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from fieldreg.model import iso_utc
from fieldreg.store.fields import FieldCipher

OUTBOX_TOKEN_REVOCATION = "token_revocation"


def insert_token(
    conn: sqlite3.Connection, cipher: FieldCipher, *, token_id: str, regno: str, serial: int,
    issued_at: datetime, issued_by: str, key_id: str, text: str,
) -> None:
    """Store a newly signed token as the registration's active one."""
    conn.execute(
        "INSERT INTO tokens (token_id, regno, serial, issued_at, issued_by, key_id, status, token)"
        " VALUES (?, ?, ?, ?, ?, ?, 'active', ?)",
        (token_id, regno, serial, iso_utc(issued_at), issued_by, key_id,
         cipher.seal("tokens", token_id, "token", text)),
    )


def last_serial(conn: sqlite3.Connection, regno: str) -> int:
    """The highest serial the registration's tokens used so far (0 before its first slip)."""
    return int(conn.execute("SELECT COALESCE(MAX(serial), 0) FROM tokens WHERE regno = ?",
                            (regno,)).fetchone()[0])


def active_token(conn: sqlite3.Connection, regno: str) -> tuple[str, int, bytes] | None:
    """(token id hex, serial, sealed token) of the registration's active token, if any."""
    row = conn.execute(
        "SELECT token_id, serial, token FROM tokens WHERE regno = ? AND status = 'active'", (regno,)
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2])


def revoke_active_token(
    conn: sqlite3.Connection, cipher: FieldCipher, regno: str, *, reason: str, actor: str,
    now: datetime,
) -> tuple[str, int] | None:
    """Revoke the active token (call inside the caller's transaction); (id, serial) or None."""
    active = active_token(conn, regno)
    if active is None:
        return None
    token_id, serial, _ = active
    conn.execute(
        "UPDATE tokens SET status = 'revoked', revoked_at = ?, revoked_by = ?, revoke_reason = ?"
        " WHERE token_id = ?",
        (iso_utc(now), actor, cipher.seal("tokens", token_id, "revoke_reason", reason), token_id),
    )
    conn.execute("INSERT INTO outbox (kind, subject, version) VALUES (?, ?, ?)",
                 (OUTBOX_TOKEN_REVOCATION, token_id, serial))
    return token_id, serial
