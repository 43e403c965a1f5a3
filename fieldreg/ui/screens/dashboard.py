"""The supervisor's dashboard: arrivals per day (a chart), origins, sex, age bands, unusual flows.

All numbers come from :mod:`fieldreg.station.dashboard` over ``session.households.stats()``; this
screen only draws them. QtCharts (PySide6-Addons) is imported when the chart is
first built, so starting the app never pays for it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldreg.model import Unreadable
from fieldreg.station import dashboard
from fieldreg.station.dashboard import Dashboard, DayCount
from fieldreg.station.sync import SyncStatus
from fieldreg.ui.background_sync import days_waiting
from fieldreg.ui.context import AppContext
from fieldreg.ui.screens import Screen
from fieldreg.ui.tasks import Task
from fieldreg.ui.text import joined, translated, unreadable_line
from fieldreg.ui.widgets.notice import Notice

PERIODS = (14, 31)  # days shown in the chart
NORMAL_COLOUR = "#4a78b5"
UNUSUAL_COLOUR = "#c62828"
MAX_DAYS_NAMED = 3  # unusual days spelled out in the highlight
MAX_UNREADABLE_NAMED = 10  # registrations that cannot be opened, named in the notice


Counted = tuple[Dashboard, list[str], list[Unreadable], SyncStatus | None]


def utc_today() -> date:
    """Arrival days are kept as UTC dates (see fieldreg.store.registry.summary_of)."""
    return datetime.now(UTC).date()


class DashboardScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Dashboard"))
        self.board: Dashboard | None = None
        self.allowed = ctx.session.account.may("stats") and not ctx.is_camp
        self._chart: Any = None  # QtCharts objects, built on first data
        self._chart_view: Any = None

        body, layout = self.scrolling_column()

        self.refused = QLabel(self.tr("Only supervisors and administrators of a border post "
                                      "see the dashboard."), body)
        self.refused.setObjectName("dashboardRefused")
        self.refused.setWordWrap(True)
        self.refused.setVisible(not self.allowed)
        layout.addWidget(self.refused)

        top = QHBoxLayout()
        self.totals = QLabel(body)
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet("QLabel { font-size: 15px; font-weight: bold; }")
        top.addWidget(self.totals, 1)
        top.addWidget(QLabel(self.tr("Show:"), body))
        self.period = QComboBox(body)
        self.period.setObjectName("period")
        for days in PERIODS:
            self.period.addItem(self.tr("the last {n} days").format(n=days), days)
        self.period.currentIndexChanged.connect(self._draw)
        top.addWidget(self.period)
        layout.addLayout(top)

        self.alerts = Notice(body)
        self.alerts.setObjectName("integrityAlerts")
        layout.addWidget(self.alerts)
        self.unusual = Notice(body)
        self.unusual.setObjectName("unusualFlow")
        layout.addWidget(self.unusual)
        self.waiting = Notice(body)  # households HQ has not acknowledged for too long
        self.waiting.setObjectName("hqWaiting")
        layout.addWidget(self.waiting)
        self.unreadable = Notice(body)  # registrations that cannot be opened: left out, named
        self.unreadable.setObjectName("unreadableRecords")
        layout.addWidget(self.unreadable)
        self.empty = Notice(body)
        self.empty.setObjectName("dashboardEmpty")
        layout.addWidget(self.empty)

        self.chart_box = QGroupBox(self.tr("Arrivals per day (people)"), body)
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.rule = QLabel(self.chart_box)
        self.rule.setWordWrap(True)
        self.chart_layout.addWidget(self.rule)
        layout.addWidget(self.chart_box)

        grid = QGridLayout()
        self.by_origin = self._table(body, self.tr("Origin"))
        self.by_sex = self._table(body, self.tr("Sex"))
        self.by_age = self._table(body, self.tr("Age"))
        for column, (title, table) in enumerate((
                (self.tr("By origin (people)"), self.by_origin),
                (self.tr("By sex (people)"), self.by_sex),
                (self.tr("By age band at arrival (people)"), self.by_age))):
            box = QGroupBox(title, body)
            QVBoxLayout(box).addWidget(table)
            grid.addWidget(box, 0, column)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        for widget in (self.totals, self.period, self.chart_box, self.by_origin, self.by_sex,
                       self.by_age):
            widget.setEnabled(self.allowed)

    def _table(self, parent: QWidget, what: str) -> QTableWidget:
        table = QTableWidget(0, 3, parent)
        table.setHorizontalHeaderLabels([what, self.tr("People"), self.tr("Share")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # labels get the room
        for number_column in (1, 2):
            header.setSectionResizeMode(number_column, QHeaderView.ResizeMode.ResizeToContents)
        table.setMinimumHeight(120)
        return table

    # -- the screen contract -------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def refresh(self) -> Task | None:
        """Recompute from the session (off the UI thread: a large post has many households)."""
        if not self.allowed or self.busy:
            return None  # one count at a time: the session is not shared between threads
        session, multiple = self.ctx.session, self.ctx.settings.unusual_flow_multiple
        today = utc_today()
        may_audit = session.account.may("audit")
        may_sync = session.account.may("sync")

        def work(progress: Any) -> Counted:
            board = dashboard.build_dashboard(session.households.stats(), today=today,
                                              multiple=multiple)
            alerts = session.audit.alerts() if may_audit else []
            return (board, [translated(session.audit.describe(a)) for a in alerts],
                    session.households.unreadable(),
                    session.sync.status() if may_sync else None)

        return self.run_busy(self.tr("Counting arrivals…"), work, on_done=self._counted)

    def _counted(self, result: Counted) -> None:
        board, alerts, unreadable, sync = result
        self.show_board(board, alerts)
        self.show_unreadable(unreadable)
        self.show_waiting(sync)

    def show_waiting(self, status: SyncStatus | None) -> None:
        """Warn when households have waited longer than the setting for HQ's acknowledgement."""
        days = None if status is None else days_waiting(status)
        if status is None or days is None or days < self.ctx.settings.sync_warn_days:
            self.waiting.clear_notice()
            return
        self.waiting.show_warning(self.tr(
            "{n} household(s) registered here have not reached HQ; the oldest has waited "
            "{days} day(s). Connect to HQ (sync) or send a batch on a USB stick.").format(
                n=status.waiting, days=days))

    def show_unreadable(self, found: list[Unreadable]) -> None:
        """Name the registrations that cannot be opened (left out of these counts and of
        the batches), and what a supervisor can do."""
        if not found:
            self.unreadable.clear_notice()
            return
        self.unreadable.show_failure(self.tr(
            "{count} registration(s) cannot be opened (damaged or altered) and are left out of "
            "these counts, searches and batches for HQ: {records}. Correct each from its slip "
            "('fieldreg correct REGNO FILE'), or restore the data file from a backup; HQ is "
            "told in the next batch.").format(
                count=QLocale().toString(len(found)),
                records=", ".join(unreadable_line(u) for u in found[:MAX_UNREADABLE_NAMED])
                + ("…" if len(found) > MAX_UNREADABLE_NAMED else "")))

    def show_board(self, board: Dashboard, alerts: list[str] | None = None) -> None:
        self.board = board
        self._show_alerts(alerts or [])
        locale = QLocale()
        self.totals.setText(self.tr("{households} households, {people} people registered "
                                    "({voided} voided)").format(
            households=locale.toString(board.households), people=locale.toString(board.people),
            voided=locale.toString(board.voided)))
        self.rule.setText(self.tr(
            "A day stands out in red when its arrivals exceed {multiple} times the average of "
            "the {window} days before it (the multiple is set in Preferences).").format(
            multiple=locale.toString(board.multiple, "g", 3), window=board.window))
        self._fill(self.by_origin, [(self._origin_name(k), n) for k, n in board.by_origin],
                   board.people)
        self._fill(self.by_sex, [(self._sex_name(k), n) for k, n in board.by_sex], board.people)
        self._fill(self.by_age, [(self._band_name(k), n) for k, n in board.by_age_band],
                   board.people)
        self._draw()

    # -- drawing -------------------------------------------------------------------------

    def shown_days(self) -> tuple[DayCount, ...]:
        if self.board is None:
            return ()
        return self.board.last(int(self.period.currentData()))

    def _draw(self) -> None:
        if self.board is None:
            return
        days = self.shown_days()
        if not days:
            self.empty.show_info(self.tr("No registrations yet: the dashboard fills in as "
                                         "households are registered."))
            self.unusual.clear_notice()
            self.chart_box.hide()
            return
        self.empty.clear_notice()
        self.chart_box.show()
        self._show_unusual([d for d in days if d.unusual])
        self._plot(days)

    def _show_alerts(self, alerts: list[str]) -> None:
        """Tampering the post found (audit alerts): the newest few, and where to see them all."""
        if not alerts:
            self.alerts.clear_notice()
            return
        shown = joined(list(reversed(alerts[-MAX_DAYS_NAMED:])))
        self.alerts.show_warning(self.tr(
            "{n} integrity alert(s) recorded at this post, newest first: {alerts}. "
            "Run 'fieldreg audit verify' and tell HQ.").format(n=len(alerts), alerts=shown))

    def _show_unusual(self, unusual: list[DayCount]) -> None:
        if not unusual:
            self.unusual.clear_notice()
            return
        locale = QLocale()
        parts = []
        for d in reversed(unusual[-MAX_DAYS_NAMED:]):  # the most recent first
            assert d.trailing_average is not None
            parts.append(self.tr("{people} people on {day} (before: {average} a day on "
                                 "average)").format(
                people=locale.toString(d.people), day=self._day_name(d, long=True),
                average=locale.toString(d.trailing_average, "f", 1)))
        text = self.tr("Unusual flow: {days}.").format(days=joined(parts))
        if len(unusual) > MAX_DAYS_NAMED:
            text += " " + self.tr("Earlier days of this period stand out too (in red).")
        self.unusual.show_warning(text)

    def _plot(self, days: tuple[DayCount, ...]) -> None:
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSet,
            QChart,
            QChartView,
            QStackedBarSeries,
            QValueAxis,
        )
        from PySide6.QtGui import QColor, QPainter

        if self._chart is None:
            # The view makes and owns its chart; every chart object below is created with a
            # Qt parent, so Qt alone deletes them (never Python's garbage collector too).
            self._chart_view = QChartView(self.chart_box)
            self._chart_view.setObjectName("arrivalsChart")
            self._chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._chart_view.setMinimumHeight(260)
            self._chart = self._chart_view.chart()
            self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            self.chart_layout.addWidget(self._chart_view)
        chart = self._chart
        chart.removeAllSeries()  # deletes them and their bar sets
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        series = QStackedBarSeries(chart)
        usual = QBarSet(self.tr("People"), series)
        usual.setColor(QColor(NORMAL_COLOUR))
        unusual = QBarSet(self.tr("Unusual flow"), series)
        unusual.setColor(QColor(UNUSUAL_COLOUR))
        for d in days:
            usual.append(0 if d.unusual else d.people)
            unusual.append(d.people if d.unusual else 0)
        series.append(usual)
        series.append(unusual)
        chart.addSeries(series)
        x = QBarCategoryAxis(chart)
        x.append([self._day_name(d) for d in days])
        x.setLabelsAngle(-90 if len(days) > 16 else 0)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        y = QValueAxis(chart)
        top = max(d.people for d in days)
        y.setRange(0, max(top, 4) * 1.1)
        y.setLabelFormat("%d")
        y.applyNiceNumbers()
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)

    def chart_values(self) -> list[tuple[str, float, float]]:
        """(day label, usual, unusual) as drawn: what a test reads back from the chart."""
        if self._chart is None:
            return []
        (series,) = self._chart.series()
        usual, unusual = series.barSets()
        x = next(a for a in self._chart.axes(Qt.Orientation.Horizontal))
        return [(x.at(i), usual.at(i), unusual.at(i)) for i in range(usual.count())]

    # -- words -----------------------------------------------------------------------------

    def _fill(self, table: QTableWidget, rows: list[tuple[str, int]], whole: int) -> None:
        locale = QLocale()
        table.setRowCount(len(rows))
        for r, (name, count) in enumerate(rows):
            cells = (name, locale.toString(count),
                     self.tr("{percent} %").format(
                         percent=locale.toString(dashboard.share(count, whole), "f", 0)))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)

    @staticmethod
    def _day_name(d: DayCount, *, long: bool = False) -> str:
        day = QDate(d.day.year, d.day.month, d.day.day)
        return QLocale().toString(day, "dddd d MMMM" if long else "d MMM")

    def _origin_name(self, key: str) -> str:
        if key == dashboard.OTHER_ORIGINS:
            return self.tr("Other origins")
        if key == dashboard.UNKNOWN_ORIGIN:
            return self.tr("Not given")
        return key

    def _sex_name(self, key: str) -> str:
        return {"F": self.tr("Women and girls"), "M": self.tr("Men and boys"),
                "X": self.tr("Other or not stated")}.get(key, key)

    def _band_name(self, key: str) -> str:
        return {"0-4": self.tr("0 to 4 years"), "5-11": self.tr("5 to 11 years"),
                "12-17": self.tr("12 to 17 years"), "18-59": self.tr("18 to 59 years"),
                "60+": self.tr("60 years and over")}.get(key, key)
