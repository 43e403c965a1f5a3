"""Long work (export, import, batch slips, a slow key derivation) off the UI thread.

>>> task = run_task(self, self.tr("Exporting…"), lambda progress: export(..., progress=progress),
...                 on_done=self.show_result)  # doctest: +SKIP

The work runs on a pool thread while a window-modal progress dialog blocks
the window, so the session is never used by two threads at once. ``progress``
may be called from the work with ``(done, total)`` (total 0: unknown). The
result is delivered on the UI thread to ``on_done``; an exception goes to
``on_error`` (default: the plain-language error dialog). Tests wait with
``qtbot.waitSignal(task.finished)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from fieldreg.ui.dialogs import show_error

Progress = Callable[[int, int], None]


class Task(QObject):
    """One piece of background work; ``finished`` fires once it ended either way."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:  # on the pool thread; signals cross to the UI thread queued
        try:
            result = self._work(lambda done, total: self.progressed.emit(done, total))
        except BaseException as err:  # noqa: BLE001 - delivered to the UI thread, never lost
            self.error = err
            self.failed.emit(err)
        else:
            self.result = result
            self.succeeded.emit(result)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run()


def run_task(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """Start ``work`` on a pool thread behind a progress dialog; return its :class:`Task`."""
    task = Task(work, parent)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setObjectName("taskProgress")
    dialog.setCancelButton(None)  # core work is transactional: it finishes or changes nothing
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick work never flashes a dialog
    dialog.setAutoClose(False)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def succeeded(result: Any) -> None:
        dialog.close()
        if on_done is not None:
            on_done(result)

    def failed(err: BaseException) -> None:
        dialog.close()
        (on_error or (lambda e: show_error(parent, e)))(err)

    task.progressed.connect(progressed)
    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.finished.connect(dialog.deleteLater)
    task.finished.connect(task.deleteLater)
    QThreadPool.globalInstance().start(_Runner(task))
    return task
