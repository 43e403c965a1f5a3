"""The big shape beside a verify result: told apart by form, not only by colour.

>>> badge = VerdictBadge(self); badge.set_kind("valid")  # doctest: +SKIP

valid: a tick in a circle; invalid: a cross in a circle; revoked: a circle
struck through (a "no entry" sign); number: the letter i in a circle (a number
alone proves nothing); refused: an exclamation mark in a triangle.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

# Dark enough for white text at a distance; each kind also has its own shape and word.
COLOURS = {
    "valid": "#17692e",
    "invalid": "#b3261e",
    "revoked": "#8a3b00",
    "number": "#1d4f91",
    "refused": "#6b5300",
    "": "#5f6368",
}
KINDS = tuple(k for k in COLOURS if k)


class VerdictBadge(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(112, 112)

    def set_kind(self, kind: str) -> None:
        if kind not in COLOURS:
            raise ValueError(f"unknown verdict kind {kind!r}")
        self.kind = kind
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.kind:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8.0
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        white = QPen(QColor("white"), side / 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                     Qt.PenJoinStyle.RoundJoin)
        painter.setPen(QPen(QColor("white"), side / 18))
        painter.setBrush(QColor(COLOURS[self.kind]))
        if self.kind == "refused":
            painter.drawPolygon(QPolygonF([QPointF(box.center().x(), box.top()),
                                           box.bottomRight(), box.bottomLeft()]))
        else:
            painter.drawEllipse(box)
        painter.setPen(white)
        c, r = box.center(), side / 2

        def at(dx: float, dy: float) -> QPointF:
            return QPointF(c.x() + dx * r, c.y() + dy * r)

        if self.kind == "valid":
            painter.drawPolyline(QPolygonF([at(-0.45, 0.0), at(-0.12, 0.33), at(0.48, -0.32)]))
        elif self.kind == "invalid":
            painter.drawLine(at(-0.38, -0.38), at(0.38, 0.38))
            painter.drawLine(at(-0.38, 0.38), at(0.38, -0.38))
        elif self.kind == "revoked":
            painter.drawLine(at(-0.5, 0.5), at(0.5, -0.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(c, r * 0.62, r * 0.62)
        elif self.kind == "number":
            painter.drawLine(at(0.0, -0.05), at(0.0, 0.48))
            painter.drawPoint(at(0.0, -0.42))
        else:  # refused
            painter.drawLine(at(0.0, -0.35), at(0.0, 0.35))
            painter.drawPoint(at(0.0, 0.72))
        painter.end()
