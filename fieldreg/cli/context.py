"""Where the CLI finds its store and its user: flags, environment, then prompts."""

from __future__ import annotations

import getpass
import logging
import logging.handlers
import os
import sys
from pathlib import Path

import platformdirs

from fieldreg.errors import AuthError, InvalidInput
from fieldreg.station.session import Session
from fieldreg.station import Station

ENV_HOME = "FIELDREG_HOME"
ENV_USER = "FIELDREG_USER"
ENV_PASSPHRASE = "FIELDREG_PASSPHRASE"
ENV_NEW_PASSPHRASE = "FIELDREG_NEW_PASSPHRASE"


def data_dir(flag: str | None) -> Path:
    """``--data-dir``, else ``$FIELDREG_HOME``, else the platform's user data directory."""
    if flag:
        return Path(flag).expanduser()
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME]).expanduser()
    return Path(platformdirs.user_data_dir("fieldreg", appauthor=False))


def interactive() -> bool:
    return sys.stdin.isatty()


class _LogFile(logging.handlers.RotatingFileHandler):
    """The standard rotating log file, formatting each line once.

    Python's own handler formats every record twice (once to see whether it
    still fits) and stats the file twice per line: together a tenth of what a
    household registered from the CLI costs, which logs one line each. This
    one formats once, asks only the file's end (another process, the app or
    another command, may have appended to it), and checks that the log is a
    regular file once, when it opens it, rather than on every line.
    """

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
        if path.exists() and not path.is_file():  # e.g. /dev/null: never rotate it
            self.maxBytes = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
            if self.stream is None:
                self.stream = self._open()
            if self.maxBytes and self.stream.seek(0, os.SEEK_END) + len(line) >= self.maxBytes:
                self.doRollover()
            self.stream.write(line)
            self.flush()
        except RecursionError:
            raise
        except Exception:  # noqa: BLE001 - as logging's own handlers: a log line never stops the work
            self.handleError(record)


def setup_logging(directory: Path) -> None:
    """Log actions (never personal data) to <data dir>/logs/fieldreg.log."""
    logs = directory / "logs"
    logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = _LogFile(logs / "fieldreg.log", max_bytes=2_000_000, backups=3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("fieldreg")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def read_passphrase_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InvalidInput("cannot read passphrase file {path}: {strerror}", path=path, strerror=err.strerror) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise InvalidInput("passphrase file {path} is empty", path=path)
    return lines[0]


def prompt_new_passphrase(whose: str) -> str:
    """Ask twice on the terminal; refuse when there is no terminal to ask on."""
    if not interactive():
        raise InvalidInput(
            "no passphrase for {whose}: use --passphrase-file (or run in a terminal)", whose=whose
        )
    first = getpass.getpass(f"New passphrase for {whose}: ")
    if getpass.getpass("Repeat it: ") != first:
        raise InvalidInput("the two passphrases differ; nothing was changed")
    return first


def credentials() -> tuple[str, str]:
    user = os.environ.get(ENV_USER)
    if not user:
        if not interactive():
            raise AuthError("who are you? set {variable} (or run in a terminal)", variable=ENV_USER)
        user = input("User: ").strip()
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if passphrase is None:
        if not interactive():
            raise AuthError("no passphrase: set {variable} (or run in a terminal)", variable=ENV_PASSPHRASE)
        passphrase = getpass.getpass(f"Passphrase for {user}: ")
    return user, passphrase


def open_session(directory: Path, *, allow_must_change: bool = False) -> Session:
    """Unlock the store as the user from the environment or the terminal.

    A user who must still replace a first passphrase is asked for a new one
    (or given ``$FIELDREG_NEW_PASSPHRASE``) before anything else happens.
    """
    store = Station.open(directory)
    setup_logging(directory)
    user, passphrase = credentials()
    session = store.unlock(user, passphrase)
    if session.account.must_change and not allow_must_change:
        new = os.environ.get(ENV_NEW_PASSPHRASE)
        if new is None and not interactive():
            raise AuthError(
                "{user} must choose a new passphrase first: run 'fieldreg user passwd'", user=user
            )
        if new is None:
            print("This is your first login: choose your own passphrase.", file=sys.stderr)
            new = prompt_new_passphrase(user)
        session.accounts.change_passphrase(new)
    return session
