"""The app's background sync with HQ (its words are the status bar's: fieldreg/ui/status.py).

    sync = BackgroundSync(window, every=lambda: settings.sync_every_seconds)
    sync.set_session(session, station)   # after sign-in; None when locked or signed out
    sync.changed.connect(status.show_sync)

A round (``session.sync.run_once``, fieldreg/station/sync.py) runs on a thread
of its own with a session on its own database connection
(:meth:`Station.on_own_connection`), so the officer keeps working meanwhile.
Rounds come every ``every()`` seconds; after a failure that may pass (no link,
HQ busy) the wait grows with back-off and jitter up to ten rounds' time, and a
failure that needs a person (wrong pin, refused batch) waits a normal round.
Any session of a border post whose HQ address is set syncs (an officer's too:
most of a day no supervisor is signed in); offline, a round is one failed
connection every few minutes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from fieldreg.station.sync import Backoff, SyncReport, SyncStatus

if TYPE_CHECKING:
    from fieldreg.station import Station
    from fieldreg.station.session import Session

log = logging.getLogger(__name__)
FIRST_ROUND_MS = 3000  # soon after sign-in, not during it


class BackgroundSync(QObject):
    changed = Signal(object)  # SyncStatus, after every round (and at sign-in)
    progressed = Signal(int, int, int, float)  # batch seq, bytes done, size, seconds left (-1: unknown)
    new_key = Signal(str)  # the enrollment file of this post's next key, which a round fetched
    _ended = Signal(object, object)  # (SyncReport | BaseException, SyncStatus | None), queued

    def __init__(self, parent: QObject, *, every: Callable[[], int]):
        super().__init__(parent)
        self._every = every
        self._session: Session | None = None
        self._station: Station | None = None
        self._running = False
        self._backoff = Backoff(base=15.0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_now)
        self._ended.connect(self._round_ended, Qt.ConnectionType.QueuedConnection)
        self.last_report: SyncReport | None = None

    def set_session(self, session: Session | None, station: Station | None = None) -> None:
        self._session, self._station = session, station
        self._timer.stop()
        if session is None or not self._may_sync(session):
            return
        self.changed.emit(session.sync.status())
        self._timer.start(FIRST_ROUND_MS)

    @staticmethod
    def _may_sync(session: Session) -> bool:
        return session.station.kind == "post" and session.account.may("sync")

    @property
    def running(self) -> bool:
        return self._running

    def run_now(self) -> bool:
        """Start a round unless one runs or nobody may sync; True if one started."""
        session, station = self._session, self._station
        if session is None or station is None or self._running or not self._may_sync(session):
            return False
        if session.sync.status().url is None:
            self._timer.start(self._every() * 1000)  # nothing to do until an address is set
            return False
        self._running = True
        copy = station.on_own_connection(session)
        started = time.monotonic()
        first: list[int] = []

        def progress(seq: int, done: int, size: int) -> None:
            if not first:
                first.append(done)
            elapsed = time.monotonic() - started
            rate = (done - first[0]) / elapsed if elapsed > 0 else 0.0
            left = (size - done) / rate if rate > 0 else -1.0
            self.progressed.emit(seq, done, size, left)

        def work() -> None:
            try:
                report: SyncReport | BaseException = copy.sync.run_once(progress=progress)
                status: SyncStatus | None = copy.sync.status()
            except BaseException as err:  # noqa: BLE001 - reported on the UI thread
                report, status = err, None
            finally:
                copy.store.close()
            self._ended.emit(report, status)

        threading.Thread(target=work, name="fieldreg-sync", daemon=True).start()
        return True

    def _round_ended(self, report: SyncReport | BaseException, status: SyncStatus | None) -> None:
        self._running = False
        every = self._every()
        if isinstance(report, BaseException):
            log.warning("background sync failed: %s", report)
            wait = self._backoff.next()
        elif report.problem is not None and not report.permanent:
            self._backoff.cap = every * 10
            wait = self._backoff.next(retry_after=report.retry_after)
        else:
            self._backoff.reset()
            wait = every
        if isinstance(report, SyncReport):
            self.last_report = report
            if report.new_key is not None:  # fetched once: HQ's ETag keeps it from coming again
                self.new_key.emit(str(report.new_key))
        if self._session is not None:
            if status is not None:
                self.changed.emit(status)
            self._timer.start(int(max(wait, 1.0) * 1000))


def days_waiting(status: SyncStatus, *, now: datetime | None = None) -> int | None:
    """Whole days the oldest household has waited for HQ's acknowledgement (None: none waits)."""
    if not status.waiting or not status.oldest_waiting:
        return None
    return ((now or datetime.now(UTC)) - parse_utc(status.oldest_waiting)).days


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
