"""A one-line (wrapping) outcome banner: success, warning or failure, shown inside a screen.

>>> notice = Notice(self)                                        # doctest: +SKIP
>>> notice.show_failure(self.tr("Export failed: {reason}").format(reason=str(err)))  # doctest: +SKIP

Outcomes that belong to a screen (an export's result, a list loaded or
refused) stay visible there instead of in a dialog that is clicked away.
``kind`` tells tests (and style sheets) which outcome is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

_STYLES = {
    "success": "background:#e3f4e1; color:#14451a; border:1px solid #6fb46a;",
    "warning": "background:#fff4d6; color:#5a4100; border:1px solid #d9a400;",
    "failure": "background:#fbe3e1; color:#6b0f0a; border:1px solid #d2554c;",
    "info": "background:#e8eef7; color:#1d2f4a; border:1px solid #8aa2c8;",
}


class Notice(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ {_STYLES[kind]} border-radius:4px; padding:8px; }}")
        self.show()

    def show_success(self, text: str) -> None:
        self._show("success", text)

    def show_warning(self, text: str) -> None:
        self._show("warning", text)

    def show_failure(self, text: str) -> None:
        self._show("failure", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear_notice(self) -> None:
        self.kind = ""
        self.clear()
        self.hide()
