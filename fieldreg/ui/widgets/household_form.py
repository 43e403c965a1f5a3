"""The household form: members table, where from, where to, consent, notes, member details.

>>> form = HouseholdForm()                                   # doctest: +SKIP
>>> form.set_places(session.households.places())                    # completion from this post
>>> household = household_from_entry(form.entry())           # the core checks it
>>> form.show_spots(err.spots)                               # FormInvalid: mark each field

Used by the register screen (a fresh form per household) and by the correct
dialog (filled from a stored registration). Tab order follows the interview:
the members (the head first), the household's origin and destination, the
arrival, consent and notes, then the optional details of the selected member.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldreg.station.form import HouseholdEntry, MemberEntry, Spot
from fieldreg.model import DOCUMENT_TYPES, SPECIFIC_NEEDS
from fieldreg.station.places import UsedPlaces
from fieldreg.ui.text import translated
from fieldreg.ui.widgets.members import FAMILY, FIELD_COLUMNS, GIVEN, MembersTable
from fieldreg.validation import country_codes

_PROBLEM_STYLE = (
    "QLineEdit[problem=\"true\"], QComboBox[problem=\"true\"], QDateEdit[problem=\"true\"],"
    " QPlainTextEdit[problem=\"true\"], QListWidget[problem=\"true\"]"
    " { border: 2px solid #b00000; background: #fff0f0; }"
    " QCheckBox[problem=\"true\"] { color: #b00000; font-weight: bold; }"
)


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
        self.setStyleSheet(_PROBLEM_STYLE)
        self._places = UsedPlaces()
        self._live: tuple[int, int, str] | None = None  # (row, column, text) of a name being typed
        self._loading = False
        self._fresh = HouseholdEntry()
        self._details_row = 0

        # Members
        self.table = MembersTable(self)
        self.model = self.table.members_model()
        self.add_button = QPushButton(self.tr("Add member (Ctrl+M)"), self)
        self.add_button.setObjectName("addMember")
        self.remove_button = QPushButton(self.tr("Remove member"), self)
        self.remove_button.setObjectName("removeMember")
        members_box = QGroupBox(self.tr("Members (the head of household first)"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = QLabel(self.tr("Type an age, a birth date (DD/MM/YYYY) or a birth year: the others fill in."), self)
        hint.setWordWrap(True)
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.table, 1)
        members_layout.addLayout(buttons)
        members_layout.addWidget(hint)

        # Household
        self.country = QLineEdit(self)
        self.country.setObjectName("originCountry")
        self.country.setMaxLength(3)
        self.country.setPlaceholderText(self.tr("e.g. MLI"))
        self.region = QLineEdit(self)
        self.region.setObjectName("originRegion")
        self.locality = QLineEdit(self)
        self.locality.setObjectName("originLocality")
        self.locality.setPlaceholderText(self.tr("village or town"))
        self.destination = QLineEdit(self)
        self.destination.setObjectName("destination")
        self.destination.setPlaceholderText(self.tr("camp or host community"))
        self.travel_mode = QLineEdit(self)
        self.travel_mode.setObjectName("travelMode")
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
        self._country_completer = _completer(self)
        self.country.setCompleter(self._country_completer)
        self._region_completer = _completer(self)
        self.region.setCompleter(self._region_completer)
        self._locality_completer = _completer(self)
        self.locality.setCompleter(self._locality_completer)
        self._destination_completer = _completer(self)
        self.destination.setCompleter(self._destination_completer)
        self._travel_completer = _completer(self)
        self.travel_mode.setCompleter(self._travel_completer)

        household_box = QGroupBox(self.tr("Household"), self)
        grid = QGridLayout(household_box)
        grid.addWidget(QLabel(self.tr("From (country code)"), self), 0, 0)
        grid.addWidget(self.country, 0, 1)
        grid.addWidget(QLabel(self.tr("Region"), self), 0, 2)
        grid.addWidget(self.region, 0, 3)
        grid.addWidget(QLabel(self.tr("Village / town"), self), 1, 0)
        grid.addWidget(self.locality, 1, 1)
        grid.addWidget(QLabel(self.tr("Going to"), self), 1, 2)
        grid.addWidget(self.destination, 1, 3)
        grid.addWidget(QLabel(self.tr("Travelled by"), self), 2, 0)
        grid.addWidget(self.travel_mode, 2, 1)
        grid.addWidget(QLabel(self.tr("Arrived on"), self), 2, 2)
        grid.addWidget(self.arrival, 2, 3)
        grid.addWidget(self.consent, 3, 0, 1, 4)
        grid.addWidget(QLabel(self.tr("Notes"), self), 4, 0)
        grid.addWidget(self.notes, 4, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        # Details of the selected member
        self.details_box = QGroupBox(self.tr("More about member 1 (optional)"), self)
        self.other_names = QLineEdit(self)
        self.other_names.setObjectName("otherNames")
        self.nationality = QLineEdit(self)
        self.nationality.setObjectName("nationality")
        self.nationality.setMaxLength(3)
        self._nationality_completer = _completer(self)
        self.nationality.setCompleter(self._nationality_completer)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.languages = QLineEdit(self)
        self.languages.setObjectName("languages")
        self.languages.setPlaceholderText(self.tr("e.g. bm, ff, fr"))
        self.needs = QListWidget(self)
        self.needs.setObjectName("specificNeeds")
        self.needs.setFlow(QListWidget.Flow.LeftToRight)
        self.needs.setWrapping(True)
        self.needs.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.needs.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        for code in SPECIFIC_NEEDS:
            item = QListWidgetItem(f"{code} · {need_labels()[code]}", self.needs)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.document_type = QComboBox(self)
        self.document_type.setObjectName("documentType")
        self.document_type.addItem(self.tr("(no document)"), "")
        for code in DOCUMENT_TYPES:
            self.document_type.addItem(document_labels()[code], code)
        self.document_number = QLineEdit(self)
        self.document_number.setObjectName("documentNumber")
        details = QFormLayout(self.details_box)
        details.addRow(self.tr("Other names"), self.other_names)
        details.addRow(self.tr("Nationality (code)"), self.nationality)
        details.addRow(self.tr("Phone"), self.phone)
        details.addRow(self.tr("Languages"), self.languages)
        details.addRow(self.tr("Specific needs"), self.needs)
        document = QHBoxLayout()
        document.addWidget(self.document_type)
        document.addWidget(self.document_number, 1)
        details.addRow(self.tr("Identity document"), document)

        # Problems found on save
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problem_title)
        layout.addWidget(self.problem_list)
        layout.addWidget(members_box, 3)
        layout.addWidget(household_box)
        layout.addWidget(self.details_box)

        order = [self.table, self.add_button, self.remove_button, self.country, self.region,
                 self.locality, self.destination, self.travel_mode, self.arrival, self.consent,
                 self.notes, self.other_names, self.nationality, self.phone, self.languages,
                 self.needs, self.document_type, self.document_number]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.tab_order = order

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
        self.other_names.textEdited.connect(lambda t: self._detail("other_names", t, self.other_names))
        self.other_names.textEdited.connect(lambda _t: self.names_typed.emit())
        self.nationality.textEdited.connect(lambda t: self._detail("nationality", t, self.nationality))
        self.phone.textEdited.connect(lambda t: self._detail("phone", t, self.phone))
        self.languages.textEdited.connect(lambda t: self._detail("languages", t, self.languages))
        self.needs.itemChanged.connect(lambda _i: self._detail("specific_needs", self._checked_needs(), self.needs))
        self.document_type.activated.connect(
            lambda _i: self._detail("document_type", self.document_type.currentData(), self.document_type))
        self.document_number.textEdited.connect(
            lambda t: self._detail("document_number", t, self.document_number))
        self.reset()

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

    def remove_member(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
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

    def field_widget(self, name: str) -> QWidget | None:
        return {
            "origin_country": self.country, "origin_region": self.region,
            "origin_locality": self.locality, "destination": self.destination,
            "travel_mode": self.travel_mode, "arrival": self.arrival, "consent": self.consent,
            "notes": self.notes, "other_names": self.other_names, "nationality": self.nationality,
            "phone": self.phone, "languages": self.languages, "specific_needs": self.needs,
            "documents": self.document_number,
        }.get(name)

    def show_spots(self, spots: list[Spot]) -> None:
        """Mark every field or cell with a problem, list why (in form order), and go to the first."""
        self.clear_problems()
        spots = sorted(spots, key=self._position)
        count = len(spots)
        self.problem_title.setText(
            self.tr("1 problem to fix before saving:") if count == 1
            else self.tr("{count} problems to fix before saving:").format(count=count))
        self.problem_title.show()
        self.problem_list.show()
        for spot in spots:
            text = describe_spot(spot)
            QListWidgetItem(text, self.problem_list)
            if spot.member is not None:
                row = spot.member - 1
                if spot.field in FIELD_COLUMNS:
                    self.model.mark(row, FIELD_COLUMNS[spot.field], text)
                elif spot.field == "birth":
                    self.model.mark(row, self.model.birth_column(row), text)
                else:
                    self.model.mark(row, -1, text)
                    if (widget := self.field_widget(spot.field)) is not None and row == self._details_row:
                        self._mark(widget, text)
            elif (widget := self.field_widget(spot.field)) is not None:
                self._mark(widget, text)
            elif spot.field == "members":
                self.model.mark(0, GIVEN, text)
        self._go_to(spots[0])

    def _position(self, spot: Spot) -> tuple[int, int, int]:
        """Where a spot is in the form's reading order: members row by row, then the household."""
        if spot.member is not None:
            if spot.field in FIELD_COLUMNS:
                column = FIELD_COLUMNS[spot.field]
            elif spot.field == "birth":
                column = self.model.birth_column(spot.member - 1)
            else:
                column = 10
            return (0, spot.member, column)
        widget = self.field_widget(spot.field)
        return (1, self.tab_order.index(widget) if widget in self.tab_order else 99, 0)

    def _go_to(self, spot: Spot) -> None:
        if spot.member is not None:
            row = spot.member - 1
            if spot.field in FIELD_COLUMNS:
                self.table.focus_cell(row, FIELD_COLUMNS[spot.field])
            elif spot.field == "birth":
                self.table.focus_cell(row, self.model.birth_column(row))
            else:
                self.table.setCurrentIndex(self.model.index(row, GIVEN))
                widget = self.field_widget(spot.field)
                if widget is not None:
                    self._mark(widget, describe_spot(spot))
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = self.field_widget(spot.field)
        (widget or self.table).setFocus(Qt.FocusReason.OtherFocusReason)

    def marked_widgets(self) -> list[QWidget]:
        return [w for w in self.findChildren(QWidget) if w.property("problem") is True]

    def clear_problems(self) -> None:
        self.problem_list.clear()
        self.problem_title.hide()
        self.problem_list.hide()
        self.model.clear_marks()
        for widget in self.marked_widgets():
            self._unmark(widget)

    def _mark(self, widget: QWidget, message: str) -> None:
        widget.setProperty("problem", True)
        widget.setToolTip(message)
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def _unmark(self, widget: QWidget) -> None:
        if widget.property("problem") is not True:
            return
        widget.setProperty("problem", False)
        widget.setToolTip("")
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- reacting to typing -------------------------------------------------------------

    def _field_edited(self, widget: QWidget) -> None:
        if self._loading:
            return
        self._unmark(widget)
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
        was_loading, self._loading = self._loading, True
        try:
            self._details_row = row
            member = self.model.row(row)
            self.details_box.setTitle(self.tr("More about member {number} (optional)").format(number=row + 1))
            self.other_names.setText(member.other_names)
            self.nationality.setText(member.nationality)
            self.phone.setText(member.phone)
            self.languages.setText(member.languages)
            for i in range(self.needs.count()):
                item = self.needs.item(i)
                code = item.data(Qt.ItemDataRole.UserRole)
                item.setCheckState(Qt.CheckState.Checked if code in member.specific_needs else Qt.CheckState.Unchecked)
            self.document_type.setCurrentIndex(max(0, self.document_type.findData(member.document_type)))
            self.document_number.setText(member.document_number)
            for widget in (self.other_names, self.nationality, self.phone, self.languages, self.needs,
                           self.document_number):
                self._unmark(widget)
        finally:
            self._loading = was_loading

    def _checked_needs(self) -> tuple[str, ...]:
        return tuple(self.needs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.needs.count())
                     if self.needs.item(i).checkState() == Qt.CheckState.Checked)

    def _detail(self, name: str, value: object, widget: QWidget) -> None:
        if self._loading:
            return
        if name == "nationality" and isinstance(value, str) and value != value.upper():
            position = self.nationality.cursorPosition()
            self.nationality.setText(value.upper())
            self.nationality.setCursorPosition(position)
            value = value.upper()
        self.model.update_row(self._details_row, **{name: value})
        self._unmark(widget)


