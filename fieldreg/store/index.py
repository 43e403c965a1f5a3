"""The in-memory index of an unlocked store: name search and statistics.

Personal fields are encrypted on disk, so searching them there is impossible
by design. After unlock, each registration's small encrypted *summary* (names,
sex, birth year, origin) is decrypted once into this index; searches and
statistics then run in memory and never touch the disk. The index lives only
as long as the unlocked session.

>>> index = RegistryIndex()
>>> index.put("TGR1-26-000001-3", {"day": "2026-11-20", "status": "active",
...     "country": "MLI", "region": "Sikasso", "locality": "Loulouni",
...     "members": [["a1", "Aminata", "Traoré", "", "F", 1990, True, "head"]]})
>>> [h.regno for h in index.search("traore ami")]
['TGR1-26-000001-3']
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

AGE_BANDS = ((0, 4, "0-4"), (5, 11, "5-11"), (12, 17, "12-17"), (18, 59, "18-59"),
             (60, 200, "60+"))


@dataclass(frozen=True)
class MemberSummary:
    uid: str
    given_names: str
    family_name: str
    other_names: str
    sex: str
    birth_year: int
    birth_estimated: bool
    relationship: str


@dataclass(frozen=True)
class HouseholdSummary:
    regno: str
    day: str
    status: str
    country: str
    region: str
    locality: str
    members: tuple[MemberSummary, ...]

    @property
    def head(self) -> MemberSummary:
        return next((m for m in self.members if m.relationship == "head"), self.members[0])


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: 'Traoré' -> 'traore'."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if ch.isalnum() else " " for ch in kept.casefold())


def age_band(age: int) -> str:
    return next(label for low, high, label in AGE_BANDS if low <= age <= high)


class RegistryIndex:
    def __init__(self) -> None:
        self.households: dict[str, HouseholdSummary] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._sorted_tokens: list[str] = []

    def __len__(self) -> int:
        return len(self.households)

    @staticmethod
    def _tokens(summary: HouseholdSummary) -> set[str]:
        words: set[str] = set()
        for m in summary.members:
            words.update(fold(f"{m.given_names} {m.family_name} {m.other_names}").split())
        return words

    def put(self, regno: str, raw: dict[str, Any]) -> HouseholdSummary:
        """Add or replace one registration's summary (as stored, see registry.summary_of)."""
        summary = HouseholdSummary(
            regno=regno, day=raw["day"], status=raw["status"], country=raw["country"],
            region=raw["region"], locality=raw["locality"],
            members=tuple(MemberSummary(*m) for m in raw["members"]),
        )
        old = self.households.get(regno)
        if old is not None:
            for token in self._tokens(old):
                self._postings[token].discard(regno)
        self.households[regno] = summary
        for token in self._tokens(summary):
            if token not in self._postings:
                bisect.insort(self._sorted_tokens, token)
            self._postings[token].add(regno)
        return summary

    def _prefix_matches(self, prefix: str) -> set[str]:
        found: set[str] = set()
        start = bisect.bisect_left(self._sorted_tokens, prefix)
        for token in self._sorted_tokens[start:]:
            if not token.startswith(prefix):
                break
            found |= self._postings[token]
        return found

    def search(self, text: str, *, limit: int = 50) -> list[HouseholdSummary]:
        """Households where every word of ``text`` starts a name of one of its members.

        Exact word matches rank before prefix matches; newer registrations first.
        """
        words = fold(text).split()
        if not words:
            return []
        hits: set[str] | None = None
        for word in words:
            matched = self._prefix_matches(word)
            hits = matched if hits is None else hits & matched
            if not hits:
                return []
        assert hits is not None

        def rank(regno: str) -> tuple[int, str]:
            tokens = self._tokens(self.households[regno])
            return (sum(word in tokens for word in words), regno)

        return [self.households[r] for r in sorted(hits, key=rank, reverse=True)[:limit]]

    def find_regno(self, fragment: str, *, limit: int = 50) -> list[HouseholdSummary]:
        """Registrations whose number contains ``fragment`` (case-insensitive)."""
        needle = fragment.strip().upper()
        found = sorted((r for r in self.households if needle in r), reverse=True)
        return [self.households[r] for r in found[:limit]]

    def active(self) -> Iterable[HouseholdSummary]:
        return (h for h in self.households.values() if h.status == "active")

    def stats(self) -> dict[str, Any]:
        """Arrivals (active registrations) by day, origin, sex and age band."""
        by_day: dict[str, Counter[str]] = defaultdict(Counter)
        by_origin: Counter[str] = Counter()
        by_sex: Counter[str] = Counter()
        by_band: Counter[str] = Counter()
        households = people = 0
        for h in self.active():
            households += 1
            people += len(h.members)
            by_day[h.day]["households"] += 1
            by_day[h.day]["people"] += len(h.members)
            by_origin[" / ".join(p for p in (h.country, h.region) if p)] += len(h.members)
            arrival_year = date.fromisoformat(h.day).year
            for m in h.members:
                by_sex[m.sex] += 1
                by_band[age_band(max(0, arrival_year - m.birth_year))] += 1
        return {
            "households": households,
            "people": people,
            "voided": sum(1 for h in self.households.values() if h.status == "void"),
            "by_day": {d: dict(c) for d, c in sorted(by_day.items())},
            "by_origin": dict(by_origin.most_common()),
            "by_sex": dict(sorted(by_sex.items())),
            "by_age_band": {label: by_band[label] for _, _, label in AGE_BANDS},
        }

