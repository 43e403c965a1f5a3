"""Draw registration slips with QPainter: onto a PDF now, a printer later.

>>> from fieldreg.station.slips import THERMAL_80MM
>>> write_slips_pdf([slip], "slips.pdf", layout=THERMAL_80MM)  # doctest: +SKIP

or, from the print dialog, on any paint device::

    painter = QPainter(printer)
    paint_slip(painter, slip, layout=A6)

The core decides *what* is printed and builds the QR module matrix
(``fieldreg.station.slips``: ``SlipData.qr_modules``); this module only measures and draws. Lengths
are converted from millimetres to the device's own pixels, so the same code
draws on a 1200 dpi PDF, a 203 dpi thermal head or a print preview.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from fieldreg.errors import InvalidInput
from fieldreg.fsutil import atomic_write
from fieldreg.safetext import escape_controls
from fieldreg.station.slips import (
    DEFAULT_LAYOUT,
    LABELS,
    QUIET_ZONE_MODULES,
    Layout,
    SlipData,
    format_age,
    format_head,
    format_issued,
    format_post,
    module_size_mm,
    split_check,
)

_SANS = "DejaVu Sans"  # the one font family sure to be on the post laptops; covers accents and Arabic
_MONO = "DejaVu Sans Mono"  # registration numbers: 0/O and 1/I stay distinct
_PDF_DPI = 1200
# Text shrinks in these steps before members are dropped from the list; below
# ~0.75 the 9 pt base would fall under 7 pt, too small for a creased slip.
_SCALES = (1.0, 0.92, 0.85, 0.78)
_BLACK = QColor(0, 0, 0)  # thermal heads dither grey badly: everything is pure black
_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """Return the running Qt application, creating a headless one if there is none.

    >>> app = ensure_gui_app()  # doctest: +SKIP

    QPdfWriter needs a QGuiApplication for its fonts. The CLI has none, and may
    run without a display, so the app created here uses the offscreen platform
    unless QT_QPA_PLATFORM says otherwise. The GUI's own QApplication is reused.
    """
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    argv = [sys.argv[0] if sys.argv and sys.argv[0] else "fieldreg"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    _app = QGuiApplication(argv)  # kept referenced: PySide destroys unreferenced apps
    return _app


def _font(pt: float, *, bold: bool = False, italic: bool = False, mono: bool = False) -> QFont:
    font = QFont(_MONO if mono else _SANS)
    font.setStyleHint(QFont.StyleHint.Monospace if mono else QFont.StyleHint.SansSerif)
    font.setPointSizeF(pt)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _wrap(text: str, font: QFont, painter: QPainter, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of ``width`` px, eliding the last.

    Breaks at spaces where it can and inside a word where it must, so a
    50-letter name without spaces still stays on the paper.
    """
    layout = QTextLayout(text, font, painter.device())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    # Qt counts UTF-16 code units; slice the same units so astral characters stay whole.
    units = text.encode("utf-16-le")

    def piece(start: int, end: int | None = None) -> str:
        stop = None if end is None else 2 * end
        return units[2 * start : stop].decode("utf-16-le", errors="replace").strip()

    if len(spans) <= max_lines:
        return [piece(start, start + length) for start, length in spans]
    kept = [piece(start, start + length) for start, length in spans[: max_lines - 1]]
    rest = piece(spans[max_lines - 1][0])
    metrics = QFontMetricsF(font, painter.device())
    return [*kept, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class _Flow:
    """A top-to-bottom cursor that either measures (``draw=False``) or draws.

    Running the same steps twice — once to measure, once to draw — keeps the
    fitting logic and the drawing from drifting apart.
    """

    def __init__(self, painter: QPainter, area: QRectF, px_per_mm: float, *, draw: bool):
        self.painter = painter
        self.area = area
        self.mm = px_per_mm
        self.draw = draw
        self.y = area.top()

    def gap(self, mm: float) -> None:
        self.y += mm * self.mm

    def text(self, text: str, font: QFont, *, max_lines: int = 1, center: bool = False) -> None:
        metrics = QFontMetricsF(font, self.painter.device())
        flags = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignHCenter if center else Qt.AlignmentFlag.AlignLeft
        )
        for line in _wrap(text, font, self.painter, self.area.width(), max_lines):
            if self.draw:
                self.painter.setFont(font)
                box = QRectF(self.area.left(), self.y, self.area.width(), metrics.height())
                self.painter.drawText(box, int(flags), line)
            self.y += metrics.lineSpacing()

    def row(self, left: str, right: str, font: QFont, *, right_font: QFont | None = None) -> None:
        """One line with ``right`` flush right and ``left`` elided to what remains."""
        right_font = right_font or font
        metrics = QFontMetricsF(font, self.painter.device())
        right_width = QFontMetricsF(right_font, self.painter.device()).horizontalAdvance(right)
        room = max(0.0, self.area.width() - right_width - 2 * self.mm)
        left = metrics.elidedText(left, Qt.TextElideMode.ElideRight, room)
        if self.draw:
            height = metrics.height()
            self.painter.setFont(font)
            self.painter.drawText(
                QRectF(self.area.left(), self.y, room, height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                left,
            )
            self.painter.setFont(right_font)
            self.painter.drawText(
                QRectF(self.area.right() - right_width - self.mm, self.y, right_width + self.mm, height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                right,
            )
        self.y += metrics.lineSpacing()

    def regno(self, regno: str, pt: float) -> None:
        """The number in large monospace, its check character bold in a box."""
        body, check = split_check(regno)
        pad = 0.7 * self.mm
        while True:
            font, bold = _font(pt, mono=True), _font(pt, mono=True, bold=True)
            metrics = QFontMetricsF(font, self.painter.device())
            bold_metrics = QFontMetricsF(bold, self.painter.device())
            body_w = metrics.horizontalAdvance(body)
            check_w = bold_metrics.horizontalAdvance(check)
            total = body_w + (check_w + 3 * pad if check else 0)
            if total <= self.area.width() or pt <= 7:
                break
            pt -= 0.5
        height = metrics.height() + 2 * pad
        if self.draw:
            x = self.area.left() + max(0.0, (self.area.width() - total) / 2)
            self.painter.setFont(font)
            self.painter.drawText(
                QRectF(x, self.y, body_w, height), int(Qt.AlignmentFlag.AlignVCenter), body
            )
            if check:
                box = QRectF(x + body_w + pad, self.y, check_w + 2 * pad, height)
                self.painter.setPen(QPen(_BLACK, 0.35 * self.mm))
                self.painter.drawRect(box)
                self.painter.setFont(bold)
                self.painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), check)
        self.y += height

    def qr(self, matrix: list[list[bool]], module_px: int) -> None:
        """The code as filled rectangles, one per horizontal run, quiet zone kept white."""
        side = (len(matrix) + 2 * QUIET_ZONE_MODULES) * module_px
        if self.draw:
            x0 = round(self.area.left() + (self.area.width() - side) / 2)
            y0 = round(self.y)
            self.painter.fillRect(QRectF(x0, y0, side, side), QColor(255, 255, 255))
            quiet = QUIET_ZONE_MODULES * module_px
            path = QPainterPath()
            # Winding fill merges touching rectangles into one shape: no hairline
            # seams between modules when a viewer or printer antialiases.
            path.setFillRule(Qt.FillRule.WindingFill)
            for r, row in enumerate(matrix):
                c, n = 0, len(row)
                while c < n:
                    if not row[c]:
                        c += 1
                        continue
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.addRect(
                        QRectF(x0 + quiet + start * module_px, y0 + quiet + r * module_px,
                               (c - start) * module_px, module_px)
                    )
            self.painter.fillPath(path, _BLACK)
        self.y += side


