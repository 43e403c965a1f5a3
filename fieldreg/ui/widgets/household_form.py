"""The household form: members table, where from, where to, consent, notes, member details.

>>> form = HouseholdForm()                                   # doctest: +SKIP
>>> form.set_places(session.households.places())                    # completion from this post
>>> household = household_from_entry(form.entry())           # the core checks it
>>> form.show_spots(err.spots)                               # FormInvalid: mark each field

Used by the register screen (a fresh form per household) and by the correct
dialog (filled from a stored registration). Tab order follows the interview:
the members (the head first), the household's origin and destination, the
arrival, consent and notes, then the optional details of the selected member
(fieldreg/ui/widgets/member_details.py), and last "Add member" (Ctrl+M) and
"Remove member" (which asks first, No by default). Tab in a place field with a
suggestion open takes the suggestion (fieldreg/ui/widgets/completing.py). How
problems are marked and worded: fieldreg/ui/widgets/form_problems.py.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldreg.safetext import isolate
from fieldreg.station.form import HouseholdEntry, MemberEntry, Spot
from fieldreg.station.places import UsedPlaces
from fieldreg.ui.widgets.completing import CompletingLineEdit
from fieldreg.ui.widgets.form_problems import PROBLEM_STYLE, ProblemMarks, unmark
from fieldreg.ui.widgets.member_details import MemberDetails
from fieldreg.ui.widgets.members import (
    FAMILY,
    GIVEN,
    MembersTable,
    choice_legend,
    relationship_choices,
    sex_choices,
)
from fieldreg.validation import country_codes


def _completer(parent: QWidget) -> QCompleter:
    completer = QCompleter(QStringListModel(parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)  # most used first
    completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
    return completer


def _set_values(completer: QCompleter, values: list[str]) -> None:
    model = completer.model()
    assert isinstance(model, QStringListModel)
    model.setStringList(values)


class DayEdit(QDateEdit):
    """A date field that Tab leaves at once (QDateEdit's Tab walks day, month, year first)."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class HouseholdForm(QWidget):
    """Everything about one household that an officer types."""

    edited = Signal()  # anything changed (marks cleared for that field)
    names_typed = Signal()  # a member's names changed, maybe mid-word: duplicates may differ

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("householdForm")
        self.setStyleSheet(PROBLEM_STYLE)
        self._places = UsedPlaces()
        self._live: tuple[int, int, str] | None = None  # (row, column, text) of a name being typed
        self._loading = False
        self._fresh = HouseholdEntry()
        self._details_row = 0

        members_box = self._build_members()
        household_box = self._build_household()
        self.details = MemberDetails(self)
        # The details' fields are the form's too (tab order, completion, marks).
        self.other_names, self.nationality, self.phone = (
            self.details.other_names, self.details.nationality, self.details.phone)
        self.languages, self.needs = self.details.languages, self.details.needs
        self.document_type, self.document_number = self.details.document_type, self.details.document_number
        self._nationality_completer = _completer(self)
        self.nationality.setCompleter(self._nationality_completer)
        self._build_problem_list()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problem_title)
        layout.addWidget(self.problem_list)
        layout.addWidget(members_box, 3)
        layout.addWidget(household_box)
        layout.addWidget(self.details)

        # Tab leaves the table for the next field; adding (Ctrl+M) and removing come last.
        order = [self.table, self.country, self.region, self.locality, self.destination,
                 self.travel_mode, self.arrival, self.consent, self.notes, *self.details.fields(),
                 self.add_button, self.remove_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.tab_order = order
        self.marks = ProblemMarks(self.table, self._field_widgets(), order, self.problem_title, self.problem_list)
        self._connect()
        self.reset()

    def _build_members(self) -> QGroupBox:
        self.table = MembersTable(self)
        self.model = self.table.members_model()
        self.add_button = QPushButton(self.tr("Add member (Ctrl+M)"), self)
        self.add_button.setObjectName("addMember")
        self.remove_button = QPushButton(self.tr("Remove member"), self)
        self.remove_button.setObjectName("removeMember")
        box = QGroupBox(self.tr("Members (the head of household first)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("In Age, type an age, a birth date (DD/MM/YYYY) or a birth year: the "
                              "others fill in."), self)
        hint.setWordWrap(True)
        legend = QLabel(self.tr("Letters: sex {sex}; relationship {relationship}.").format(
            sex=choice_legend(sex_choices()), relationship=choice_legend(relationship_choices())), self)
        legend.setObjectName("choiceLetters")
        legend.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(legend)
        return box

    def _build_household(self) -> QGroupBox:
        self.country = self._line("originCountry", self.tr("e.g. MLI"))
        self.country.setMaxLength(3)
        self.region = self._line("originRegion")
        self.locality = self._line("originLocality", self.tr("village or town"))
        self.destination = self._line("destination", self.tr("camp or host community"))
        self.travel_mode = self._line("travelMode")
        self.arrival = DayEdit(self)
        self.arrival.setObjectName("arrivalDate")
        self.arrival.setDisplayFormat("dd/MM/yyyy")
        self.arrival.setCalendarPopup(True)
        self.consent = QCheckBox(self.tr("Consent to registration given"), self)
        self.consent.setObjectName("consent")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self._country_completer, self._region_completer, self._locality_completer = (
            _completer(self), _completer(self), _completer(self))
        self._destination_completer, self._travel_completer = _completer(self), _completer(self)
        self.country.setCompleter(self._country_completer)
        self.region.setCompleter(self._region_completer)
        self.locality.setCompleter(self._locality_completer)
        self.destination.setCompleter(self._destination_completer)
        self.travel_mode.setCompleter(self._travel_completer)

        box = QGroupBox(self.tr("Household"), self)
        grid = QGridLayout(box)
        labelled = [(self.tr("From (country code)"), self.country), (self.tr("Region"), self.region),
                    (self.tr("Village / town"), self.locality), (self.tr("Going to"), self.destination),
                    (self.tr("Travelled by"), self.travel_mode), (self.tr("Arrived on"), self.arrival)]
        for i, (label, field) in enumerate(labelled):  # two to a line
            grid.addWidget(QLabel(label, self), i // 2, 2 * (i % 2))
            grid.addWidget(field, i // 2, 2 * (i % 2) + 1)
        grid.addWidget(self.consent, 3, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("Notes"), self), 4, 0)
        grid.addWidget(self.notes, 4, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        line = CompletingLineEdit(self)
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        return line

    def _build_problem_list(self) -> None:
        """The problems found on save, listed above the form (hidden until then)."""
        self.problem_title = QLabel(self)
        self.problem_title.setObjectName("problemTitle")
        self.problem_title.setStyleSheet("color: #b00000; font-weight: bold;")
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("problemList")
        self.problem_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.problem_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.problem_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.problem_title.hide()
        self.problem_list.hide()

    def _field_widgets(self) -> dict[str, QWidget]:
        """The widget of each form field a problem can name (fieldreg/station/form.py Spot)."""
        return {
            "origin_country": self.country, "origin_region": self.region,
            "origin_locality": self.locality, "destination": self.destination,
            "travel_mode": self.travel_mode, "arrival": self.arrival, "consent": self.consent,
            "notes": self.notes, "other_names": self.other_names, "nationality": self.nationality,
            "phone": self.phone, "languages": self.languages, "specific_needs": self.needs,
            "documents": self.document_number,
        }

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        QShortcut(QKeySequence("Ctrl+M"), self, self.add_member,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.typing.connect(self._typing)
        self.model.dataChanged.connect(self._members_changed)
        self.model.rowsInserted.connect(lambda *_: self.edited.emit())
        self.model.rowsRemoved.connect(lambda *_: self.edited.emit())
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda current, _: self._show_details(current.row()))
        for line in (self.country, self.region, self.locality, self.destination, self.travel_mode):
            line.textEdited.connect(lambda _t, w=line: self._field_edited(w))
        self.country.textEdited.connect(self._country_edited)
        self.arrival.dateChanged.connect(lambda _d: self._field_edited(self.arrival))
        self.consent.toggled.connect(lambda _c: self._field_edited(self.consent))
        self.notes.textChanged.connect(lambda: self._field_edited(self.notes))
        self.details.changed.connect(self._detail_typed)

    # -- filling and reading ----------------------------------------------------------

    def set_places(self, places: UsedPlaces) -> None:
        """Offer these values (most used first) in the origin and destination fields."""
        self._places = places
        codes = sorted(country_codes())
        used = [c for c in places.countries if c in country_codes()]
        _set_values(self._country_completer, used + [c for c in codes if c not in used])
        _set_values(self._nationality_completer, used + [c for c in codes if c not in used])
        _set_values(self._region_completer, places.regions_of(self.country.text()))
        _set_values(self._locality_completer, places.localities)
        _set_values(self._destination_completer, places.destinations)
        _set_values(self._travel_completer, places.travel_modes)

    def places(self) -> UsedPlaces:
        return self._places

    def reset(self) -> None:
        """A fresh form: one empty row for the head, today's date, nothing marked."""
        self.load(HouseholdEntry(arrival_day=None, members=[MemberEntry(relationship="head")]))
        self._fresh = self.entry()

    def load(self, entry: HouseholdEntry) -> None:
        self._loading = True
        try:
            self.clear_problems()
            self._entry_base = entry
            self.country.setText(entry.origin_country)
            self.region.setText(entry.origin_region)
            self.locality.setText(entry.origin_locality)
            self.destination.setText(entry.destination)
            self.travel_mode.setText(entry.travel_mode)
            today = QDate.currentDate()
            self.arrival.setMaximumDate(today)
            day = entry.arrival_day
            self.arrival.setDate(QDate(day.year, day.month, day.day) if day else today)
            self.consent.setChecked(entry.consent)
            self.notes.setPlainText(entry.notes)
            self.model.set_members([MemberEntry(**vars(m)) for m in entry.members])
            self._live = None
            self.table.setCurrentIndex(self.model.index(0, GIVEN))
            self._show_details(0)
        finally:
            self._loading = False
        self._fresh = self.entry()

    def entry(self) -> HouseholdEntry:
        """What the form holds now (arrival None when it is today's and was not stored)."""
        base = getattr(self, "_entry_base", HouseholdEntry())
        qdate = self.arrival.date()
        day: date | None = date(qdate.year(), qdate.month(), qdate.day())
        if base.stored_arrival is None and qdate == QDate.currentDate():
            day = None  # today: the time of saving is the arrival time
        return HouseholdEntry(
            origin_country=self.country.text(), origin_region=self.region.text(),
            origin_locality=self.locality.text(), destination=self.destination.text(),
            travel_mode=self.travel_mode.text(), consent=self.consent.isChecked(),
            notes=self.notes.toPlainText(), arrival_day=day,
            members=[MemberEntry(**vars(m)) for m in self.model.members()],
            stored_arrival=base.stored_arrival, stored_time_known=base.stored_time_known,
        )

    def is_dirty(self) -> bool:
        """Something typed since the form was last filled (a fresh or loaded one)."""
        editing = self.table.state() == QAbstractItemView.State.EditingState
        return editing or self.entry() != self._fresh

    def add_member(self) -> None:
        row = self.model.add_member()
        self.table.focus_cell(row, GIVEN)

    def remove_member(self) -> QMessageBox | None:
        """Ask before removing the selected member (No is the default); the box, or None."""
        row = self.table.currentIndex().row()
        if row < 0:
            return None
        self.table.commit_open_editor()
        member = self.model.row(row)
        name = isolate(f"{member.given_names} {member.family_name}".strip()) or self.tr("(no name yet)")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove member {number}?").format(number=row + 1),
                          self.tr("Remove member {number}, {name}, and everything typed about them?").format(
                              number=row + 1, name=name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("removeMemberQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        remove = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _result: self._remove_row(row) if box.clickedButton() is remove
                             else self.table.focus_cell(row, GIVEN))
        box.open()
        return box

    def _remove_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self.model.remove_member(row)
        self.table.focus_cell(min(row, self.model.rowCount() - 1), GIVEN)

    def probe(self) -> tuple[int, MemberEntry] | None:
        """The member whose names are being typed, with the unfinished word included."""
        row = self.table.currentIndex().row()
        if self._live is not None:
            row = self._live[0]
        if not 0 <= row < self.model.rowCount():
            return None
        member = MemberEntry(**vars(self.model.row(row)))
        if self._live is not None and self._live[0] == row:
            if self._live[1] == GIVEN:
                member.given_names = self._live[2]
            elif self._live[1] == FAMILY:
                member.family_name = self._live[2]
        return row, member

    # -- problems -----------------------------------------------------------------------

    def show_spots(self, spots: list[Spot]) -> None:
        """Mark every field or cell with a problem, list why (in form order), and go to the first."""
        self.clear_problems()
        self.marks.show(spots, details_row=self._details_row)

    def marked_widgets(self) -> list[QWidget]:
        return [w for w in self.findChildren(QWidget) if w.property("problem") is True]

    def clear_problems(self) -> None:
        self.marks.clear(self.marked_widgets())

    # -- reacting to typing -------------------------------------------------------------

    def _field_edited(self, widget: QWidget) -> None:
        if self._loading:
            return
        unmark(widget)
        self.edited.emit()

    def _country_edited(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            position = self.country.cursorPosition()
            self.country.setText(upper)
            self.country.setCursorPosition(position)
        _set_values(self._region_completer, self._places.regions_of(upper))

    def _typing(self, row: int, column: int, text: str) -> None:
        if column in (GIVEN, FAMILY):
            self._live = (row, column, text)
            self.names_typed.emit()

    def _members_changed(self, top_left: object, _bottom_right: object) -> None:
        self._live = None
        if self._loading:
            return
        self.edited.emit()
        self.names_typed.emit()

    def _show_details(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        self._details_row = row
        self.details.show_member(row + 1, self.model.row(row))

    def _detail_typed(self, name: str, value: object) -> None:
        self.model.update_row(self._details_row, **{name: value})
        if name == "other_names":
            self.names_typed.emit()
