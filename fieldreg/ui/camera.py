"""Reading QR codes from a webcam off the UI thread (QtMultimedia -> brightness -> zxing-cpp).

>>> available, why_not = camera_status()                    # doctest: +SKIP
>>> scanner = CameraScanner(video_widget, self)              # doctest: +SKIP
>>> scanner.decoded.connect(self.verify_scanned); scanner.start()  # doctest: +SKIP

QtMultimedia is imported only here and only when asked (it loads FFmpeg and is
missing on machines without libpulse0); :func:`camera_status` then says in
plain words why there is no camera. A QR code needs only brightness, so a
frame's luma plane (planar and packed YUV) or an RGB frame is copied on the UI
thread (cheap: no colour conversion) and decoded on a pool thread, at most
every ``min_interval_ms``; frames arriving while a decode runs are dropped.
A code is reported once, until another code is seen or :meth:`FrameDecoder.reset`.

Frames are decoded on a plain Python thread rather than through
``fieldreg.ui.tasks.run_task``: a camera must keep running and drop frames
while a decode is busy, not block the window. Results come back to the UI
thread through a queued signal. (Photos go through ``run_task`` like any
other long work.)
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import zxingcpp
from PIL import Image
from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QLoggingCategory,
    QObject,
    Signal,
)

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrame, QVideoSink
    from PySide6.QtWidgets import QWidget

# QtMultimedia reports every optional library it could not load (PipeWire, VA-API) as a
# warning on stderr: noise for the user, and not something a camp can act on.
_QUIET = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"
_multimedia: Any = None
_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


def multimedia() -> Any:
    """The ``PySide6.QtMultimedia`` module, imported on first use (``ImportError`` if missing)."""
    global _multimedia
    if _multimedia is None:
        QLoggingCategory.setFilterRules(_QUIET)
        from PySide6 import QtMultimedia

        _multimedia = QtMultimedia
    return _multimedia


def camera_status() -> tuple[bool, str]:
    """``(True, "")`` when a camera can be used, else ``(False, why in plain words)``."""
    try:
        devices = multimedia().QMediaDevices.videoInputs()
    except ImportError:
        return False, QCoreApplication.translate(
            "Camera", "The camera cannot be used: this computer lacks the video libraries "
            "(on Linux, install libpulse0). Use the barcode scanner or open a photo of the slip.")
    if not devices:
        return False, QCoreApplication.translate(
            "Camera", "No camera was found on this computer. Use the barcode scanner, or open a "
            "photo of the slip.")
    return True, ""


@dataclass(frozen=True)
class Luma:
    """One frame's brightness: ``height`` rows of ``stride`` bytes, ``step`` bytes a pixel."""

    width: int
    height: int
    stride: int
    data: bytes
    raw_mode: str = "L"  # PIL raw mode when the frame is RGB ("BGRX", ...)
    step: int = 1        # packed YUV: every other byte is brightness
    offset: int = 0      # UYVY: brightness is the second byte

    def image(self) -> Image.Image:
        """A greyscale PIL image (built on the worker thread: C code, no Python pixel loop)."""
        if self.raw_mode != "L":
            return Image.frombuffer("RGB", (self.width, self.height), self.data, "raw",
                                    self.raw_mode, self.stride, 1).convert("L")
        if self.step == 2:
            packed = Image.frombuffer("LA", (self.width, self.height), self.data, "raw", "LA",
                                      self.stride, 1)
            return packed.getchannel(self.offset)
        return Image.frombuffer("L", (self.width, self.height), self.data, "raw", "L", self.stride, 1)


def _formats() -> dict[Any, tuple[str, int, int]]:
    pf = multimedia().QVideoFrameFormat.PixelFormat
    planar = ("L", 1, 0)
    table: dict[Any, tuple[str, int, int]] = {
        pf.Format_YUV420P: planar, pf.Format_YUV422P: planar, pf.Format_YV12: planar,
        pf.Format_NV12: planar, pf.Format_NV21: planar, pf.Format_IMC1: planar,
        pf.Format_IMC2: planar, pf.Format_IMC3: planar, pf.Format_IMC4: planar, pf.Format_Y8: planar,
        pf.Format_YUYV: ("L", 2, 0), pf.Format_UYVY: ("L", 2, 1),
        pf.Format_BGRA8888: ("BGRX", 4, 0), pf.Format_BGRA8888_Premultiplied: ("BGRX", 4, 0),
        pf.Format_BGRX8888: ("BGRX", 4, 0),
        pf.Format_ARGB8888: ("XRGB", 4, 0), pf.Format_ARGB8888_Premultiplied: ("XRGB", 4, 0),
        pf.Format_XRGB8888: ("XRGB", 4, 0),
        pf.Format_ABGR8888: ("XBGR", 4, 0), pf.Format_XBGR8888: ("XBGR", 4, 0),
        pf.Format_RGBA8888: ("RGBX", 4, 0), pf.Format_RGBX8888: ("RGBX", 4, 0),
    }
    return table


