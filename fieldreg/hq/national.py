"""The national figures: people and households counted once across posts (``hq report``).

    figures = national_figures(registry)
    figures.people, figures.households          # each person and each household once
    figures.by["post"]["TGR1"]                  # {"people": 812, "households": 240}
    figures.to_json(); figures.csv()            # for the team's spreadsheets

Counted: the members of every current, active registration. People whom a
"same" decision links — HQ's (fieldreg/hq/decisions.py) or a post's own,
imported with its batches, the newest decision of each pair counting — are one
person, counted once, where they were registered first (earliest arrival, then
registration number): that registration gives the post, the day of arrival
and the origin, and the member gives the sex and the age band (age in whole
years at arrival). A household is counted where at least one person is
counted in it: a family registered again, every member linked to the first
registration, adds nobody and no household. Counts only, never a person's data.

How: SQL ``GROUP BY`` over the counting rows of the current, active versions
(``hq_counted_members``, fieldreg/hq/counted.py; no household is opened), read
in the caller's snapshot; then, in Python, the few households with a member
linked to someone counted before are taken out and counted again without that
member. Decisions are made by people, so they are few next to the registry.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from fieldreg.dedup.candidates import member_key, ordered
from fieldreg.hq.counted import TABLE, UNKNOWN, Counted, of_regnos
from fieldreg.hq.decisions import settled
from fieldreg.hq.registry import Registry

BREAKDOWNS = ("post", "arrival_day", "origin", "sex", "age_band")
_HOUSEHOLD_LEVEL = ("post", "arrival_day", "origin")  # the same for every member of a household


@dataclass
class NationalFigures:
    people: int = 0
    households: int = 0
    registrations: int = 0  # active registrations read, duplicates included
    members: int = 0  # their members, duplicates included
    linked: int = 0  # members counted as someone already counted
    # breakdown -> value -> {"people": n, "households": n}
    by: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"people": self.people, "households": self.households,
                "registrations": self.registrations, "members": self.members,
                "linked_members": self.linked,
                "by": {name: dict(sorted(values.items())) for name, values in self.by.items()}}

    def csv(self) -> str:
        """``breakdown,value,people,households`` rows, totals first (RFC 4180, CRLF lines)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["breakdown", "value", "people", "households"])
        writer.writerow(["total", "", self.people, self.households])
        for name in BREAKDOWNS:
            for value, counts in sorted(self.by.get(name, {}).items()):
                writer.writerow([name, value, counts["people"], counts["households"]])
        return out.getvalue()

    def lines(self) -> list[str]:
        out = [f"counted once across posts: {self.people} people in {self.households} households "
               f"({self.members} members of {self.registrations} active registrations; "
               f"{self.linked} linked to someone counted already)"]
        for name in BREAKDOWNS:
            shown = ", ".join(f"{value} {c['people']}/{c['households']}"
                              for value, c in sorted(self.by.get(name, {}).items()))
            out.append(f"  by {name.replace('_', ' ')} (people/households): {shown or '-'}")
        return out


def national_figures(registry: Registry) -> NationalFigures:
    """Count the registry's people and households once (module docstring)."""
    tally: _Tally = defaultdict(lambda: [0, 0])
    figures = NationalFigures()
    for post, day, origin, people, households in registry.db.execute(
            f"SELECT post, arrival_day, origin, COUNT(*), SUM(household_first) FROM {TABLE}"
            " WHERE current_active = 1 GROUP BY post, arrival_day, origin"):
        figures.members += people
        figures.registrations += households
        for name, value in zip(_HOUSEHOLD_LEVEL, (post, day, origin), strict=True):
            _add(tally, name, value, people, households)
    for sex, band, people, with_sex, with_band in registry.db.execute(
            f"SELECT sex, age_band, COUNT(*), SUM(sex_first), SUM(band_first) FROM {TABLE}"
            " WHERE current_active = 1 GROUP BY sex, age_band"):
        _add(tally, "sex", sex, people, with_sex)
        _add(tally, "age_band", band, people, with_band)
    linked, households = _linked(registry)
    for members in households.values():  # counted again without their linked members
        kept = [m for m in members if (m.regno, m.n) not in linked]
        _count_household(tally, members, -1)
        _count_household(tally, kept, 1)
    figures.linked = len(linked)
    figures.people = figures.members - figures.linked
    figures.households = figures.registrations - sum(
        all((m.regno, m.n) in linked for m in members) for members in households.values())
    figures.by = {name: {} for name in BREAKDOWNS}
    for (name, value), (people, households_) in tally.items():
        if people:
            figures.by[name][value] = {"people": people, "households": households_}
    return figures


