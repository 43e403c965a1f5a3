"""What locking the window is made of: the stand-in session, the idle countdown, the hidden dialogs.

    idle = IdleLock(window, lock=window.lock, minutes=lambda: settings.idle_lock_minutes)
    idle.start()                  # once a user is signed in; any input starts it again
    ctx.session = LOCKED          # while locked: every use of the session is refused
    curtain = DialogCurtain(window)
    curtain.hide_all()            # the window's dialogs may show personal data

The main window (:mod:`fieldreg.ui.main_window`) decides when to lock and
unlock; this module holds the pieces it does it with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from fieldreg.errors import AuthError

log = logging.getLogger(__name__)


class WindowLocked(AuthError):
    """A screen used the session while the window was locked (a timer that fired late)."""


class LockedSession:
    """What ``ctx.session`` is while the window is locked: every use is refused."""

    def __getattr__(self, name: str) -> Any:
        raise WindowLocked("the window is locked: sign in again to carry on")

    def __bool__(self) -> bool:
        return False


LOCKED = LockedSession()


def owns(window: QWidget, widget: QWidget | None) -> bool:
    """Whether ``widget`` is ``window`` or a dialog opened (at any depth) from it."""
    while widget is not None and widget is not window:
        widget = widget.parentWidget()
    return widget is window


class IdleLock(QObject):
    """Calls ``lock`` after ``minutes()`` without a key press or a mouse event anywhere in the app.

    Single-shot and restarted by any input while it runs (an application-wide
    event filter). While long work runs behind its progress dialog, the lock
    waits for it to end. Ctrl+L typed in one of the window's dialogs locks too:
    a window-modal dialog blocks the window's own shortcut, and the lock must
    work from everywhere.
    """

    EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                        QEvent.Type.Wheel, QEvent.Type.TouchBegin})

    def __init__(self, window: QWidget, *, lock: Callable[[], None], minutes: Callable[[], int]):
        super().__init__(window)
        self._window = window
        self._lock = lock
        self._minutes = minutes
        self._override_ms: int | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._expired)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        """Start the countdown again (the settings' minutes, read each time)."""
        self.timer.start(self._override_ms or self._minutes() * 60_000)

    def stop(self) -> None:
        self.timer.stop()

    def set_interval_ms(self, ms: int | None) -> None:
        """For tests: lock after ``ms`` milliseconds without input instead of the settings' minutes."""
        self._override_ms = ms
        if self.timer.isActive():
            self.start()

    def uninstall(self) -> None:
        """Stop for good (the window is closing)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _expired(self) -> None:
        if self._window.findChild(QProgressDialog, "taskProgress") is not None:
            self.start()  # long work is running: lock once it has finished
            return
        log.info("idle for %d min: locking", self._minutes())
        self._lock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in self.EVENTS or not self.timer.isActive():
            return False
        self.start()
        if (kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_L
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier
                and isinstance(watched, QWidget) and owns(self._window, watched.window())):
            event.accept()
            self._lock()
            return True
        return False


class DialogCurtain:
    """Hides the window's open dialogs while it is locked (they may show personal data)."""

    def __init__(self, window: QWidget):
        self._window = window
        self._hidden: list[QWidget] = []

    def hide_all(self) -> None:
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w is not self._window and w.isVisible() and owns(self._window, w)]
        for dialog in self._hidden:
            dialog.hide()

    def lift(self, *, show: bool) -> None:
        """Show the hidden dialogs again (the same user is back), or close them (another user)."""
        hidden, self._hidden = self._hidden, []
        for dialog in hidden:
            if not shiboken6.isValid(dialog):
                continue  # deleted meanwhile
            if show:
                dialog.show()
            else:
                dialog.close()
