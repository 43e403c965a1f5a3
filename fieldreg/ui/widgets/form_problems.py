"""The problems found when the household form is saved: marked on their fields, listed, explained.

>>> marks = ProblemMarks(form.table, widgets, form.tab_order, title, listing)   # doctest: +SKIP
>>> marks.show(err.spots, details_row=0)          # FormInvalid: mark, list in form order, go to the first
>>> describe_spot(Spot(2, "birth", "future", Message("{value} is in the future", value="2027-01-03")))
'Member 2 · Age or birth date: 2027-01-03 is in the future'

Where a problem is comes from the core (fieldreg/station/form.py: the row,
the form field and the problem's code). How it reads is keyed on the code: a
few problems read better in the form's own words (the core names JSON keys,
"birth_date"); every other one is the core's message, translated
(fieldreg/ui/text.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from fieldreg.station.form import Spot
from fieldreg.ui.text import translated
from fieldreg.ui.widgets.members import FIELD_COLUMNS, GIVEN, MembersTable

PROBLEM_STYLE = (
    "QLineEdit[problem=\"true\"], QComboBox[problem=\"true\"], QDateEdit[problem=\"true\"],"
    " QPlainTextEdit[problem=\"true\"], QListWidget[problem=\"true\"]"
    " { border: 2px solid #b00000; background: #fff0f0; }"
    " QCheckBox[problem=\"true\"] { color: #b00000; font-weight: bold; }"
)

_TYPE_A_BIRTH = QT_TRANSLATE_NOOP("FormProblems", "type an age, a birth date or a birth year")
# The form's own words for a problem, by (code, form field); a field of None
# stands for any field without its own entry. QT_TRANSLATE_NOOP marks the
# English for lupdate and returns it (typed ``object``): explain() translates it.
_WORDING: dict[tuple[str, str | None], object] = {
    ("required", None): QT_TRANSLATE_NOOP("FormProblems", "required"),
    ("required", "birth"): _TYPE_A_BIRTH,
    ("one_of", "birth"): _TYPE_A_BIRTH,
    ("not_a_date", "birth"): QT_TRANSLATE_NOOP("FormProblems", "not a date: type it as DD/MM/YYYY, e.g. 02/03/2019"),
    ("wrong_type", "birth"): QT_TRANSLATE_NOOP("FormProblems", "not a whole number"),
    ("no_head", None): QT_TRANSLATE_NOOP("FormProblems", "one member must be the head of household"),
    ("two_heads", None): QT_TRANSLATE_NOOP("FormProblems", "only one member can be the head of household"),
    ("not_a_country", None):
        QT_TRANSLATE_NOOP("FormProblems", "not a country code: type three letters, e.g. MLI, BFA, CIV"),
    ("not_a_choice", "sex"): QT_TRANSLATE_NOOP("FormProblems", "choose female, male or other"),
    ("not_a_choice", "relationship"):
        QT_TRANSLATE_NOOP("FormProblems", "choose the relationship to the head of household"),
    ("no_members", None): QT_TRANSLATE_NOOP("FormProblems", "type at least the head of household"),
    ("bad_character", None):
        QT_TRANSLATE_NOOP("FormProblems", "only letters, spaces, apostrophes and hyphens are allowed"),
}


def field_label(name: str) -> str:
    """A form field's name as its label reads, in the user's language."""
    return {
        "given_names": QCoreApplication.translate("FormProblems", "Given names"),
        "family_name": QCoreApplication.translate("FormProblems", "Family name"),
        "sex": QCoreApplication.translate("FormProblems", "Sex"),
        "relationship": QCoreApplication.translate("FormProblems", "Relationship"),
        "birth": QCoreApplication.translate("FormProblems", "Age or birth date"),
        "other_names": QCoreApplication.translate("FormProblems", "Other names"),
        "nationality": QCoreApplication.translate("FormProblems", "Nationality"),
        "phone": QCoreApplication.translate("FormProblems", "Phone"),
        "languages": QCoreApplication.translate("FormProblems", "Languages"),
        "specific_needs": QCoreApplication.translate("FormProblems", "Specific needs"),
        "documents": QCoreApplication.translate("FormProblems", "Identity document"),
        "origin_country": QCoreApplication.translate("FormProblems", "Country of origin"),
        "origin_region": QCoreApplication.translate("FormProblems", "Region"),
        "origin_locality": QCoreApplication.translate("FormProblems", "Village / town"),
        "destination": QCoreApplication.translate("FormProblems", "Going to"),
        "travel_mode": QCoreApplication.translate("FormProblems", "Travelled by"),
        "arrival": QCoreApplication.translate("FormProblems", "Arrival date"),
        "consent": QCoreApplication.translate("FormProblems", "Consent"),
        "notes": QCoreApplication.translate("FormProblems", "Notes"),
        "members": QCoreApplication.translate("FormProblems", "Members"),
    }.get(name, QCoreApplication.translate("FormProblems", "Household"))


def explain(spot: Spot) -> str:
    """Why the field is marked, in the user's language: the form's words for its code, else the core's."""
    wording = _WORDING.get((spot.code, spot.field)) or _WORDING.get((spot.code, None))
    if wording is not None:
        return QCoreApplication.translate("FormProblems", str(wording))
    return translated(spot.message)


