"""The desktop app's entry point: ``fieldreg`` with no command (and ``python -m fieldreg``).

    fieldreg [--data-dir DIR]

Start-up, in order: the PySide6 workaround and the QApplication
(:mod:`fieldreg.ui.runtime`); the data directory found as the CLI finds it
(``--data-dir``, ``$FIELDREG_HOME``, the platform's user data directory:
:mod:`fieldreg.station.datadir`) and its log file; the station's UI settings;
the translators and the default locale for the chosen language
(:mod:`fieldreg.ui.language`); the icon; then one window showing the set-up
wizard (no store yet) or the sign-in page.

Cold start matters (an officer restarts the laptop after every power cut), so
everything heavy is imported only when needed: the screens when a user signs
in, the demo generator when the demo is chosen. ``bench/bench_startup.py``
measures it.

For tests and benchmarks only: with ``FIELDREG_QUIT_WHEN_SHOWN=1`` in the
environment the app prints ``shown <page> <unix time>`` on stdout as soon as
its first window is on screen, and exits with status 0.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fieldreg.ui.language import apply_language
from fieldreg.ui.runtime import make_application
from fieldreg.ui.text import error_text, os_reason

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from fieldreg.ui.main_window import MainWindow

QUIT_WHEN_SHOWN = "FIELDREG_QUIT_WHEN_SHOWN"
log = logging.getLogger(__name__)
_orphans: list[QWidget] = []


def _arguments(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="fieldreg", add_help=False)
    parser.add_argument("--data-dir", default=None)
    return parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))


def _install_excepthook() -> None:
    """A bug in a slot becomes a logged trace and a plain-language dialog, never a crash."""
    from fieldreg.ui.dialogs import show_error

    def hook(kind: type[BaseException], err: BaseException, trace: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, err, trace)  # type: ignore[arg-type]
            return
        from fieldreg.ui.lock import WindowLocked

        if isinstance(err, WindowLocked):  # a screen's timer fired behind the lock: nothing to show
            log.info("a screen tried to use the session while locked; refused")
            return
        from PySide6.QtWidgets import QApplication

        window = QApplication.activeWindow() or next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.parentWidget() is None), None)
        box = show_error(window, err)  # logs the trace (never personal data: only the exception)
        if window is None:
            _orphans.append(box)  # a dialog without a parent lives as long as Python holds it
            box.finished.connect(lambda _result: _orphans.remove(box))

    sys.excepthook = hook


def _quit_when_shown(window: MainWindow) -> None:
    """``FIELDREG_QUIT_WHEN_SHOWN``: report the first window on screen, then exit 0 (tests, bench)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def report() -> None:
        QApplication.processEvents()  # the first paint has been delivered
        print(f"shown {window.page_name()} {time.time():.6f}", flush=True)
        QApplication.exit(0)

    QTimer.singleShot(0, report)


def _display_available(qt_args: Sequence[str]) -> bool:
    """Whether Qt can open a window here: an X or Wayland session, or a platform chosen explicitly."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM") or "-platform" in qt_args:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(argv: Sequence[str] | None = None) -> int:
    """Start the desktop app; returns the process's exit status."""
    args, qt_args = _arguments(argv)
    if not _display_available(qt_args):
        # Without this, Qt aborts with a page about platform plugins.
        print("fieldreg: no display: the desktop app needs a graphical session "
              "(the commands work anywhere: fieldreg --help)", file=sys.stderr)
        return 1
    app = make_application([sys.argv[0] if sys.argv and sys.argv[0] else "fieldreg", *qt_args])

    from PySide6.QtCore import QCoreApplication

    from fieldreg.errors import FieldRegError
    from fieldreg.station import Station, datadir
    from fieldreg.ui.enter_keys import install_enter_keys
    from fieldreg.ui.icon import app_icon
    from fieldreg.ui.settings import UiSettings

    directory = datadir.locate(args.data_dir)
    try:
        datadir.prepare(directory)  # owner-only if new, as 'fieldreg init' makes it; its log
    except OSError as err:
        apply_language("")  # its settings are in that folder: the computer's language
        return _fatal(app, QCoreApplication.translate("App", "FieldReg cannot use the folder {directory}: {reason}.")
                      .format(directory=directory, reason=os_reason(err)))
    settings = UiSettings.load(directory)
    apply_language(settings.language)
    app.setWindowIcon(app_icon())
    install_enter_keys(app)
    _install_excepthook()

    store: Station | None = None
    if Station.exists(directory):
        try:
            store = Station.open(directory)
        except FieldRegError as err:
            log.error("cannot open the store in %s: %s", directory, err)
            return _fatal(app, error_text(err))

    from fieldreg.ui.geometry import show_fitted
    from fieldreg.ui.main_window import MainWindow

    window = MainWindow(directory, store, settings=settings)
    show_fitted(window)  # inside the screen's free area, the window manager's frame included
    if os.environ.get(QUIT_WHEN_SHOWN):
        _quit_when_shown(window)
    status = app.exec()
    if window.store is not None:
        window.store.close()
    return int(status)


def _fatal(app: object, message: str) -> int:
    """One plain-language box, then exit 1: the app cannot start on this data directory."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    print(f"fieldreg: {message}", file=sys.stderr)
    if os.environ.get(QUIT_WHEN_SHOWN):
        return 1
    box = QMessageBox(QMessageBox.Icon.Critical,
                      QCoreApplication.translate("App", "FieldReg cannot start"), message)
    box.exec()
    return 1
