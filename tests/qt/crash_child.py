"""The crash tests' child process: ``python -m tests.qt.crash_child SCENARIO OUT_DIR``.

A segmentation fault kills the process, not pytest: tests/qt/test_no_crash.py runs each
scenario here and fails on any exit status but 0. The child prints one JSON line
(``RESULT {...}``) with what it saw; the parent checks it (and the files in ``OUT_DIR``).

Scenarios:

- ``print``: a slip through the real print path: "Print…" opens Qt's print preview on a
  QPrinter writing ``OUT_DIR/printed.pdf``; the preview renders, its own Print action runs
  (Qt's print dialog accepted), and the print is recorded.
- ``preview``: the preview opened, rendered and closed; then opened again and its slip
  dialog's parent deleted under it (garbage collected at each step).
- ``smoke``: every screen, for every role (admin, supervisor, officer at a post; officer
  and admin at a camp), with every enabled button and action activated. A watchdog timer
  answers every dialog: message boxes accepted, save/folder dialogs given a path in
  ``OUT_DIR``, open-file dialogs cancelled, previews closed once rendered, slip dialogs
  made to print and save before closing, any other dialog closed.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from fieldreg.keys import HqDir
from fieldreg.station.enrollment import create_camp
from fieldreg.ui.context import AppContext
from fieldreg.ui.runtime import make_application
from fieldreg.ui.settings import UiSettings
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, HQ_PASS, enrolled_post, household, make_user

TIMEOUT_S = 30.0


def pump(until: Callable[[], bool], timeout: float = TIMEOUT_S, what: str = "") -> None:
    """Process events until ``until()`` holds; exit 3 with a message on timeout."""
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            print(f"timed out waiting for {what or until}", file=sys.stderr, flush=True)
            os._exit(3)
        QApplication.processEvents()
        time.sleep(0.005)


def settle(ms: int = 60) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


def alive(obj: object) -> bool:
    return obj is not None and shiboken6.isValid(obj)


def post_with_a_household(out: Path):  # type: ignore[no-untyped-def]
    hq = HqDir.init(out / "hq", HQ_PASS, kdf=FAST_KDF)
    post = enrolled_post(hq, out / "station")
    regno = post.households.register(parse_household(household()))
    return hq, post, regno


# -- print and preview ---------------------------------------------------------------------------

def scenario_print(out: Path) -> dict[str, object]:
    from fieldreg.ui.printing import SlipDialog, prepare_slip

    _hq, post, regno = post_with_a_household(out)
    ctx = AppContext(out / "station", post.station, post, UiSettings())
    slip = prepare_slip(ctx, regno)
    dialog = SlipDialog(ctx, slip)
    dialog.show()
    target = out / "printed.pdf"
    preview = dialog.preview()
    del preview  # only Qt (and the slip dialog) hold it now
    gc.collect()
    found = dialog.findChild(QPrintPreviewDialog, "slipPreview")
    assert found is not None
    printer = found.printer()
    # What a post without a printer gets: Qt's "print to PDF" (the same QPrinter path).
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    pump(lambda: found.isVisible(), what="the preview")
    settle(300)  # it renders the pages
    gc.collect()

    def answer_file_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QFileDialog):  # a Qt version that asks for the PDF's name
            box.selectFile(str(target))
            box.accept()
        elif isinstance(box, QPrintDialog):  # Qt's print dialog, set to print to the file
            box.accept()

    watchdog = QTimer()
    watchdog.timeout.connect(answer_file_dialog)
    watchdog.start(50)
    # The preview's own Print action, as the officer clicks it.
    (print_action,) = [a for a in found.findChildren(QAction) if a.text().replace("&", "") == "Print"]
    print_action.trigger()
    pump(lambda: bool(dialog.printed), what="the print to be recorded")
    watchdog.stop()
    pump(lambda: not alive(found) or not found.isVisible(), what="the preview to close")
    settle(100)
    gc.collect()
    dialog.accept()
    settle(100)
    return {"printed": dialog.printed, "token": slip.token, "pdf": str(target),
            "status": dialog.status.text()}


def scenario_preview(out: Path) -> dict[str, object]:
    from fieldreg.ui.printing import SlipDialog, prepare_slip

    _hq, post, regno = post_with_a_household(out)
    ctx = AppContext(out / "station", post.station, post, UiSettings())
    slip = prepare_slip(ctx, regno)
    dialog = SlipDialog(ctx, slip)
    dialog.show()
    preview = dialog.preview()
    gc.collect()
    pump(lambda shown=preview: shown.isVisible(), what="the preview")
    settle(300)
    pages = preview.findChild(QPrintPreviewWidget).pageCount()
    again = dialog.preview()  # Ctrl+P while it is open: the same one
    same = again is preview
    preview.reject()
    del preview, again
    settle(100)
    gc.collect()
    settle(100)

    # The parent goes away while the preview is open (a user switch rebuilds the screens).
    parent = QWidget()
    second = SlipDialog(ctx, slip, parent)
    second.show()
    second.preview()
    gc.collect()
    settle(300)
    parent.deleteLater()
    del parent, second
    settle(100)
    gc.collect()
    settle(100)
    dialog.close()
    settle(50)
    return {"pages": pages, "same_preview": same, "printed": dialog.printed}


# -- smoke: every screen, every role, every button ------------------------------------------------

class Answerer:
    """Answers every dialog the smoke run opens; counts what it saw by kind."""

    def __init__(self, out: Path, look: Callable[[QWidget], None] | None = None):
        self.out = out
        self.look = look  # shown each dialog once, before it is answered (tests/qt/french_child.py)
        self.seen: dict[str, int] = {}
        self.first_seen: dict[int, float] = {}
        self.slips_done: set[int] = set()
        self.handled: dict[int, QWidget] = {}
        self.saved = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(40)

    def later(self, box: QWidget, action: Callable[[], object]) -> None:
        """Run ``action`` from the event loop, not from the timer's slot: an action that opens
        a modal dialog runs a nested loop, in which this timer must still fire."""
        key = id(box)
        self.handled[key] = box

        def run() -> None:
            self.handled.pop(key, None)
            if alive(box):
                action()

        QTimer.singleShot(0, run)

    def count(self, kind: str) -> None:
        self.seen[kind] = self.seen.get(kind, 0) + 1

    def open_dialogs(self) -> list[QWidget]:
        found = []
        modal = QApplication.activeModalWidget()
        if modal is not None:
            found.append(modal)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget not in found:
                found.append(widget)
        return found

    def tick(self) -> None:
        from fieldreg.ui.printing import SlipDialog

        for box in self.open_dialogs():
            if not alive(box) or not box.isVisible():
                continue
            key = id(box)
            if self.handled.get(key) is box:
                continue  # its answer is on its way
            now = time.monotonic()
            if key not in self.first_seen and self.look is not None:
                self.look(box)
            first = self.first_seen.setdefault(key, now)
            if isinstance(box, QProgressDialog):
                continue  # work in progress: it closes itself
            if isinstance(box, QFileDialog):
                self.first_seen.pop(key, None)
                self.answer_file_dialog(box)
            elif isinstance(box, QPrintPreviewDialog):
                if now - first > 0.3:  # rendered
                    self.count("print preview")
                    self.first_seen.pop(key, None)
                    self.later(box, box.reject)
            elif isinstance(box, SlipDialog):
                if key not in self.slips_done:
                    self.slips_done.add(key)
                    self.count("slip dialog")
                    self.later(box, box.print_button.click)  # the preview; closed on a later tick
                    self.later(box, box.pdf_button.click)  # the file dialog; answered on a later tick
                elif box.findChild(QPrintPreviewDialog) is None and box.findChild(QFileDialog) is None:
                    self.first_seen.pop(key, None)
                    self.later(box, box.accept)
            elif isinstance(box, QMessageBox):
                self.count("message box")
                self.first_seen.pop(key, None)
                button = box.defaultButton() or (box.buttons()[0] if box.buttons() else None)
                self.later(box, button.click if button is not None else box.accept)
            elif isinstance(box, QDialog):
                self.count(type(box).__name__)
                self.first_seen.pop(key, None)
                self.later(box, box.reject)

    def answer_file_dialog(self, box: QFileDialog) -> None:
        self.count("file dialog")
        if box.acceptMode() == QFileDialog.AcceptMode.AcceptSave:
            self.saved += 1
            box.selectFile(str(self.out / f"saved-{self.saved}.pdf"))
            self.later(box, box.accept)
        elif box.fileMode() == QFileDialog.FileMode.Directory:
            folder = self.out / "usb"
            folder.mkdir(exist_ok=True)
            box.setDirectory(str(folder))
            box.selectFile(str(folder))
            self.later(box, box.accept)
        else:
            self.later(box, box.reject)  # nothing sensible to open: the code path after "Cancel" runs


def quiet(window: QWidget) -> bool:
    """No background work left and no dialog open but progress."""
    if window.findChild(QProgressDialog, "taskProgress") is not None:
        return False
    from fieldreg.ui.printing import SlipDialog

    # A slip dialog or its preview still being answered: the round goes on (and locks, which
    # closes them) only once they were, so each preview is seen rendered, however fast the run.
    if any(isinstance(w, (SlipDialog, QPrintPreviewDialog)) and w.isVisible()
           for w in QApplication.topLevelWidgets()):
        return False
    screen = getattr(window, "current_screen", lambda: None)()
    return not (screen is not None and screen.busy)


def sign_in(window, user: str, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    page = window.login_screen
    pump(lambda: window.login_screen is not None and window.login_screen.button.isEnabled(), what="sign-in page")
    page = window.login_screen
    page.user.setText(user)
    page.passphrase.setText(passphrase)
    page.button.click()
    pump(lambda: window.is_unlocked, what=f"{user} signed in")
    settle(50)


SKIP_NAMES = {"lockButton"}  # locking is tested in test_app_shell; here it would end the round


def activate_everything(window, user: str, passphrase: str, regno: str, log: list[str],  # type: ignore[no-untyped-def]
                        look: Callable[[QWidget], None] = lambda window: None) -> int:
    """Each screen in turn: select the first row of each list, then click every enabled button
    and trigger every enabled action; returns how many were activated. ``look`` is shown the
    window on each screen and after each activation."""
    activated = 0
    for row in range(len(window.screens)):
        if not window.is_unlocked:
            sign_in(window, user, passphrase)
        window.show_screen(row)
        screen = window.current_screen()
        pump(lambda: quiet(window), what="screen work")
        name = type(screen).__name__
        search = screen.findChild(QLineEdit, "searchField")
        if search is not None:  # Records: find the household, so its buttons (reprint...) work
            search.setText(regno)
            search.returnPressed.emit()
            pump(lambda: quiet(window), what="search")
        look(window)
        targets: list[QAbstractButton | QAction] = []
        for view in screen.findChildren(QAbstractItemView):
            model = view.model()
            if view.isVisibleTo(window) and model is not None and model.rowCount() > 0:
                # The last row: on Accounts the first is the signed-in user's own, with less to do.
                view.setCurrentIndex(model.index(model.rowCount() - 1, 0))
        targets.extend(b for b in screen.findChildren(QAbstractButton) if b.objectName() not in SKIP_NAMES)
        targets.extend(screen.findChildren(QAction))
        for target in targets:
            if not alive(target) or not window.is_unlocked or not alive(screen):
                continue
            if isinstance(target, QAbstractButton):
                if not (target.isEnabled() and target.isVisibleTo(window)):
                    continue
                label = target.text() or target.objectName()
                target.click()
            else:
                if not target.isEnabled():
                    continue
                label = target.text() or target.objectName()
                target.trigger()
            activated += 1
            log.append(f"{name}: {label}")
            settle(20)
            pump(lambda: quiet(window), what=f"{name}: {label}")
            look(window)
            gc.collect()
    return activated


Round = tuple[str, Path, object, str, str]  # kind of station, its data dir, its store, user, passphrase


def every_role(hq, post, out: Path) -> list[Round]:  # type: ignore[no-untyped-def]
    """A supervisor and an officer at ``post``, a camp with an officer: one round each, and the
    admin's of the post and of the camp (the smoke run and tests/qt/french_child.py)."""
    make_user(post, "mariam", "supervisor")
    make_user(post, "ali", "officer")
    camp = create_camp(out / "camp", camp_id="CAMP1", camp_name="Site de transit",
                       trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint, admin=ADMIN,
                       passphrase=ADMIN_PASS, kdf=FAST_KDF)
    make_user(camp.unlock(ADMIN, ADMIN_PASS), "ali", "officer")
    return [
        ("post", out / "station", post.station, ADMIN, ADMIN_PASS),
        ("post", out / "station", post.station, "mariam", "mariam own passphrase"),
        ("post", out / "station", post.station, "ali", "ali own passphrase"),
        ("camp", out / "camp", camp, "ali", "ali own passphrase"),
        ("camp", out / "camp", camp, ADMIN, ADMIN_PASS),
    ]


