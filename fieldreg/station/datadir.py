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


def setup_logging(directory: Path) -> None:
    """Log actions (never personal data) to <data dir>/logs/fieldreg.log."""
    logs = (directory / LOG_FILE).parent
    logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = logging.handlers.RotatingFileHandler(
        directory / LOG_FILE, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("fieldreg")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False
