"""Reading and checking the station's audit log, and recording alerts.

    count, problem = session.audit.verify()    # (entries checked, None) when intact
    report = session.audit.check()             # the chain, the records now, the alerts recorded
    session.audit.alert("roles_forged", username="ali")   # a detected tampering, for HQ too
    for entry in session.audit.entries(): print(entry.seq, entry.action, entry.subject)

Entries are written by the services themselves, each in the transaction of the
action it records (``session.audit_on(conn)``). An *alert* is an ``audit_alert``
entry whose details are a short code and non-personal facts: shown by
``fieldreg audit verify`` and to supervisors, carried to HQ with the other
entries. See fieldreg/store/audit.py for the hash chain and what it detects,
fieldreg/station/integrity.py for what sign-in and ``audit verify`` check.
"""

from __future__ import annotations

from typing import Any

from fieldreg.messages import Message
from fieldreg.sqlitedb import transaction
from fieldreg.station.integrity import IntegrityReport, describe_alert, integrity_report
from fieldreg.station.service import ANY_USER, Service
from fieldreg.store.audit import AuditEntry


class Audit(Service):
    """``session.audit``: the audit log, for supervisors and administrators."""

    permissions = {"verify": "audit", "entries": "audit", "check": "audit", "alerts": "audit",
                   "describe": "audit",
                   # A tampering found while anyone works (their sign-in, their save) is
                   # recorded under their name; an alert only reports, it grants nothing.
                   "alert": ANY_USER}

    def verify(self) -> tuple[int, str | None]:
        """Check the whole chain: (entries checked, first problem or None)."""
        return self._session.audit_on(self._session.store.db).verify()

    def check(self) -> IntegrityReport:
        """``fieldreg audit verify``: the chain, then the records against their seals and the log."""
        return integrity_report(self._session)

    def entries(self, *, after: int = 0) -> list[AuditEntry]:
        """The entries after entry number ``after``, oldest first."""
        return self._session.audit_on(self._session.store.db).entries(after=after)

    def alerts(self) -> list[AuditEntry]:
        """Every alert recorded, oldest first."""
        return self._session.audit_on(self._session.store.db).alerts()

    def describe(self, entry: AuditEntry) -> Message:
        """An alert in words (for the CLI and the supervisor's screen)."""
        return describe_alert(entry)

    def alert(self, code: str, **facts: Any) -> AuditEntry:
        """Record a detected tampering in its own transaction (an ``audit_alert`` entry).

        ``code``: lowercase letters, digits, ``_``; ``facts``: non-personal plain values
        (counts, registration numbers, user names) or lists of them. To record one
        inside a transaction already open, use ``session.audit_on(conn).alert(...)``.
        """
        session = self._session
        with transaction(session.store.db) as conn:
            return session.audit_on(conn).alert(actor=session.user, code=code, facts=facts)
