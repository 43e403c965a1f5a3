"""A small dialog that asks why (void, correct, reissue) and runs the action with the answer.

>>> ReasonDialog(self, title, prompt,  # doctest: +SKIP
...              lambda reason: session.households.void(regno, reason=reason)).open()

An empty reason is refused at the field; the action's own refusal (a
:class:`fieldreg.errors.FieldRegError`) is shown in the dialog, which stays
open, so nothing typed is lost. ``done_with`` holds the action's result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.ui.dialogs import message_for
from fieldreg.validation import MAX_REASON


class ReasonDialog(QDialog):
    succeeded = Signal(object)  # the action's result

    def __init__(self, parent: QWidget | None, title: str, prompt: str, action: Callable[[str], Any], *,
                 ok_label: str = ""):
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self._action = action
        self.result_value: Any = None
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonField")
        self.reason.setMaxLength(MAX_REASON)
        self.message = QLabel(self)
        self.message.setObjectName("reasonMessage")
        self.message.setStyleSheet("color: #b00000;")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        if ok_label:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_label)
        # Not "Cancel": in French it would read like "Void" (annuler).
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Go back"))
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Never smaller than what it shows: a refusal shown later makes it grow.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(420)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_accept(self) -> None:
        text = self.reason.text().strip()
        if not text:
            self._refuse(self.tr("Give a reason: it is kept with the registration's history."))
            return
        try:
            self.result_value = self._action(text)
        except FieldRegError as err:
            self._refuse(message_for(err))
            return
        self.succeeded.emit(self.result_value)
        self.accept()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.adjustSize()
        self.reason.setStyleSheet("border: 2px solid #b00000; background: #fff0f0;")
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
