"""The accounts of a station, one row each: user name, role, status, passphrase, last sign-in.

>>> table = AccountTable(parent)                # doctest: +SKIP
>>> table.show_accounts(session.accounts.list())  # doctest: +SKIP
>>> table.choose("awa"); table.chosen().role    # doctest: +SKIP
'officer'

Read-only, one row chosen at a time; the chosen account stays chosen when the
list is shown again. ``role_name`` gives a role's translated name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from fieldreg import errors
from fieldreg.station.accounts import Account


def role_name(role: str) -> str:
    return {"officer": QCoreApplication.translate("AccountTable", "Officer"),
            "supervisor": QCoreApplication.translate("AccountTable", "Supervisor"),
            "admin": QCoreApplication.translate("AccountTable", "Administrator")}.get(role, role)


class AccountTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 5, parent)
        self.accounts: list[Account] = []
        self.setObjectName("accountTable")
        self.setHorizontalHeaderLabels([
            self.tr("User name"), self.tr("Role"), self.tr("Status"),
            self.tr("Passphrase"), self.tr("Last sign-in")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(160)

    def show_accounts(self, accounts: list[Account]) -> None:
        """Show ``accounts``, keeping the chosen one chosen."""
        self.accounts = accounts
        chosen = self.chosen()
        self.setRowCount(len(self.accounts))
        for r, a in enumerate(self.accounts):
            cells = (
                a.username, role_name(a.role),
                self.tr("Disabled") if a.disabled else self.tr("Active"),
                self.tr("Must choose a new one at next sign-in") if a.must_change else "",
                self._local_time(a.last_login) if a.last_login else self.tr("never"),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.username)
                self.setItem(r, c, item)
        self.resizeColumnsToContents()
        if chosen is not None:
            self.choose(chosen.username)

    def chosen(self) -> Account | None:
        model = self.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows:
            return None
        item = self.item(rows[0].row(), 0)
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((a for a in self.accounts if a.username == name), None)

    def choose(self, username: str) -> None:
        for r in range(self.rowCount()):
            item = self.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == username:
                self.selectRow(r)
                return
        raise errors.NotFound(f"no user {username!r} at this station")

    @staticmethod
    def _local_time(iso: str) -> str:
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
        if not moment.isValid():
            return iso
        return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
