"""A line edit whose suggestion Tab accepts: "Sik" then Tab is "Sikasso", and the focus moves on.

>>> region = CompletingLineEdit(parent)                     # doctest: +SKIP
>>> region.setCompleter(QCompleter(["Sikasso", "Ségou"]))   # doctest: +SKIP

Qt's completer popup hands Tab to the line edit, which moves the focus and
drops the suggestion: a typist who saw "Sikasso" offered kept "Sik". Here Tab
(or Shift+Tab) while the list of suggestions is open takes the highlighted
suggestion, or the first one, then moves as Tab always does. Escape closes the
list and keeps what was typed. The accepted text is reported through
``textEdited`` like typing, so a form reacts to it as to any keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class CompletingLineEdit(QLineEdit):
    def event(self, event: QEvent) -> bool:
        # The completer's popup sends its keys straight to event(), past any event filter.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            self.accept_suggestion()
        return super().event(event)

    def accept_suggestion(self) -> bool:
        """Take the suggestion on offer, if the list is open; True if the text changed."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if completer is None or popup is None or not popup.isVisible():
            return False
        index = popup.currentIndex()
        if not index.isValid():
            index = completer.completionModel().index(0, completer.completionColumn())
        popup.hide()
        text = index.data(completer.completionRole()) if index.isValid() else None
        if not isinstance(text, str) or not text or text == self.text():
            return False
        self.setText(text)
        self.textEdited.emit(text)
        return True
