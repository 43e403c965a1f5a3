"""The installed app on a virtual screen, driven by real key presses: sign in, then every screen.

    titles = supervisor_tour(home, out, user="superviseur", passphrase="...")

A fresh Xvfb display (1366 × 768, the smallest laptop screen the app is made for) with
openbox as window manager, so the window gets a frame and the keyboard focus as on a
desktop; ``xdotool`` types into it as a person would (user name, Tab, passphrase, Enter,
then Ctrl+1, Ctrl+2, ...). The window's title names the page or screen shown
(fieldreg/ui/main_window.py), so each step waits for it; each state is photographed
(the whole screen, with Pillow) into ``out``: ``01-sign-in.png``, ``02-screen-1.png``, ...
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from deb_install import INSTALLED, clean_env
from PIL import ImageGrab

SCREEN = "1366x768x24"
LANGUAGE = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr"}  # a French-speaking post


@contextlib.contextmanager
def x_display() -> Iterator[str]:
    """A new Xvfb display (its name, ":N"), stopped on exit."""
    server = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        number = server.stdout.readline().strip()
        assert number.isdigit(), f"Xvfb did not start (said {number!r})"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=60,
                          env={"DISPLAY": display, "PATH": "/usr/bin:/bin"})
    return done.stdout.strip() if done.returncode == 0 else ""


def wait_for(what: str, check: Callable[[], str], *, timeout: float = 60) -> str:
    """``check()``'s first non-empty answer, asked every 0.2 s for ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = check()
        if answer:
            return answer
        time.sleep(0.2)
    raise AssertionError(f"the app did not get to: {what} within {timeout:.0f} s")


def supervisor_tour(home: Path, out: Path, *, user: str, passphrase: str, screens: int = 7) -> list[str]:
    """Sign in as ``user`` and show each of ``screens`` screens; the window titles, sign-in first."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with x_display() as display:
        manager = subprocess.Popen(["openbox"], env={"DISPLAY": display, "HOME": str(home), "PATH": "/usr/bin:/bin"},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = clean_env(home, DISPLAY=display, QT_QPA_PLATFORM="xcb", FIELDREG_HOME=str(home / "post"),
                        **LANGUAGE)
        log = (out / "app.log").open("w")
        app = subprocess.Popen([str(INSTALLED)], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            window = wait_for("a window", lambda: xdotool(display, "search", "--onlyvisible", "--name", "^FieldReg"))
            window = window.splitlines()[0]

            def focused() -> str:  # the window manager may still be starting: ask until it obeys
                xdotool(display, "windowactivate", window)
                return "yes" if xdotool(display, "getactivewindow") == window else ""

            wait_for("the keyboard focus", focused, timeout=30)

            def title() -> str:
                return xdotool(display, "getwindowname", window)

            def shoot(name: str) -> None:
                time.sleep(1.0)  # let the screen finish painting (charts, tables)
                ImageGrab.grab(xdisplay=display).save(out / name)

            titles = [wait_for("the sign-in page", title)]
            shoot("01-sign-in.png")
            xdotool(display, "type", "--delay", "30", user)
            xdotool(display, "key", "Tab")
            xdotool(display, "type", "--delay", "30", passphrase)
            xdotool(display, "key", "Return")
            wait_for("signed in", lambda: title() if title() != titles[0] else "")
            for number in range(1, screens + 1):
                before = title()
                xdotool(display, "key", f"ctrl+{number}")
                if number > 1:
                    wait_for(f"screen {number}", lambda was=before: title() if title() != was else "")
                else:
                    time.sleep(0.5)  # the first screen may be the one shown at sign-in
                titles.append(title())
                shoot(f"{number + 1:02d}-screen-{number}.png")
            return titles
        finally:
            app.terminate()
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
            log.close()
            manager.terminate()
            manager.wait(timeout=30)
