"""The tokens table at a post: which slip token of a registration is active, and revoking it.

Shared by a reissue (fieldreg/station/tokens.py) and a void (fieldreg/station/households.py):
either way the active token is marked revoked in the same transaction and an
outbox row carries its id to HQ, which publishes it in the revocation list.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from fieldreg.model import iso_utc
from fieldreg.store.fields import FieldCipher

OUTBOX_TOKEN_REVOCATION = "token_revocation"


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
