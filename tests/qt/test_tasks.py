"""Background tasks: results on the UI thread, input blocked meanwhile, screens may close first."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QProgressDialog, QVBoxLayout, QWidget

from fieldreg.errors import InvalidInput
from fieldreg.ui import tasks
from fieldreg.ui.tasks import run_task


@pytest.fixture
def window(qtbot: object) -> QWidget:
    w = QWidget()
    w.setLayout(QVBoxLayout())
    w.edit = QLineEdit(w)  # type: ignore[attr-defined]
    w.layout().addWidget(w.edit)  # type: ignore[attr-defined]
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    w.show()
    return w


def test_work_runs_on_a_pool_thread_and_every_callback_on_the_ui_thread(qtbot, window) -> None:
    seen: list[tuple[str, object]] = []

    def work(progress: tasks.Progress) -> str:
        progress(1, 2)
        return threading.current_thread().name

    def record(what: str) -> object:
        return lambda value: seen.append((what, value, threading.current_thread().name))

    task = run_task(window, "working", work, on_done=record("done"))
    task.progressed.connect(lambda done, total: seen.append(("progress", done, threading.current_thread().name)),
                            Qt.ConnectionType.QueuedConnection)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass  # the work starts only once the event loop runs: the signal cannot be missed
    qtbot.waitUntil(lambda: any(what == "done" for what, *_ in seen))
    main = threading.main_thread().name
    worker = task.result
    assert worker != main
    assert ("done", worker, main) in seen
    assert ("progress", 1, main) in seen


def test_an_error_goes_to_on_error(qtbot, window) -> None:
    errors: list[BaseException] = []

    def work(progress: object) -> None:
        raise InvalidInput("the stick is full")

    task = run_task(window, "working", work, on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["the stick is full"]


def test_without_on_error_the_user_sees_a_plain_dialog(qtbot, window) -> None:
    def work(progress: object) -> None:
        raise InvalidInput("the stick is full")

    with qtbot.waitSignal(run_task(window, "working", work).finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: window.findChild(QWidget, "errorDialog") is not None)
    assert "The stick is full." in window.findChild(QWidget, "errorDialog").text()  # alone: a sentence


def test_input_to_the_window_is_swallowed_until_the_work_ends(qtbot, window) -> None:
    release = threading.Event()
    task = run_task(window, "working", lambda progress: release.wait(5))
    qtbot.keyClicks(window.edit, "abc")
    assert window.edit.text() == ""  # typed while busy: not delivered
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: not tasks._blocker.busy)
    qtbot.keyClicks(window.edit, "abc")
    assert window.edit.text() == "abc"


def test_slow_work_shows_a_progress_dialog_even_without_progress_reports(qtbot, window) -> None:
    release = threading.Event()
    task = run_task(window, "Exporting", lambda progress: release.wait(5))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)),
                    timeout=3000)
    (dialog,) = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    assert dialog.labelText() == "Exporting"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in window.findChildren(QProgressDialog)))


def test_a_screen_deleted_while_its_work_runs_is_not_called_back(qtbot) -> None:
    screen = QWidget()
    screen.show()
    release = threading.Event()
    called: list[object] = []
    task = run_task(screen, "working", lambda progress: release.wait(5) and "done",
                    on_done=called.append)
    finished = []
    task.finished.connect(lambda: finished.append(True))
    screen.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(screen))
    release.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    qtbot.wait(50)  # let the queued callbacks and deleteLater run: nothing may crash
    assert called == []
