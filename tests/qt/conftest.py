"""Shared set-up for the Qt tests: offscreen platform, typing, PDF → PNG → QR.

    def test_name_field(qtbot, type_text):
        type_text(line_edit, "Traoré")

Qt reads QT_QPA_PLATFORM when the application is created, so it is set here,
before anything imports Qt; an explicit value from the environment wins (e.g.
``xcb`` under Xvfb for screenshots).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from fieldreg.station.session import Session
from fieldreg.ui.context import AppContext
from fieldreg.ui.settings import UiSettings


def require_tool(name: str, package: str) -> str:
    """Path of the command-line tool ``name``; fail (never skip) if it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install the {package!r} system package (apt-get install -y {package})")
    return path


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one character at a time, accents included.

    ``qtbot.keyClicks`` aborts the whole process on non-ASCII text (a Qt
    assertion in qasciikey.cpp); a key event with ``Key_unknown`` and the
    character as its text is what an input method delivers, and works for
    any script.
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QCoreApplication.sendEvent(widget, event)


@pytest.fixture(name="type_text")
def type_text_fixture(qapp: object) -> Callable[[QWidget, str], None]:
    """The ``type_text`` helper as a fixture (it needs the application)."""
    return type_text


def rasterize_pdf(pdf: Path, *, dpi: int = 150) -> list[Image.Image]:
    """Every page of ``pdf`` as a greyscale image, rendered by poppler's pdftoppm."""
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    prefix = pdf.with_suffix("")
    subprocess.run([pdftoppm, "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    # pdftoppm numbers pages page-1.png or page-01.png depending on the count.
    pages = sorted(pdf.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(page).convert("L") for page in pages]


def pdf_text(pdf: Path) -> str:
    """The text layer of ``pdf`` (poppler's pdftotext, reading order)."""
    pdftotext = require_tool("pdftotext", "poppler-utils")
    done = subprocess.run([pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def decode_qr(image: Image.Image) -> list[zxingcpp.Barcode]:
    """QR codes zxing-cpp finds in ``image`` (as a camp's scanner would)."""
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


@pytest.fixture(name="pdf_tools")
def pdf_tools_fixture() -> object:
    """``pdf_tools.rasterize(path)``, ``pdf_tools.text(path)``, ``pdf_tools.decode(image)``."""

    class PdfTools:
        rasterize = staticmethod(rasterize_pdf)
        text = staticmethod(pdf_text)
        decode = staticmethod(decode_qr)

    return PdfTools()


@pytest.fixture
def ctx(post: Session, data_dir: Path) -> AppContext:
    """What a screen is given: the enrolled post TGR1 (see tests/conftest.py), its admin signed in."""
    return AppContext(data_dir, post.station, post, UiSettings())


def context_for(session: Session) -> AppContext:
    """The same station seen by another signed-in user (e.g. ``make_user(post, "ali", "officer")``)."""
    return AppContext(session.station.data_dir, session.station, session, UiSettings())
