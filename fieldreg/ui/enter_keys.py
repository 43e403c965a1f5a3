"""Enter presses the focused button, everywhere in the app (Qt's buttons answer only to Space).

>>> install_enter_keys(app)        # once, after the QApplication exists   # doctest: +SKIP

A typist reaches a button with Tab and presses Enter, as in any form; Qt's
push buttons outside a dialog ignore Enter, and inside one Enter goes to the
default button. With this filter Return or Enter (no Ctrl/Alt) on a focused,
enabled push or tool button clicks that button, once. Check boxes and radio
buttons keep Space, as everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CHORDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class EnterActivatesButtons(QObject):
    """The application-wide event filter (parented to the application)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _ENTER and not event.modifiers() & _CHORDS
                and isinstance(watched, QPushButton | QToolButton)
                and watched.isEnabled() and watched.hasFocus() and watched.isVisible()):
            if not event.isAutoRepeat():  # a held key does not press the button again and again
                watched.click()
            return True
        return False


def install_enter_keys(app: QApplication) -> EnterActivatesButtons:
    """Install the filter once on ``app``; returns it (it lives as long as the application)."""
    existing = app.findChild(EnterActivatesButtons)
    if isinstance(existing, EnterActivatesButtons):
        return existing
    keys = EnterActivatesButtons(app)
    app.installEventFilter(keys)
    return keys
