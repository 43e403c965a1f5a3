"""The checkins table at a camp: each valid slip scanned, and the earlier scans of a household.

    seen = checkins_of(conn, regno, token_id=tid)    # earlier scans of this token or household
    insert_checkin(conn, cipher, token_id=tid, regno=regno, checked_at=now, checked_by="ali",
                   text=token_text)

Rows come back as (token id, registration number, checked at, checked by), in
time order. The verified token text is sealed (``checkins|<uid>|token``: it
holds the head's name); the rest is in clear, as for households.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime

from fieldreg.model import iso_utc
from fieldreg.store.fields import FieldCipher

CheckinRow = tuple[str, str, str, str]  # token id, regno, checked at (ISO 8601 UTC), checked by


def checkins_of(conn: sqlite3.Connection, regno: str, *,
                token_id: str | None = None) -> list[CheckinRow]:
    """Check-ins of the household ``regno`` (or of the token ``token_id``), oldest first."""
    if token_id is None:
        rows = conn.execute(
            "SELECT token_id, regno, checked_at, checked_by FROM checkins WHERE regno = ?"
            " ORDER BY checked_at", (regno,))
    else:
        rows = conn.execute(
            "SELECT token_id, regno, checked_at, checked_by FROM checkins"
            " WHERE token_id = ? OR regno = ? ORDER BY checked_at", (token_id, regno))
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def insert_checkin(
    conn: sqlite3.Connection, cipher: FieldCipher, *, token_id: str, regno: str,
    checked_at: datetime, checked_by: str, text: str,
) -> None:
    """Record one scan of a valid slip under a random id."""
    uid = os.urandom(8).hex()
    conn.execute(
        "INSERT INTO checkins (uid, token_id, regno, checked_at, checked_by, token)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (uid, token_id, regno, iso_utc(checked_at), checked_by,
         cipher.seal("checkins", uid, "token", text)),
    )