def describe_spot(spot: Spot) -> str:
    """One line: where (member N · field, or the household field) and why."""
    label = field_label(spot.field)
    if spot.member is not None:
        return QCoreApplication.translate("FormProblems", "Member {number} · {field}: {why}").format(
            number=spot.member, field=label, why=explain(spot))
    return QCoreApplication.translate("FormProblems", "{field}: {why}").format(field=label, why=explain(spot))


def mark(widget: QWidget, why: str) -> None:
    """Show ``widget`` as having a problem (PROBLEM_STYLE), ``why`` as its tool tip."""
    widget.setProperty("problem", True)
    widget.setToolTip(why)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def unmark(widget: QWidget) -> None:
    if widget.property("problem") is not True:
        return
    widget.setProperty("problem", False)
    widget.setToolTip("")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ProblemMarks:
    """Puts a list of spots on the form: cells and fields marked, a list above, the cursor on the first.

    ``widgets`` maps a form field to its widget (the table's columns are
    looked up in the members table itself); ``order`` is the form's tab order,
    which sorts the household's problems as the officer reads them.
    """

    def __init__(self, table: MembersTable, widgets: dict[str, QWidget], order: list[QWidget],
                 title: QLabel, listing: QListWidget):
        self.table, self.model = table, table.members_model()
        self.widgets, self.order = widgets, order
        self.title, self.listing = title, listing

    def show(self, spots: list[Spot], *, details_row: int) -> None:
        """Mark every field or cell with a problem, list why (in form order), and go to the first.

        ``details_row`` is the row the member details show: a detail field is
        marked only when it shows that member's value.
        """
        spots = sorted(spots, key=self._position)
        count = len(spots)
        self.title.setText(
            QCoreApplication.translate("FormProblems", "1 problem to fix before saving:") if count == 1
            else QCoreApplication.translate("FormProblems", "{count} problems to fix before saving:").format(
                count=count))
        self.title.show()
        self.listing.show()
        for spot in spots:
            text = describe_spot(spot)
            QListWidgetItem(text, self.listing)
            if spot.member is not None:
                row = spot.member - 1
                column = self._column(spot)
                self.model.mark(row, -1 if column is None else column, text)
                if column is None and (widget := self.widgets.get(spot.field)) is not None and row == details_row:
                    mark(widget, text)
            elif (widget := self.widgets.get(spot.field)) is not None:
                mark(widget, text)
            elif spot.field == "members":
                self.model.mark(0, GIVEN, text)
        self._go_to(spots[0])

    def clear(self, marked: list[QWidget]) -> None:
        """Take every mark away (``marked``: the widgets marked now) and hide the list."""
        self.listing.clear()
        self.title.hide()
        self.listing.hide()
        self.model.clear_marks()
        for widget in marked:
            unmark(widget)

    def _column(self, spot: Spot) -> int | None:
        """The members table's column of a member's spot; None for a field of the details."""
        assert spot.member is not None
        if spot.field in FIELD_COLUMNS:
            return FIELD_COLUMNS[spot.field]
        if spot.field == "birth":
            return self.model.birth_column(spot.member - 1)
        return None

    def _position(self, spot: Spot) -> tuple[int, int, int]:
        """Where a spot is in the form's reading order: members row by row, then the household."""
        if spot.member is not None:
            column = self._column(spot)
            return (0, spot.member, 10 if column is None else column)
        widget = self.widgets.get(spot.field)
        return (1, self.order.index(widget) if widget in self.order else 99, 0)

    def _go_to(self, spot: Spot) -> None:
        if spot.member is not None:
            row = spot.member - 1
            column = self._column(spot)
            if column is not None:
                self.table.focus_cell(row, column)
                return
            self.table.setCurrentIndex(self.model.index(row, GIVEN))  # the details show this member
            widget = self.widgets.get(spot.field)
            if widget is not None:
                mark(widget, describe_spot(spot))
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = self.widgets.get(spot.field)
        (widget or self.table).setFocus(Qt.FocusReason.OtherFocusReason)