def end_round(window, look: Callable[[QWidget], None] = lambda window: None) -> None:  # type: ignore[no-untyped-def]
    """Lock (once, at the end of the round; ``look`` is shown the lock page), then close the
    window for good."""
    window.shortcuts.lock_action.trigger()
    settle(50)
    look(window)
    window._closing_confirmed = True  # no "quit with unsaved work?" here
    window.close()
    window.deleteLater()
    settle(50)
    gc.collect()


def scenario_smoke(out: Path) -> dict[str, object]:
    from fieldreg.ui.main_window import MainWindow

    hq, post, regno = post_with_a_household(out)
    rounds = every_role(hq, post, out)
    answerer = Answerer(out)
    log: list[str] = []
    screens: dict[str, list[str]] = {}
    activated = 0
    for kind, data_dir, store, user, passphrase in rounds:
        window = MainWindow(data_dir, store, settings=UiSettings())
        window.resize(1366, 768)
        window.show()
        sign_in(window, user, passphrase)
        screens[f"{kind} {user}"] = [type(s).__name__ for s in window.screens]
        activated += activate_everything(window, user, passphrase, regno, log)
        end_round(window)
        del window
    answerer.timer.stop()
    return {"screens": screens, "activated": activated, "dialogs": answerer.seen, "log": log,
            "saved": sorted(p.name for p in out.glob("saved-*.pdf"))}


def main() -> int:
    import faulthandler

    faulthandler.dump_traceback_later(150, exit=True)  # a hang shows where, then exits
    scenario, out = sys.argv[1], Path(sys.argv[2])
    app = make_application(["crash_child"])
    result = {"print": scenario_print, "preview": scenario_preview, "smoke": scenario_smoke}[scenario](out)
    print("RESULT " + json.dumps(result), flush=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
