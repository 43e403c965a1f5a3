"""Camp check-in: record each valid scan, and say when this household was already seen.

    earlier = session.checkins.record(verdict, token_text)   # [] the first time
    for c in earlier: print(c.describe())                     # "same token checked in 2026-11-21 ..."
    session.checkins.lookup("TGR1-26-000042-B")               # for a hand-typed number

A household is its registration number: a reissued slip has a new token id but
the same number, so "another token of the same household" is caught too.
The verified token text is kept sealed (it holds the head's name); token id,
registration number, time and staff user name are in clear, as for households
(fieldreg/store/checkins.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fieldreg.errors import InvalidInput
from fieldreg.model import utcnow
from fieldreg.regno import parse_regno
from fieldreg.sqlitedb import transaction
from fieldreg.station.service import Service
from fieldreg.store.checkins import CheckinRow, checkins_of, insert_checkin
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


class Checkins(Service):
    """The check-ins of a camp: ``session.checkins``."""

    permissions = {"record": "verify", "lookup": "verify"}

    def record(self, verdict: Verdict, token_text: str, *,
               now: datetime | None = None) -> list[Checkin]:
        """Store a check-in for a VALID verdict; returns earlier check-ins of the token or household."""
        if not verdict.ok or verdict.claims is None:
            raise InvalidInput("only a valid slip is checked in")
        session = self._session
        tid = verdict.claims.token_id.hex()
        regno = verdict.claims.registration_number
        with transaction(session.store.db) as conn:
            earlier = _checkins(checkins_of(conn, regno, token_id=tid), tid)
            insert_checkin(conn, session.cipher, token_id=tid, regno=regno,
                           checked_at=now or utcnow(), checked_by=session.user, text=token_text)
            session.audit_on(conn).append(actor=session.user, action="checkin", subject=regno,
                                          details={"token": tid, "earlier": len(earlier)})
        return earlier

    def lookup(self, regno: str) -> list[Checkin]:
        """Check-ins of a household by its (check-charactered) registration number."""
        number = str(parse_regno(regno))
        return _checkins(checkins_of(self._session.store.db, number), None)


def _checkins(rows: Iterable[CheckinRow], token_id: str | None) -> list[Checkin]:
    return [Checkin(*row, same_token=row[0] == token_id) for row in rows]
