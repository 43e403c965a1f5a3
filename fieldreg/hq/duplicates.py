"""Possible duplicates across posts, in HQ's registry, ranked by evidence. Nothing is ever merged.

    with Registry.open(hq) as registry:
        finder = HqDuplicates(registry)              # every member of the current, active households
        finder.pairs()                               # pairs registered at two posts, strongest evidence first
        finder.pairs(processes=2)                    # the pass shared by two processes
        finder.pairs(within_post=True)               # ... and pairs inside one post too
        finder.pairs(same_origin=False)              # any origin, however common the name
        finder.pairs(min_evidence=float("-inf"))     # every candidate pair, however weak

A person registered at two posts is the case only HQ can see: each post finds
its own duplicates (the station's duplicate review) and decides them there. So by
default a pair is listed only when its two members were registered at
different posts; pairs a post decided (``duplicate_decisions``, imported with
its batches) or HQ decided (``hq_decisions``, fieldreg/hq/decisions.py) are
never proposed again.

Two steps. The blocked pass (``DedupIndex.all_pairs``) finds the candidate
member pairs: across posts, and, for a person with more than ``CROWD`` (10)
namesakes under any spelling, only with people of a compatible origin (the
origin rule: docs/dedup.md §7). Then the households decide
(fieldreg/dedup/households.py): the members of two households the pass
brought together — or in which three members pair up by name keys, when the
origin rule kept them apart (fieldreg/dedup/families.py) — are paired one to
one, and each pair is listed with the evidence, in bits, that its two
households are one family — the rarity of the
names, sexes and birth years that agree, the other members who pair up, the
origin — strongest first, down to ``MIN_EVIDENCE``. docs/dedup.md §8 gives the
figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fieldreg.dedup import DEFAULT_THRESHOLD, Match
from fieldreg.dedup.candidates import Candidate, member_key, ordered, person_of
from fieldreg.dedup.crowd import CROWD
from fieldreg.dedup.households import MIN_EVIDENCE, HouseholdEvidence, RankedPair
from fieldreg.dedup.index import DedupIndex
from fieldreg.dedup.parallel import all_pairs_in_processes
from fieldreg.hq.decisions import settled
from fieldreg.hq.members import summary
from fieldreg.hq.registry import Registry
from fieldreg.model import HouseholdSummary, MemberSummary

#: ``progress(stage, done, total)``; stage is "households" (reading) or "pairs" (blocks).
Progress = Callable[[str, int, int], None]
_LOAD_PROGRESS_EVERY = 10_000  # households


@dataclass(frozen=True)
class HqCandidate(Candidate):
    """A pair as the post lists it, plus the post of each member, the evidence and who else pairs up."""

    post_a: str
    post_b: str
    evidence: float = 0.0
    companions: tuple[Match, ...] = ()
    explanation: str = ""

    def to_json(self) -> dict[str, object]:
        shown = super().to_json()
        for side, post in (("a", self.post_a), ("b", self.post_b)):
            member = shown[side]
            assert isinstance(member, dict)
            member["post"] = post
        shown["evidence"] = self.evidence
        shown["explanation"] = self.explanation
        shown["household"] = [{"a": c.a, "b": c.b, "score": round(c.score, 3)} for c in self.companions]
        return shown


class HqDuplicates:
    """The duplicate index of every member of the registry's current, non-void households."""

    def __init__(self, registry: Registry, *, progress: Progress | None = None) -> None:
        self._decided = {ordered(a, b) for a, b in registry.db.execute(
            "SELECT member_a, member_b FROM duplicate_decisions")} | set(settled(registry))
        self._members: dict[str, tuple[str, HouseholdSummary, MemberSummary]] = {}
        self._index = DedupIndex()
        total = registry.current_state().totals.get("active", (0, 0))[0] if progress else 0
        people = []
        for done, version in enumerate(registry.current_active(), start=1):
            regno = version.regno
            household = summary(regno, version.household)
            for member in household.members:
                self._members[member_key(regno, member.uid)] = (version.post, household, member)
                person = person_of(household, member, site=version.post)
                self._index.add(person)
                people.append(person)
            if progress is not None and (done % _LOAD_PROGRESS_EVERY == 0 or done == total):
                progress("households", done, total)
        self._evidence = HouseholdEvidence(people, ref_year=self._index.ref_year)

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
        min_evidence: float = MIN_EVIDENCE,
        processes: int = 1,
        progress: Progress | None = None,
    ) -> list[HqCandidate]:
        """Undecided pairs with at least ``min_evidence`` bits, strongest first (module docstring)."""
        def blocks(done: int, total: int) -> None:
            if progress is not None:
                progress("pairs", done, total)

        if processes > 1:
            found = all_pairs_in_processes(self._index, processes=processes, threshold=threshold,
                                           across_sites=not within_post, same_origin=same_origin, crowd=crowd)
            blocks(1, 1)
        else:
            found = list(self._index.all_pairs(threshold=threshold, across_sites=not within_post,
                                               same_origin=same_origin, crowd=crowd, progress=blocks))
        ranked = self._evidence.rank(found, min_evidence=min_evidence, across_sites=not within_post,
                                     processes=processes)
        return [self._described(r) for r in ranked if ordered(r.match.a, r.match.b) not in self._decided]

    def _described(self, ranked: RankedPair) -> HqCandidate:
        match = ranked.match
        post_a, household_a, member_a = self._members[match.a]
        post_b, household_b, member_b = self._members[match.b]
        names = {key: self._name(key) for c in ranked.companions for key in (c.a, c.b)}
        return HqCandidate(match, (household_a, member_a), (household_b, member_b), post_a, post_b,
                           ranked.evidence, ranked.companions, ranked.explanation(names))

    def _name(self, key: str) -> str:
        member = self._members[key][2]
        return f"{member.given_names} {member.family_name}".strip() or key