_Tally = defaultdict[tuple[str, str], list[int]]  # (breakdown, value) -> [people, households]


def _add(tally: _Tally, name: str, value: str, people: int, households: int) -> None:
    tally[(name, value)][0] += people
    tally[(name, value)][1] += households


def _count_household(tally: _Tally, members: list[Counted], sign: int) -> None:
    """Add (``sign`` 1) or take out (-1) one household's counted ``members``."""
    if not members:
        return
    first = members[0]
    for name in _HOUSEHOLD_LEVEL:
        _add(tally, name, getattr(first, name), sign * len(members), sign)
    for name in ("sex", "age_band"):
        values = [getattr(m, name) for m in members]
        for value in set(values):
            _add(tally, name, value, sign * values.count(value), sign)


def _linked(registry: Registry) -> tuple[set[tuple[str, int]], dict[str, list[Counted]]]:
    """Members counted as someone counted already, as (regno, n), and the households they are in.

    Of each person's members (keys linked by "same" decisions) in current, active
    registrations, the first registered counts: earliest arrival day (an unknown
    day last), then registration number, then place in the household.
    """
    people = _People(same_pairs(registry))
    keys = people.keys
    rows = [m for m in of_regnos(registry.db, {key.partition("/")[0] for key in keys})
            if member_key(m.regno, m.member) in keys]
    rows.sort(key=lambda m: ("9999" if m.arrival_day == UNKNOWN else m.arrival_day, m.regno, m.n))
    linked: set[tuple[str, int]] = set()
    for m in rows:
        if not people.first_time(member_key(m.regno, m.member)):
            linked.add((m.regno, m.n))
    affected = {regno for regno, _ in linked}
    households: dict[str, list[Counted]] = defaultdict(list)
    for m in of_regnos(registry.db, affected):
        households[m.regno].append(m)
    return linked, households


def same_pairs(registry: Registry) -> list[tuple[str, str]]:
    """Pairs whose newest decision, at HQ or at a post, is "same"."""
    newest: dict[tuple[str, str], tuple[str, str]] = {}
    for a, b, decision, at in registry.db.execute(
            "SELECT member_a, member_b, decision, at FROM duplicate_decisions"):
        pair = ordered(a, b)
        if pair not in newest or at >= newest[pair][1]:
            newest[pair] = (decision, at)
    for pair, d in settled(registry).items():
        if pair not in newest or d.decided_at >= newest[pair][1]:
            newest[pair] = (d.decision, d.decided_at)
    return [pair for pair, (decision, _) in newest.items() if decision == "same"]


class _People:
    """Member keys linked by "same" decisions into people (union-find)."""

    def __init__(self, same: list[tuple[str, str]]) -> None:
        self._parent: dict[str, str] = {}
        self._seen: set[str] = set()
        self.keys = {key for pair in same for key in pair}  # every member key a decision names
        for a, b in same:
            self._parent[self._root(a)] = self._root(b)

    def _root(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            self._parent[key] = self._parent.get(self._parent[key], self._parent[key])
            key = self._parent[key]
        return key

    def first_time(self, key: str) -> bool:
        """True the first time one of this person's member keys is met."""
        root = self._root(key)
        if root in self._seen:
            return False
        self._seen.add(root)
        return True