def _module_px(module_mm: float, px_per_mm: float, min_mm: float) -> int:
    """Whole device pixels per module, never below the layout's minimum size.

    On a 203 dpi thermal head a fractional module would be printed as uneven
    columns of dots; whole pixels keep every module the same width.
    """
    px = max(1, round(module_mm * px_per_mm))
    if px / px_per_mm < min_mm - 1e-9:
        px = math.ceil(min_mm * px_per_mm)
    return px


def paint_slip(
    painter: QPainter, slip: SlipData, *, layout: Layout = DEFAULT_LAYOUT, page_rect: QRectF | None = None
) -> None:
    """Draw ``slip`` inside ``page_rect`` (device pixels; default: the whole device).

    >>> paint_slip(painter, slip, layout=THERMAL_58MM)  # doctest: +SKIP

    ``layout`` supplies margins, type sizes and the QR size limit; the page
    itself may be any QPaintDevice (QPdfWriter, QPrinter, QImage). Text shrinks,
    wraps or is elided to fit; nothing is drawn outside the margins.
    Raises ``InvalidInput`` when the token is too long for this layout.
    """
    device = painter.device()
    px_per_mm = device.logicalDpiX() / 25.4
    if page_rect is None:
        page_rect = QRectF(0, 0, device.width(), device.height())
    margin = layout.margin_mm * px_per_mm
    area = page_rect.adjusted(margin, margin, -margin, -margin)

    # QrTooLarge (an InvalidInput) propagates: an unprintable token is a domain error.
    matrix = slip.qr_modules()
    module_mm = module_size_mm(
        len(matrix), layout, printable_mm=area.width() / px_per_mm, paper_mm=page_rect.width() / px_per_mm
    )
    module_px = _module_px(module_mm, px_per_mm, layout.min_module_mm)

    def steps(flow: _Flow, scale: float, shown: int) -> None:
        base = layout.base_pt * scale
        label, value = _font(base * 0.72), _font(base)
        flow.text(LABELS["title"], _font(base * 0.9, bold=True), max_lines=2, center=True)
        flow.gap(1.5)
        flow.qr(matrix, module_px)
        flow.gap(1.0)
        flow.text(LABELS["regno"], label, center=True)
        flow.regno(slip.regno, layout.regno_pt * scale)
        flow.gap(1.5)
        flow.text(LABELS["head"], label)
        flow.text(escape_controls(format_head(slip)), _font(base * 1.1, bold=True), max_lines=3)
        flow.gap(1.5)
        flow.row(f"{LABELS['members']} ({len(slip.members)})", LABELS["age"], label)
        for member in slip.members[:shown]:
            flow.row(escape_controls(member.given_names), format_age(member), value, right_font=_font(base, bold=True))
        hidden = len(slip.members) - shown
        if hidden:
            flow.text(f"+ {hidden} autre(s) / other(s)", value)
        if any(m.age_estimated for m in slip.members[:shown]):
            flow.text(LABELS["estimated"], label)
        flow.gap(1.5)
        flow.text(LABELS["post"], label)
        flow.text(format_post(slip), value, max_lines=2)
        flow.gap(1.0)
        flow.text(LABELS["issued"], label)
        flow.text(format_issued(slip), value)
        flow.gap(2.0)
        flow.text(LABELS["footer"], _font(base * 0.7, italic=True), max_lines=4, center=True)

    def height(scale: float, shown: int) -> float:
        flow = _Flow(painter, area, px_per_mm, draw=False)
        steps(flow, scale, shown)
        return flow.y - area.top()

    # Shrink the text first; only then shorten the member list (the QR never shrinks).
    everyone = len(slip.members)
    choice = next(((s, everyone) for s in _SCALES if height(s, everyone) <= area.height()), None)
    if choice is None:
        shown = next((k for k in range(everyone - 1, -1, -1) if height(_SCALES[-1], k) <= area.height()), 0)
        choice = (_SCALES[-1], shown)

    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setClipRect(area)  # the last guarantee that nothing leaves the margins
        painter.setPen(QPen(_BLACK))
        steps(_Flow(painter, area, px_per_mm, draw=True), *choice)
    finally:
        painter.restore()


