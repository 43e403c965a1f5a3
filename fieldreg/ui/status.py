"""The main window's status bar: who is signed in (or locked out), which station, HQ, the lock button.

    status = StatusLine(window.statusBar(), lock=window.lock)
    status.show_state(user="awa", role="admin", locked_user=None, station=station)
    status.show_sync(sync_status)                  # HQ reached when; households waiting, since when
    status.show_progress(4, 81_920, 812_345, 95.0) # a batch on its way: bytes and time left

Object names for tests: ``statusUser``, ``statusStation``, ``statusSync``, ``lockButton``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QLocale, QObject, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

from fieldreg.station import Station
from fieldreg.station.sync import SyncStatus
from fieldreg.ui.background_sync import days_waiting, parse_utc
from fieldreg.ui.language import speaks_english
from fieldreg.ui.text import as_sentence, joined, translated


class StatusLine(QObject):
    def __init__(self, bar: QStatusBar, *, lock: Callable[[], None]):
        super().__init__(bar)
        self.user = QLabel()
        self.user.setObjectName("statusUser")
        self.station = QLabel()
        self.station.setObjectName("statusStation")
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steals a form's focus
        self.lock_button.clicked.connect(lock)
        self.sync = QLabel()
        self.sync.setObjectName("statusSync")
        self.sync.hide()  # until a session of a post whose HQ address is set
        self.new_key = QLabel()
        self.new_key.setObjectName("statusNewKey")
        self.new_key.hide()  # until a round fetches a key HQ published for this post
        bar.addWidget(self.user)
        bar.addWidget(self.station, 1)
        bar.addPermanentWidget(self.new_key)
        bar.addPermanentWidget(self.sync)
        bar.addPermanentWidget(self.lock_button)

    def retranslate(self) -> None:
        """The lock button's texts (again after a language switch)."""
        self.lock_button.setText(self.tr("Lock (Ctrl+L)"))
        self.lock_button.setToolTip(self.tr("Hide everything until you type your passphrase again"))

    def _role_name(self, role: str) -> str:
        return {"officer": self.tr("officer"), "supervisor": self.tr("supervisor"),
                "admin": self.tr("administrator")}.get(role, role)

    def show_state(self, *, user: str | None, role: str | None, locked_user: str | None,
                   station: Station | None) -> None:
        """Signed in as ``user`` (with ``role``), locked by ``locked_user``, or neither."""
        if user is not None:
            self.user.setText(self.tr("Signed in: {user} ({role})").format(
                user=user, role=self._role_name(role or "")))
        elif locked_user:
            self.user.setText(self.tr("Locked ({user})").format(user=locked_user))
        else:
            self.user.setText(self.tr("Not signed in"))
        if station is None:
            self.station.setText(self.tr("No station set up yet"))
        else:
            kind = (self.tr("camp station, verify only") if station.kind == "camp"
                    else self.tr("border post"))
            self.station.setText(self.tr("{name} ({id}), {kind}").format(
                name=station.post_name, id=station.post_id, kind=kind))
        self.lock_button.setVisible(user is not None)

    def _problem_words(self, status: SyncStatus) -> str:
        """The last round's problem for the tooltip: what to do, then the problem itself, in the
        user's language. HQ's own English words (its message, the importer's reason) follow only
        where the app speaks English; they are always in the log and in 'fieldreg sync --status'.
        A problem an earlier version stored is only its English line: shown, as before, where
        the app speaks English."""
        if not status.problem:
            return ""
        what = (self.tr("HQ or the connection to it refused something a person must look at "
                        "(the connection does not lead to this post's HQ, or HQ holds another batch "
                        "with the same number): tell HQ.") if status.permanent else
                self.tr("HQ could not be reached, or could not take the batch just then: the next "
                        "try is automatic."))
        if speaks_english():
            problem = status.problem if status.reason is None else as_sentence(str(status.reason))
        elif status.reason is not None:
            problem = as_sentence(translated(status.reason.words()))
        else:
            return what
        return what + "\n" + problem

    def show_new_key(self, path: str) -> None:
        """HQ sent this post's next key (a key rotation): an administrator must load it."""
        self.new_key.setText(self.tr("New key from HQ"))
        self.new_key.setToolTip(self.tr(
            "HQ sent this post a new key: an administrator loads it with 'fieldreg keys load {path}' "
            "and the one-time passphrase from HQ.").format(path=path))
        self.new_key.show()

    def hide_sync(self) -> None:
        self.sync.hide()

    def show_sync(self, status: SyncStatus, *, now: datetime | None = None) -> None:
        """HQ reached when (or not), how many households wait and since when, in a supervisor's words."""
        now = now or datetime.now(UTC)
        locale = QLocale()
        if status.url is None:
            reached = self.tr("HQ address not set: batches go by USB stick")
        elif status.last_contact:
            moment = parse_utc(status.last_contact).astimezone()
            day = moment.date()
            when = (self.tr("today at {time}").format(time=moment.strftime("%H:%M"))
                    if day == now.astimezone().date()
                    else locale.toString(QDate(day.year, day.month, day.day),
                                         QLocale.FormatType.ShortFormat))
            reached = (self.tr("HQ not reached since {when}") if status.problem
                       and not status.permanent else self.tr("HQ reached {when}")).format(when=when)
        else:
            reached = self.tr("HQ not reached yet")
        if status.permanent and status.problem:
            reached += " — " + self.tr("needs attention")
        days = days_waiting(status, now=now)
        if days is None:
            waiting = self.tr("nothing waiting")
        else:
            count = (self.tr("1 household waiting") if status.waiting == 1 else
                     self.tr("{n} households waiting").format(n=locale.toString(status.waiting)))
            waiting = count + ", " + (self.tr("the oldest since today") if days < 1 else
                                      self.tr("the oldest for {days} day(s)").format(days=days))
        self.sync.setText(joined([reached, waiting]))
        self.sync.setToolTip(self._problem_words(status))
        self.sync.show()

    def show_progress(self, seq: int, done: int, size: int, left: float) -> None:
        """A batch on its way to HQ: bytes so far and, once the rate is known, time left."""
        text = self.tr("Sending batch {seq} to HQ: {done} of {size} kB").format(
            seq=seq, done=done // 1024, size=max(size // 1024, 1))
        if left >= 0:
            text += ", " + self.tr("about {minutes} min left").format(
                minutes=max(1, round(left / 60)))
        self.sync.setText(text)
        self.sync.show()
