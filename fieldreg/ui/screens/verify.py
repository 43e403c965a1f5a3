"""Camp verify mode: scan a slip, see VALID / INVALID / REVOKED in big, with who it is for.

One always-focused field takes what a USB barcode scanner types (then Enter),
or a registration number typed by hand from a damaged slip. A photo of the
slip can be opened (or dropped on the screen), and a webcam used when there is
one. Every entry goes through :meth:`fieldreg.station.verifying.Verifier.scan`, as
``fieldreg verify`` does: a scanner set to the wrong keyboard layout is
repaired (and the screen says how to set it), a valid slip is checked in at a
camp, and an earlier check-in of the same household is shown as a warning.
Escape, or the next scan, clears the result.

This module holds the ways a slip comes in (scanner field, photo, drop, webcam);
:class:`~fieldreg.ui.widgets.verdict_panel.VerdictPanel` shows the verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError, InvalidInput
from fieldreg.station.verifying import ScanResult, Verifier, decode_qr_image
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.file_dialogs import Folders, open_file
from fieldreg.ui.screens import Screen
from fieldreg.ui.tasks import run_task
from fieldreg.ui.text import error_text
from fieldreg.ui.widgets.labels import plain_label, set_font
from fieldreg.ui.widgets.verdict_panel import VerdictPanel

if TYPE_CHECKING:
    from fieldreg.ui.camera import CameraScanner

IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pdf"


class VerifyScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Check slips"))
        self.setAcceptDrops(True)
        self.verifier: Verifier | None = None
        self.last_result: ScanResult | None = None
        self._camera: CameraScanner | None = None
        self._video: QWidget | None = None
        self._camera_probed = False

        outer = QVBoxLayout(self)
        self.instructions = plain_label(self, "instructions", points=13)
        self.instructions.setText(self.tr(
            "Scan the QR code on the slip with the scanner. Or type the registration number "
            "printed on the slip and press Enter."))
        outer.addWidget(self.instructions)

        self.input = QLineEdit(self)
        self.input.setObjectName("scanInput")
        self.input.setPlaceholderText(self.tr("Scan or type here, then Enter"))
        self.input.setAccessibleName(self.tr("Slip code or registration number"))
        self.input.setClearButtonEnabled(True)
        set_font(self.input, 18)
        self.input.returnPressed.connect(self._submit)
        self.setFocusProxy(self.input)
        outer.addWidget(self.input)

        buttons = QHBoxLayout()
        self.image_button = QPushButton(self.tr("Open a photo of the slip…"), self)
        self.image_button.clicked.connect(self.open_image)
        self.camera_button = QPushButton(self.tr("Use the camera"), self)
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self._toggle_camera)
        self.clear_button = QPushButton(self.tr("Next person (Esc)"), self)
        self.clear_button.clicked.connect(self.clear)
        for button in (self.image_button, self.camera_button, self.clear_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the scanner's field focused
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.camera_note = plain_label(self, "cameraNote")
        self.camera_note.hide()
        outer.addWidget(self.camera_note)
        self.station_problem = plain_label(self, "stationProblem", points=13, bold=True)
        self.station_problem.hide()
        outer.addWidget(self.station_problem)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(scroll, 1)
        self.camera_area = QVBoxLayout()
        body.addLayout(self.camera_area)
        self.verdict = VerdictPanel(scroll)
        scroll.setWidget(self.verdict)
        self.clear()
        self._load_verifier()

    # -- the screen contract -----------------------------------------------------------

    def activated(self) -> None:
        self._load_verifier()  # a newer trust or revocation list may have been loaded meanwhile
        self.input.setFocus()

    def _load_verifier(self) -> None:
        try:
            self.verifier = Verifier.for_station(self.ctx.station)
        except FieldRegError as err:
            self.verifier = None
            self.station_problem.setText(self.tr(
                "This computer cannot check slips yet: it holds no valid list from HQ. An "
                "administrator must load HQ's trust list first. ({reason})").format(reason=error_text(err)))
            self.station_problem.show()
            self.input.setEnabled(False)
            self.image_button.setEnabled(False)
            return
        self.station_problem.hide()
        self.input.setEnabled(True)
        self.image_button.setEnabled(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._camera_probed:
            self._camera_probed = True
            self._probe_camera()
        self.input.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.camera_button.setChecked(False)  # never leave a camera running behind another screen
        super().hideEvent(event)

    # -- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        if event.text() and event.text().isprintable() and self.input.isEnabled():
            # Focus wandered (a click on the result): what the scanner types still lands in the field.
            self.input.setFocus()
            self.input.insert(event.text())
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        """Ready for the next person (Escape, "Next person"): empty field, no result, and the
        camera will report the slip in front of it again."""
        self._reset_result()
        if self._camera is not None:
            self._camera.decoder.reset()

    def _reset_result(self) -> None:
        self.input.clear()
        self.last_result = None
        self.verdict.reset()
        self.input.setFocus()

    def _submit(self) -> None:
        raw = self.input.text()
        self.input.clear()
        if raw.strip():
            self.verify_scanned(raw)

    # -- verifying ------------------------------------------------------------------------

    def verify_scanned(self, raw: str, *, note: str = "") -> None:
        """Check what the scanner, the camera or a person typed, and show the result."""
        if self.verifier is None:
            return
        self._reset_result()
        try:
            result = self.verifier.scan(raw, session=self.ctx.session)
        except InvalidInput as err:
            self.verdict.show_refused(raw, err)
        except FieldRegError as err:
            show_error(self, err)
        else:
            self.last_result = result
            self.verdict.show_result(result, note)
        self.input.setFocus()

    def open_image(self) -> None:
        path = open_file(self, Folders(self.ctx.settings, self.ctx.data_dir), "slip-image",
                         self.tr("Open a photo, a scan or the PDF of the slip"),
                         self.tr("Photos, scans and PDF ({patterns})").format(patterns=IMAGE_FILTER))
        if path is not None:
            self.verify_image(str(path))

    def verify_image(self, path: str) -> None:
        """Find the QR code in a photo or scan (off the UI thread), then verify it."""
        self._reset_result()
        self.verdict.show_busy(self.tr("Reading the image…"))
        run_task(self, self.tr("Reading the image…"), lambda progress: decode_qr_image(path),
                 on_done=self._image_read, on_error=self._image_failed)

    def _image_read(self, texts: list[str]) -> None:
        note = "" if len(texts) < 2 else self.tr(
            "The image holds {count} codes: the first one is shown.").format(count=len(texts))
        self.verify_scanned(texts[0], note=note)

    def _image_failed(self, err: BaseException) -> None:
        if not isinstance(err, FieldRegError):
            show_error(self, err)
            return
        self._reset_result()
        self.verdict.show_no_code(err)

    # -- photo by drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and self.verifier is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.verify_image(urls[0].toLocalFile())

    # -- webcam -------------------------------------------------------------------------------

    def _probe_camera(self) -> None:
        from fieldreg.ui.camera import camera_status

        available, why_not = camera_status()
        self.camera_button.setEnabled(available)
        self.camera_note.setText(why_not)
        self.camera_note.setVisible(not available)

    def _toggle_camera(self, on: bool) -> None:
        if on:
            self._start_camera()
        elif self._camera is not None:
            self._camera.stop()
            if self._video is not None:
                self._video.hide()
            self.camera_button.setText(self.tr("Use the camera"))
        self.input.setFocus()

    def _start_camera(self) -> None:
        from PySide6.QtMultimediaWidgets import QVideoWidget

        from fieldreg.ui.camera import CameraScanner

        if self._camera is None:
            video = QVideoWidget(self)
            video.setMinimumSize(320, 240)
            video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.camera_area.addWidget(video)
            self._video = video
            self._camera = CameraScanner(video, self)
            self._camera.decoded.connect(self.verify_scanned)
            self._camera.failed.connect(self._camera_failed)
        assert self._video is not None
        self._video.show()
        self._camera.start()
        self.camera_button.setText(self.tr("Stop the camera"))
        self.camera_note.setText(self.tr("Hold the slip's QR code in front of the camera."))
        self.camera_note.show()

    def _camera_failed(self, reason: str) -> None:
        self.camera_button.setChecked(False)
        self.camera_note.setText(self.tr("The camera stopped: {reason}").format(reason=reason))
        self.camera_note.show()

    def has_unsaved_work(self) -> bool:
        return False