def need_labels() -> dict[str, str]:
    """UNHCR-style specific-needs codes and their labels, in the user's language."""
    return {
        "UM": QCoreApplication.translate("HouseholdForm", "unaccompanied minor"),
        "SC": QCoreApplication.translate("HouseholdForm", "separated child"),
        "CR": QCoreApplication.translate("HouseholdForm", "child at risk"),
        "SM": QCoreApplication.translate("HouseholdForm", "serious medical condition"),
        "DS": QCoreApplication.translate("HouseholdForm", "disability"),
        "WR": QCoreApplication.translate("HouseholdForm", "woman at risk"),
        "ER": QCoreApplication.translate("HouseholdForm", "older person at risk"),
        "SP": QCoreApplication.translate("HouseholdForm", "single parent or caregiver"),
        "PL": QCoreApplication.translate("HouseholdForm", "pregnant or lactating"),
        "LP": QCoreApplication.translate("HouseholdForm", "legal and physical protection needs"),
        "TR": QCoreApplication.translate("HouseholdForm", "survivor of torture"),
        "SV": QCoreApplication.translate("HouseholdForm", "survivor of gender-based violence"),
    }


def document_labels() -> dict[str, str]:
    return {
        "national_id": QCoreApplication.translate("HouseholdForm", "National identity card"),
        "passport": QCoreApplication.translate("HouseholdForm", "Passport"),
        "birth_certificate": QCoreApplication.translate("HouseholdForm", "Birth certificate"),
        "consular_card": QCoreApplication.translate("HouseholdForm", "Consular card"),
        "voter_card": QCoreApplication.translate("HouseholdForm", "Voter card"),
        "driving_licence": QCoreApplication.translate("HouseholdForm", "Driving licence"),
        "refugee_id": QCoreApplication.translate("HouseholdForm", "Refugee identity card"),
        "other": QCoreApplication.translate("HouseholdForm", "Other document"),
    }


