"""The side panel of possible duplicates, shown while a member's names are typed.

>>> panel = DuplicatesPanel()                              # doctest: +SKIP
>>> panel.show_candidates("Aminata Traore", finder.candidates(probe))  # doctest: +SKIP

Each entry names the registered person (family name first), their
registration number and why they matched (the core's explanation). It is
advice only: nothing here stops a save.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from fieldreg.safetext import escape_controls
from fieldreg.station.duplicates import Candidate
from fieldreg.ui.text import joined, translated


class DuplicatesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicatesPanel")
        title = QLabel(self.tr("Possible duplicates"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.caption = QLabel(self.tr("People already registered at this post with similar names appear "
                                      "here while you type. They never stop you from saving."), self)
        self.caption.setObjectName("duplicatesCaption")
        self.caption.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("duplicatesList")
        self.list.setWordWrap(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # advice: never in the way of Tab
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        self.setMinimumWidth(240)

    def clear(self) -> None:
        self.list.clear()
        self.caption.setText(self.tr("People already registered at this post with similar names appear "
                                     "here while you type. They never stop you from saving."))

    def show_candidates(self, typed: str, candidates: Sequence[Candidate]) -> None:
        self.list.clear()
        if not candidates:
            self.caption.setText(self.tr("No one similar to {name} is registered here.").format(name=typed))
            return
        self.caption.setText(self.tr("Similar to {name}:").format(name=typed))
        for candidate in candidates:
            household, member = candidate.b
            born = f"~{member.birth_year}" if member.birth_estimated else str(member.birth_year)
            place = f" · {escape_controls(household.locality)}" if household.locality else ""
            status = "" if household.status == "active" else self.tr(" [void]")
            text = self.tr("{family} {given} ({who}){place}\n{regno}{status} · {score}% alike\n"
                           "Why: {why}").format(
                family=escape_controls(member.family_name.upper()), given=escape_controls(member.given_names),
                who=self._who(member.sex, born),
                place=place, regno=household.regno, status=status,
                score=round(candidate.match.score * 100), why=joined([translated(r) for r in candidate.match.reasons]))
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, household.regno)
            item.setToolTip(text)

    def _who(self, sex: str, born: str) -> str:
        """``female, born 1990``: French agrees "né"/"née" with a known sex."""
        if sex == "F":
            return self.tr("female, born {born}").format(born=born)
        if sex == "M":
            return self.tr("male, born {born}").format(born=born)
        return self.tr("sex not stated, born {born}").format(born=born)

    def count(self) -> int:
        return self.list.count()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
