"""The app's background sync with the real receiver, the status bar's words, the dashboard warning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from fieldreg.station.sync import SyncStatus
from fieldreg.ui.background_sync import BackgroundSync
from fieldreg.ui.context import AppContext
from fieldreg.ui.settings import UiSettings
from fieldreg.ui.status import StatusLine
from tests.conftest import make_user
from tests.e2e.hq_receiver import HqSite, Server
from tests.e2e.sync_setup import household_versions_at_hq, post_at, register
from tests.qt.test_dashboard_screen import open_board

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def line(qtbot) -> Iterator[StatusLine]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    yield StatusLine(window.statusBar(), lock=lambda: None)
    window.close()


def words(line: StatusLine, **fields) -> str:  # type: ignore[no-untyped-def]
    base = {"url": "https://hq.example.org:8443", "last_contact": None, "problem": None,
            "permanent": False, "waiting": 0, "oldest_waiting": None}
    line.show_sync(SyncStatus(**{**base, **fields}), now=NOW)
    return line.sync.text()


def test_the_status_bar_says_when_hq_was_reached_and_what_waits(line: StatusLine) -> None:
    today = NOW.astimezone().strftime("%H:%M")
    assert words(line, last_contact="2026-12-05T12:00:00Z") == \
        f"HQ reached today at {today}; nothing waiting"
    assert words(line, url=None) == "HQ address not set: batches go by USB stick; nothing waiting"
    assert words(line, waiting=12, oldest_waiting="2026-11-30T08:00:00Z") == \
        "HQ not reached yet; 12 households waiting, the oldest for 5 day(s)"
    assert words(line, waiting=1, oldest_waiting="2026-12-05T08:00:00Z", problem="HQ not reached",
                 last_contact="2026-12-05T12:00:00Z").startswith(
        f"HQ not reached since today at {today}; 1 household waiting, the oldest since today")
    assert "needs attention" in words(line, problem="the server's TLS key ... is not HQ's",
                                      permanent=True, last_contact="2026-12-01T10:00:00Z")


def test_progress_shows_bytes_and_time_left(line: StatusLine) -> None:
    line.show_progress(4, 300 * 1024, 5000 * 1024, 610.0)
    assert line.sync.text() == "Sending batch 4 to HQ: 300 of 5000 kB, about 10 min left"
    line.show_progress(4, 0, 5000 * 1024, -1.0)
    assert line.sync.text() == "Sending batch 4 to HQ: 0 of 5000 kB"


def test_the_dashboard_warns_after_the_configured_days(qtbot, site: HqSite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    post = post_at(site, tmp_path / "post", "https://127.0.0.1:1", households=2)
    settings = UiSettings(sync_warn_days=0)
    screen = open_board(qtbot, AppContext(tmp_path / "post", post.station, post, settings))
    assert screen.waiting.isVisible() and screen.waiting.kind == "warning"
    assert screen.waiting.text().startswith("2 household(s) registered here have not reached HQ")
    settings.sync_warn_days = 3
    with qtbot.waitSignal(screen.refresh().finished, timeout=20_000):  # type: ignore[union-attr]
        pass
    assert not screen.waiting.isVisible()


def test_a_background_round_uploads_while_the_session_stays_usable(
        qtbot, site: HqSite, server: Server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    post = post_at(site, tmp_path / "post", server.url, households=40)
    owner = QMainWindow()
    qtbot.addWidget(owner)
    sync = BackgroundSync(owner, every=lambda: 3600)
    seen: list[SyncStatus] = []
    moved: list[int] = []
    sync.changed.connect(seen.append)
    sync.progressed.connect(lambda seq, done, size, left: moved.append(done))
    sync.set_session(post, post.station)  # type: ignore[arg-type]
    assert seen and seen[-1].waiting == 40 and seen[-1].last_contact is None
    assert post.batches.prepare() is not None  # the round sends this batch, not a later one
    with qtbot.waitSignal(sync.changed, timeout=60_000):
        assert sync.run_now()
        register(post, 1)  # the officer goes on registering on the app's own connection
    assert not sync.running
    assert seen[-1].last_contact is not None and seen[-1].problem is None
    assert seen[-1].waiting == 1  # the household registered during the round waits for the next
    assert moved and household_versions_at_hq(site) == 40
    sync.set_session(None)


def test_an_officers_session_syncs_in_the_background(
        qtbot, site: HqSite, server: Server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    post = post_at(site, tmp_path / "post", server.url, households=2)
    officer = make_user(post, "ali", "officer")  # most of a day, no supervisor is signed in
    owner = QMainWindow()
    qtbot.addWidget(owner)
    sync = BackgroundSync(owner, every=lambda: 3600)
    seen: list[SyncStatus] = []
    sync.changed.connect(seen.append)
    sync.set_session(officer, post.station)  # type: ignore[arg-type]
    with qtbot.waitSignal(sync.changed, timeout=60_000):
        assert sync.run_now()
    assert seen[-1].problem is None and seen[-1].waiting == 0
    assert household_versions_at_hq(site) == 2
    sync.set_session(None)


def test_the_tooltip_says_what_to_do_in_the_users_language(line: StatusLine) -> None:
    from fieldreg.ui.language import apply_language
    from tests.qt.english import english_in

    problem = "the server's TLS key (K3QF-...) is not HQ's: a wrong address, or a proxy reading the connection"
    words(line, problem=problem, permanent=True)
    assert line.sync.toolTip().startswith("HQ or the connection to it refused something")
    assert line.sync.toolTip().endswith(problem)  # the detail, where the app speaks English
    apply_language("fr")
    try:
        for permanent in (True, False):
            words(line, problem=problem, permanent=permanent)
            assert line.sync.toolTip() and english_in(line.sync.toolTip()) == [], line.sync.toolTip()
        text = words(line, waiting=3, oldest_waiting="2026-12-05T08:00:00Z")
        assert "\u00a0; " in text and english_in(text) == [], text  # French spacing before ';'
    finally:
        apply_language("en")


def test_a_key_hq_published_is_announced_in_the_status_bar(
        qtbot, line: StatusLine, site: HqSite, server: Server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fieldreg.hq.server import publish_enrollment

    post = post_at(site, tmp_path / "post", server.url, households=1)
    package = site.hq.enroll_post("TGR1")  # a key rotation
    publish_enrollment(site.hq.path, "TGR1", package.data)
    owner = QMainWindow()
    qtbot.addWidget(owner)
    sync = BackgroundSync(owner, every=lambda: 3600)
    sync.new_key.connect(line.show_new_key)
    sync.set_session(post, post.station)  # type: ignore[arg-type]
    with qtbot.waitSignal(sync.new_key, timeout=60_000) as fetched:
        assert sync.run_now()
    path = Path(fetched.args[0])
    assert path.read_bytes() == package.data
    assert not line.new_key.isHidden() and line.new_key.text() == "New key from HQ"
    assert f"fieldreg keys load {path}" in line.new_key.toolTip()
    sync.set_session(None)


def test_a_stored_problem_is_worded_in_french_and_an_old_line_still_shows(
        line: StatusLine, tmp_path: Path, site: HqSite) -> None:
    from fieldreg.sqlitedb import transaction
    from fieldreg.station.sync import PROBLEM_META, REASON_META
    from fieldreg.store.post import set_meta
    from fieldreg.ui.language import apply_language
    from tests.qt.english import english_in

    post = post_at(site, tmp_path / "post", "https://127.0.0.1:9", households=1)  # nothing listens
    report = post.sync.run_once()
    assert report.reason is not None and report.reason.code == "no_connection"
    status = post.sync.status()
    assert status.reason == report.reason and status.problem == "HQ not reached (no connection)"
    line.show_sync(status, now=NOW)
    assert line.sync.toolTip().endswith("\nHQ not reached (no connection).")
    apply_language("fr")
    try:
        line.show_sync(status, now=NOW)
        tip = line.sync.toolTip()
        assert tip.endswith("\nSiège injoignable (pas de connexion).") and english_in(tip) == [], tip
        # A round of an earlier version kept only its English line: shown where the app speaks
        # English, as it was; in French, what to do.
        with transaction(post.store.db) as conn:
            set_meta(conn, PROBLEM_META, "HQ not reached (no connection)")
            set_meta(conn, REASON_META, "")
        old = post.sync.status()
        assert old.reason is None
        line.show_sync(old, now=NOW)
        tip = line.sync.toolTip()
        assert tip.startswith("Le siège n'a pas pu être joint"), tip
        assert english_in(tip) == [] and "\n" not in tip, tip
    finally:
        apply_language("en")
    line.show_sync(old, now=NOW)
    assert line.sync.toolTip().endswith("\nHQ not reached (no connection)")
