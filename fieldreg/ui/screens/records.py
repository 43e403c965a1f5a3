"""Find a registration and act on it: details, reprint, reissue, correct, void.

Search (Ctrl+F) takes names in any order, with or without accents, or a
registration number (whole, or a piece of it), as ``fieldreg search`` does.
Selecting a result shows the registration and its history. Reprint gives the
same slip again; reissue (with a reason) revokes the old slip and prints a new
one. Correct and void (each with a reason, kept in the history) are offered
only to the roles allowed to do them.
"""

from __future__ import annotations

import html
import logging
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.model import HouseholdSummary, Registration
from fieldreg.station.form import FormInvalid, entry_from_registration, household_from_entry
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for, show_error
from fieldreg.ui.printing import (
    SlipDialog,
    open_slip_dialog,
    prepare_slip,
    show_slip_dialog,
)
from fieldreg.ui.screens import Screen
from fieldreg.ui.widgets.household_form import HouseholdForm
from fieldreg.ui.widgets.members import relationship_labels, sex_labels
from fieldreg.ui.widgets.reason import ReasonDialog
from fieldreg.validation import MAX_REASON

log = logging.getLogger(__name__)
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
        for column, width in enumerate((140, 170, 50, 90)):
            self.results.setColumnWidth(column, width)
        left_box = QWidget(self)
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search)
        left.addWidget(self.search_status)
        left.addWidget(self.results, 1)

        self.details = QTextBrowser(self)
        self.details.setObjectName("details")
        self.details.setOpenLinks(False)
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
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([540, 800])
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
                summary.regno, f"{head.family_name.upper()} {head.given_names}",
                locale.toString(len(summary.members)), _day(locale, summary.day),
                self.tr("active") if summary.status == "active" else self.tr("VOID"),
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, summary.regno)
            self.results.addTopLevelItem(item)
            if summary.regno == keep:
                self.results.setCurrentItem(item)
        count = len(found)
        self.search_status.setText(
            self.tr("No registration matches.") if count == 0
            else self.tr("1 registration found.") if count == 1
            else self.tr("{count} registrations found.").format(count=locale.toString(count)))
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
        if reg is None:
            hint = self.tr("Search, then choose a registration to see it here.")
            self.details.setHtml(f"<p>{html.escape(hint)}</p>")
            return
        self.details.setHtml(self.describe(reg))

    def describe(self, reg: Registration) -> str:
        """The registration as readable HTML (every value escaped)."""
        e = html.escape
        hh = reg.household
        locale = QLocale()
        sexes, relations = sex_labels(), relationship_labels()
        words = {
            "void": self.tr("VOID"), "arrived": self.tr("Arrived"), "from": self.tr("From"),
            "to": self.tr("Going to"), "by": self.tr("Travelled by"), "consent": self.tr("Consent"),
            "yes": self.tr("yes"), "no": self.tr("no"), "name": self.tr("Name"), "sex": self.tr("Sex"),
            "relationship": self.tr("Relationship"), "born": self.tr("Born"), "notes": self.tr("Notes"),
            "history": self.tr("History"),
        }
        w = {k: e(v) for k, v in words.items()}
        rows = []
        for number, m in enumerate(hh.members, 1):
            born = (locale.toString(_qdate(m.birth.date), QLocale.FormatType.ShortFormat) if m.birth.date
                    else f"~{m.birth.year}")
            other = f" ({e(m.other_names)})" if m.other_names else ""
            rows.append(f"<tr><td>{number}</td><td><b>{e(m.family_name.upper())}</b> {e(m.given_names)}{other}</td>"
                        f"<td>{e(sexes.get(m.sex, m.sex))}</td>"
                        f"<td>{e(relations.get(m.relationship, m.relationship))}</td><td>{e(born)}</td></tr>")
        place = ", ".join(p for p in (hh.origin.locality, hh.origin.region, hh.origin.country) if p)
        day = hh.arrived_at.astimezone().date() if hh.arrival_time_known else hh.arrived_at.date()
        arrived = locale.toString(_qdate(day), QLocale.FormatType.ShortFormat)
        parts = [f"<h2 style='font-family: monospace'>{e(reg.regno)}</h2>"]
        if reg.status == "void":
            parts.append(f"<p style='color:#b00000'><b>{w['void']}</b>: {e(reg.void_reason)}</p>")
        facts = [f"{w['arrived']}: {e(arrived)}", f"{w['from']}: {e(place)}"]
        if hh.destination:
            facts.append(f"{w['to']}: {e(hh.destination)}")
        if hh.travel_mode:
            facts.append(f"{w['by']}: {e(hh.travel_mode)}")
        facts.append(f"{w['consent']}: {w['yes'] if hh.consent else w['no']}")
        parts.append(f"<p>{'<br>'.join(facts)}</p>")
        parts.append(f"<table cellpadding='3'><tr><th>#</th><th>{w['name']}</th><th>{w['sex']}</th>"
                     f"<th>{w['relationship']}</th><th>{w['born']}</th></tr>{''.join(rows)}</table>")
        if hh.notes:
            parts.append(f"<p>{w['notes']}: {e(hh.notes)}</p>")
        registered = self.tr("Registered by {user}; version {version}").format(
            user=reg.created_by, version=reg.version)
        parts.append(f"<p>{e(registered)}</p>")
        if reg.history:
            items = []
            for h in reg.history:
                line = self.tr("Version {version}: {action} by {user}, reason: {reason}").format(
                    version=h.version, action=action_label(h.action), user=h.replaced_by, reason=h.reason)
                items.append(f"<li>{e(line)}</li>")
            parts.append(f"<p>{w['history']}:</p><ul>{''.join(items)}</ul>")
        return "".join(parts)

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
            self.version = self.ctx.session.households.correct(self.reg.regno, household,
                                                               reason=self.reason.text())
        except FieldRegError as err:
            self._refuse(message_for(err))
            return None
        self.accept()
        return self.version

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def action_label(action: str) -> str:
    """A history entry's action in the user's language."""
    if action == "correct":
        return QCoreApplication.translate("RecordsScreen", "corrected")
    if action == "void":
        return QCoreApplication.translate("RecordsScreen", "voided")
    return action


def _day(locale: QLocale, iso_day: str) -> str:
    """An index day (ISO, UTC) in the user's short date format."""
    day = QDate.fromString(iso_day, Qt.DateFormat.ISODate)
    return locale.toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso_day


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
