"""A line edit with its one-line message underneath, for a form checked field by field.

>>> name = CheckedField(box, "username")                 # doctest: +SKIP
>>> name.add_to(form, self.tr("User name:"))             # doctest: +SKIP
>>> name.fail(self.tr("Type a user name."))              # red border, the message below it

Typing in the field clears its message. Object names: ``<name>Edit`` and ``<name>Error``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

_BAD_FIELD = "QLineEdit { border: 2px solid #c62828; }"


class CheckedField:
    """A line edit with its one-line message underneath."""

    def __init__(self, parent: QWidget, name: str, *, secret: bool = False):
        self.edit = QLineEdit(parent)
        self.edit.setObjectName(f"{name}Edit")
        if secret:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(parent)
        self.error.setObjectName(f"{name}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #b71c1c; }")
        self.error.hide()
        self.edit.textEdited.connect(self.clear_error)

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.edit.setStyleSheet(_BAD_FIELD)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        self.edit.setStyleSheet("")

    def text(self) -> str:
        return self.edit.text()

    def add_to(self, form: QFormLayout, label: str) -> None:
        box = QWidget(self.edit.parentWidget())
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.edit)
        column.addWidget(self.error)
        form.addRow(label, box)
