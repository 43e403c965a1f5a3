"""Camp check-in: record each valid scan, and say when this household was already seen.

    earlier = record_checkin(session, verdict, token_text)   # [] the first time
    for c in earlier: print(c.describe())                     # "same token checked in 2026-11-21 ..."
    lookup_checkins(session, "TGR1-26-000042-B")              # for a hand-typed number

A household is its registration number: a reissued slip has a new token id but
the same number, so "another token of the same household" is caught too.
The verified token text is kept sealed (it holds the head's name); token id,
registration number, time and staff user name are in clear, as for households.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldreg.errors import InvalidInput
from fieldreg.model import iso_utc, utcnow
from fieldreg.regno import parse_regno
from fieldreg.station.session import Session
from fieldreg.sqlitedb import transaction
from fieldreg.tokens import Verdict


@dataclass(frozen=True)
class Checkin:
    token_id: str
    regno: str
    checked_at: str
    checked_by: str
    same_token: bool

    def describe(self) -> str:
        what = ("this same slip" if self.same_token
                else f"another slip of {self.regno} (token {self.token_id[:8]}...)")
        return f"{what} was already checked in on {self.checked_at} by {self.checked_by}"


def record_checkin(session: Session, verdict: Verdict, token_text: str, *,
                   now: datetime | None = None) -> list[Checkin]:
    """Store a check-in for a VALID verdict; returns earlier check-ins of the token or household."""
    session.require("verify")
    if not verdict.ok or verdict.claims is None:
        raise InvalidInput("only a valid slip is checked in")
    tid = verdict.claims.token_id.hex()
    regno = verdict.claims.registration_number
    uid = os.urandom(8).hex()
    with transaction(session.store.db) as conn:
        earlier = _find(conn.execute(
            "SELECT token_id, regno, checked_at, checked_by FROM checkins"
            " WHERE token_id = ? OR regno = ? ORDER BY checked_at", (tid, regno)), tid)
        conn.execute(
            "INSERT INTO checkins (uid, token_id, regno, checked_at, checked_by, token)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (uid, tid, regno, iso_utc(now or utcnow()), session.user,
             session.cipher.seal("checkins", uid, "token", token_text)),
        )
        session.audit_on(conn).append(actor=session.user, action="checkin", subject=regno,
                                   details={"token": tid, "earlier": len(earlier)})
    return earlier


def lookup_checkins(session: Session, regno: str) -> list[Checkin]:
    """Check-ins of a household by its (check-charactered) registration number."""
    session.require("verify")
    number = str(parse_regno(regno))
    return _find(session.store.db.execute(
        "SELECT token_id, regno, checked_at, checked_by FROM checkins WHERE regno = ?"
        " ORDER BY checked_at", (number,)), None)


def _find(rows: Iterable[Sequence[Any]], token_id: str | None) -> list[Checkin]:
    return [Checkin(r[0], r[1], r[2], r[3], r[0] == token_id) for r in rows]
