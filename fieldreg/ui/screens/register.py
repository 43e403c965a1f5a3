"""Register a household: one screen, keyboard only, built for a queue.

The officer types the members (the head first), where they come from and go
to, then presses Ctrl+S. The core checks the household (the same rules as
``fieldreg register``); a problem marks its field and says why, and nothing
is saved. Once saved, the registration number is shown large with "Print slip
(Ctrl+P)"; Ctrl+N starts the next household. While names are typed, people
already registered here with similar names appear on the right, with why they
matched; they are advice and never stop a save.
"""

from __future__ import annotations

import contextlib
import logging
import threading

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.model import Household
from fieldreg.safetext import isolate
from fieldreg.station.duplicates import Person, PostDuplicates
from fieldreg.station.form import FormInvalid, birth_preview, household_from_entry, today_utc
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.printing import SlipDialog, open_slip_dialog
from fieldreg.ui.screens import Screen
from fieldreg.ui.widgets.duplicates import DuplicatesPanel
from fieldreg.ui.widgets.household_form import HouseholdForm

log = logging.getLogger(__name__)
DUPLICATE_DELAY_MS = 250


class RegisterScreen(Screen):
    finder_ready = Signal(object)  # the duplicate finder, built on a worker thread

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("registerScreen")
        self.setWindowTitle(self.tr("Register"))
        self.last_regno: str | None = None
        self._finder: PostDuplicates | None = None
        self._finder_started = False
        self._places_loaded = False
        self._places_just_loaded = False

        # The form page: the form (scrolling when the window is small) and the duplicates.
        self.form = HouseholdForm(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.duplicates = DuplicatesPanel(self)
        self.duplicates.setMaximumWidth(380)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setAutoDefault(True)
        self.clear_button = QPushButton(self.tr("New form (Ctrl+N)"), self)
        self.clear_button.setObjectName("clearButton")
        self.status = QLabel(self)
        self.status.setObjectName("registerStatus")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.clear_button)
        bottom.addWidget(self.status, 1)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addLayout(bottom)
        form_page = QWidget(self)
        row = QHBoxLayout(form_page)
        row.addLayout(left, 3)
        row.addWidget(self.duplicates, 1)
        QWidget.setTabOrder(self.form.tab_order[-1], self.save_button)
        QWidget.setTabOrder(self.save_button, self.clear_button)

        # The saved page: the number, large, and the slip one keystroke away.
        saved_page = QWidget(self)
        title = QLabel(self.tr("Saved. Registration number:"), saved_page)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_regno = QLabel(saved_page)
        self.saved_regno.setObjectName("savedRegno")
        font = QFont("DejaVu Sans Mono")
        font.setPointSize(36)
        font.setBold(True)
        self.saved_regno.setFont(font)
        self.saved_regno.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.saved_regno.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_summary = QLabel(saved_page)
        self.saved_summary.setObjectName("savedSummary")
        self.saved_summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.print_button = QPushButton(self.tr("Print slip (Ctrl+P)"), saved_page)
        self.print_button.setObjectName("printButton")
        self.print_button.setAutoDefault(True)
        self.next_button = QPushButton(self.tr("Next household (Ctrl+N)"), saved_page)
        self.next_button.setObjectName("nextButton")
        self.next_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        saved = QVBoxLayout(saved_page)
        saved.addStretch(1)
        saved.addWidget(title)
        saved.addWidget(self.saved_regno)
        saved.addWidget(self.saved_summary)
        saved.addSpacing(16)
        saved.addLayout(buttons)
        saved.addStretch(2)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(form_page)
        self.stack.addWidget(saved_page)
        self.form_page, self.saved_page = form_page, saved_page
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DUPLICATE_DELAY_MS)
        self._timer.timeout.connect(self.update_duplicates)
        self.finder_ready.connect(self._finder_built, Qt.ConnectionType.QueuedConnection)
        self.form.names_typed.connect(self._timer.start)
        self.form.edited.connect(lambda: self.status.clear())
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.new_form)
        self.print_button.clicked.connect(self.print_slip)
        self.next_button.clicked.connect(self.new_form)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+S"), self, self.save, context=context)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip, context=context)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_form, context=context)
        self.form.table.focus_cell(0, 0)

    # -- the screen contract ------------------------------------------------------------

    def activated(self) -> None:
        """Shown again: fresh places, and the duplicate finder caught up (corrections, voids)."""
        if self._places_just_loaded:  # by this same showing's showEvent: not twice at sign-in
            self._places_just_loaded = False
        else:
            self._load_places()
        if self._finder is not None:
            self._finder.refresh()
        self.form.model.today = today_utc()
        if self.stack.currentWidget() is self.form_page:
            self.form.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_unsaved_work(self) -> bool:
        return self.stack.currentWidget() is self.form_page and self.form.is_dirty()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._places_loaded:
            self._load_places()
            self._places_just_loaded = True
        self._start_finder()
        super().showEvent(event)

    def _start_finder(self) -> None:
        """Index the post's members for duplicates once, on a worker thread.

        At 100,000 households that takes seconds: the officer types meanwhile and the
        panel fills in when it is ready. Registrations saved meanwhile are caught up.
        """
        if self._finder_started:
            return
        self._finder_started = True
        session = self.ctx.session
        _ = session.index  # decrypted here, on the UI thread: building it reads the database
        duplicates = session.duplicates

        def build() -> None:
            try:
                finder: PostDuplicates | None = duplicates.finder()
            except FieldRegError as err:  # advice only: without it the form still works
                log.warning("duplicate finder not built: %s", type(err).__name__)
                finder = None
            with contextlib.suppress(RuntimeError):  # the screen was closed meanwhile
                self.finder_ready.emit(finder)

        threading.Thread(target=build, name="fieldreg-duplicates", daemon=True).start()

    def _finder_built(self, finder: PostDuplicates | None) -> None:
        self._finder = finder
        if finder is not None:
            finder.refresh()
            self.update_duplicates()

    def _load_places(self) -> None:
        try:
            self.form.set_places(self.ctx.session.households.places())
        except FieldRegError as err:  # completion is a help: without it the form still works
            log.warning("places not loaded: %s", type(err).__name__)
        self._places_loaded = True

    # -- actions ------------------------------------------------------------------------

    def save(self) -> str | None:
        """Check and save the household; the new registration number, or None (nothing saved).

        Without consent it asks first (``withoutConsentQuestion``, No by default) and
        returns None; "Save without consent" saves then.
        """
        if self.stack.currentWidget() is not self.form_page:
            return None
        self.form.table.commit_open_editor()
        try:
            household = household_from_entry(self.form.entry())
        except FormInvalid as err:
            self.form.show_spots(err.spots)
            self.status.setText(self.tr("Not saved: correct the marked fields."))
            return None
        if not household.consent:
            self._ask_without_consent(household)
            return None
        return self._register(household)

    def _ask_without_consent(self, household: Household) -> QMessageBox:
        """Consent not ticked: save only if the officer says so explicitly (No is the default)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Save without consent?"),
            self.tr("The consent box is not ticked. Save this household without the consent of the "
                    "people registered? The record and the audit log will say it was saved without "
                    "consent."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("withoutConsentQuestion")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Save without consent"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Go back to the form"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        save = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _result: self._register(household) if box.clickedButton() is save
                             else self.form.consent.setFocus(Qt.FocusReason.OtherFocusReason))
        box.open()
        return box

    def _register(self, household: Household) -> str | None:
        try:
            regno = self.ctx.session.households.register(household)
        except FieldRegError as err:
            show_error(self, err)
            return None
        self._saved(regno, household)
        return regno

    def _saved(self, regno: str, household: Household) -> None:
        self.last_regno = regno
        places = self.form.places()
        places.add(country=household.origin.country, region=household.origin.region,
                   locality=household.origin.locality, destination=household.destination,
                   travel_mode=household.travel_mode)
        self.form.set_places(places)
        if self._finder is not None:
            self._finder.refresh()
        head = household.head
        others = len(household.members) - 1
        name = isolate(f"{head.family_name.upper()} {head.given_names}")
        self.saved_summary.setText(
            self.tr("{name}, alone").format(name=name) if others == 0
            else self.tr("{name} and 1 other person").format(name=name) if others == 1
            else self.tr("{name} and {count} other people").format(name=name, count=others))
        self.saved_regno.setText(regno)
        self.status.clear()
        self.duplicates.clear()
        self.stack.setCurrentWidget(self.saved_page)
        self.print_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def print_slip(self) -> SlipDialog | None:
        """The slip dialog of the household just saved (Ctrl+P)."""
        if self.last_regno is None or self.stack.currentWidget() is not self.saved_page:
            return None
        return open_slip_dialog(self, self.ctx, self.last_regno)

    def new_form(self) -> None:
        """A fresh form for the next household (Ctrl+N); asks first if typing would be lost."""
        self.form.table.commit_open_editor()
        if self.stack.currentWidget() is self.form_page and self.form.is_dirty():
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("Start a new form?"),
                              self.tr("What you typed for this household has not been saved. Clear it?"),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("discardQuestion")
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.accepted.connect(self._fresh_form)
            box.open()
            return
        self._fresh_form()

    def _fresh_form(self) -> None:
        self.form.reset()
        self.duplicates.clear()
        self.status.clear()
        self.stack.setCurrentWidget(self.form_page)
        self.form.table.focus_cell(0, 0)

    # -- duplicates while typing --------------------------------------------------------

    def update_duplicates(self) -> None:
        """Look up people like the member being typed (runs ~250 ms after the last keystroke)."""
        probe = self.form.probe()
        if probe is None:
            return
        _row, member = probe
        typed = f"{member.given_names} {member.family_name}".strip()
        if sum(ch.isalpha() for ch in typed) < 3:
            self.duplicates.clear()
            return
        birth = birth_preview(member.birth_kind, member.birth_text, today=self.form.model.today)
        person = Person(
            key="typing", given_names=member.given_names.strip(), family_name=member.family_name.strip(),
            other_names=member.other_names.strip(), sex=member.sex,
            birth_year=birth.year if birth else None, birth_estimated=birth.estimated if birth else True,
            locality=self.form.locality.text().strip(),
        )
        if self._finder is None:
            return  # still being built: it looks again when ready
        try:
            found = self._finder.candidates(person)
        except FieldRegError as err:  # advice only: a failure here never gets in the way
            log.warning("duplicate lookup failed: %s", type(err).__name__)
            return
        self.duplicates.show_candidates(typed, found)
