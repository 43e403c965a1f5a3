"""Long work (export, import, batch slips, a slow key derivation) off the UI thread.

>>> task = run_task(self, self.tr("Exporting…"), lambda progress: export(..., progress=progress),
...                 on_done=self.show_result)  # doctest: +SKIP

The work runs on a worker thread. Until it ends, keyboard and mouse input to the
widget's window is swallowed (shortcuts such as Ctrl+L included), so the
session is never used by two threads at once, and after a moment a
window-modal progress dialog says what is happening. ``progress`` may be
called from the work with ``(done, total)`` (total 0: unknown). The result is
delivered on the UI thread to ``on_done``; an exception goes to ``on_error``
(default: the plain-language error dialog).

Ownership, learned the hard way: the task belongs to this module until it
ends, never to the widget. A screen closed or deleted while its work runs
(a user switch, a test's teardown) must not delete the task under the worker
thread; its callbacks are then simply not called. The work starts on the next
turn of the event loop, so ``qtbot.waitSignal(task.finished)`` set up right
after ``run_task`` returns never misses a fast task.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from fieldreg.ui.dialogs import show_error

Progress = Callable[[int, int], None]
SHOW_PROGRESS_AFTER_MS = 300  # quick work never flashes a dialog
log = logging.getLogger(__name__)

_running: set[Task] = set()  # keeps each Python wrapper alive until its work has ended


class Task(QObject):
    """One piece of background work; ``finished`` fires once it ended either way."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, work: Callable[[Progress], Any]):
        super().__init__()  # no parent: see the module docstring
        self._work: Callable[[Progress], Any] | None = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:  # on the worker thread; signals cross to the UI thread queued
        # Drop the work once taken: its closure may hold the session (the data key), which
        # must not outlive a lock just because a wrapper lingers somewhere.
        work, self._work = self._work, None
        assert work is not None, "a task runs once"
        try:
            result = work(lambda done, total: self.progressed.emit(done, total))
        except BaseException as err:  # noqa: BLE001 - delivered to the UI thread, never lost
            self.error = err
            self.failed.emit(err)
        else:
            self.result = result
            self.succeeded.emit(result)
        self.finished.emit()


_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
})


class _InputBlocker(QObject):
    """Swallows keyboard and mouse input to windows with work in progress."""

    def __init__(self) -> None:
        super().__init__()
        self.busy: dict[int, int] = {}  # id(window) -> tasks running for it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _INPUT or not self.busy:
            return False
        # Shortcut events go to the QShortcut or QAction, whose parent is a widget.
        owner: QObject | None = watched
        while owner is not None and not isinstance(owner, QWidget):
            owner = owner.parent()
        return owner is not None and id(owner.window()) in self.busy


_blocker: _InputBlocker | None = None


def _block(window: QWidget, delta: int) -> None:
    global _blocker
    if _blocker is None:
        _blocker = _InputBlocker()
        app = QApplication.instance()
        assert app is not None, "run_task needs the running application"
        app.installEventFilter(_blocker)
    count = _blocker.busy.get(id(window), 0) + delta
    if count > 0:
        _blocker.busy[id(window)] = count
    else:
        _blocker.busy.pop(id(window), None)


def run_task(
    parent: QWidget,
    label: str,
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """Start ``work`` on a worker thread for ``parent``'s window; return its :class:`Task`."""
    task = Task(work)
    _running.add(task)
    window = parent.window()
    _block(window, +1)
    dialog = QProgressDialog(label, "", 0, 0, window)
    dialog.setObjectName("taskProgress")
    dialog.setCancelButton(None)  # core work is transactional: it finishes or changes nothing
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.hide()  # QProgressDialog shows itself on its own timer; ours decides
    show_timer = QTimer(dialog)
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(dialog.show)
    show_timer.start(SHOW_PROGRESS_AFTER_MS)

    def alive(obj: QObject) -> bool:
        return shiboken6.isValid(obj)

    def progressed(done: int, total: int) -> None:
        if alive(dialog):
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)

    def ended() -> None:
        _block(window, -1)  # by id: fine even if the window is gone (this closure keeps the id unique)
        if alive(dialog):
            show_timer.stop()
            dialog.close()
            dialog.deleteLater()

    def succeeded(result: Any) -> None:
        ended()
        if not alive(parent):
            log.info("a background task ended after its screen closed; result dropped")
        elif on_done is not None:
            on_done(result)

    def failed(err: BaseException) -> None:
        ended()
        if not alive(parent):
            log.warning("a background task failed after its screen closed (%s)", type(err).__name__)
        elif on_error is not None:
            on_error(err)
        else:
            show_error(parent, err)

    def release() -> None:
        _running.discard(task)
        task.deleteLater()

    # Queued explicitly: these touch widgets and delete the task, so they must run on the
    # UI thread after the emission has finished -- never in the worker thread while it emits
    # (seen with the default type: the task deleted mid-emit, the signal lost).
    queued = Qt.ConnectionType.QueuedConnection
    task.progressed.connect(progressed, queued)
    task.succeeded.connect(succeeded, queued)
    task.failed.connect(failed, queued)
    task.finished.connect(release, queued)
    # A plain Python thread, not QThreadPool: a QRunnable's Python wrapper is not owned by
    # the pool, and one collected before (or while) it ran lost the work or corrupted the heap.
    QTimer.singleShot(0, threading.Thread(target=task.run, name="fieldreg-task", daemon=True).start)
    return task