def frame_luma(frame: QVideoFrame) -> Luma | None:
    """Copy what a QR decoder needs out of ``frame`` (``None`` for formats we cannot read)."""
    qvf = multimedia().QVideoFrame
    layout = _formats().get(frame.pixelFormat())
    if layout is None or not frame.isValid():
        return None
    if not frame.map(qvf.MapMode.ReadOnly):
        return None
    try:
        raw_mode, step, offset = layout
        width, height, stride = frame.width(), frame.height(), frame.bytesPerLine(0)
        data = bytes(frame.bits(0))[: stride * height]
    finally:
        frame.unmap()
    if width <= 0 or height <= 0 or len(data) < stride * height:
        return None
    if raw_mode != "L":
        return Luma(width, height, stride, data, raw_mode=raw_mode)
    return Luma(width, height, stride, data, step=step, offset=offset)


def decode_luma(luma: Luma) -> list[str]:
    """Texts of the QR codes in a frame (any thread; never raises for a bad frame)."""
    try:
        found = zxingcpp.read_barcodes(luma.image(), formats=_QR_ONLY)
    except (ValueError, RuntimeError):
        return []
    return [code.text for code in found if code.valid]


class _Relay(QObject):
    """Carries a worker thread's outcome to the UI thread (queued: the relay lives there)."""

    done = Signal(object)
    failed = Signal(object)


def _in_background(relay: _Relay, work: Callable[[], Any]) -> None:
    def run() -> None:
        try:
            result = work()
        except Exception as err:  # noqa: BLE001 - delivered to the UI thread, never lost
            outcome, signal = err, "failed"
        else:
            outcome, signal = result, "done"
        with contextlib.suppress(RuntimeError):  # the screen was closed meanwhile: nobody is waiting
            getattr(relay, signal).emit(outcome)

    threading.Thread(target=run, name="fieldreg-qr", daemon=True).start()


class FrameDecoder(QObject):
    """Turns a stream of video frames into QR texts; ``decoded`` fires once per code shown."""

    decoded = Signal(str)
    attempted = Signal(int)  # after each decode: how many codes the frame held

    def __init__(self, parent: QObject | None = None, *, min_interval_ms: int = 250):
        super().__init__(parent)
        self._interval = min_interval_ms
        self._clock = QElapsedTimer()
        self._busy = False
        self._last = ""
        self._relay = _Relay(self)
        self._relay.done.connect(self._finished)
        self._relay.failed.connect(lambda _err: self._finished([]))

    def attach(self, sink: QVideoSink) -> None:
        """Decode the frames ``sink`` receives (a QVideoWidget's sink shows them too)."""
        sink.videoFrameChanged.connect(self.on_frame)

    def reset(self) -> None:
        """Report the next code even if it is the one reported last (the next person's turn)."""
        self._last = ""

    def on_frame(self, frame: QVideoFrame) -> None:
        if self._busy or (self._clock.isValid() and self._clock.elapsed() < self._interval):
            return
        luma = frame_luma(frame)
        if luma is None:
            return
        self._busy = True
        self._clock.start()
        _in_background(self._relay, lambda: decode_luma(luma))

    def _finished(self, texts: list[str]) -> None:
        self._busy = False
        self.attempted.emit(len(texts))
        if texts and texts[0] != self._last:
            self._last = texts[0]
            self.decoded.emit(texts[0])


class CameraScanner(QObject):
    """The default camera, shown in ``video_widget`` (a QVideoWidget) and decoded as it goes."""

    decoded = Signal(str)
    failed = Signal(str)

    def __init__(self, video_widget: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        mm = multimedia()
        self._camera = mm.QCamera(mm.QMediaDevices.defaultVideoInput(), self)
        self._session = mm.QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(video_widget)
        self.decoder = FrameDecoder(self)
        self.decoder.attach(video_widget.videoSink())  # type: ignore[attr-defined]
        self.decoder.decoded.connect(self.decoded)
        self._camera.errorOccurred.connect(lambda _error, text: self.failed.emit(text))

    def start(self) -> None:
        self.decoder.reset()
        self._camera.start()

    def stop(self) -> None:
        self._camera.stop()

    @property
    def active(self) -> bool:
        return bool(self._camera.isActive())
