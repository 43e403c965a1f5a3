"""What every screen is given: the station, the signed-in session, the settings.

>>> ctx = AppContext(data_dir, station, session)  # doctest: +SKIP
>>> screen = RegisterScreen(ctx)                # doctest: +SKIP

Screens call the same core services as the CLI (``ctx.session`` is a
:class:`fieldreg.station.session.Session`); they never reach into SQLite themselves.
While a background task runs (see :mod:`fieldreg.ui.tasks`) the window is
blocked, so the session is only ever used by one thread at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.ui.settings import UiSettings


@dataclass
class AppContext:
    data_dir: Path
    station: Station
    session: Session
    settings: UiSettings = field(default_factory=UiSettings)

    @property
    def is_camp(self) -> bool:
        """A verify-only camp station (no registrations, no export)."""
        return self.station.kind == "camp"
