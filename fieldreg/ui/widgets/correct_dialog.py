"""Correcting a registration: the household form filled with it, and why it is corrected.

>>> dialog = CorrectDialog(ctx, session.households.get(regno), parent)   # doctest: +SKIP
>>> dialog.accepted.connect(refresh); dialog.open()                     # doctest: +SKIP

Save (Ctrl+S) checks the form as registering does (the problems are marked on
the fields), requires a reason, and calls ``session.households.correct``: the
previous version is kept in the history with the reason. A refusal stays in
the dialog, so nothing typed is lost; ``version`` is the new version once saved.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.model import Registration
from fieldreg.station.form import FormInvalid, entry_from_registration, household_from_entry
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for
from fieldreg.ui.widgets.household_form import HouseholdForm
from fieldreg.validation import MAX_REASON

log = logging.getLogger(__name__)


class CorrectDialog(QDialog):
    """The registration in the household form, and why it is corrected; the old version is kept."""

    def __init__(self, ctx: AppContext, reg: Registration, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("correctDialog")
        self.setWindowTitle(self.tr("Correct {regno}").format(regno=reg.regno))
        self.ctx = ctx
        self.reg = reg
        self.version: int | None = None
        self.form = HouseholdForm(self)
        try:
            self.form.set_places(ctx.session.households.places())
        except FieldRegError as err:
            log.warning("places not loaded: %s", type(err).__name__)
        self.form.load(entry_from_registration(reg))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reasonField")
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("e.g. age mistyped at registration"))
        self.message = QLabel(self)
        self.message.setObjectName("correctMessage")
        self.message.setStyleSheet("color: #b00000;")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Reason for the correction:"), self))
        reason_row.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(reason_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never smaller than it shows
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QWidget.setTabOrder(self.form.tab_order[-1], self.reason)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1100, screen.width() - 40), min(720, screen.height() - 40))

    def save(self) -> int | None:
        """Check, then store the correction; the new version, or None (nothing changed)."""
        self.form.table.commit_open_editor()
        self.message.hide()
        try:
            household = household_from_entry(self.form.entry())
        except FormInvalid as err:
            self.form.show_spots(err.spots)
            return None
        if not self.reason.text().strip():
            self._refuse(self.tr("Give a reason: it is kept with the previous version."))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        try:
            # The version this dialog showed: if someone corrected it meanwhile, refused.
            self.version = self.ctx.session.households.correct(
                self.reg.regno, household, base_version=self.reg.version, reason=self.reason.text())
        except FieldRegError as err:
            self._refuse(message_for(err))
            return None
        self.accept()
        return self.version

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
