"""The optional details of the member selected in the household form's table.

>>> details = MemberDetails()                              # doctest: +SKIP
>>> details.show_member(2, entry.members[1])               # "More about member 2 (optional)"
>>> details.changed.connect(lambda name, value: model.update_row(row, **{name: value}))

Other names, nationality, phone, languages, specific needs and one identity
document: what an interview may or may not bring up. The table shows the
rest of the member; the form (fieldreg/ui/widgets/household_form.py) keeps
the two in step.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from fieldreg.model import DOCUMENT_TYPES, SPECIFIC_NEEDS
from fieldreg.station.form import MemberEntry
from fieldreg.ui.widgets.completing import CompletingLineEdit
from fieldreg.ui.widgets.form_problems import unmark


class MemberDetails(QGroupBox):
    """What else is known about one member; ``changed(name, value)`` names the MemberEntry field typed."""

    changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("More about member 1 (optional)"), parent)
        self._loading = False
        self.other_names = QLineEdit(self)
        self.other_names.setObjectName("otherNames")
        self.nationality = CompletingLineEdit(self)
        self.nationality.setObjectName("nationality")
        self.nationality.setMaxLength(3)
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

        layout = QFormLayout(self)
        layout.addRow(self.tr("Other names"), self.other_names)
        layout.addRow(self.tr("Nationality (code)"), self.nationality)
        layout.addRow(self.tr("Phone"), self.phone)
        layout.addRow(self.tr("Languages"), self.languages)
        layout.addRow(self.tr("Specific needs"), self.needs)
        document = QHBoxLayout()
        document.addWidget(self.document_type)
        document.addWidget(self.document_number, 1)
        layout.addRow(self.tr("Identity document"), document)
        self._connect()

    def _connect(self) -> None:
        self.other_names.textEdited.connect(lambda t: self._typed("other_names", t, self.other_names))
        self.nationality.textEdited.connect(self._nationality_typed)
        self.phone.textEdited.connect(lambda t: self._typed("phone", t, self.phone))
        self.languages.textEdited.connect(lambda t: self._typed("languages", t, self.languages))
        self.needs.itemChanged.connect(lambda _i: self._typed("specific_needs", self.checked_needs(), self.needs))
        self.document_type.activated.connect(
            lambda _i: self._typed("document_type", self.document_type.currentData(), self.document_type))
        self.document_number.textEdited.connect(
            lambda t: self._typed("document_number", t, self.document_number))

    def fields(self) -> list[QWidget]:
        """The fields in tab order."""
        return [self.other_names, self.nationality, self.phone, self.languages, self.needs,
                self.document_type, self.document_number]

    def show_member(self, number: int, member: MemberEntry) -> None:
        """Show member ``number`` (1-based) as typed so far; its marks are cleared."""
        self._loading = True
        try:
            self.setTitle(self.tr("More about member {number} (optional)").format(number=number))
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
                unmark(widget)
        finally:
            self._loading = False

    def checked_needs(self) -> tuple[str, ...]:
        return tuple(self.needs.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.needs.count())
                     if self.needs.item(i).checkState() == Qt.CheckState.Checked)

    def _nationality_typed(self, text: str) -> None:
        if self._loading:
            return
        upper = text.upper()
        if upper != text:
            position = self.nationality.cursorPosition()
            self.nationality.setText(upper)
            self.nationality.setCursorPosition(position)
        self._typed("nationality", upper, self.nationality)

    def _typed(self, name: str, value: object, widget: QWidget) -> None:
        if self._loading:
            return
        unmark(widget)
        self.changed.emit(name, value)


def need_labels() -> dict[str, str]:
    """UNHCR-style specific-needs codes and their labels, in the user's language."""
    return {
        "UM": QCoreApplication.translate("MemberDetails", "unaccompanied minor"),
        "SC": QCoreApplication.translate("MemberDetails", "separated child"),
        "CR": QCoreApplication.translate("MemberDetails", "child at risk"),
        "SM": QCoreApplication.translate("MemberDetails", "serious medical condition"),
        "DS": QCoreApplication.translate("MemberDetails", "disability"),
        "WR": QCoreApplication.translate("MemberDetails", "woman at risk"),
        "ER": QCoreApplication.translate("MemberDetails", "older person at risk"),
        "SP": QCoreApplication.translate("MemberDetails", "single parent or caregiver"),
        "PL": QCoreApplication.translate("MemberDetails", "pregnant or lactating"),
        "LP": QCoreApplication.translate("MemberDetails", "legal and physical protection needs"),
        "TR": QCoreApplication.translate("MemberDetails", "survivor of torture"),
        "SV": QCoreApplication.translate("MemberDetails", "survivor of gender-based violence"),
    }


def document_labels() -> dict[str, str]:
    return {
        "national_id": QCoreApplication.translate("MemberDetails", "National identity card"),
        "passport": QCoreApplication.translate("MemberDetails", "Passport"),
        "birth_certificate": QCoreApplication.translate("MemberDetails", "Birth certificate"),
        "consular_card": QCoreApplication.translate("MemberDetails", "Consular card"),
        "voter_card": QCoreApplication.translate("MemberDetails", "Voter card"),
        "driving_licence": QCoreApplication.translate("MemberDetails", "Driving licence"),
        "refugee_id": QCoreApplication.translate("MemberDetails", "Refugee identity card"),
        "other": QCoreApplication.translate("MemberDetails", "Other document"),
    }
