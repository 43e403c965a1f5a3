"""The household members as an editable table: one row per person, the head first.

>>> table = MembersTable()                       # doctest: +SKIP
>>> table.members_model().set_members([MemberEntry(relationship="head")])  # doctest: +SKIP

Typing in a cell starts editing it; Tab moves to the next cell (and out of the
table after the last one). Sex and relationship are chosen from lists (typing
the first letter picks). Birth is typed as an age, a birth date or a birth
year: the column typed is kept, the other two show what it means (``~`` when
estimated). The rows are :class:`fieldreg.station.form.MemberEntry` values; checking
them is the core's job (:func:`fieldreg.station.form.household_from_entry`).
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

from fieldreg.station.form import MemberEntry, birth_preview, today_utc

Index = QModelIndex | QPersistentModelIndex

GIVEN, FAMILY, SEX, RELATIONSHIP, AGE, BIRTH_DATE, BIRTH_YEAR = range(7)
NAME_COLUMNS = (GIVEN, FAMILY)
BIRTH_COLUMNS = {AGE: "age", BIRTH_DATE: "date", BIRTH_YEAR: "year"}
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
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Given names"), self.tr("Family name"), self.tr("Sex"), self.tr("Relationship"),
                self.tr("Age"), self.tr("Birth date"), self.tr("Birth year"))[section]

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
            return row.birth_text if typed else ""
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
                if row.birth_kind == BIRTH_COLUMNS[column]:
                    row.birth_kind, row.birth_text = "", ""
                else:
                    return False  # leaving a derived cell empty changes nothing
            else:
                row.birth_kind, row.birth_text = BIRTH_COLUMNS[column], text.strip()
            self._marks.pop((index.row(), column), None)
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
    """Sex codes and their labels, in the user's language (first letters pick in the list)."""
    return {
        "F": QCoreApplication.translate("Members", "Female (F)"),
        "M": QCoreApplication.translate("Members", "Male (M)"),
        "X": QCoreApplication.translate("Members", "Other / not stated (X)"),
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


class MembersDelegate(QStyledItemDelegate):
    """Line edits for text (reporting every keystroke in a name), lists for sex and relationship."""

    typing = Signal(int, int, str)  # row, column, the text so far

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column in (SEX, RELATIONSHIP):
            combo = QComboBox(parent)
            combo.setObjectName("sexEditor" if column == SEX else "relationshipEditor")
            labels = sex_labels() if column == SEX else relationship_labels()
            combo.addItem("", "")
            for code, label in labels.items():
                combo.addItem(label, code)
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
    """The members table: typing edits, Tab walks the cells and then leaves the table."""

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
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((GIVEN, 150), (FAMILY, 130), (SEX, 110), (RELATIONSHIP, 150),
                              (AGE, 60), (BIRTH_DATE, 100)):
            self.setColumnWidth(column, width)
        self.setMinimumHeight(150)

    def members_model(self) -> MembersModel:
        return self._model

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

    def _at_edge(self, forward: bool) -> bool:
        current = self.currentIndex()
        last_row, last_column = self._model.rowCount() - 1, self._model.columnCount() - 1
        if forward:
            return current.row() == last_row and current.column() == last_column
        return current.row() <= 0 and current.column() <= 0

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
