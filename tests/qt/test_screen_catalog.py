"""The screen catalog: every screen builds for every role and station kind it is offered to.

The window imports the catalog only at sign-in; a screen that cannot be imported
or built is a bug that stops the sign-in (tests/qt/test_app_shell.py). This
builds each real screen, as each role, at a border post and at a camp, so such
a bug shows here first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldreg.keys import HqDir
from fieldreg.station.enrollment import create_camp
from fieldreg.station.session import Session
from fieldreg.store.accounts import PERMISSIONS, ROLES
from fieldreg.ui.screens import Screen
from fieldreg.ui.screens.catalog import KINDS, SCREENS, screens_for
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, make_user
from tests.qt.conftest import context_for


def test_the_catalog_names_known_permissions_and_kinds_and_each_screen_once() -> None:
    classes = [spec.screen for spec in SCREENS]
    assert len(set(classes)) == len(classes)
    assert all(issubclass(cls, Screen) for cls in classes)
    assert all(spec.permission is None or spec.permission in PERMISSIONS for spec in SCREENS)
    assert all(spec.kinds and set(spec.kinds) <= set(KINDS) for spec in SCREENS)
    offered = {spec.screen for kind in KINDS for role in ROLES for spec in screens_for(kind, role)}
    assert offered == set(classes), "a screen nobody is offered"


def test_screens_for_follows_the_role_and_the_kind() -> None:
    def names(kind: str, role: str) -> list[str]:
        return [spec.screen.__name__ for spec in screens_for(kind, role)]

    assert names("post", "officer") == ["RegisterScreen", "RecordsScreen", "PreferencesScreen"]
    assert names("post", "admin") == ["RegisterScreen", "RecordsScreen", "DashboardScreen", "ExportScreen",
                                      "AccountsScreen", "StationScreen", "PreferencesScreen"]
    assert names("camp", "officer") == ["VerifyScreen", "PreferencesScreen"]
    assert names("camp", "supervisor") == ["VerifyScreen", "AccountsScreen", "StationScreen",
                                           "PreferencesScreen"]


@pytest.fixture
def users(hq: HqDir, post: Session, tmp_path: Path) -> dict[str, dict[str, Session]]:
    """A signed-in session for every role, at the post TGR1 and at a camp: ``users[kind][role]``."""
    camp = create_camp(tmp_path / "camp", camp_id="CAMP1", camp_name="Site de transit",
                       trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint, admin=ADMIN,
                       passphrase=ADMIN_PASS, kdf=FAST_KDF).unlock(ADMIN, ADMIN_PASS)
    return {kind: {"admin": admin, "supervisor": make_user(admin, "mariam", "supervisor"),
                   "officer": make_user(admin, "ali", "officer")}
            for kind, admin in (("post", post), ("camp", camp))}


@pytest.mark.parametrize("kind", KINDS)
def test_every_screen_builds_for_each_role_it_is_offered_to(
        qtbot: Any, users: dict[str, dict[str, Session]], kind: str) -> None:
    for role in ROLES:
        ctx = context_for(users[kind][role])
        for spec in screens_for(kind, role):
            screen = spec.screen(ctx)
            qtbot.addWidget(screen)
            screen.resize(1366, 768)
            screen.show()
            screen.activated()
            qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)  # noqa: B023 - waited for here
            assert screen.title(), f"{spec.screen.__name__} has no title"
            assert not screen.has_unsaved_work(), f"{spec.screen.__name__} as {role} at a {kind}"
            screen.close()
