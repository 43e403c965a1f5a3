"""The supervisor's dashboard in numbers: arrivals per day, breakdowns, unusual flows.

    board = build_dashboard(session.households.stats(), today=date.today(), multiple=2.0)
    for day in board.days[-14:]:
        print(day.day, day.people, "UNUSUAL" if day.unusual else "")

Everything here is computed from :meth:`fieldreg.station.households.Households.stats` (the
in-memory index of the unlocked store); nothing is read from disk, nothing is
drawn. The desktop app's dashboard screen draws it; the CLI could print it.

The "unusual flow" rule: a day's arrivals (people, not households: a flow is
counted in persons) *exceed* ``multiple`` times the *trailing average*, the
mean over the ``window`` days before it (the day itself left out). Days with
no registration between the first registration and today count as zero. A day
is only judged once at least ``min_history`` earlier days of this post's
record exist, so a post's first days never raise the alarm.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fieldreg.errors import InvalidInput

DEFAULT_WINDOW = 7
DEFAULT_MIN_HISTORY = 3
TOP_ORIGINS = 8  # origins listed by name; the rest are summed into one row
OTHER_ORIGINS = "*other*"  # the summed row's key (the screen translates it)
UNKNOWN_ORIGIN = ""  # a household whose origin was not given


@dataclass(frozen=True)
class DayCount:
    """One calendar day at the post."""

    day: date
    households: int
    people: int
    trailing_average: float | None  # people per day over the window before; None: too little history
    unusual: bool

    @property
    def ratio(self) -> float | None:
        """How many times the trailing average this day's arrivals are (None if undefined)."""
        if self.trailing_average is None or self.trailing_average == 0:
            return None
        return self.people / self.trailing_average


@dataclass(frozen=True)
class Dashboard:
    households: int
    people: int
    voided: int
    days: tuple[DayCount, ...]  # consecutive, oldest first; empty for an empty post
    by_origin: tuple[tuple[str, int], ...]  # (origin, people), largest first; see OTHER_ORIGINS
    by_sex: tuple[tuple[str, int], ...]  # (F | M | X, people)
    by_age_band: tuple[tuple[str, int], ...]  # ("0-4", people) ... in band order
    multiple: float
    window: int

    @property
    def empty(self) -> bool:
        return self.households == 0 and self.voided == 0

    def last(self, n: int) -> tuple[DayCount, ...]:
        """The last ``n`` days of the series (fewer if the post is younger)."""
        return self.days[-n:] if n > 0 else ()

    @property
    def unusual_days(self) -> tuple[DayCount, ...]:
        return tuple(d for d in self.days if d.unusual)


def arrivals_per_day(
    by_day: Mapping[str, Mapping[str, int]], *, today: date | None = None,
) -> list[tuple[date, int, int]]:
    """``(day, households, people)`` for every day from the first arrival to the last one or
    ``today`` (whichever is later), days without arrivals filled with zeros.

    >>> arrivals_per_day({"2026-11-18": {"households": 1, "people": 3},
    ...                   "2026-11-20": {"households": 2, "people": 5}})  # doctest: +NORMALIZE_WHITESPACE
    [(datetime.date(2026, 11, 18), 1, 3), (datetime.date(2026, 11, 19), 0, 0),
     (datetime.date(2026, 11, 20), 2, 5)]
    """
    if not by_day:
        return []
    counts = {date.fromisoformat(day): c for day, c in by_day.items()}
    first, last = min(counts), max(counts)
    if today is not None and today > last:
        last = today
    out = []
    day = first
    while day <= last:
        c = counts.get(day, {})
        out.append((day, int(c.get("households", 0)), int(c.get("people", 0))))
        day += timedelta(days=1)
    return out


def flag_unusual(
    people: Sequence[int], *, multiple: float, window: int = DEFAULT_WINDOW,
    min_history: int = DEFAULT_MIN_HISTORY,
) -> list[tuple[float | None, bool]]:
    """For each day of a gap-free series: (trailing average, unusual?).

    >>> flag_unusual([10, 10, 10, 20, 21], multiple=2.0)
    [(None, False), (None, False), (None, False), (10.0, False), (12.5, False)]
    >>> flag_unusual([10, 10, 10, 21], multiple=2.0)[-1]
    (10.0, True)
    """
    if window < 1 or min_history < 1 or min_history > window:
        raise InvalidInput(
            "the trailing window ({window} days) must hold the minimum history ({min_history} days), both at least 1",
            window=window, min_history=min_history
        )
    if not multiple > 0:
        raise InvalidInput("the unusual-flow multiple must be positive, not {multiple}", multiple=multiple)
    out: list[tuple[float | None, bool]] = []
    for i, count in enumerate(people):
        before = people[max(0, i - window):i]
        if len(before) < min_history:
            out.append((None, False))
            continue
        average = sum(before) / len(before)
        out.append((average, count > multiple * average))
    return out


def build_dashboard(
    stats: Mapping[str, Any], *, today: date | None = None, multiple: float,
    window: int = DEFAULT_WINDOW, min_history: int = DEFAULT_MIN_HISTORY,
    top_origins: int = TOP_ORIGINS,
) -> Dashboard:
    """The dashboard of one post from ``session.households.stats()`` (see RegistryIndex.stats)."""
    series = arrivals_per_day(stats.get("by_day", {}), today=today)
    flags = flag_unusual([people for _, _, people in series], multiple=multiple, window=window,
                         min_history=min_history)
    days = tuple(DayCount(day, households, people, average, unusual)
                 for (day, households, people), (average, unusual) in zip(series, flags, strict=True))
    return Dashboard(
        households=int(stats.get("households", 0)),
        people=int(stats.get("people", 0)),
        voided=int(stats.get("voided", 0)),
        days=days,
        by_origin=top_with_rest(stats.get("by_origin", {}), top_origins),
        by_sex=tuple((k, int(v)) for k, v in stats.get("by_sex", {}).items()),
        by_age_band=tuple((k, int(v)) for k, v in stats.get("by_age_band", {}).items()),
        multiple=multiple,
        window=window,
    )


def top_with_rest(counts: Mapping[str, int], top: int) -> tuple[tuple[str, int], ...]:
    """The ``top`` largest entries, largest first (ties by name), then the rest summed.

    >>> top_with_rest({"MLI / Sikasso": 9, "BFA": 2, "MLI / Kayes": 4}, 2)
    (('MLI / Sikasso', 9), ('MLI / Kayes', 4), ('*other*', 2))
    """
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    head = [(k, int(v)) for k, v in ranked[:top]]
    rest = sum(int(v) for _, v in ranked[top:])
    if rest:
        head.append((OTHER_ORIGINS, rest))
    return tuple(head)


def share(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole`` (0 when there is no whole)."""
    return 100.0 * part / whole if whole else 0.0
