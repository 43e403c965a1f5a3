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
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from fieldreg.dedup.candidates import member_key, ordered
from fieldreg.hq.decisions import settled
from fieldreg.hq.members import summary
from fieldreg.hq.registry import Registry
from fieldreg.model import HouseholdSummary, MemberSummary

BREAKDOWNS = ("post", "arrival_day", "origin", "sex", "age_band")
# (lowest age, label), youngest first: the usual humanitarian bands.
AGE_BANDS = ((0, "0-4"), (5, "5-11"), (12, "12-17"), (18, "18-59"), (60, "60+"))
UNKNOWN = "unknown"


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
    households: list[tuple[str, str, HouseholdSummary]] = []
    for (regno,) in registry.db.execute(
            "SELECT regno FROM current_households WHERE status = 'active' ORDER BY regno").fetchall():
        version = registry.household(regno)
        households.append((regno, version.post, summary(regno, version.household)))
    households.sort(key=lambda h: (h[2].day or "9999", h[0]))  # first registered first
    people = _People(_same_pairs(registry))
    figures = NationalFigures(registrations=len(households))
    counts: dict[str, dict[str, Counter[str]]] = {name: {"people": Counter(), "households": Counter()}
                                                   for name in BREAKDOWNS}
    for regno, post, household in households:
        counted = [m for m in household.members if people.first_time(member_key(regno, m.uid))]
        figures.members += len(household.members)
        figures.linked += len(household.members) - len(counted)
        if not counted:
            continue
        figures.households += 1
        figures.people += len(counted)
        where = {"post": post, "arrival_day": household.day or UNKNOWN,
                 "origin": " / ".join(p for p in (household.country, household.region) if p) or UNKNOWN}
        for name, value in where.items():
            counts[name]["households"][value] += 1
            counts[name]["people"][value] += len(counted)
        of_each = [{"sex": m.sex or UNKNOWN, "age_band": _age_band(m, household)} for m in counted]
        for name in ("sex", "age_band"):
            values = [person[name] for person in of_each]
            counts[name]["people"].update(values)
            counts[name]["households"].update(set(values))  # households with someone of that sex/band
    figures.by = {name: {value: {"people": c["people"][value], "households": c["households"][value]}
                         for value in set(c["people"]) | set(c["households"])}
                  for name, c in counts.items()}
    return figures


def _same_pairs(registry: Registry) -> list[tuple[str, str]]:
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


def _age_band(member: MemberSummary, household: HouseholdSummary) -> str:
    year = household.day[:4]
    if not member.birth_year or not year.isdigit():
        return UNKNOWN
    age = int(year) - member.birth_year
    return [label for lowest, label in AGE_BANDS if age >= lowest][-1] if age >= 0 else UNKNOWN