def field_label(name: str) -> str:
    return {
        "given_names": QCoreApplication.translate("HouseholdForm", "Given names"),
        "family_name": QCoreApplication.translate("HouseholdForm", "Family name"),
        "sex": QCoreApplication.translate("HouseholdForm", "Sex"),
        "relationship": QCoreApplication.translate("HouseholdForm", "Relationship"),
        "birth": QCoreApplication.translate("HouseholdForm", "Age or birth date"),
        "other_names": QCoreApplication.translate("HouseholdForm", "Other names"),
        "nationality": QCoreApplication.translate("HouseholdForm", "Nationality"),
        "phone": QCoreApplication.translate("HouseholdForm", "Phone"),
        "languages": QCoreApplication.translate("HouseholdForm", "Languages"),
        "specific_needs": QCoreApplication.translate("HouseholdForm", "Specific needs"),
        "documents": QCoreApplication.translate("HouseholdForm", "Identity document"),
        "origin_country": QCoreApplication.translate("HouseholdForm", "Country of origin"),
        "origin_region": QCoreApplication.translate("HouseholdForm", "Region"),
        "origin_locality": QCoreApplication.translate("HouseholdForm", "Village / town"),
        "destination": QCoreApplication.translate("HouseholdForm", "Going to"),
        "travel_mode": QCoreApplication.translate("HouseholdForm", "Travelled by"),
        "arrival": QCoreApplication.translate("HouseholdForm", "Arrival date"),
        "consent": QCoreApplication.translate("HouseholdForm", "Consent"),
        "notes": QCoreApplication.translate("HouseholdForm", "Notes"),
        "members": QCoreApplication.translate("HouseholdForm", "Members"),
    }.get(name, QCoreApplication.translate("HouseholdForm", "Household"))


