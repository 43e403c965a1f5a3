"""The Qt process: the application, created once.

>>> app = make_application()  # doctest: +SKIP

Nothing here imports Qt at module level: importing this module must stay cheap for
cold start.

PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a Qt
method that returns nothing (``QFont.setBold``...): a few thousand calls in, CPython
aborts ("none_dealloc"). The app used to patch ``None``'s reference count with ctypes;
now pyproject.toml pins PySide6 below 6.12, and tests/qt/test_pyside_refcounts.py
fails on any PySide6 with the bug, so an upgrade is gated on a fixed release.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

APP_NAME = "FieldReg"
_app: QApplication | None = None


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication (created once, kept referenced: PySide destroys unreferenced apps)."""
    global _app
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    _app = QApplication(list(argv) if argv is not None else sys.argv[:1] or ["fieldreg"])
    _app.setApplicationName(APP_NAME)
    _app.setOrganizationName(APP_NAME)
    return _app
