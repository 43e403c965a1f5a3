"""The Qt process: the PySide6 workaround every Qt user needs first, and the application.

>>> pin_none_refcount()  # before any other Qt work, once per process
>>> app = make_application()  # doctest: +SKIP

Nothing here imports Qt at module level: ``pin_none_refcount`` is called by the
CLI's PDF path too, and importing this module must stay cheap for cold start.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

APP_NAME = "FieldReg"
_none_pinned = False
_app: QApplication | None = None


def pin_none_refcount() -> None:
    """Work around PySide6 6.12 on CPython 3.11 dropping a reference to ``None``.

    Every call of a C++ method returning ``void`` (``QPainter.setFont``,
    ``QFont.setBold``...) decrements ``None``'s reference count without having
    incremented it; a few thousand calls in, CPython aborts with "none_dealloc:
    deallocating None". CPython 3.12 made ``None`` immortal, which hides the bug
    there. On 3.11 we add 2**48 to the count once, which is what immortality
    amounts to. Harmless to call again; a no-op elsewhere.
    """
    global _none_pinned
    if _none_pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
    _none_pinned = True


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication (created once, kept referenced: PySide destroys unreferenced apps)."""
    global _app
    pin_none_refcount()
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    _app = QApplication(list(argv) if argv is not None else sys.argv[:1] or ["fieldreg"])
    _app.setApplicationName(APP_NAME)
    _app.setOrganizationName(APP_NAME)
    return _app
