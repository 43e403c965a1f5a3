"""The app's screens, in navigation order, with the permission and station kinds each needs.

    for spec in screens_for(station.kind, session.role):
        screen = spec.screen(ctx)

A new screen is one line in :data:`SCREENS`: its class, the permission it
needs (one of ``fieldreg.station.accounts.PERMISSIONS``; ``None``: everyone) and
the station kinds it is shown at (``"post"``, ``"camp"``).

Screens are named by class, so a screen that cannot be imported stops the app
with its traceback instead of going missing, and a bundler (PyInstaller)
collects every screen by following these imports. The main window imports this
module when the first user signs in, not before: it imports every screen (and
with them printing, the slip renderer, the camera), which the sign-in page does
not need, so the app's cold start stays that of the sign-in page alone
(docs/benchmarks.md, "Desktop app cold start").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fieldreg.station.accounts import PERMISSIONS
from fieldreg.ui.screens import Screen
from fieldreg.ui.screens.accounts import AccountsScreen
from fieldreg.ui.screens.dashboard import DashboardScreen
from fieldreg.ui.screens.export import ExportScreen
from fieldreg.ui.screens.preferences import PreferencesScreen
from fieldreg.ui.screens.records import RecordsScreen
from fieldreg.ui.screens.register import RegisterScreen
from fieldreg.ui.screens.station import StationScreen
from fieldreg.ui.screens.verify import VerifyScreen

KINDS = ("post", "camp")


@dataclass(frozen=True)
class ScreenSpec:
    """One screen: its class, the permission it needs (None: everyone), the station kinds."""

    screen: type[Screen]
    permission: str | None = None
    kinds: tuple[str, ...] = KINDS


# In navigation order (Ctrl+1 is the first a user gets).
SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(RegisterScreen, "register", ("post",)),
    ScreenSpec(RecordsScreen, "view", ("post",)),
    ScreenSpec(VerifyScreen, "verify", ("camp",)),
    ScreenSpec(DashboardScreen, "stats", ("post",)),
    ScreenSpec(ExportScreen, "export", ("post",)),
    ScreenSpec(AccountsScreen, "manage_officers"),
    ScreenSpec(StationScreen, "manage_officers"),
    ScreenSpec(PreferencesScreen),
)


def screens_for(kind: str, role: str, specs: Sequence[ScreenSpec] = SCREENS) -> list[ScreenSpec]:
    """The screens a ``role`` gets at a station of ``kind``, in navigation order."""
    return [s for s in specs if kind in s.kinds
            and (s.permission is None or role in PERMISSIONS[s.permission])]
