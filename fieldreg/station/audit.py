"""Reading and checking the station's audit log.

    count, problem = session.audit.verify()    # (entries checked, None) when intact
    for entry in session.audit.entries(): print(entry.seq, entry.action, entry.subject)

Entries are written by the services themselves, each in the transaction of the
action it records (``session.audit_on(conn)``); this service only reads them.
See fieldreg/store/audit.py for the hash chain and what it detects.
"""

from __future__ import annotations

from fieldreg.station.service import Service
from fieldreg.store.audit import AuditEntry


class Audit(Service):
    """``session.audit``: the audit log, for supervisors and administrators."""

    permissions = {"verify": "audit", "entries": "audit"}

    def verify(self) -> tuple[int, str | None]:
        """Check the whole chain: (entries checked, first problem or None)."""
        return self._session.audit_on(self._session.store.db).verify()

    def entries(self, *, after: int = 0) -> list[AuditEntry]:
        """The entries after entry number ``after``, oldest first."""
        return self._session.audit_on(self._session.store.db).entries(after=after)
