"""``run_task`` for screens that may be closed soon after the work ends.

>>> task = start(self, self.tr("Exporting…"), work, on_done=self.show_result)  # doctest: +SKIP

:func:`fieldreg.ui.tasks.run_task` parents the task to the screen and keeps
the ``on_done``/``on_error`` callbacks (and the screen) in closures connected
to the task's signals until the task's ``deleteLater`` runs. If the screen is
deleted first (a test's teardown, a user switch right after an export), the
screen's destructor deletes the task, which drops the last Python reference to
the screen in the middle of that destructor: a double delete (heap corruption,
a crash). Disconnecting the callbacks as soon as the task has finished breaks
that cycle; everything else is run_task's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldreg.ui.tasks import Progress, Task, run_task


def start(
    parent: QWidget, label: str, work: Callable[[Progress], Any], *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    task = run_task(parent, label, work, on_done=on_done, on_error=on_error)

    def release() -> None:
        for signal in (task.progressed, task.succeeded, task.failed):
            signal.disconnect()

    task.finished.connect(release)
    return task
