#!/usr/bin/env python3
"""Screenshots of every main screen of the app, in French and English, for the docs and the README.

    python scripts/screenshots.py [--out docs/screenshots] [--languages fr en]

For each language, in a fresh process and a fresh temporary data directory:
the first-run wizard; the demo post set up through it; the sign-in page; each
demo user signed in in turn (admin, superviseur, agent), every screen the
main window offers that user saved once (named after its class:
``RegisterScreen`` → ``register.png``); the lock page; then a camp station
trusting the demo HQ, for the verify screen. Files go to ``OUT/<lang>/``.

The screens are those of fieldreg/ui/screens/catalog.py for each user's role. The screen is
1366 × 768, the smallest laptop screen the app is made for. Under a virtual X
display (``xvfb-run``, when installed and no display is set) with ``openbox`` as
window manager (when installed), the window sizes itself as it does for a user
(fieldreg/ui/geometry.py) and each picture is the whole screen: the window with
its frame, as a person sees it. Otherwise, on Qt's offscreen platform, the
window alone at 1366 × 768.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)


def parent(args: argparse.Namespace) -> int:
    """Run one child per language, under Xvfb when possible."""
    out = Path(args.out).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    prefix: list[str] = []
    if os.environ.get("QT_QPA_PLATFORM"):
        pass  # the caller chose
    elif not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        prefix = ["xvfb-run", "-a", "-s", f"-screen 0 {SIZE[0]}x{SIZE[1]}x24"]
        env["QT_QPA_PLATFORM"] = "xcb"
    elif not os.environ.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    where = "Xvfb" if prefix else env.get("QT_QPA_PLATFORM", "the current display")
    print(f"screenshots: running under {where}")
    for language in args.languages:
        command = [*prefix, sys.executable, __file__, "--child", "--out", str(out / language),
                   "--languages", language]
        done = subprocess.run(command, env=env, cwd=ROOT, check=False)
        if done.returncode:
            print(f"screenshots: the {language} run failed ({done.returncode})", file=sys.stderr)
            return done.returncode
    return 0


def child(out: Path, language: str) -> int:
    from fieldreg.ui.runtime import make_application

    app = make_application([sys.argv[0]])
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from fieldreg.keys import HqDir
    from fieldreg.station.datadir import setup_logging
    from fieldreg.station.demo import DEMO_HQ_DIR, DEMO_HQ_PASSPHRASE, DEMO_USERS
    from fieldreg.station.enrollment import create_camp
    from fieldreg.ui.geometry import show_fitted
    from fieldreg.ui.icon import app_icon
    from fieldreg.ui.language import apply_language
    from fieldreg.ui.main_window import MainWindow
    from fieldreg.ui.settings import UiSettings

    apply_language(language)
    app.setWindowIcon(app_icon())
    # A window manager draws the frame the user sees (and the fitting must leave room for).
    framed = app.platformName() == "xcb" and shutil.which("openbox") is not None
    manager = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL) if framed else None
    out.mkdir(parents=True, exist_ok=True)
    saved: list[str] = []

    def settle(ms: int = 400, *, until: object = None, timeout: float = 60.0) -> None:
        """Let the event loop run ``ms``, then until ``until()`` holds and no task is running."""
        deadline = time.monotonic() + timeout
        while True:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()
            busy = any(w.objectName() == "taskProgress" for w in QApplication.allWidgets()
                       if isinstance(w, QProgressDialog))
            done = until is None or until()  # type: ignore[operator]
            if (done and not busy) or time.monotonic() > deadline:
                return
            ms = 100

    def shot(window: MainWindow, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        picture = app.primaryScreen().grabWindow(0) if framed else window.grab()
        if not picture.save(str(path)):
            raise SystemExit(f"screenshots: could not write {path}")
        saved.append(name)
        print(f"  {language}/{name}.png")

    def new_window(data_dir: Path, store: object) -> MainWindow:
        window = MainWindow(data_dir, store, settings=UiSettings(language=language))  # type: ignore[arg-type]
        if framed:
            show_fitted(window)
        else:
            window.resize(*SIZE)
            window.show()
        return window

    def sign_in(window: MainWindow, user: str, passphrase: str) -> None:
        page = window.login_screen
        assert page is not None
        page.user.setText(user)
        page.passphrase.setText(passphrase)
        page.submit()
        settle(until=lambda: window.page_name() == "workspace")
        if window.page_name() != "workspace":
            raise SystemExit(f"screenshots: {user} could not sign in")

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "demo"
        data_dir.mkdir()
        setup_logging(data_dir)
        window = new_window(data_dir, None)
        shot(window, "wizard")
        window.findChild(QPushButton, "chooseDemo").click()
        shot(window, "wizard-demo")
        window.findChild(QPushButton, "createDemo").click()
        settle(until=lambda: window.page_name() == "login", timeout=120)
        shot(window, "login")

        for user, _role, passphrase in DEMO_USERS:
            if window.is_unlocked:
                window.lock()
            sign_in(window, user, passphrase)
            for row, screen in enumerate(window.screens):
                name = type(screen).__name__.removesuffix("Screen").lower()
                if name in saved:
                    continue
                window.show_screen(row)
                shot(window, name)
        window.lock()
        shot(window, "locked")
        window.close()

        # A camp station trusting the demo HQ: the verify screen.
        hq = HqDir.open(data_dir / DEMO_HQ_DIR, DEMO_HQ_PASSPHRASE)
        camp_dir = Path(tmp) / "camp"
        admin, _role, passphrase = DEMO_USERS[0]
        store = create_camp(camp_dir, camp_id="CAMP1", camp_name="Site de Ouangolodougou (démo)",
                            trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint,
                            admin=admin, passphrase=passphrase)
        camp = new_window(camp_dir, store)
        sign_in(camp, admin, passphrase)
        for row, screen in enumerate(camp.screens):
            name = type(screen).__name__.removesuffix("Screen").lower()
            if name not in saved:
                camp.show_screen(row)
                shot(camp, name)
        camp.close()
        store.close()
        if window.store is not None:
            window.store.close()
    if manager is not None:
        manager.terminate()
    print(f"screenshots: {len(saved)} in {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--languages", nargs="+", default=["fr", "en"], choices=["fr", "en"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(Path(args.out), args.languages[0])
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
