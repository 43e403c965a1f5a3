"""Labels for text read at arm's length (the camp's verify screen): plain, wrapped, selectable, sized.

    word = plain_label(parent, "verdictWord", points=40, bold=True)
    set_font(caption, 12)
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
