"""``run_task`` for screens that may be deleted soon after the work ends.

>>> task = start(self, self.tr("Exporting…"), work, on_done=self.show_result)  # doctest: +SKIP

:func:`fieldreg.ui.tasks.run_task` parents the task to the widget it is given
and keeps that widget and the ``on_done``/``on_error`` callbacks in closures
connected to the task's signals until the task's ``deleteLater`` runs. When a
screen (a top-level widget owned by Python) is deleted first -- a test's
teardown, a user switch right after an export -- its destructor deletes the
task, which drops the last Python reference to the screen in the middle of
that destructor: a double delete and a crash.

So the task is given a hidden child widget of the screen (owned by Qt, never
by Python) and callbacks that hold the screen only weakly; the real callbacks
are kept by the screen itself until the task ends.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldreg.ui.tasks import Progress, Task, run_task

_ANCHOR = "_background_anchor"
_PENDING = "_background_callbacks"
_keys = itertools.count()


def start(
    screen: QWidget, label: str, work: Callable[[Progress], Any], *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    anchor = getattr(screen, _ANCHOR, None)
    if anchor is None:
        anchor = QWidget(screen)  # parented: Qt owns it; the dialog's window is the screen's
        anchor.hide()
        setattr(screen, _ANCHOR, anchor)
    pending: dict[int, tuple[Any, Any]] = screen.__dict__.setdefault(_PENDING, {})
    key = next(_keys)
    pending[key] = (on_done, on_error)
    ref = weakref.ref(screen)

    def callbacks() -> tuple[Any, Any]:
        owner = ref()
        if owner is None:
            return None, None
        found: tuple[Any, Any] = owner.__dict__.get(_PENDING, {}).pop(key, (None, None))
        return found

    def done(result: Any) -> None:
        callback, _ = callbacks()
        if callback is not None:
            callback(result)

    def failed(err: BaseException) -> None:
        _, callback = callbacks()
        if callback is not None:
            callback(err)
        elif ref() is not None:
            from fieldreg.ui.dialogs import show_error

            show_error(ref(), err)

    return run_task(anchor, label, work, on_done=done, on_error=failed)
