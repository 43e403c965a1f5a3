"""The main window's status bar: who is signed in (or locked out), which station, the lock button.

    status = StatusLine(window.statusBar(), lock=window.lock)
    status.show_state(user="awa", role="admin", locked_user=None, station=station)

Object names for tests: ``statusUser``, ``statusStation``, ``lockButton``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

from fieldreg.station import Station


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
        bar.addWidget(self.user)
        bar.addWidget(self.station, 1)
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
