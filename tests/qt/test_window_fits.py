"""The window fits a 1366×768 and a 1280×720 laptop screen, frame and task bar included.

For every screen of the catalog, as every role, at a post and at a camp, in
French (the longer texts) and English: the window is given what such a screen
leaves it (the available area less a task bar, less a window frame, as
:func:`fieldreg.ui.geometry.fitted_geometry` computes it) and every visible
widget must lie inside it, nothing may scroll sideways, and the window must
keep that size (a screen whose minimum size is larger would grow it past the
screen's edge, status bar and lock button with it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from fieldreg.keys import HqDir
from fieldreg.station.enrollment import create_camp
from fieldreg.station.session import Session
from fieldreg.store.accounts import ROLES
from fieldreg.ui.geometry import PREFERRED, TYPICAL_FRAME, fitted_geometry, show_fitted
from fieldreg.ui.language import apply_language
from fieldreg.ui.main_window import MainWindow
from fieldreg.ui.screens.catalog import KINDS, screens_for
from fieldreg.ui.settings import UiSettings
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, make_user

SCREEN_SIZES = ((1366, 768), (1280, 720))
TASK_BAR = 40  # a Windows task bar at the bottom of the screen
FRAME = QMargins(4, 30, 4, 4)  # a title bar and borders (openbox: 1, 22, 1, 1 here)
TIMEOUT = 20_000

def client_area(width: int, height: int) -> QRect:
    return fitted_geometry(QRect(0, 0, width, height - TASK_BAR), FRAME)


def ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def misfits(window: QWidget) -> list[str]:
    """What does not fit: widgets (partly) outside the window, and sideways scroll bars."""
    found = []
    inside = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        where = rect_in(widget, window)
        viewport = next((a.viewport() for a in ancestors(widget)
                         if isinstance(a, QAbstractScrollArea) and widget is not a.viewport()
                         and a.viewport() in [widget, *ancestors(widget)]), None)
        if viewport is not None:
            # In a scrolling area a widget may be above or below what is shown, never beside it.
            port = rect_in(viewport, window)
            if where.left() < port.left() - 1 or where.right() > port.right() + 1:
                found.append(f"{type(widget).__name__} {widget.objectName()!r} beside its scroll area "
                             f"({where.getRect()} in {port.getRect()})")
        elif not inside.contains(where):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} outside the window "
                         f"({where.getRect()} in {inside.getRect()})")
    for area in window.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            found.append(f"sideways scroll bar: {type(area).__name__} {area.objectName()!r} "
                         f"({area.horizontalScrollBar().maximum()} px)")
    return found


@pytest.fixture
def users(hq: HqDir, post: Session, tmp_path: Path) -> dict[str, dict[str, Session]]:
    """A signed-in session for every role, at the post TGR1 and at a camp: ``users[kind][role]``."""
    camp = create_camp(tmp_path / "camp", camp_id="CAMP1", camp_name="Site de transit de Ouangolodougou",
                       trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint, admin=ADMIN,
                       passphrase=ADMIN_PASS, kdf=FAST_KDF).unlock(ADMIN, ADMIN_PASS)
    return {kind: {"admin": admin, "supervisor": make_user(admin, "mariam", "supervisor"),
                   "officer": make_user(admin, "ali", "officer")}
            for kind, admin in (("post", post), ("camp", camp))}


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_language(request.param)
    yield request.param
    apply_language("en")


def test_the_window_is_fitted_inside_the_free_area_with_its_frame() -> None:
    assert fitted_geometry(QRect(0, 0, 1366, 768), QMargins(1, 22, 1, 1)) == QRect(43, 22, 1280, 745)
    # Smaller than the preferred size: all the room there is, frame and task bar outside it.
    assert fitted_geometry(QRect(0, 0, 1280, 680), QMargins(4, 30, 4, 4)) == QRect(4, 30, 1272, 646)
    # A second screen to the right, with a panel on top.
    assert fitted_geometry(QRect(1920, 32, 1280, 688), QMargins(0, 37, 0, 0)) == QRect(1920, 69, 1280, 651)
    # A large screen: the preferred size, centred.
    big = fitted_geometry(QRect(0, 0, 2560, 1400), FRAME)
    assert big.size() == PREFERRED and big.center().x() in (1279, 1280)


def test_show_fitted_keeps_the_window_and_its_assumed_frame_on_the_screen(qtbot, tmp_path: Path) -> None:
    window = MainWindow(tmp_path, None, settings=UiSettings())
    qtbot.addWidget(window)
    show_fitted(window)
    qtbot.waitExposed(window)
    free = window.screen().availableGeometry()
    framed = window.geometry().marginsAdded(TYPICAL_FRAME)  # offscreen windows get no frame of their own
    assert free.contains(framed), (framed, free)
    assert window.width() == min(PREFERRED.width(), free.width() - 8)


@pytest.mark.parametrize("language", ["fr", "en"], indirect=True)
@pytest.mark.parametrize("kind", KINDS)
def test_every_screen_fits_both_laptop_screens_for_every_role(
        qtbot, users: dict[str, dict[str, Session]], kind: str, language: str) -> None:
    for role in ROLES:
        session = users[kind][role]
        window = MainWindow(session.station.data_dir, session.station, settings=UiSettings(language=language))
        qtbot.addWidget(window)
        window.setGeometry(client_area(*SCREEN_SIZES[0]))
        window.show()
        qtbot.waitExposed(window)
        assert window.login_screen is not None
        for size in SCREEN_SIZES:
            window.setGeometry(client_area(*size))
            QApplication.processEvents()
            assert misfits(window) == [], f"sign-in page at {size}"
        with qtbot.waitSignal(window.workspace.screenShown, timeout=TIMEOUT):
            window.login_screen.signedIn.emit(session)
        offered = [spec.screen for spec in screens_for(kind, role)]
        assert [type(s) for s in window.screens] == offered
        for row, screen in enumerate(window.screens):
            window.show_screen(row)
            qtbot.waitUntil(lambda: not screen.busy, timeout=TIMEOUT)  # noqa: B023 - waited for here
            for size in SCREEN_SIZES:
                wanted = client_area(*size)
                window.setGeometry(wanted)
                QApplication.processEvents()
                assert window.size() == wanted.size(), (
                    f"{type(screen).__name__} ({role}, {language}) makes the window larger than {size}")
                found = misfits(window)
                assert found == [], f"{type(screen).__name__} as {role} at a {kind} ({language}) at {size}"
        window.lock()
        window.close()