def _page_layout(layout: Layout) -> QPageLayout:
    size = QSizeF(layout.page_width_mm, layout.page_height_mm)
    if layout.page_width_mm == 105.0 and layout.page_height_mm == 148.0:
        page_size = QPageSize(QPageSize.PageSizeId.A6)  # a named size printers recognise
    else:
        page_size = QPageSize(size, QPageSize.Unit.Millimeter, layout.title, QPageSize.SizeMatchPolicy.ExactMatch)
    # Margins are the layout's business (paint_slip applies them), not the PDF's.
    return QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def render_slips_pdf(slips: Sequence[SlipData], *, layout: Layout = DEFAULT_LAYOUT) -> bytes:
    """The PDF bytes of ``slips``, one page each: ``render_slips_pdf([slip])[:5] == b"%PDF-"``."""
    if not slips:
        raise InvalidInput("no slips to print")
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_PDF_DPI)
    writer.setCreator("FieldReg")
    writer.setTitle("FieldReg slips")
    writer.setPageLayout(_page_layout(layout))
    painter = QPainter()
    if not painter.begin(writer):
        raise RuntimeError("Qt could not start a PDF painter")
    try:
        for index, slip in enumerate(slips):
            if index:
                writer.newPage()
            paint_slip(painter, slip, layout=layout)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_slips_pdf(
    slips: Sequence[SlipData], path: str | os.PathLike[str], *, layout: Layout = DEFAULT_LAYOUT
) -> None:
    """Write ``slips`` to the PDF file ``path``, one page each, atomically.

    >>> write_slips_pdf([slip_a, slip_b], "today.pdf", layout=A6)  # doctest: +SKIP

    The whole PDF is rendered in memory first, so a failed render leaves no
    file; the write goes through ``fieldreg.fsutil.atomic_write`` (temp file,
    fsync, rename; mode 0600 since slips carry names), whose ``StorageError``
    says what went wrong with the disk.
    """
    atomic_write(path, render_slips_pdf(slips, layout=layout))

