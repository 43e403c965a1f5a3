"""People of one name (and sex), sorted by birth year, for the all-pairs pass.

Example::

    >>> bucket = Bucket(sorted([(1990, 0), (-1, 1), (1993, 2), (2010, 3)]))   # (birth year or -1, slot)
    >>> lo, hi = bucket.window(1991, 2); bucket.rows[lo:hi]                    # born 1989-1993
    [(1990, 0), (1993, 2)]
    >>> bucket.rows[:bucket.unknown]          # no birth year: in every window
    [(-1, 1)]

``SEX_MEETS`` says which sex buckets are compared when a different sex cannot
reach the threshold.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable


class Bucket:
    """People of one name (and sex), sorted by birth year; those without one (-1) first."""

    __slots__ = ("_origins", "rows", "unknown", "years")

    def __init__(self, rows: list[tuple[int, int]]) -> None:
        self.rows = rows
        self.years = [y for y, _ in rows]
        self.unknown = bisect.bisect_right(self.years, -1)
        self._origins: dict[str, Bucket] | None = None

    def window(self, year: int, window: int) -> tuple[int, int]:
        """Where the people born within ``window`` years of ``year`` are (all of them if unknown)."""
        if year < 0:
            return self.unknown, len(self.rows)
        return (bisect.bisect_left(self.years, year - window, lo=self.unknown),
                bisect.bisect_right(self.years, year + window, lo=self.unknown))

    def origins(self, locality_of: Callable[[int], str]) -> dict[str, Bucket]:
        """The same people by origin locality ("" when unknown; ``locality_of(slot)``), made on first need."""
        if self._origins is None:
            groups: dict[str, list[tuple[int, int]]] = {}
            for row in self.rows:
                groups.setdefault(locality_of(row[1]), []).append(row)
            self._origins = {origin: Bucket(rows) for origin, rows in groups.items()}
        return self._origins


# Which sex buckets meet when a different sex cannot reach the threshold
# ("?": not recorded, meets everyone); "" is the single bucket otherwise.
SEX_MEETS = {"F": ("F", "?"), "M": ("M", "?"), "?": ("F", "M", "?"), "": ("",)}
