"""The household members as an editable table: one row per person, the head first.

>>> table = MembersTable()                       # doctest: +SKIP
>>> table.members_model().set_members([MemberEntry(relationship="head")])  # doctest: +SKIP

Built for typists. Typing in a cell starts editing it; Tab walks given names,
family name, sex, relationship and age, then the next row, and leaves the
table after the last row's age. Sex and relationship are chosen by their
letters, shown in the list and in the header's tooltip (in French: H/F/X,
CH chef, CO conjoint(e), E enfant, P père ou mère, F frère ou sœur,
PE petit-enfant, A autre parent, S sans lien). Birth is typed in the age
cell as an age, a birth date (``12/05/1990`` or ``12051990``) or a birth year
(:func:`fieldreg.station.form.birth_kind_of`): the date and year cells show
what it means (``~`` when estimated) and are not Tab stops. The two name
columns share whatever width is left after the others, which fit their
contents, so the table never scrolls sideways and the names stay in view.
The rows are :class:`fieldreg.station.form.MemberEntry` values; checking them
is the core's job (:func:`fieldreg.station.form.household_from_entry`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fieldreg.station.form import MemberEntry, birth_kind_of, birth_preview, today_utc

Index = QModelIndex | QPersistentModelIndex

GIVEN, FAMILY, SEX, RELATIONSHIP, AGE, BIRTH_DATE, BIRTH_YEAR = range(7)
NAME_COLUMNS = (GIVEN, FAMILY)
BIRTH_COLUMNS = {AGE: "age", BIRTH_DATE: "date", BIRTH_YEAR: "year"}
TAB_COLUMNS = (GIVEN, FAMILY, SEX, RELATIONSHIP, AGE)  # the date and year cells are computed
FIELD_COLUMNS = {"given_names": GIVEN, "family_name": FAMILY, "sex": SEX, "relationship": RELATIONSHIP}
_MARK = QColor(255, 214, 214)  # a cell with a problem: light red, readable in black
_DERIVED = QColor(110, 110, 110)


class MembersModel(QAbstractTableModel):
    """The rows being typed, and the problems marked on them (``marks``)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[MemberEntry] = [MemberEntry(relationship="head")]
        self._marks: dict[tuple[int, int], str] = {}
        self.today: date = today_utc()

    # -- what the form reads and writes -----------------------------------------------

    def members(self) -> list[MemberEntry]:
        return list(self._rows)

    def set_members(self, rows: list[MemberEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows) or [MemberEntry(relationship="head")]
        self._marks.clear()
        self.endResetModel()

    def add_member(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(MemberEntry())
        self.endInsertRows()
        return row

    def remove_member(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        if not self._rows:
            self.add_member()
        self.clear_marks()

    def row(self, row: int) -> MemberEntry:
        return self._rows[row]

    def update_row(self, row: int, **changes: Any) -> None:
        """Change fields of one row that the table does not show (the details panel)."""
        for name, value in changes.items():
            setattr(self._rows[row], name, value)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def mark(self, row: int, column: int, message: str) -> None:
        self._marks[(row, column)] = message
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)

    def clear_marks(self) -> None:
        self._marks.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._rows) - 1)

    def marks(self) -> dict[tuple[int, int], str]:
        return dict(self._marks)

    def birth_column(self, row: int) -> int:
        kind = self._rows[row].birth_kind
        return next((c for c, k in BIRTH_COLUMNS.items() if k == kind), AGE)

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            if role == Qt.ItemDataRole.BackgroundRole and any(r == section for r, _ in self._marks):
                return QBrush(_MARK)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Given names"), self.tr("Family name"), self.tr("Sex"), self.tr("Relationship"),
                self.tr("Age"), self.tr("Born on"), self.tr("Year"))[section]

    def _header_tip(self, section: int) -> str | None:
        if section == SEX:
            return choice_legend(sex_choices())
        if section == RELATIONSHIP:
            return choice_legend(relationship_choices())
        if section in BIRTH_COLUMNS:
            return self.tr("Type an age, a birth date (DD/MM/YYYY) or a birth year in the Age cell: "
                           "the others fill in.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        mark = self._marks.get((index.row(), column))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(_MARK) if mark else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return mark
        if column in BIRTH_COLUMNS:
            return self._birth_data(row, column, role)
        if role == Qt.ItemDataRole.EditRole:
            return {GIVEN: row.given_names, FAMILY: row.family_name, SEX: row.sex,
                    RELATIONSHIP: row.relationship}[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEX:
                return sex_labels().get(row.sex, "")
            if column == RELATIONSHIP:
                return relationship_labels().get(row.relationship, "")
            return row.given_names if column == GIVEN else row.family_name
        return None

    def _birth_data(self, row: MemberEntry, column: int, role: int) -> Any:
        typed = BIRTH_COLUMNS[column] == row.birth_kind
        if role == Qt.ItemDataRole.EditRole:
            return row.birth_text if typed or column == AGE else ""
        if typed:
            return row.birth_text if role == Qt.ItemDataRole.DisplayRole else None
        preview = birth_preview(row.birth_kind, row.birth_text, today=self.today)
        if preview is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_DERIVED)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        approx = "~" if preview.estimated else ""
        if column == AGE:
            return f"{approx}{preview.age}"
        if column == BIRTH_YEAR:
            return f"{approx}{preview.year}"
        return ""  # an age or a year does not give a date

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = self._rows[index.row()], index.column()
        text = "" if value is None else str(value)
        if column in BIRTH_COLUMNS:
            if not text.strip():
                if row.birth_kind == BIRTH_COLUMNS[column] or (column == AGE and row.birth_kind):
                    row.birth_kind, row.birth_text = "", ""
                else:
                    return False  # leaving a derived cell empty changes nothing
            elif column == AGE:  # the one birth cell Tab stops on: an age, a date or a year
                row.birth_kind, row.birth_text = birth_kind_of(text), text.strip()
            else:
                row.birth_kind, row.birth_text = BIRTH_COLUMNS[column], text.strip()
            for birth_column in BIRTH_COLUMNS:
                self._marks.pop((index.row(), birth_column), None)
            self.dataChanged.emit(self.index(index.row(), AGE), self.index(index.row(), BIRTH_YEAR))
            return True
        if column == GIVEN:
            row.given_names = text
        elif column == FAMILY:
            row.family_name = text
        elif column == SEX:
            row.sex = text
        elif column == RELATIONSHIP:
            row.relationship = text
        self._marks.pop((index.row(), column), None)
        self.dataChanged.emit(index, index)
        return True


def sex_labels() -> dict[str, str]:
    """Sex codes and their labels, in the user's language."""
    return {
        "F": QCoreApplication.translate("Members", "Female"),
        "M": QCoreApplication.translate("Members", "Male"),
        "X": QCoreApplication.translate("Members", "Other / not stated"),
    }


def relationship_labels() -> dict[str, str]:
    """Relationship codes (to the head) and their labels, in the user's language."""
    return {
        "head": QCoreApplication.translate("Members", "Head of household"),
        "spouse": QCoreApplication.translate("Members", "Spouse"),
        "child": QCoreApplication.translate("Members", "Child"),
        "parent": QCoreApplication.translate("Members", "Parent"),
        "sibling": QCoreApplication.translate("Members", "Brother or sister"),
        "grandchild": QCoreApplication.translate("Members", "Grandchild"),
        "other_relative": QCoreApplication.translate("Members", "Other relative"),
        "unrelated": QCoreApplication.translate("Members", "Not related"),
    }


Choice = tuple[str, str, str]  # code, label, the letters that choose it


def _choices(labels: dict[str, str], letters: str, english: str) -> list[Choice]:
    """Pair each label with its letters (one word per code, in order; English if the words are wrong)."""
    words = letters.split()
    if len(words) != len(labels) or len(set(words)) != len(words):
        words = english.split()
    return [(code, label, word.casefold()) for (code, label), word in zip(labels.items(), words, strict=True)]


def sex_choices() -> list[Choice]:
    """The sex codes with their labels and letters: F/M/X in English, F/H/X in French."""
    letters = QCoreApplication.translate(
        "Members", "f m x", "the letters typed to choose Female, Male, Other, in this order")
    return _choices(sex_labels(), letters, "f m x")


def relationship_choices() -> list[Choice]:
    """The relationships with their labels and letters, none a clash (French: ch chef, co conjoint(e))."""
    letters = QCoreApplication.translate(
        "Members", "h s c p b g o n",
        "the letters typed to choose Head, Spouse, Child, Parent, Brother or sister, Grandchild, "
        "Other relative, Not related, in this order; a word may be a prefix of a later one (p, pe)")
    return _choices(relationship_labels(), letters, "h s c p b g o n")


def choice_text(label: str, letters: str) -> str:
    """A choice as the list shows it: ``Conjoint(e) (CO)``."""
    return f"{label} ({letters.upper()})"


def choice_legend(choices: list[Choice]) -> str:
    """The letters of each choice, for a tooltip or a legend: ``CH Chef de ménage · CO Conjoint(e) …``."""
    return " · ".join(f"{letters.upper()} {label}" for _code, label, letters in choices)


class ChoiceEditor(QComboBox):
    """A list chosen by letters: each typed letter extends the search (co → Conjoint(e)).

    Letters that lead nowhere start a new search from the last one, so a typo
    is fixed by typing the right letters again. Exact letters win over a longer
    choice they begin (p → Père ou mère, pe → Petit-enfant).
    """

    def __init__(self, choices: list[Choice], parent: QWidget | None = None):
        super().__init__(parent)
        self._letters = [""]
        self._typed = ""
        self.addItem("", "")
        for code, label, letters in choices:
            self.addItem(choice_text(label, letters), code)
            self._letters.append(letters)
        self.setToolTip(choice_legend(choices))

    def type_letters(self, text: str) -> bool:
        """Choose by ``text`` typed after what was typed before; False if nothing matches."""
        typed = self._typed + text.casefold()
        row = self._match(typed)
        if row is None:
            typed = text.casefold()
            row = self._match(typed)
        if row is None:
            self._typed = ""
            return False
        self._typed = typed
        self.setCurrentIndex(row)
        return True

    def _match(self, typed: str) -> int | None:
        for row, letters in enumerate(self._letters):
            if letters and letters == typed:
                return row
        return next((row for row, letters in enumerate(self._letters) if letters.startswith(typed) and letters),
                    None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        chord = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                     | Qt.KeyboardModifier.MetaModifier)
        if len(text) == 1 and text.isalpha() and not chord:
            self.type_letters(text)
            event.accept()
            return
        super().keyPressEvent(event)


class MembersDelegate(QStyledItemDelegate):
    """Line edits for text (reporting every keystroke in a name), lists for sex and relationship."""

    typing = Signal(int, int, str)  # row, column, the text so far

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column in (SEX, RELATIONSHIP):
            combo = ChoiceEditor(sex_choices() if column == SEX else relationship_choices(), parent)
            combo.setObjectName("sexEditor" if column == SEX else "relationshipEditor")
            return combo
        editor = QLineEdit(parent)
        editor.setObjectName(f"memberEditor{column}")
        editor.setFrame(False)
        row = index.row()
        editor.textEdited.connect(lambda text, r=row, c=column: self.typing.emit(r, c, text))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class MembersTable(QTableView):
    """The members table: typing edits, Tab walks the typed cells and then leaves the table."""

    typing = Signal(int, int, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("membersTable")
        self._model = MembersModel(self)
        self.setModel(self._model)
        self._delegate = MembersDelegate(self)
        self._delegate.typing.connect(self.typing)
        self.setItemDelegate(self._delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        # Never sideways: the names share what the other columns leave (they fit their contents).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000") + 12)
        for column in range(self._model.columnCount()):
            mode = (QHeaderView.ResizeMode.Stretch if column in NAME_COLUMNS
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(column, mode)
        self.setMinimumHeight(150)

    def members_model(self) -> MembersModel:
        return self._model

    def sizeHintForColumn(self, column: int) -> int:
        """Wide enough for the longest choice of a list column, not only the ones chosen so far."""
        width = super().sizeHintForColumn(column)
        if column in (SEX, RELATIONSHIP):
            labels = sex_labels() if column == SEX else relationship_labels()
            metrics = self.fontMetrics()
            width = max(width, *(metrics.horizontalAdvance(label) + 16 for label in labels.values()))
        elif column == BIRTH_DATE:
            width = max(width, self.fontMetrics().horizontalAdvance("00/00/0000") + 16)
        return width

    def focus_cell(self, row: int, column: int) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setCurrentIndex(self._model.index(row, column))

    def commit_open_editor(self) -> None:
        """Keep what is being typed in a cell (e.g. before saving with Ctrl+S)."""
        editor = QApplication.focusWidget()
        while editor is not None and editor.parentWidget() is not self.viewport():
            editor = editor.parentWidget()
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            self._delegate.commitData.emit(editor)
            self._delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab and Shift+Tab skip the computed date and year cells (the arrows still reach them)."""
        index = super().moveCursor(cursorAction, modifiers)
        if cursorAction not in (QAbstractItemView.CursorAction.MoveNext,
                                QAbstractItemView.CursorAction.MovePrevious):
            return index
        forward = cursorAction == QAbstractItemView.CursorAction.MoveNext
        row, column = index.row(), index.column()
        while index.isValid() and column not in TAB_COLUMNS:
            column += 1 if forward else -1
            if column >= self._model.columnCount():
                row, column = row + 1, 0
            elif column < 0:
                row, column = row - 1, TAB_COLUMNS[-1]
            if not 0 <= row < self._model.rowCount():
                return self.currentIndex()
            index = self._model.index(row, column)
        return index

    def _at_edge(self, forward: bool) -> bool:
        current = self.currentIndex()
        last_row = self._model.rowCount() - 1
        if forward:
            return current.row() == last_row and current.column() >= TAB_COLUMNS[-1]
        return current.row() <= 0 and current.column() <= TAB_COLUMNS[0]

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        backward = hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem
        if (forward or backward) and self._at_edge(forward):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            QWidget.focusNextPrevChild(self, forward)  # out of the table, to the next field
            return
        super().closeEditor(editor, hint)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self.state() != QAbstractItemView.State.EditingState and self._at_edge(forward):
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._at_edge(event.key() == Qt.Key.Key_Tab):
            event.ignore()
            return
        super().keyPressEvent(event)
