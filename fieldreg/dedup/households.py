"""Rank candidate pairs by evidence, using the households: who else pairs up.

Example::

    >>> from fieldreg.dedup import Person, score_pair
    >>> people = [
    ...     Person("A/1", "Amadou", "Traoré", sex="M", birth_year=1980, group="A", site="P1"),
    ...     Person("A/2", "Awa", "Traoré", sex="F", birth_year=2010, group="A", site="P1"),
    ...     Person("B/1", "Ahmadou", "Trawore", sex="M", birth_year=1981, group="B", site="P2"),
    ...     Person("B/2", "Hawa", "Traore", sex="F", birth_year=2010, group="B", site="P2"),
    ... ]
    >>> evidence = HouseholdEvidence(people, ref_year=2026)
    >>> ranked = evidence.rank([score_pair(people[0], people[2], ref_year=2026)])
    >>> [(r.match.a, r.match.b, [c.b for c in r.companions]) for r in ranked]
    [('A/2', 'B/2', ['B/1']), ('A/1', 'B/1', ['B/2'])]

An all-pairs pass over a whole country lists every namesake: among a million
people hundreds share "Amadou Traoré", one sex and a birth year within
tolerance. What tells one family from another is the rest of the household:
two registrations whose other members also pair up (names, sexes, birth years)
are far likelier one family registered twice than two families of namesakes.

The evidence is counted in bits (log2 of a likelihood ratio, as record
linkage after Fellegi and Sunter counts it). For each member pair: how rare
the agreeing names and sex are among the people indexed (the rarer side's
first given and family name words), and how much likelier the birth-year gap
is for one person than for two strangers. The household pair's *lead* pair
(the strongest) is weighed against the whole register, with a prior: the
share of people registered twice, estimated from the clear cases among the
candidates, over the register's size. Each other member pair is weighed
against the other household only (its family name not counted again when it
is the lead's); the origin counts once (the same locality: its rarity; spelt
alike: the rarity of such spellings; clearly different: against). Every member
pair of the two households is listed with the household pair's evidence,
strongest first; pairs below ``MIN_EVIDENCE`` are not listed. docs/dedup.md §8
gives every rate and why the cut is where it is.

Members are paired one to one inside a household pair (a person is at most
one member of the other household), and a member whose names the pass did
not bring together (a typo in both names) is still paired there when it
scores at least ``SUPPORT_THRESHOLD``: the rest of the household vouches.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from fieldreg.dedup.birth import year_tolerance
from fieldreg.dedup.person import Match, Person
from fieldreg.dedup.profile import Profile, build_profile
from fieldreg.dedup.scoring import DEFAULT_THRESHOLD, score_profiles
from fieldreg.messages import Message

#: Inside two households that already pair up, a member pair counts from this score.
SUPPORT_THRESHOLD = 0.70
#: Pairs whose households' evidence is below this many bits are not listed
#: (tuned on the evaluation set's dev half and bench_dedup's HQ population with
#: seed 31; docs/dedup.md §8).
MIN_EVIDENCE = -4.0
# How often a re-registration gives its origin as the very same locality, a
# respelling of it, or a clearly different one (a coarser name, another
# place). Weighed against how often strangers do: the share of the register
# from that locality, from localities spelt like it, or from anywhere else.
_SAME_ORIGIN_RATE = 0.55
_SIMILAR_ORIGIN_RATE = 0.2
_DIFFERENT_ORIGIN_BITS = math.log2(0.1 / 0.95)
_SIMILAR_ORIGIN = 85  # rapidfuzz ratio, as scoring's "similar origin locality"
# A birth year given again: the same (estimated) year about three times in ten,
# within the age's tolerance (docs/dedup.md §3) mostly, beyond it rarely;
# exact dates agree almost always.
_SAME_YEAR_RATE = 0.3
_EXACT_SAME_RATE = 0.95
_BEYOND_TOLERANCE_RATE = 0.05
# Shares are estimated as if this many more people had been seen, with typical
# shares: one name word in a hundred, a birth year in eighty, a locality in a
# thousand (a small register says little about how common a name is).
_PSEUDO_PEOPLE = 1000
_TYPICAL_NAME_SHARE = 0.01
_TYPICAL_YEAR_SHARE = 1 / 80
_TYPICAL_LOCALITY_SHARE = 0.001
# Pairs clear enough, with the cheapest prior, to count when estimating how many
# people registered twice.
_CLEAR_BITS = 8.0
# The most one more member pairing up can add (a rare given name, same year).
_COMPANION_BITS_MAX = 12.0


@dataclass(frozen=True)
class RankedPair:
    """A member pair, the evidence (bits) for its two households being one family, and
    the other member pairs of those two households that pair up."""

    match: Match
    evidence: float
    companions: tuple[Match, ...]

    @property
    def reasons(self) -> tuple[Message, ...]:
        return self.match.reasons

    def explanation(self, name_of: dict[str, str] | None = None) -> str:
        """The pair's own reasons, then who else pairs up (by key, or by ``name_of[key]``)."""
        return "; ".join(str(m) for m in self.explained(name_of))

    def explained(self, name_of: dict[str, str] | None = None) -> tuple[Message, ...]:
        def shown(key: str) -> str:
            return name_of.get(key, key) if name_of else key

        extra: list[Message] = []
        if self.companions:
            others = ", ".join(f"{shown(c.a)} / {shown(c.b)}" for c in self.companions)
            extra.append(Message("other members pair up: {others}", others=others))
        else:
            extra.append(Message("no other member pairs up"))
        extra.append(Message("evidence {bits:.1f} bits", bits=self.evidence))
        return self.match.reasons + tuple(extra)


