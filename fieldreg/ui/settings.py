"""The desktop app's own settings, kept per station in ``<data dir>/ui-settings.json``.

>>> s = UiSettings.load(data_dir)          # doctest: +SKIP
>>> s.idle_lock_minutes = 3; s.save(data_dir)  # doctest: +SKIP

A plain JSON file next to the store rather than QSettings: it travels with the
station's data directory, tests stay isolated, and a damaged or hand-edited
file falls back to the defaults instead of stopping the app.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from fieldreg.fsutil import atomic_write

FILENAME = "ui-settings.json"
LANGUAGES = ("", "fr", "en")  # "" follows the system locale
SLIP_LAYOUTS = ("a6", "80mm")
log = logging.getLogger(__name__)


@dataclass
class UiSettings:
    language: str = ""
    idle_lock_minutes: int = 5
    unusual_flow_multiple: float = 2.0  # a day's arrivals above this × the trailing average stand out
    slip_layout: str = "a6"
    last_folders: dict[str, str] = field(default_factory=dict)  # purpose -> the folder a file dialog last used
    sync_every_seconds: int = 120  # the background sync's round when all is well (back-off when not)
    sync_warn_days: int = 3  # the dashboard warns when a household has waited this long for HQ

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            self.language = ""
        if not isinstance(self.idle_lock_minutes, int) or not 1 <= self.idle_lock_minutes <= 240:
            self.idle_lock_minutes = 5
        if not isinstance(self.unusual_flow_multiple, (int, float)) or not 1.0 < self.unusual_flow_multiple <= 20:
            self.unusual_flow_multiple = 2.0
        if not isinstance(self.sync_every_seconds, int) or not 10 <= self.sync_every_seconds <= 86400:
            self.sync_every_seconds = 120
        if not isinstance(self.sync_warn_days, int) or not 0 <= self.sync_warn_days <= 365:
            self.sync_warn_days = 3
        if self.slip_layout not in SLIP_LAYOUTS:
            self.slip_layout = "a6"
        if not isinstance(self.last_folders, dict):
            self.last_folders = {}
        self.last_folders = {k: v for k, v in self.last_folders.items()
                             if isinstance(k, str) and isinstance(v, str) and v}

    @classmethod
    def load(cls, data_dir: Path) -> UiSettings:
        try:
            raw: Any = json.loads((data_dir / FILENAME).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as err:
            log.warning("ui settings unreadable (%s); using defaults", type(err).__name__)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save(self, data_dir: Path) -> None:
        atomic_write(data_dir / FILENAME, json.dumps(asdict(self), indent=2).encode("utf-8") + b"\n")
