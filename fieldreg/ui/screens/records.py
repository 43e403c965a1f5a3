"""Find a registration and act on it: details, reprint, reissue, correct, void.

Search (Ctrl+F) takes names in any order, with or without accents, or a
registration number (whole, or a piece of it), as ``fieldreg search`` does.
Selecting a result shows the registration and its history. Reprint gives the
same slip again; reissue (with a reason) revokes the old slip and prints a new
one. Correct and void (each with a reason, kept in the history) are offered
only to the roles allowed to do them.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError, UnreadableRecord
from fieldreg.model import HouseholdSummary, Registration
from fieldreg.safetext import escape_controls
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for, show_error
from fieldreg.ui.printing import (
    SlipDialog,
    open_slip_dialog,
    prepare_slip,
    show_slip_dialog,
)
from fieldreg.ui.screens import Screen
from fieldreg.ui.text import unreadable_line
from fieldreg.ui.widgets.correct_dialog import CorrectDialog
from fieldreg.ui.widgets.reason import ReasonDialog
from fieldreg.ui.widgets.registration_view import RegistrationView

SEARCH_DELAY_MS = 250


class RecordsScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("recordsScreen")
        self.setWindowTitle(self.tr("Records"))
        self.current: Registration | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText(self.tr("Names or registration number (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search_status = QLabel(self)
        self.search_status.setObjectName("searchStatus")
        self.search_status.setWordWrap(True)
        self.results = QTreeWidget(self)
        self.results.setObjectName("results")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setHeaderLabels([self.tr("Number"), self.tr("Head of household"), self.tr("People"),
                                      self.tr("Arrived"), self.tr("Status")])
        # Every column fits the list's width (no sideways scrolling at 1280×720): the head of
        # household's name takes what the others leave and is elided when it must be.
        header = self.results.header()
        header.setStretchLastSection(False)
        for column in range(self.results.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 1
                                        else QHeaderView.ResizeMode.ResizeToContents)
        left_box = QWidget(self)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search)
        left.addWidget(self.search_status)
        left.addWidget(self.results, 1)

        self.details = RegistrationView(self)
        self.reprint_button = QPushButton(self.tr("Print slip (Ctrl+P)"), self)
        self.reprint_button.setObjectName("reprintButton")
        self.reissue_button = QPushButton(self.tr("Reissue slip…"), self)
        self.reissue_button.setObjectName("reissueButton")
        self.correct_button = QPushButton(self.tr("Correct…"), self)
        self.correct_button.setObjectName("correctButton")
        self.void_button = QPushButton(self.tr("Void…"), self)
        self.void_button.setObjectName("voidButton")
        session = ctx.session
        self.correct_button.setVisible(session.account.may("correct"))
        self.void_button.setVisible(session.account.may("void"))
        actions = QHBoxLayout()
        for button in (self.reprint_button, self.reissue_button, self.correct_button, self.void_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right_box = QWidget(self)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.details, 1)
        right.addLayout(actions)

        splitter = QSplitter(self)
        splitter.addWidget(left_box)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.results.currentItemChanged.connect(lambda item, _prev: self._opened(item))
        self.results.itemActivated.connect(lambda item, _col: self.details.setFocus())
        self.reprint_button.clicked.connect(self.reprint)
        self.reissue_button.clicked.connect(self.reissue)
        self.correct_button.clicked.connect(self.correct)
        self.void_button.clicked.connect(self.void)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search, context=context)
        QShortcut(QKeySequence("Ctrl+P"), self, self.reprint, context=context)
        QWidget.setTabOrder(self.search, self.results)
        self._show(None)

    # -- the screen contract ------------------------------------------------------------

    def activated(self) -> None:
        """Shown again: the search re-runs (others may have registered or corrected since)."""
        if self.search.text().strip():
            self.run_search()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- search -------------------------------------------------------------------------

    def run_search(self) -> list[HouseholdSummary]:
        self._timer.stop()
        text = self.search.text().strip()
        keep = self.current.regno if self.current else None
        self.results.clear()
        if not text:
            self.search_status.clear()
            return []
        try:
            found = self.ctx.session.households.search(text)
        except FieldRegError as err:
            self.search_status.setText(message_for(err))
            return []
        locale = QLocale()
        for summary in found:
            head = summary.head
            item = QTreeWidgetItem([
                summary.regno, escape_controls(f"{head.family_name.upper()} {head.given_names}"),
                locale.toString(len(summary.members)), _day(locale, summary.day),
                self.tr("active") if summary.status == "active" else self.tr("VOID"),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, summary.regno)
            self.results.addTopLevelItem(item)
            if summary.regno == keep:
                self.results.setCurrentItem(item)
        count = len(found)
        status = (self.tr("No registration matches.") if count == 0
                  else self.tr("1 registration found.") if count == 1
                  else self.tr("{count} registrations found.").format(count=locale.toString(count)))
        unreadable = self.ctx.session.households.unreadable()
        if unreadable:  # left out of every search: named, so they are not silently missing
            status += " " + self.tr("Cannot be opened (damaged or altered), left out: "
                                    "{records}.").format(
                records=", ".join(unreadable_line(u) for u in unreadable[:10])
                + ("…" if len(unreadable) > 10 else ""))
        self.search_status.setText(status)
        first = self.results.topLevelItem(0)
        if self.results.currentItem() is None and first is not None:
            self.results.setCurrentItem(first)
        return found

    def result_numbers(self) -> list[str]:
        items = (self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount()))
        return [item.text(0) for item in items if item is not None]

    def open(self, regno: str) -> Registration | None:
        """Show one registration (by number); None with a message if it cannot be read."""
        try:
            reg = self.ctx.session.households.get(regno)
        except UnreadableRecord as err:
            # One damaged registration: said where it would have been shown, not a crash.
            self._show(None)
            self.details.show_unreadable(message_for(err))
            return None
        except FieldRegError as err:
            show_error(self, err)
            self._show(None)
            return None
        self._show(reg)
        return reg

    def _opened(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        self.open(item.data(0, Qt.ItemDataRole.UserRole))

    def _refresh(self, regno: str) -> None:
        self.open(regno)
        if self.search.text().strip():
            self.run_search()

    def _show(self, reg: Registration | None) -> None:
        self.current = reg
        active = reg is not None and reg.status == "active"
        for button in (self.reprint_button, self.reissue_button, self.correct_button, self.void_button):
            button.setEnabled(active)
        self.details.show_registration(reg)

    # -- actions ------------------------------------------------------------------------

    def reprint(self) -> SlipDialog | None:
        """The slip again, with the same token (Ctrl+P)."""
        if self.current is None or self.current.status != "active":
            return None
        return open_slip_dialog(self, self.ctx, self.current.regno)

    def reissue(self) -> ReasonDialog | None:
        """A new slip, the old one revoked: asks why first."""
        if self.current is None:
            return None
        regno = self.current.regno

        def act(reason: str) -> SlipDialog:
            slip = prepare_slip(self.ctx, regno, reissue_reason=reason)  # refusals stay in the dialog
            return show_slip_dialog(self, self.ctx, slip)

        dialog = ReasonDialog(
            self, self.tr("Reissue slip {regno}").format(regno=regno),
            self.tr("The current slip will stop being valid at camps. Why is a new one needed?"),
            act, ok_label=self.tr("Reissue"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def void(self) -> ReasonDialog | None:
        if self.current is None or not self.ctx.session.account.may("void"):
            return None
        regno = self.current.regno
        dialog = ReasonDialog(
            self, self.tr("Void {regno}").format(regno=regno),
            self.tr("A void registration is kept but no longer counts, and its slip stops being valid. "
                    "Why is it void?"),
            lambda reason: self.ctx.session.households.void(regno, reason=reason),
            ok_label=self.tr("Void"))
        dialog.succeeded.connect(lambda _v: self._refresh(regno))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def correct(self) -> CorrectDialog | None:
        if self.current is None or not self.ctx.session.account.may("correct"):
            return None
        dialog = CorrectDialog(self.ctx, self.current, self)
        regno = self.current.regno
        dialog.accepted.connect(lambda: self._refresh(regno))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def _day(locale: QLocale, iso_day: str) -> str:
    """An index day (ISO, UTC) in the user's short date format."""
    day = QDate.fromString(iso_day, Qt.DateFormat.ISODate)
    return locale.toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso_day
