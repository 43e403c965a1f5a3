"""What every page of the setup wizard shares: a heading, texts, a one-line message, Back and Create.

>>> class CampPage(WizardPage): ...            # doctest: +SKIP
>>> page.back.connect(show_choices)            # doctest: +SKIP
>>> page.created.connect(window.station_created)   # (store, note for the login page)

A page checks what was typed, shows the first problem under the form
(``_say``) and runs the slow creation off the UI thread (``_run``); ``created`` fires once the station exists. The first
administrator's fields are the same on every page (:class:`AdminFields`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.station.accounts import MIN_PASSPHRASE, USERNAME_RE
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.file_dialogs import Folders, open_file
from fieldreg.ui.tasks import run_task
from fieldreg.ui.text import error_text, os_reason
from fieldreg.ui.widgets.labels import heading


def paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class AdminFields:
    """The first administrator: user name and passphrase typed twice."""

    def __init__(self, prefix: str, form: QFormLayout):
        self.user = QLineEdit()
        self.user.setObjectName(f"{prefix}AdminUser")
        self.user.setMaxLength(32)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName(f"{prefix}AdminPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName(f"{prefix}AdminRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("SetupWizard", "Administrator's user name:"),
                    self.user)
        form.addRow(QCoreApplication.translate("SetupWizard", "Administrator's passphrase:"),
                    self.passphrase)
        form.addRow(QCoreApplication.translate("SetupWizard", "Passphrase again:"), self.repeat)

    def problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong with the typed account, in one line, and the field to fix."""
        user = self.user.text().strip()
        if not USERNAME_RE.match(user):
            text = QCoreApplication.translate(
                "SetupWizard", "The user name must be 2 to 32 lower-case letters, digits, '.', '_' "
                "or '-', starting with a letter.")
            return text, self.user
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            text = QCoreApplication.translate(
                "SetupWizard", "The passphrase needs at least {n} characters.")
            return text.format(n=MIN_PASSPHRASE), self.passphrase
        if self.passphrase.text().strip().lower() == user:
            text = QCoreApplication.translate(
                "SetupWizard", "The passphrase must not be the user name.")
            return text, self.passphrase
        if self.passphrase.text() != self.repeat.text():
            text = QCoreApplication.translate(
                "SetupWizard", "The two passphrases differ; type them again.")
            return text, self.repeat
        return None


class WizardPage(QWidget):
    """One page: ``back`` asks for the choices again; ``created(store, note)`` once the station exists."""

    back = Signal()
    created = Signal(object, str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.setMaximumWidth(760)

    def _page(self, title: str) -> QVBoxLayout:
        """The page's column, its heading first."""
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        return layout

    def _message(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020;")
        label.hide()
        return label

    def _buttons(self, layout: QVBoxLayout, label: str, name: str, action: Callable[[], None]) -> QPushButton:
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.back)
        go = QPushButton(label)
        go.setObjectName(name)
        go.setDefault(True)
        go.clicked.connect(action)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(go)
        layout.addStretch(1)
        layout.addLayout(row)
        self._enter_walks(go)
        return go

    def _enter_walks(self, go: QPushButton) -> None:
        """Enter in a field goes to the next one; in the last field it presses ``go`` (as a click would)."""
        fields = [edit for edit in self.findChildren(QLineEdit) if edit.parentWidget() is self]
        for field, following in itertools.pairwise(fields):
            field.returnPressed.connect(lambda following=following: following.setFocus())
        if fields:
            fields[-1].returnPressed.connect(lambda: go.click() if go.isEnabled() else None)

    def _file_row(self, form: QFormLayout, label: str, name: str, caption: str,
                  changed: Callable[[], None] | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        browse = QPushButton(self.tr("Choose…"))

        def choose() -> None:
            path = open_file(self, Folders(), "set-up", caption)  # no station yet: nothing to remember in
            if path is not None:
                edit.setText(str(path))

        browse.clicked.connect(choose)
        if changed is not None:
            edit.editingFinished.connect(changed)
            edit.textChanged.connect(lambda _text: changed())
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        form.addRow(label, row)
        return edit

    def _say(self, label: QLabel, text: str, field: QWidget | None = None) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        if field is not None:
            field.setFocus()

    def _read(self, path_text: str, missing: str) -> bytes | str:
        """The file's bytes, or the one-line reason it cannot be read (``missing``: none chosen)."""
        path = path_text.strip()
        if not path:
            return missing
        try:
            return Path(path).expanduser().read_bytes()
        except OSError as err:
            return self.tr("Cannot read {path}: {reason}.").format(path=path, reason=os_reason(err))

    def _run(self, label: str, message: QLabel, work: Callable[[], tuple[Any, str]],
             button: QWidget) -> None:
        self._say(message, "")
        button.setEnabled(False)

        def failed(err: BaseException) -> None:
            button.setEnabled(True)
            if isinstance(err, FieldRegError):
                self._say(message, error_text(err))
            else:
                self._say(message, self.tr("The station was not set up."))
                show_error(self, err)

        def done(result: tuple[Any, str]) -> None:
            button.setEnabled(True)
            store, note = result
            self.created.emit(store, note)

        run_task(self, label, lambda progress: work(), on_done=done, on_error=failed)
