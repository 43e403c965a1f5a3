"""The dashboard: arrivals per day drawn, breakdowns, and the unusual-flow highlight."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fieldreg.station.session import Session
from fieldreg.ui.context import AppContext
from fieldreg.ui.screens.dashboard import DashboardScreen, utc_today
from fieldreg.validation import parse_household
from tests.conftest import household, make_user
from tests.qt.conftest import context_for


def arrive(session: Session, days_ago: int, households: int) -> None:
    day = (utc_today() - timedelta(days=days_ago)).isoformat()
    for _ in range(households):
        session.households.register(parse_household(household(arrival_date=day)))  # 3 people each


def open_board(qtbot, ctx: AppContext) -> DashboardScreen:  # type: ignore[no-untyped-def]
    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    with qtbot.waitSignal(screen.refresh().finished, timeout=20_000):
        pass
    assert screen.board is not None
    return screen


def quiet_week_then(session: Session, spike: int) -> None:
    for days_ago in range(7, 1, -1):
        arrive(session, days_ago, 1)
    arrive(session, 1, spike)


def test_a_spike_is_highlighted(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    quiet_week_then(ctx.session, spike=3)  # 9 people after six days of 3: above 2 x 3
    screen = open_board(qtbot, ctx)
    assert screen.unusual.isVisible() and screen.unusual.kind == "warning"
    text = screen.unusual.text()
    assert text.startswith("Unusual flow: 9 people on ")
    assert text.endswith("(before: 3.0 a day on average).")
    values = screen.chart_values()
    assert len(values) == 8  # the post's first day to today, fewer than the 14 shown
    assert [(u, x) for _, u, x in values] == [(3, 0)] * 6 + [(0, 9), (0, 0)]
    assert screen.totals.text() == "9 households, 27 people registered (0 voided)"
    # The breakdowns: everyone came from Sikasso; 2 of 3 of each household are female.
    assert screen.by_origin.item(0, 0).text() == "MLI / Sikasso"
    assert screen.by_origin.item(0, 1).text() == "27"
    sexes = {screen.by_sex.item(r, 0).text(): screen.by_sex.item(r, 1).text()
             for r in range(screen.by_sex.rowCount())}
    assert sexes == {"Women and girls": "18", "Men and boys": "9"}
    # Each household: a head born 1990, a child of 7, one born 2024.
    ages = {screen.by_age.item(r, 0).text(): screen.by_age.item(r, 1).text()
            for r in range(screen.by_age.rowCount())}
    assert ages == {"0 to 4 years": "9", "5 to 11 years": "9", "12 to 17 years": "0",
                    "18 to 59 years": "9", "60 years and over": "0"}
    assert screen.by_age.item(0, 2).text() == "33 %"


def test_no_highlight_without_a_spike(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    quiet_week_then(ctx.session, spike=2)  # 6 people: exactly 2 x the average, not above
    screen = open_board(qtbot, ctx)
    assert screen.unusual.isHidden() and screen.unusual.kind == ""
    assert all(x == 0 for _, _, x in screen.chart_values())


def test_the_multiple_comes_from_the_settings(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    quiet_week_then(ctx.session, spike=3)
    ctx.settings.unusual_flow_multiple = 3.0  # 9 people is not above 3 x 3
    screen = open_board(qtbot, ctx)
    assert screen.unusual.isHidden()
    assert "exceed 3 times the average of the 7 days" in screen.rule.text()


def test_an_empty_post(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    screen = open_board(qtbot, ctx)
    assert screen.empty.isVisible() and screen.empty.text().startswith("No registrations yet")
    assert screen.chart_box.isHidden() and screen.unusual.isHidden()
    assert screen.totals.text() == "0 households, 0 people registered (0 voided)"


def test_a_longer_period_shows_more_days(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    arrive(ctx.session, 20, 1)
    arrive(ctx.session, 0, 1)
    screen = open_board(qtbot, ctx)
    assert len(screen.chart_values()) == 14
    screen.period.setCurrentIndex(1)
    assert len(screen.chart_values()) == 21


def test_an_officer_sees_no_figures(qtbot, post: Session) -> None:  # type: ignore[no-untyped-def]
    officer = make_user(post, "ali", "officer")
    arrive(officer, 1, 2)
    screen = DashboardScreen(context_for(officer))
    qtbot.addWidget(screen)
    screen.show()
    assert screen.refresh() is None
    screen.activated()
    assert screen.refused.isVisible() and screen.board is None
    assert screen.totals.text() == ""


def test_in_french(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    import fieldreg.ui

    translator = QTranslator()
    assert translator.load(str(Path(fieldreg.ui.__file__).parent / "translations" / "fieldreg_fr.qm"))
    previous = QLocale()
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.IvoryCoast))
    try:
        quiet_week_then(ctx.session, spike=3)
        screen = open_board(qtbot, ctx)
        assert screen.windowTitle() == "Tableau de bord"
        assert screen.unusual.text().startswith("Afflux inhabituel\u00a0: 9 personnes le ")
        assert "(auparavant\u00a0: 3,0 par jour en moyenne)" in screen.unusual.text()
        assert screen.totals.text() == "9 ménages, 27 personnes enregistrées (0 annulés)"
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_one_count_at_a_time(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    arrive(ctx.session, 1, 1)
    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.refresh() is not None
    assert screen.refresh() is None  # activated again while counting: not a second thread
    qtbot.waitUntil(lambda: screen.board is not None and not screen.busy, timeout=20_000)
    assert screen.board.households == 1


def test_integrity_alerts_are_shown_to_supervisors(qtbot, post: Session, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from tests.conftest import ADMIN, ADMIN_PASS

    other = post.households.register(parse_household(household()))
    regno = post.households.register(parse_household(household()))
    conn = sqlite3.connect(data_dir / "fieldreg.db", isolation_level=None)
    conn.execute("DELETE FROM members WHERE household_id ="
                 " (SELECT id FROM households WHERE regno = ?)", (regno,))
    conn.execute("DELETE FROM households WHERE regno = ?", (regno,))
    conn.close()
    session = post.station.unlock(ADMIN, ADMIN_PASS)  # the sign-in records the alert
    screen = open_board(qtbot, context_for(session))
    assert screen.alerts.isVisible() and screen.alerts.kind == "warning"
    assert regno in screen.alerts.text() and "fieldreg audit verify" in screen.alerts.text()
    assert other not in screen.alerts.text()
    assert screen.board is not None and screen.board.households == 1  # the figures still show


def test_no_alert_notice_on_an_untouched_post(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    arrive(ctx.session, 1, 1)
    screen = open_board(qtbot, ctx)
    assert not screen.alerts.isVisible()