class HouseholdEvidence:
    """How common names, birth years, sexes and origins are among ``people``, and their households."""

    def __init__(self, people: Iterable[Person], *, ref_year: int) -> None:
        self.ref_year = ref_year
        self._people: dict[str, Person] = {}
        self._groups: dict[str, list[str]] = {}
        self._family: Counter[str] = Counter()
        self._given: Counter[str] = Counter()
        self._sex: Counter[str] = Counter()
        self._locality: Counter[str] = Counter()
        years: Counter[int] = Counter()
        for person in people:
            self._people[person.key] = person
            self._groups.setdefault(person.group or person.key, []).append(person.key)
            p = build_profile(person)
            self._family[_first(p.names.family)] += 1
            self._given[_first(p.names.given)] += 1
            self._sex[p.sex] += 1
            self._locality[p.locality] += 1
            if p.birth_year is not None:
                years[p.birth_year] += 1
        self._n = max(1, len(self._people))
        # Cumulative counts by birth year, to count people born within a window in O(1).
        self._first_year = min(years, default=0)
        running = 0
        self._born_by: list[int] = []
        for year in range(self._first_year, max(years, default=-1) + 1):
            running += years[year]
            self._born_by.append(running)
        self._dated = running
        self._profiles: dict[str, Profile] = {}
        self._similar_origins: dict[str, int] = {}
        self._min_evidence = MIN_EVIDENCE
        self._prior = -math.log2(self._n)

    def rank(self, matches: Iterable[Match], *, min_evidence: float = MIN_EVIDENCE) -> list[RankedPair]:
        """Every member pair of the households that ``matches`` bring together, with at least
        ``min_evidence`` bits, strongest first (ties: best score, then keys)."""
        self._min_evidence = min_evidence
        by_households: dict[tuple[str, str], list[Match]] = {}
        for m in matches:
            ga, gb = self._group(m.a), self._group(m.b)
            if ga > gb:
                ga, gb, m = gb, ga, Match(m.b, m.a, m.score, m.reasons)
            by_households.setdefault((ga, gb), []).append(m)
        self._prior = self._estimated_prior(by_households.values())
        ranked = [r for (ga, gb), found in by_households.items() for r in self._household_pair(ga, gb, found)
                  if r.evidence >= min_evidence]
        ranked.sort(key=lambda r: (-r.evidence, -r.match.score, r.match.a, r.match.b))
        return ranked

    def _estimated_prior(self, households: Iterable[list[Match]]) -> float:
        """log2 of the odds that a given stranger is one's duplicate: the share of people
        registered twice (estimated from the pairs the pass found alone that are clearly one
        family, at least ``_CLEAR_BITS`` with the cheapest prior) over the register's size."""
        self._prior = -math.log2(self._n)
        clear = 0
        for found in households:
            paired = _one_to_one(found)
            if self._evidence(paired, max(len(self._groups[self._group(m.b)]) for m in paired)) >= _CLEAR_BITS:
                clear += len(paired)
        return math.log2(max(clear, 1) / self._n) - math.log2(self._n)

    # -- one household pair ----------------------------------------------------------

    def _household_pair(self, ga: str, gb: str, found: list[Match]) -> Iterator[RankedPair]:
        members_a, members_b = self._groups[ga], self._groups[gb]
        lead = max(found, key=lambda m: (self._bits(m), m.score))
        lead_bits = self._bits(lead) + self._prior + self._origin_bits(lead)
        candidates = found
        # Everyone against everyone (the pass only met names it blocks on, and
        # the origin rule kept crowded names apart), unless even one more
        # strong companion could not lift the pair to the cut.
        if (len(members_a) > 1 and len(members_b) > 1
                and (len(found) > 1 or lead_bits + _COMPANION_BITS_MAX >= self._min_evidence)):
            seen = {(m.a, m.b) for m in found}
            candidates = list(found) + [
                m for a in members_a for b in members_b if (a, b) not in seen
                for m in (self._score(a, b),) if m.score >= SUPPORT_THRESHOLD]
        paired = _one_to_one(candidates)
        if not any(m.score >= DEFAULT_THRESHOLD for m in paired):
            return
        ordered = sorted(paired, key=lambda m: -self._bits(m))
        bits = self._evidence(ordered, len(members_b))
        if bits < self._min_evidence:
            return
        explained = [m if m.reasons else self._score(m.a, m.b, explain=True) for m in ordered]
        for m in explained:
            yield RankedPair(m, round(bits, 2), tuple(c for c in explained if c is not m))

    def _evidence(self, paired: list[Match], other_size: int) -> float:
        """Bits for two households being one family, from their member pairs (one to one):
        the strongest pair against the whole register, with the origin; each other pair
        against the other household only, its family name not counted again when shared."""
        ordered = sorted(paired, key=lambda m: -self._bits(m))
        lead = ordered[0]
        lead_family = _first(self._profile(lead.a).names.family)
        bits = self._bits(lead) + self._prior + self._origin_bits(lead)
        for m in ordered[1:]:
            shared = _first(self._profile(m.a).names.family) == lead_family
            bits += max(0.0, self._bits(m, family=not shared) - math.log2(other_size))
        return bits

    def _bits(self, m: Match, *, family: bool = True) -> float:
        """How much likelier ``m``'s agreement is for one person than for two strangers, in bits:
        the rarity of the (rarer side's) names and sex, and the birth years' likelihood ratio."""
        p, q = self._profile(m.a), self._profile(m.b)
        name = max(self._name_frequency(p, family), self._name_frequency(q, family))
        sex = self._share(self._sex[p.sex], 0.5) if p.sex and p.sex == q.sex else 1.0
        return -math.log2(max(name * sex, 1e-12)) + self._birth_bits(p, q)

    def _name_frequency(self, p: Profile, family: bool) -> float:
        given = self._share(self._given[_first(p.names.given)], _TYPICAL_NAME_SHARE)
        return given * (self._share(self._family[_first(p.names.family)], _TYPICAL_NAME_SHARE) if family else 1.0)

    def _birth_bits(self, p: Profile, q: Profile) -> float:
        """log2 of P(this gap | one person) / P(this gap | two strangers)."""
        if p.birth_year is None or q.birth_year is None or not self._born_by:
            return 0.0
        gap = abs(p.birth_year - q.birth_year)
        strangers = (self._born_in(p.birth_year - gap) + (self._born_in(p.birth_year + gap) if gap else 0))
        exact = not p.birth_estimated and not q.birth_estimated
        age = max(0, self.ref_year - max(p.birth_year, q.birth_year))
        tolerance = year_tolerance(age=age, exact=exact)
        if gap == 0:
            same = _EXACT_SAME_RATE if exact else _SAME_YEAR_RATE
        elif gap <= tolerance:
            same = (1 - _SAME_YEAR_RATE - _BEYOND_TOLERANCE_RATE) / tolerance
        else:
            same = _BEYOND_TOLERANCE_RATE * 0.5 ** (gap - tolerance)
        return math.log2(same / strangers)

    def _born_in(self, year: int) -> float:
        """The share of dated people born in ``year``."""
        i = year - self._first_year
        born = 0
        if 0 <= i < len(self._born_by):
            born = self._born_by[i] - (self._born_by[i - 1] if i > 0 else 0)
        return (born + _PSEUDO_PEOPLE * _TYPICAL_YEAR_SHARE) / (self._dated + _PSEUDO_PEOPLE)

    def _origin_bits(self, m: Match) -> float:
        a, b = self._profile(m.a).locality, self._profile(m.b).locality
        if not a or not b:
            return 0.0
        if a == b:
            return math.log2(_SAME_ORIGIN_RATE / self._share(self._locality[a], _TYPICAL_LOCALITY_SHARE))
        if ratio(a, b) >= _SIMILAR_ORIGIN:
            return math.log2(_SIMILAR_ORIGIN_RATE / self._share(self._spelt_like(a), _TYPICAL_LOCALITY_SHARE))
        return _DIFFERENT_ORIGIN_BITS

    def _share(self, count: int, typical: float) -> float:
        """The share of the register ``count`` people make, drawn towards ``typical`` as if
        ``_PSEUDO_PEOPLE`` more people had been seen: in a small register every name is rare
        or common by chance."""
        return (count + _PSEUDO_PEOPLE * typical) / (self._n + _PSEUDO_PEOPLE)

    def _spelt_like(self, locality: str) -> int:
        """How many people come from a locality spelt like ``locality`` (not itself)."""
        found = self._similar_origins.get(locality)
        if found is None:
            others = [k for k in self._locality if k and k != locality]
            found = self._similar_origins[locality] = sum(
                self._locality[other] for other, _, _ in process.extract(
                    locality, others, scorer=ratio, score_cutoff=_SIMILAR_ORIGIN, limit=None))
        return found

    # -- people ------------------------------------------------------------------------

    def _group(self, key: str) -> str:
        person = self._people[key]
        return person.group or person.key

    def _profile(self, key: str) -> Profile:
        found = self._profiles.get(key)
        if found is None:
            found = self._profiles[key] = build_profile(self._people[key])
        return found

    def _score(self, a: str, b: str, *, explain: bool = False) -> Match:
        return score_profiles(self._profile(a), self._profile(b), ref_year=self.ref_year, explain=explain)


def _first(tokens: tuple[object, ...]) -> str:
    """The first word's key ("" when there is none)."""
    return getattr(tokens[0], "key", "") if tokens else ""


def _one_to_one(matches: list[Match]) -> list[Match]:
    """Best pairs first, each member used once."""
    used: set[str] = set()
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-m.score, m.a, m.b)):
        if m.a not in used and m.b not in used:
            used.update((m.a, m.b))
            kept.append(m)
    return kept
