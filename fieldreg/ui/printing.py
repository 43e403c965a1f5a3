"""Printing a household's slip from the app: issue the token, then print or save a PDF.

>>> dialog = open_slip_dialog(self, ctx, regno)   # doctest: +SKIP  (None if it cannot be issued)

The slip dialog offers the A6 sheet and the 80 mm thermal roll (default: the
station's ``slip_layout`` setting), "Print…" through Qt's print preview, and
"Save as PDF…". The same core services as ``fieldreg slip`` run underneath:
:meth:`fieldreg.station.tokens.Tokens.issue` (the token is signed on the first slip and
reused on reprints), :meth:`~fieldreg.station.tokens.Tokens.slip`, and
:meth:`~fieldreg.station.tokens.Tokens.record_print` once the slip has really gone to paper
or file.

What tests can reach without a print dialog: :func:`prepare_printer` and
:func:`paint_slips` draw onto any QPrinter (e.g. one writing a PDF), and
:meth:`SlipDialog.save_pdf` writes the file the "Save as PDF" dialog asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.safetext import escape_controls
from fieldreg.station.slips import A6, THERMAL_80MM, Layout, SlipData, layout_by_name
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.file_dialogs import Folders, file_dialog
from fieldreg.ui.slip_render import paint_slip, write_slips_pdf

log = logging.getLogger(__name__)
OFFERED_LAYOUTS = (A6, THERMAL_80MM)


def prepare_slip(ctx: AppContext, regno: str, *, reissue_reason: str | None = None) -> SlipData:
    """The slip of ``regno``: its stored token, a new one on its first slip, or (with a reason) a
    replacement that revokes the old one. Raises the core's error when no slip can be issued."""
    if reissue_reason is not None:
        issued, _old = ctx.session.tokens.reissue(regno, reason=reissue_reason)
    else:
        issued = ctx.session.tokens.issue(regno)
    return ctx.session.tokens.slip(issued)


