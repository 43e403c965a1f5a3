"""Where a station's data directory is, and the log kept in it: the same for the app and the CLI.

    directory = datadir.locate(args.data_dir)   # --data-dir, else $FIELDREG_HOME, else the platform's
    datadir.prepare(directory)                  # the desktop app: owner-only folder, then its log
    datadir.start(directory)                    # a command: its log, and leftovers of killed writes cleared

Both front ends find the directory the same way, so ``fieldreg`` (the app) and
``fieldreg register`` work on the same station without being told twice.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import stat
from pathlib import Path

import platformdirs

from fieldreg.fsutil import remove_orphan_temporaries, secure_data_dir

log = logging.getLogger(__name__)

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
    start(directory)


def start(directory: Path) -> None:
    """What every start on a data directory does first: its log, then the leftovers of killed writes.

    A write killed half-way (a pulled plug, a SIGKILL) leaves its temporary
    file (:func:`fieldreg.fsutil.atomic_file`); those of writers no longer
    running are removed from the directory and its folders (``trust``,
    ``batches``...), while those of a running export or save are left alone.
    """
    setup_logging(directory)
    removed = [path for folder in _folders(directory) for path in remove_orphan_temporaries(folder)]
    if removed:
        log.info("removed %d temporary file(s) left by interrupted writes", len(removed))


def _folders(directory: Path) -> list[Path]:
    try:
        return [directory, *(p for p in directory.iterdir() if p.is_dir() and not p.is_symlink())]
    except OSError:
        return [directory]


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
        super().__init__(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)
        if path.exists() and not path.is_file():  # e.g. /dev/null: never rotate it
            self.maxBytes = 0
        self.stream = self._open()
        self.delay = False  # opened now by our _open (0600); a rollover reopens it the same way

    def _open(self) -> io.TextIOWrapper:
        """The log file, created owner-only (0600) whatever the umask, and kept so if it was not."""
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_mode & 0o077 and stat.S_ISREG(os.fstat(fd).st_mode):
                os.fchmod(fd, 0o600)  # a log made by an earlier FieldReg under a loose umask
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(fd)
            raise

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
    """Log actions (never personal data) to <data dir>/logs/fieldreg.log, owner-only.

    The folder is 0700 and the file 0600 whatever the umask. A data directory
    that cannot be written (a read-only copy being consulted) is read without a log.
    """
    logs = (directory / LOG_FILE).parent
    handler: logging.Handler
    try:
        logs.mkdir(parents=True, exist_ok=True, mode=0o700)
        if logs.stat().st_mode & 0o077:
            logs.chmod(0o700)
        handler = _LogFile(directory / LOG_FILE, max_bytes=2_000_000, backups=3)
    except OSError:
        handler = logging.NullHandler()
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
