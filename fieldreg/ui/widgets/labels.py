"""Labels sized for their purpose: text read at arm's length (the camp's verify screen), page titles.

    word = plain_label(parent, "verdictWord", points=40, bold=True)
    set_font(caption, 12)
    layout.addWidget(heading(self.tr("Sign in to FieldReg")))
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def set_font(widget: QWidget, points: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


def plain_label(parent: QWidget, name: str, *, points: int = 0, bold: bool = False) -> QLabel:
    """A word-wrapped plain-text label named ``name`` (for tests), in ``points`` if given."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if points:
        set_font(label, points, bold=bold)
    return label


def heading(text: str) -> QLabel:
    """A page's title (sign-in, lock, the set-up wizard), larger and bold."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrapped(label: QLabel) -> QLabel:
    """``label``, word-wrapped: a sentence takes the lines it needs instead of widening its screen."""
    label.setWordWrap(True)
    return label
