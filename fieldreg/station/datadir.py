"""Where a station's data directory is, and the log kept in it: the same for the app and the CLI.

    directory = datadir.locate(args.data_dir)   # --data-dir, else $FIELDREG_HOME, else the platform's
    datadir.prepare(directory)                  # the desktop app: owner-only folder, then its log
    datadir.setup_logging(directory)            # a command: log to <directory>/logs/fieldreg.log

Both front ends find the directory the same way, so ``fieldreg`` (the app) and
``fieldreg register`` work on the same station without being told twice.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from fieldreg.fsutil import secure_data_dir

ENV_HOME = "FIELDREG_HOME"
LOG_FILE = Path("logs") / "fieldreg.log"


def locate(flag: str | None) -> Path:
    """``--data-dir``, else ``$FIELDREG_HOME``, else the platform's user data directory."""
    if flag:
        return Path(flag).expanduser()
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME]).expanduser()
    return Path(platformdirs.user_data_dir("fieldreg", appauthor=False))


def prepare(directory: Path) -> None:
    """Create ``directory`` readable by its owner only if it is missing, then log to it.

    An existing directory is left as it is (``fieldreg init`` made it owner-only).
    ``OSError`` when the folder cannot be created or written to.
    """
    if not directory.exists():
        secure_data_dir(directory)
    setup_logging(directory)


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
    logs = (directory / LOG_FILE).parent
    logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = _LogFile(directory / LOG_FILE, max_bytes=2_000_000, backups=3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # The line holds none of the caller's file, line, function, thread or process: not working
    # them out for every record is the logging HOWTO's "Optimization" advice (a CLI registering
    # households logs a line each, and finding the caller walked the stack for it).
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    root = logging.getLogger("fieldreg")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