def page_layout(layout: Layout) -> QPageLayout:
    """The paper of ``layout`` with no printer margins (the slip keeps its own)."""
    if layout is A6:
        size = QPageSize(QPageSize.PageSizeId.A6)
    else:
        size = QPageSize(QSizeF(layout.page_width_mm, layout.page_height_mm), QPageSize.Unit.Millimeter,
                         layout.title, QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def prepare_printer(printer: QPrinter, layout: Layout) -> None:
    """Set ``printer`` to the slip's paper, before a preview or a print starts."""
    printer.setFullPage(True)
    printer.setPageLayout(page_layout(layout))
    printer.setDocName("FieldReg")


def paint_slips(printer: QPrinter, slips: Sequence[SlipData], layout: Layout) -> None:
    """Draw ``slips`` one per page on ``printer`` (a real printer, a preview or a PDF)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise FieldRegError(QCoreApplication.translate(
            "SlipDialog", "The printer could not be started: check that it is connected and on."))
    try:
        for number, slip in enumerate(slips):
            if number:
                printer.newPage()
            paint_slip(painter, slip, layout=layout)
    finally:
        painter.end()


_printers_in_use: dict[int, QPrinter] = {}  # id(printer) -> printer, until its dialog is destroyed


def keep_printer_for(dialog: QObject, printer: QPrinter) -> None:
    """Keep ``printer`` alive until ``dialog`` (which holds a C++ pointer to it) is destroyed.

    A QPrinter is not a QObject: nothing in Qt owns one. Held by a Python local, it was
    freed as soon as the function returned, while the preview still painted on it (a
    segmentation fault on every "Print…"); held by the slip dialog's Python object, it
    could still go first when that dialog is deleted, since its children (the preview)
    are deleted after its wrapper lets go. ``destroyed`` fires once the dialog and its
    children are gone, so the printer is released last.
    """
    key = id(printer)
    _printers_in_use[key] = printer
    dialog.destroyed.connect(lambda _obj=None: _printers_in_use.pop(key, None))


class SlipDialog(QDialog):
    """Print or save one household's slip; the token is already issued when this opens."""

    def __init__(self, ctx: AppContext, slip: SlipData, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("slipDialog")
        self.setWindowTitle(self.tr("Slip {regno}").format(regno=slip.regno))
        self.ctx = ctx
        self.slip = slip
        self.printed: list[str] = []  # what was recorded, e.g. "slip pdf a6"
        self._preview: QPrintPreviewDialog | None = None

        number = QLabel(slip.regno, self)
        font = QFont("DejaVu Sans Mono")
        font.setPointSize(22)
        font.setBold(True)
        number.setFont(font)
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head = QLabel(escape_controls(f"{slip.head_family_name.upper()} {slip.head_given_names}"), self)
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._layouts = QButtonGroup(self)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Paper:"), self))
        default = _default_layout(ctx)
        for number_, layout in enumerate(OFFERED_LAYOUTS):
            label = self.tr("A6 sheet") if layout is A6 else self.tr("80 mm thermal roll")
            button = QRadioButton(label, self)
            button.setObjectName(f"layout_{layout.name}")
            button.setChecked(layout is default)
            self._layouts.addButton(button, number_)
            choices.addWidget(button)
        choices.addStretch(1)

        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printSlip")
        self.print_button.setDefault(True)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.setObjectName("saveSlipPdf")
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("closeSlip")
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.status = QLabel(self)
        self.status.setObjectName("slipStatus")
        self.status.setWordWrap(True)

        layout_ = QVBoxLayout(self)
        # Never smaller than the content: the number stays whole under a long status line.
        layout_.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout_.addWidget(number)
        layout_.addWidget(head)
        layout_.addLayout(choices)
        layout_.addLayout(buttons)
        layout_.addWidget(self.status)

        self.print_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview)
        self.print_button.setFocus()

    def say(self, text: str) -> None:
        """Show ``text`` under the buttons and grow the dialog to hold it (it never shrank or grew
        before: the registration number was cut off under a two-line "Slip saved to …")."""
        self.status.setText(text)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    def layout_choice(self) -> Layout:
        return OFFERED_LAYOUTS[max(0, self._layouts.checkedId())]

    def preview(self) -> QPrintPreviewDialog:
        """Qt's print preview (with its Print button); the print is recorded when it was printed."""
        layout = self.layout_choice()
        if self._preview is not None:  # Ctrl+P again while it is open: the same preview
            self._preview.raise_()
            return self._preview
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, layout)
        dialog = QPrintPreviewDialog(printer, self)
        keep_printer_for(dialog, printer)
        dialog.setObjectName("slipPreview")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paintRequested.connect(lambda target: self._paint(target, layout))
        dialog.finished.connect(lambda result: self._previewed(result, layout))
        self._preview = dialog
        dialog.open()
        return dialog

    def _paint(self, printer: QPrinter, layout: Layout) -> None:
        try:
            paint_slips(printer, [self.slip], layout)
        except FieldRegError as err:
            show_error(self, err)

    def _previewed(self, result: int, layout: Layout) -> None:
        self._preview = None
        if result == QDialog.DialogCode.Accepted:
            self._record(f"slip print {layout.name}")
            self.say(self.tr("Slip sent to the printer."))

    def ask_pdf_path(self) -> QFileDialog:
        """Ask where to save the PDF (a Qt file dialog, the same on every system)."""
        folders = Folders(self.ctx.settings, self.ctx.data_dir)
        # It opens where the last slip PDF went (else a USB stick, else Documents).
        dialog = file_dialog(self, folders, "slip-pdf", self.tr("Save the slip as PDF"),
                             name_filter=self.tr("PDF files (*.pdf)"),
                             mode=QFileDialog.FileMode.AnyFile,
                             accept=QFileDialog.AcceptMode.AcceptSave)
        dialog.setObjectName("slipPdfDialog")
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"{self.slip.regno}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(path: str) -> None:
            folders.remember("slip-pdf", Path(path).parent)
            self.save_pdf(Path(path))

        dialog.fileSelected.connect(chosen)
        dialog.open()
        return dialog

    def save_pdf(self, path: Path) -> bool:
        """Write the slip to ``path`` (atomically) and record it; a clear dialog if it fails."""
        layout = self.layout_choice()
        try:
            write_slips_pdf([self.slip], path, layout=layout)
        except FieldRegError as err:
            show_error(self, err)
            return False
        self._record(f"slip pdf {layout.name}")
        # A zero-width space after each separator lets a long path wrap instead of widening
        # the dialog past the screen.
        breakable = str(path).replace("/", "/\u200b").replace("\\", "\\\u200b")
        self.say(self.tr("Slip saved to {path}").format(path=breakable))
        return True

    def _record(self, what: str) -> None:
        try:
            self.ctx.session.tokens.record_print(self.slip.regno, what=what)
        except FieldRegError as err:
            show_error(self, err)
            return
        self.printed.append(what)


def _default_layout(ctx: AppContext) -> Layout:
    try:
        chosen = layout_by_name(ctx.settings.slip_layout)
    except FieldRegError:
        return A6
    return chosen if chosen in OFFERED_LAYOUTS else A6


def open_slip_dialog(parent: QWidget, ctx: AppContext, regno: str, *,
                     reissue_reason: str | None = None) -> SlipDialog | None:
    """Issue (or reissue) the slip's token and open the slip dialog; an error dialog instead if
    the core refuses (no signing key, void registration, corrected since its slip...)."""
    try:
        slip = prepare_slip(ctx, regno, reissue_reason=reissue_reason)
    except FieldRegError as err:
        show_error(parent, err)
        return None
    return show_slip_dialog(parent, ctx, slip)


def show_slip_dialog(parent: QWidget, ctx: AppContext, slip: SlipData) -> SlipDialog:
    """Open the slip dialog of a slip already prepared (see :func:`prepare_slip`)."""
    dialog = SlipDialog(ctx, slip, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
