"""The Qt process: the PySide6 workaround every Qt user needs first, and the application.

>>> pin_singleton_refcounts()  # before any other Qt work, once per process
>>> app = make_application()  # doctest: +SKIP

Nothing here imports Qt at module level: ``pin_singleton_refcounts`` is called by the
CLI's PDF path too, and importing this module must stay cheap for cold start.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

APP_NAME = "FieldReg"
_pinned = False
_app: QApplication | None = None


def pin_singleton_refcounts() -> None:
    """Work around PySide6 6.12 on CPython 3.11 dropping references to ``None``, ``True`` and ``False``.

    Every call of a C++ method returning ``void`` (``QPainter.setFont``,
    ``QFont.setBold``...) decrements ``None``'s reference count without having
    incremented it, and some returning ``bool`` do the same to ``True`` or
    ``False``; a few thousand calls in, CPython aborts ("none_dealloc:
    deallocating None", or "bool_dealloc" at exit). CPython 3.12 made these
    singletons immortal, which hides the bug there. On 3.11 we add 2**48 to
    each count once, which is what immortality amounts to. Harmless to call
    again; a no-op elsewhere.
    """
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 48
    _pinned = True


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication (created once, kept referenced: PySide destroys unreferenced apps)."""
    global _app
    pin_singleton_refcounts()
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    _app = QApplication(list(argv) if argv is not None else sys.argv[:1] or ["fieldreg"])
    _app.setApplicationName(APP_NAME)
    _app.setOrganizationName(APP_NAME)
    return _app