# The core's wording names JSON fields ("birth_date"); on the form a few
# problems read better in the form's own words. Every other one is the core's
# message, translated (fieldreg/ui/text.py).
_FORM_WORDING = {
    "is required": QT_TRANSLATE_NOOP("HouseholdForm", "required"),
    "give an age, a birth date or a birth year":
        QT_TRANSLATE_NOOP("HouseholdForm", "type an age, a birth date or a birth year"),
    "give exactly one of birth_date, birth_year or age":
        QT_TRANSLATE_NOOP("HouseholdForm", "type an age, a birth date or a birth year"),
    "give exactly one of birth_date, birth_year or age (got {given})":
        QT_TRANSLATE_NOOP("HouseholdForm", "type an age, a birth date or a birth year"),
    "{text!r} is not a date (DD/MM/YYYY)":
        QT_TRANSLATE_NOOP("HouseholdForm", "not a date: type it as DD/MM/YYYY, e.g. 02/03/2019"),
    "{text!r} is not a whole number": QT_TRANSLATE_NOOP("HouseholdForm", "not a whole number"),
    'no member is the head (relationship "head")':
        QT_TRANSLATE_NOOP("HouseholdForm", "one member must be the head of household"),
    "members {heads} are both marked as head":
        QT_TRANSLATE_NOOP("HouseholdForm", "only one member can be the head of household"),
    "{value!r} is not an ISO 3166 alpha-3 country code (e.g. MLI, BFA)":
        QT_TRANSLATE_NOOP("HouseholdForm", "not a country code: type three letters, e.g. MLI, BFA, CIV"),
    "is required (ISO 3166 alpha-3, e.g. MLI)": QT_TRANSLATE_NOOP("HouseholdForm", "required"),
    "{sex!r} is not a sex code (F, M or X)": QT_TRANSLATE_NOOP("HouseholdForm", "choose female, male or other"),
    "{relationship!r} is not one of {choices}":
        QT_TRANSLATE_NOOP("HouseholdForm", "choose the relationship to the head of household"),
    "type at least one member (the head of household)":
        QT_TRANSLATE_NOOP("HouseholdForm", "type at least the head of household"),
    "contains {character!r}; only letters, spaces, apostrophes and hyphens are allowed":
        QT_TRANSLATE_NOOP("HouseholdForm", "only letters, spaces, apostrophes and hyphens are allowed"),
}


def explain(spot: Spot) -> str:
    """Why the field is marked, in the user's language."""
    wording = _FORM_WORDING.get(spot.message.template)
    if wording is not None:
        # PySide6 types QT_TRANSLATE_NOOP as returning object; it returns the message (a str).
        return QCoreApplication.translate("HouseholdForm", wording)  # type: ignore[arg-type]
    return translated(spot.message)


def describe_spot(spot: Spot) -> str:
    """One line: where (member N · field, or the household field) and why."""
    label = field_label(spot.field)
    if spot.member is not None:
        return QCoreApplication.translate("HouseholdForm", "Member {number} · {field}: {why}").format(
            number=spot.member, field=label, why=explain(spot))
    return QCoreApplication.translate("HouseholdForm", "{field}: {why}").format(field=label, why=explain(spot))
