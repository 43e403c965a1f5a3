"""The app beside a damaged household: the records screen and the dashboard keep working and name it.

The store is damaged with sqlite3 (one flipped bit in one envelope), then a new
session signs in, as after restarting the app. All people are fictitious.
"""

from __future__ import annotations

from pathlib import Path

from fieldreg.errors import unreadable_part
from fieldreg.station.session import Session
from fieldreg.ui.screens.dashboard import DashboardScreen
from tests.conftest import ADMIN, ADMIN_PASS
from tests.e2e.test_corrupt_records import damage_household, damage_member_name, register_four
from tests.qt.conftest import context_for
from tests.qt.test_records_screen import open_screen


def test_records_screen_names_a_damaged_record_and_shows_the_others(
        qtbot, post: Session, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, c, d = register_four(post)
    summary = damage_household(data_dir, b, "summary")
    member = damage_member_name(data_dir, c)
    ctx = context_for(post.station.unlock(ADMIN, ADMIN_PASS))
    screen = open_screen(qtbot, ctx)
    screen.search.setText("traore")
    found = screen.run_search()
    assert sorted(h.regno for h in found) == [a, c, d]
    status = screen.search_status.text()
    # The part in words ("household summary"), not as the store names it ("households.summary").
    assert status.startswith("3 registrations found.") and f"{b} (household summary)" in status
    assert summary not in status
    assert screen.open(c) is None  # no dialog, no crash: the pane says why
    text = screen.details.toPlainText()
    assert c in text and str(unreadable_part(member)) in text and "correct it from its slip" in text
    assert not screen.correct_button.isEnabled()
    assert screen.open(d) is not None and "SANGARÉ" in screen.details.toPlainText()


def test_dashboard_counts_the_others_and_names_the_damaged_one(
        qtbot, post: Session, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    a, *_ = register_four(post)
    part = damage_household(data_dir, a, "summary")
    ctx = context_for(post.station.unlock(ADMIN, ADMIN_PASS))
    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitSignal(screen.refresh().finished, timeout=20_000):
        pass
    assert screen.board is not None and screen.board.households == 3
    assert screen.unreadable.isVisible()
    assert f"{a} (household summary)" in screen.unreadable.text() and part not in screen.unreadable.text()
