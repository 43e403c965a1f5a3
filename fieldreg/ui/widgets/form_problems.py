"""The problems found when the household form is saved: marked on their fields, listed, explained.

>>> marks = ProblemMarks(form.table, widgets, form.tab_order, title, listing)   # doctest: +SKIP
>>> marks.show(err.spots, details_row=0)          # FormInvalid: mark, list in form order, go to the first

Where a problem is comes from the core (fieldreg/station/form.py: the row,
the form field and the problem's code). How it reads is keyed on the code and
the field (fieldreg/ui/text.py ``describe_spot``): the form's own words where the
core's would name JSON keys, else the core's message, translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from fieldreg.station.form import Spot
from fieldreg.ui.text import describe_spot
from fieldreg.ui.widgets.members import FIELD_COLUMNS, GIVEN, MembersTable

PROBLEM_STYLE = (
    "QLineEdit[problem=\"true\"], QComboBox[problem=\"true\"], QDateEdit[problem=\"true\"],"
    " QPlainTextEdit[problem=\"true\"], QListWidget[problem=\"true\"]"
    " { border: 2px solid #b00000; background: #fff0f0; }"
    " QCheckBox[problem=\"true\"] { color: #b00000; font-weight: bold; }"
)

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
