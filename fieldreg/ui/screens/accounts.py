"""Accounts at this station: list, add, disable or enable, reset a passphrase.

The same services as ``fieldreg user ...`` (``session.accounts``: ``list``,
``add``, ``set_disabled``, ``reset``). A supervisor manages officers; an
administrator manages every account. A new or reset passphrase is a first
passphrase: its holder must choose their own at the next login. Passphrase
rules are the station's (:mod:`fieldreg.station.accounts`); a bad one is refused at
the field before anything is written.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg import errors
from fieldreg.station.accounts import MIN_PASSPHRASE, ROLES, Account, check_passphrase, check_username
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for
from fieldreg.ui.screens import Screen
from fieldreg.ui.tasks import Task
from fieldreg.ui.text import error_text
from fieldreg.ui.widgets.account_table import AccountTable, role_name
from fieldreg.ui.widgets.checked_field import CheckedField
from fieldreg.ui.widgets.labels import wrapped
from fieldreg.ui.widgets.notice import Notice

log = logging.getLogger(__name__)


class AccountsScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Accounts"))
        account = ctx.session.account
        self.allowed = account.may("manage_officers")
        self.admin = account.may("manage_all_accounts")
        self._reset_for: str | None = None

        body, layout = self.scrolling_column()

        self.refused = QLabel(self.tr("Only supervisors and administrators manage accounts."), body)
        self.refused.setObjectName("accountsRefused")
        self.refused.setWordWrap(True)
        self.refused.setVisible(not self.allowed)
        layout.addWidget(self.refused)

        listed = self._build_list(body)
        layout.addWidget(listed)
        layout.addWidget(self._build_reset(body))
        layout.addWidget(self._build_add(body))
        layout.addStretch(1)

        for widget in (listed, self.add_box):
            widget.setEnabled(self.allowed)
        if self.allowed:
            self.refresh()
        self._update_buttons()

    def _build_list(self, body: QWidget) -> QGroupBox:
        """The accounts, with Disable and Reset passphrase for the chosen one."""
        listed = QGroupBox(self.tr("Accounts at this station"), body)
        listed_layout = QVBoxLayout(listed)
        self.table = AccountTable(listed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        listed_layout.addWidget(self.table)
        row = QHBoxLayout()
        self.disable_button = QPushButton(self.tr("Disable"), listed)
        self.disable_button.setObjectName("disableButton")
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.reset_button = QPushButton(self.tr("Reset passphrase…"), listed)
        self.reset_button.setObjectName("resetButton")
        self.reset_button.clicked.connect(self._open_reset)
        row.addWidget(self.disable_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        listed_layout.addLayout(row)
        self.result = Notice(listed)
        self.result.setObjectName("accountsResult")
        listed_layout.addWidget(self.result)
        return listed

    def _build_reset(self, body: QWidget) -> QGroupBox:
        """Reset the chosen account's passphrase (hidden until asked for)."""
        self.reset_box = QGroupBox(body)
        self.reset_box.setObjectName("resetBox")
        reset_form = QFormLayout(self.reset_box)
        reset_form.addRow(wrapped(QLabel(self.tr("Choose a first passphrase and give it to the person "
                                                 "in private; they must choose their own at their "
                                                 "next sign-in."), self.reset_box)))
        self.reset_pass = CheckedField(self.reset_box, "resetPassphrase", secret=True)
        self.reset_pass.add_to(reset_form, self.tr("New passphrase:"))
        self.reset_repeat = CheckedField(self.reset_box, "resetRepeat", secret=True)
        self.reset_repeat.add_to(reset_form, self.tr("Type it again:"))
        buttons = QHBoxLayout()
        self.reset_confirm = QPushButton(self.tr("Reset the passphrase"), self.reset_box)
        self.reset_confirm.setObjectName("resetConfirm")
        self.reset_confirm.clicked.connect(self.reset_now)
        self.reset_repeat.edit.returnPressed.connect(self.reset_now)
        cancel = QPushButton(self.tr("Cancel"), self.reset_box)
        cancel.clicked.connect(self._close_reset)
        buttons.addWidget(self.reset_confirm)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        reset_form.addRow(buttons)
        self.reset_box.hide()
        return self.reset_box

    def _build_add(self, body: QWidget) -> QGroupBox:
        """A new account: user name, role, a first passphrase typed twice."""
        self.add_box = QGroupBox(self.tr("Add an account"), body)
        add_form = QFormLayout(self.add_box)
        add_form.addRow(wrapped(QLabel(self.tr(
            "User names: 2 to 32 lower-case letters, digits, '.', '_' or '-', starting with a "
            "letter. Passphrases: at least {n} characters, not the user name. The new holder "
            "must choose their own passphrase at their first sign-in.").format(
                n=MIN_PASSPHRASE), self.add_box)))
        self.username = CheckedField(self.add_box, "username")
        self.username.add_to(add_form, self.tr("User name:"))
        self.role = QComboBox(self.add_box)
        self.role.setObjectName("roleCombo")
        for role in ROLES:
            if role == "officer" or self.admin:
                self.role.addItem(role_name(role), role)
        add_form.addRow(self.tr("Role:"), self.role)
        self.passphrase = CheckedField(self.add_box, "passphrase", secret=True)
        self.passphrase.add_to(add_form, self.tr("First passphrase:"))
        self.repeat = CheckedField(self.add_box, "repeat", secret=True)
        self.repeat.add_to(add_form, self.tr("Type it again:"))
        self.add_button = QPushButton(self.tr("Add the account"), self.add_box)
        self.add_button.setObjectName("addButton")
        self.add_button.clicked.connect(self.add_now)
        self.repeat.edit.returnPressed.connect(self.add_now)
        add_form.addRow(self.add_button)
        return self.add_box

    # -- the screen contract -------------------------------------------------------------

    def activated(self) -> None:
        if self.allowed:
            self.refresh()

    def has_unsaved_work(self) -> bool:
        return bool(self.username.text() or self.passphrase.text() or self.reset_pass.text())

    # -- the list ------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            accounts = self.ctx.session.accounts.list()
        except errors.FieldRegError as err:
            self.result.show_failure(error_text(err))
            return
        self.table.show_accounts(accounts)
        self._update_buttons()

    def may_manage(self, account: Account) -> bool:
        return self.allowed and (account.role == "officer" or self.admin)

    def _update_buttons(self) -> None:
        chosen = self.table.chosen()
        ready = self.allowed and not self.busy
        manageable = chosen is not None and self.may_manage(chosen)
        own = chosen is not None and chosen.username == self.ctx.session.user
        self.disable_button.setEnabled(ready and manageable and not own)
        self.disable_button.setText(self.tr("Enable") if chosen is not None and chosen.disabled
                                    else self.tr("Disable"))
        self.reset_button.setEnabled(ready and manageable and not own)
        tip = ""
        if chosen is not None and not manageable:
            tip = self.tr("Only an administrator manages supervisors and administrators.")
        elif own:
            tip = self.tr("Change your own passphrase from the sign-in screen.")
        for button in (self.disable_button, self.reset_button):
            button.setToolTip(tip)
        self.add_button.setEnabled(ready)
        self.reset_confirm.setEnabled(ready)

    # -- disable / enable ------------------------------------------------------------------

    def toggle_disabled(self) -> None:
        chosen = self.table.chosen()
        if chosen is None or self.busy:
            return
        try:
            self.ctx.session.accounts.set_disabled(chosen.username, not chosen.disabled)
        except Exception as err:  # noqa: BLE001 - shown in one line, never a traceback
            self._failed(err)
            return
        if chosen.disabled:
            self.result.show_success(self.tr("{user} may sign in again.").format(
                user=chosen.username))
        else:
            self.result.show_success(self.tr("{user} can no longer sign in. Nothing they "
                                             "registered is changed.").format(user=chosen.username))
        self.refresh()

    # -- reset -----------------------------------------------------------------------------

    def _open_reset(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        self._reset_for = chosen.username
        self.reset_box.setTitle(self.tr("New first passphrase for {user}").format(
            user=chosen.username))
        for field in (self.reset_pass, self.reset_repeat):
            field.edit.clear()
            field.clear_error()
        self.reset_box.show()
        self.reset_pass.edit.setFocus()

    def _close_reset(self) -> None:
        self._reset_for = None
        self.reset_pass.edit.clear()
        self.reset_repeat.edit.clear()
        self.reset_box.hide()

    def reset_now(self) -> Task | None:
        username = self._reset_for
        if username is None or self.busy:
            return None
        passphrase = self.reset_pass.text()
        if not self._check_passphrase(self.reset_pass, self.reset_repeat, username):
            return None
        session = self.ctx.session

        def done(_: object) -> None:
            self._close_reset()
            self.result.show_success(self.tr(
                "New first passphrase set for {user}: they must choose their own at their next "
                "sign-in.").format(user=username))
            self.refresh()

        return self.run_busy(
            self.tr("Resetting the passphrase…"),
            lambda progress: session.accounts.reset(username, passphrase=passphrase),
            on_done=done, on_error=self._failed)

    # -- add -------------------------------------------------------------------------------

    def add_now(self) -> Task | None:
        """Check the form at its fields, then create the account (off the UI thread: the KDF)."""
        if self.busy or not self.allowed:
            return None
        username = self.username.text().strip()
        role = str(self.role.currentData())
        ok = self._check_username(username)
        ok = self._check_passphrase(self.passphrase, self.repeat, username) and ok
        if not ok:
            return None
        passphrase = self.passphrase.text()
        session = self.ctx.session

        def done(_: object) -> None:
            for field in (self.username, self.passphrase, self.repeat):
                field.edit.clear()
            self.result.show_success(self.tr(
                "Account {user} ({role}) added: give them the first passphrase in private; "
                "they must choose their own at their first sign-in.").format(
                    user=username, role=role_name(role)))
            self.refresh()
            self.table.choose(username)

        return self.run_busy(
            self.tr("Adding the account…"),
            lambda progress: session.accounts.add(username, role=role, passphrase=passphrase),
            on_done=done, on_error=self._failed)

    def _check_username(self, username: str) -> bool:
        if not username:
            self.username.fail(self.tr("Type a user name."))
            return False
        try:
            check_username(username)
        except errors.InvalidInput:
            self.username.fail(self.tr("2 to 32 lower-case letters, digits, '.', '_' or '-', "
                                       "starting with a letter."))
            return False
        if any(a.username == username for a in self.table.accounts):
            self.username.fail(self.tr("There is already an account with this user name."))
            return False
        self.username.clear_error()
        return True

    def _check_passphrase(self, field: CheckedField, repeat: CheckedField, username: str) -> bool:
        passphrase = field.text()
        try:
            check_passphrase(passphrase, username=username)
        except errors.InvalidInput:
            if len(passphrase) < MIN_PASSPHRASE:
                field.fail(self.tr("Too short: a passphrase needs at least {n} characters.").format(
                    n=MIN_PASSPHRASE))
            else:
                field.fail(self.tr("The passphrase must not be the user name."))
            return False
        field.clear_error()
        if repeat.text() != passphrase:
            repeat.fail(self.tr("The two passphrases are not the same."))
            return False
        repeat.clear_error()
        return True

    # -- plumbing --------------------------------------------------------------------------

    def busy_changed(self) -> None:
        self._update_buttons()

    def _failed(self, err: BaseException) -> None:
        if not isinstance(err, errors.FieldRegError):
            log.error("account change failed unexpectedly", exc_info=err)
        self.result.show_failure(self.tr("Not changed: {reason}").format(reason=message_for(err, sentence=False)))
        self.refresh()
