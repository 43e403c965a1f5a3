"""Camp check-in: record each valid scan, and say when this household was already seen.

    earlier = session.checkins.record(verdict, token_text)   # [] the first time
    for w in earlier_warnings(earlier): print(w.describe())   # one line per kind of earlier visit
    session.checkins.lookup("TGR1-26-000042-B")               # for a hand-typed number

``earlier_warnings`` folds the earlier check-ins into at most two warnings:
this very slip seen again, and another slip of the same household (a
reissue); for a number typed by hand, where no slip was scanned, one warning
about the household. Each says how many times and the last one.

A household is its registration number: a reissued slip has a new token id but
the same number, so "another token of the same household" is caught too.
The verified token text is kept sealed (it holds the head's name); token id,
registration number, time and staff user name are in clear, as for households
(fieldreg/store/checkins.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

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


class Seen(Enum):
    """Which earlier check-ins a warning is about."""

    SAME_SLIP = "same_slip"      # the very slip just scanned (same token)
    OTHER_SLIP = "other_slip"    # another slip of the same household (a reissued one)
    HOUSEHOLD = "household"      # a number typed by hand: which slip is not known


@dataclass(frozen=True)
class EarlierWarning:
    """One line of warning: ``times`` earlier check-ins of one kind, the last of them ``last``."""

    seen: Seen
    times: int
    last: Checkin

    def describe(self) -> str:
        """English, for the command line: ``this same slip was already checked in on ...``."""
        what = {Seen.SAME_SLIP: "this same slip",
                Seen.OTHER_SLIP: f"another slip of household {self.last.regno}",
                Seen.HOUSEHOLD: f"household {self.last.regno}"}[self.seen]
        times = "" if self.times == 1 else f" {self.times} times, last"
        return f"{what} was already checked in{times} on {self.last.checked_at} by {self.last.checked_by}"


def earlier_warnings(earlier: Sequence[Checkin], *, scanned: bool = True) -> list[EarlierWarning]:
    """At most one warning per kind: the same slip first, then other slips of the household.

    ``scanned`` is False for a number typed by hand: no slip was scanned, so
    every earlier check-in is the household's.
    """
    groups: dict[Seen, list[Checkin]] = {}
    for c in earlier:
        kind = Seen.HOUSEHOLD if not scanned else Seen.SAME_SLIP if c.same_token else Seen.OTHER_SLIP
        groups.setdefault(kind, []).append(c)
    return [EarlierWarning(kind, len(groups[kind]), max(groups[kind], key=lambda c: c.checked_at))
            for kind in Seen if kind in groups]


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
