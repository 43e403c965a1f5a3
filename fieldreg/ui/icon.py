"""The app's icon: a registration slip with its QR code.

>>> window.setWindowIcon(app_icon())  # doctest: +SKIP

The SVG is the source; the 256 px PNG next to it serves window managers and
platforms whose Qt lacks the SVG image plugin. Both ship as package data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).resolve().parent / "icons"


def app_icon() -> QIcon:
    icon = QIcon()
    icon.addFile(str(ICONS / "fieldreg-256.png"))
    icon.addFile(str(ICONS / "fieldreg.svg"))
    return icon
