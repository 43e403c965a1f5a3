"""Possible duplicates across posts, in HQ's registry. Nothing is ever merged.

    with Registry.open(hq) as registry:
        finder = HqDuplicates(registry)              # every member of the current, active households
        finder.pairs()                               # pairs registered at two different posts, best first
        finder.pairs(within_post=True)               # ... and pairs inside one post too
        finder.pairs(same_origin=False)              # any origin, however common the name

A person registered at two posts is the case only HQ can see: each post finds
its own duplicates (the station's duplicate review) and decides them there. So by
default a pair is listed only when its two members were registered at
different posts; pairs a post already decided (``duplicate_decisions``,
imported with its batches) are never proposed again.

At HQ scale a common name, sex and a birth year within tolerance no longer say
"same person": among a million people hundreds share "Amadou Traoré", born
within a few years of each other. So by default, a person with more than
``CROWD`` (10) such namesakes, under any spelling of the name, is paired only
with those whose origin locality is not clearly different (or unknown); a
rarer name is paired whatever the origins. Listing the crowded ones would be
wrong at least 10 times for each time it is right. Both restrictions are applied inside the
blocked pass, before any pair is scored (``DedupIndex.all_pairs``
``across_sites``, ``same_origin`` and ``crowd``). docs/dedup.md "At HQ" gives
what this costs in recall and gains in time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldreg.dedup import DEFAULT_THRESHOLD, Match
from fieldreg.dedup.candidates import Candidate, member_key, ordered, person_of
from fieldreg.dedup.crowd import CROWD
from fieldreg.dedup.index import DedupIndex
from fieldreg.hq.registry import Registry
from fieldreg.model import HouseholdSummary, MemberSummary

#: ``progress(stage, done, total)``; stage is "households" (reading) or "pairs" (blocks).
Progress = Callable[[str, int, int], None]
_LOAD_PROGRESS_EVERY = 10_000  # households


@dataclass(frozen=True)
class HqCandidate(Candidate):
    """A pair as the post lists it, plus the post that registered each member."""

    post_a: str
    post_b: str

    def to_json(self) -> dict[str, object]:
        shown = super().to_json()
        for side, post in (("a", self.post_a), ("b", self.post_b)):
            member = shown[side]
            assert isinstance(member, dict)
            member["post"] = post
        return shown


class HqDuplicates:
    """The duplicate index of every member of the registry's current, non-void households."""

    def __init__(self, registry: Registry, *, progress: Progress | None = None) -> None:
        self._decided = {ordered(a, b) for a, b in registry.db.execute(
            "SELECT member_a, member_b FROM duplicate_decisions")}
        self._members: dict[str, tuple[str, HouseholdSummary, MemberSummary]] = {}
        self._index = DedupIndex()
        regnos = [r[0] for r in registry.db.execute(
            "SELECT regno FROM current_households WHERE status = 'active' ORDER BY regno")]
        for done, regno in enumerate(regnos, start=1):
            version = registry.household(regno)
            household = summary(regno, version.household)
            for member in household.members:
                self._members[member_key(regno, member.uid)] = (version.post, household, member)
                self._index.add(person_of(household, member, site=version.post))
            if progress is not None and (done % _LOAD_PROGRESS_EVERY == 0 or done == len(regnos)):
                progress("households", done, len(regnos))

    def __len__(self) -> int:
        """How many members are indexed."""
        return len(self._members)

    def pairs(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        within_post: bool = False,
        same_origin: bool = True,
        crowd: int = CROWD,
        progress: Progress | None = None,
    ) -> list[HqCandidate]:
        """Undecided candidate pairs, best first (see the module docstring for the defaults)."""
        def blocks(done: int, total: int) -> None:
            if progress is not None:
                progress("pairs", done, total)

        found = [m for m in self._index.all_pairs(
                     threshold=threshold, across_sites=not within_post, same_origin=same_origin,
                     crowd=crowd, progress=blocks)
                 if ordered(m.a, m.b) not in self._decided]
        found.sort(key=lambda m: (-m.score, m.a, m.b))
        return [self._described(m) for m in found]

    def _described(self, match: Match) -> HqCandidate:
        post_a, household_a, member_a = self._members[match.a]
        post_b, household_b, member_b = self._members[match.b]
        return HqCandidate(match, (household_a, member_a), (household_b, member_b), post_a, post_b)


def summary(regno: str, household: dict[str, Any]) -> HouseholdSummary:
    """What the matcher needs of a household as posts export it (docs/formats/household.md).

    The same fields a post's search index keeps (``summary_of`` of the post's
    store), read from the JSON: an exact ``birth_date`` gives an exact
    year; ``birth_year`` or an ``age`` on the arrival date an estimated one.
    """
    origin = household.get("origin") or {}
    arrival = str(household.get("arrival_date") or household.get("arrived_at") or "")
    members = tuple(
        MemberSummary(
            uid=str(m.get("id", n)), given_names=str(m.get("given_names", "")),
            family_name=str(m.get("family_name", "")), other_names=str(m.get("other_names", "")),
            sex=str(m.get("sex", "")), birth_year=_birth_year(m, arrival),
            birth_estimated="birth_date" not in m, relationship=str(m.get("relationship", "")),
        )
        for n, m in enumerate(household.get("members", ()), start=1)
    )
    return HouseholdSummary(regno, arrival[:10], "active", str(origin.get("country", "")),
                            str(origin.get("region", "")), str(origin.get("locality", "")), members)


def _birth_year(member: dict[str, Any], arrival: str) -> int:
    """The member's birth year, 0 when the record gives none (the matcher then ignores it)."""
    try:
        if member.get("birth_date"):
            return int(str(member["birth_date"])[:4])
        if member.get("birth_year"):
            return int(member["birth_year"])
        if member.get("age") is not None and arrival[:4].isdigit():
            return int(arrival[:4]) - int(member["age"])
    except (TypeError, ValueError):
        pass  # HQ imports what posts validated; an odd value only loses the year
    return 0
