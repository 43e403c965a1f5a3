"""Reading and checking the station's audit log.

    count, problem = session.audit.verify()    # (entries checked, None) when intact
    for entry in session.audit.entries(): print(entry.seq, entry.action, entry.subject)

Entries are written by the services themselves, each in the transaction of the
action it records (``session.audit_on(conn)``); this service only reads them.
See fieldreg/store/audit.py for the hash chain and what it detects.
"""

from __future__ import annotations

from typing import Any

from fieldreg.sqlitedb import transaction
from fieldreg.station.service import ANY_USER, Service
from fieldreg.store.audit import AuditEntry, AuditLog

ALERT_ACTION = "audit_alert"


def write_alert(log: AuditLog, *, actor: str, code: str, subject: str = "", **facts: Any) -> None:
    """An ``audit_alert`` entry: a short code and non-personal facts (in the caller's transaction)."""
    log.append(actor=actor, action=ALERT_ACTION, subject=subject, details={"code": code, **facts})


class Audit(Service):
    """``session.audit``: the audit log, for supervisors and administrators."""

    permissions = {"verify": "audit", "entries": "audit", "alert": ANY_USER}

    def alert(self, code: str, **facts: Any) -> None:
        """Record a detected tampering (any user's action may find one), in its own transaction."""
        session = self._session
        with transaction(session.store.db) as conn:
            write_alert(session.audit_on(conn), actor=session.user, code=code, **facts)

    def verify(self) -> tuple[int, str | None]:
        """Check the whole chain: (entries checked, first problem or None)."""
        return self._session.audit_on(self._session.store.db).verify()

    def entries(self, *, after: int = 0) -> list[AuditEntry]:
        """The entries after entry number ``after``, oldest first."""
        return self._session.audit_on(self._session.store.db).entries(after=after)
