"""The dashboard's numbers: arrivals per day, breakdowns, the unusual-flow rule."""

from __future__ import annotations

from datetime import date

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.station.dashboard import (
    OTHER_ORIGINS,
    arrivals_per_day,
    build_dashboard,
    flag_unusual,
    share,
    top_with_rest,
)
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household


def test_arrivals_per_day_fills_gaps_with_zeros_up_to_today() -> None:
    by_day = {"2026-11-18": {"households": 1, "people": 3},
              "2026-11-21": {"households": 2, "people": 5}}
    assert arrivals_per_day(by_day, today=date(2026, 11, 23)) == [
        (date(2026, 11, 18), 1, 3), (date(2026, 11, 19), 0, 0), (date(2026, 11, 20), 0, 0),
        (date(2026, 11, 21), 2, 5), (date(2026, 11, 22), 0, 0), (date(2026, 11, 23), 0, 0)]
    # "today" before the last arrival (a clock behind) never cuts the series.
    assert arrivals_per_day(by_day, today=date(2026, 11, 1))[-1] == (date(2026, 11, 21), 2, 5)
    assert arrivals_per_day({}, today=date(2026, 11, 23)) == []


def test_a_day_just_above_the_multiple_is_unusual_and_exactly_at_it_is_not() -> None:
    week = [10] * 7
    assert flag_unusual([*week, 20], multiple=2.0)[-1] == (10.0, False)
    assert flag_unusual([*week, 21], multiple=2.0)[-1] == (10.0, True)
    assert flag_unusual([*week, 30], multiple=3.0)[-1] == (10.0, False)
    assert flag_unusual([*week, 31], multiple=3.0)[-1] == (10.0, True)


def test_the_trailing_average_is_the_window_before_the_day() -> None:
    # An old spike falls out of the 7-day window; the day itself is never in its own average.
    people = [100, 0, 0, 0, 0, 0, 0, 0, 1]
    flags = flag_unusual(people, multiple=2.0)
    assert flags[7] == (pytest.approx(100 / 7), False)
    assert flags[8] == (0.0, True)  # anything after a week of silence stands out
    assert flag_unusual([100, 1, 1, 5], multiple=2.0, window=2, min_history=2)[-1] == (1.0, True)
    assert flag_unusual([100, 1, 1, 5], multiple=2.0, window=3, min_history=2)[-1] == (34.0, False)


def test_the_first_days_of_a_post_are_not_judged() -> None:
    flags = flag_unusual([1, 50, 500, 5000], multiple=2.0, min_history=3)
    assert flags[:3] == [(None, False)] * 3
    assert flags[3] == (pytest.approx(551 / 3), True)
    assert flag_unusual([1, 50], multiple=2.0, min_history=1)[1] == (1.0, True)


@pytest.mark.parametrize("kwargs", [{"window": 0}, {"min_history": 0}, {"window": 2, "min_history": 3},
                                    {"multiple": 0.0}])
def test_nonsense_parameters_are_refused(kwargs: dict[str, float]) -> None:
    args = {"multiple": 2.0, **kwargs}
    with pytest.raises(InvalidInput):
        flag_unusual([1, 2, 3], **args)  # type: ignore[arg-type]


def test_top_origins_and_the_rest() -> None:
    counts = {"MLI / Sikasso": 9, "BFA": 2, "MLI / Kayes": 4, "NER": 2}
    assert top_with_rest(counts, 2) == (("MLI / Sikasso", 9), ("MLI / Kayes", 4), (OTHER_ORIGINS, 4))
    assert top_with_rest(counts, 10)[-2:] == (("BFA", 2), ("NER", 2))
    assert share(1, 4) == 25.0 and share(3, 0) == 0.0


def test_an_empty_post(admin: Session) -> None:
    board = build_dashboard(admin.households.stats(), today=date(2026, 11, 23), multiple=2.0)
    assert board.empty and board.days == () and board.unusual_days == ()
    assert board.households == board.people == 0
    assert board.by_origin == () and board.by_sex == ()
    assert [n for _, n in board.by_age_band] == [0, 0, 0, 0, 0]
    assert board.last(14) == ()


def test_from_a_real_session(admin: Session) -> None:
    def arrive(day: str, n: int, **origin: str) -> None:
        for _ in range(n):
            extra = {"origin": {"country": "MLI", **origin}} if origin else {}
            admin.households.register(parse_household(household(arrival_date=day, **extra)))

    for day in ("2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13"):
        arrive(day, 1)
    arrive("2026-11-15", 4, region="Kayes")  # 12 people after 2 days of 3 and one of 0
    voided = admin.households.register(parse_household(household(arrival_date="2026-11-15")))
    admin.households.void(voided, reason="registered twice")

    board = build_dashboard(admin.households.stats(), today=date(2026, 11, 16), multiple=2.0)
    assert [(d.day.day, d.households, d.people) for d in board.days] == [
        (10, 1, 3), (11, 1, 3), (12, 1, 3), (13, 1, 3), (14, 0, 0), (15, 4, 12), (16, 0, 0)]
    assert [d.day.day for d in board.unusual_days] == [15]
    spike = board.days[5]
    assert spike.trailing_average == pytest.approx(12 / 5) and spike.ratio == pytest.approx(5.0)
    assert board.households == 8 and board.people == 24 and board.voided == 1
    assert board.by_origin == (("MLI / Kayes", 12), ("MLI / Sikasso", 12))
    assert dict(board.by_sex) == {"F": 16, "M": 8}
    # Born 1990 (35-36 at arrival), age 7, born 2024: one adult and two young children each.
    assert dict(board.by_age_band) == {"0-4": 8, "5-11": 8, "12-17": 0, "18-59": 8, "60+": 0}
    assert [d.day.day for d in board.last(2)] == [15, 16]
