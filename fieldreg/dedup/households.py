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
Households the pass did not bring together at all are still weighed when
``FAMILY_PAIRED`` of their members pair up by name keys
(fieldreg/dedup/families.py): a family whose every name is crowded and who
gave another origin. ``rank(..., processes=n)`` weighs the household pairs
on n forked processes.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from fieldreg.dedup.birth import year_tolerance
from fieldreg.dedup.blocking import pair_keys
from fieldreg.dedup.families import FamilyKeys
from fieldreg.dedup.parallel import in_processes
from fieldreg.dedup.person import Match, Person
from fieldreg.dedup.profile import Names, Profile, build_names, build_traits
from fieldreg.dedup.scoring import DEFAULT_THRESHOLD, LOCALITY_SIMILAR, WORD_MATCH, birth_window, score_profiles
from fieldreg.messages import Message

#: Inside two households that already pair up, a member pair of the same (or an
#: unrecorded) sex counts from this score (docs/dedup.md §8: why 0.62).
SUPPORT_THRESHOLD = 0.62
# Spellings kept normalised for scoring members again (a million would take gigabytes).
_SPELLINGS_KEPT = 2**18
# Beyond this birth-year gap no member pair can reach SUPPORT_THRESHOLD, whatever its names.
_SUPPORT_WINDOW = birth_window(1.0, SUPPORT_THRESHOLD)
# Members in common between two households the pass did not bring together: born close
# enough to be one person at the pass's own threshold (as wide as SUPPORT_WINDOW found no
# more families on bench_dedup's 100,000 people, and 1.8 times the household pairs).
_FAMILY_WINDOW = birth_window(1.0, DEFAULT_THRESHOLD)
#: Households the pass did not bring together (their names are crowded and their origins
#: differ: fieldreg/dedup/families.py) are listed only when this many members pair up.
#: Two are what namesake couples do: on bench_dedup's 100,000 people (seed 31; cut at −4
#: bits), 1,932 of the 1,950 household pairs found so with two members pairing up were
#: namesakes; with three or more, 213 of 461 were one family (docs/dedup.md §8).
FAMILY_PAIRED = 3
#: Pairs whose households' evidence is below this many bits are not listed
#: (chosen on the evaluation set and bench_dedup's HQ population, seeds 31 and
#: 21; docs/dedup.md §8).
MIN_EVIDENCE = -5.0
# How often a re-registration gives its origin as the very same locality, a
# respelling of it, or a clearly different one (a coarser name, another
# place). Weighed against how often strangers do: the share of the register
# from that locality, from localities spelt like it, or from anywhere else.
_SAME_ORIGIN_RATE = 0.55
_SIMILAR_ORIGIN_RATE = 0.2
_DIFFERENT_ORIGIN_BITS = math.log2(0.1 / 0.95)
_SIMILAR_ORIGIN = LOCALITY_SIMILAR * 100  # rapidfuzz ratio: two spellings of one place
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
        self._facts: dict[str, _Facts] = {}
        self._groups: dict[str, list[str]] = {}
        self._family: Counter[str] = Counter()
        self._given: Counter[str] = Counter()
        self._sex: Counter[str] = Counter()
        self._locality: Counter[str] = Counter()
        years: Counter[int] = Counter()
        # People share names and traits: each spelling and each (sex, year, origin) is
        # normalised once (a million people hold a few hundred thousand spellings).
        names: dict[tuple[str, str, str], tuple[str, str, tuple[str, ...]]] = {}
        traits: dict[tuple[str, int | None, bool, str], Profile] = {}
        for person in people:
            self._people[person.key] = person
            self._groups.setdefault(person.group or person.key, []).append(person.key)
            spelling = (person.given_names, person.family_name, person.other_names)
            named = names.get(spelling) or names.setdefault(spelling, _named(build_names(*spelling)))
            told = (person.sex, person.birth_year, person.birth_estimated, person.locality)
            trait = traits.get(told) or traits.setdefault(told, build_traits(
                sex=person.sex, birth_year=person.birth_year, birth_estimated=person.birth_estimated,
                locality=person.locality))
            facts = self._facts[person.key] = _Facts(*named[:2], trait.sex, trait.birth_year,
                                                     trait.birth_estimated, sys.intern(trait.locality), named[2])
            self._family[facts.family] += 1
            self._given[facts.given] += 1
            self._sex[facts.sex] += 1
            self._locality[facts.locality] += 1
            if facts.birth_year is not None:
                years[facts.birth_year] += 1
        self._n = max(1, len(self._people))
        # Cumulative counts by birth year, to count people born within a window in O(1).
        self._first_year = min(years, default=0)
        running = 0
        self._born_by: list[int] = []
        for year in range(self._first_year, max(years, default=-1) + 1):
            running += years[year]
            self._born_by.append(running)
        self._dated = running
        self._names_of: dict[tuple[str, str, str], Names] = {}
        self._bits_of: dict[tuple[str, str, bool], float] = {}
        self._similar_origins: dict[str, int] = {}
        self._min_evidence = MIN_EVIDENCE
        self._prior = -math.log2(self._n)

    def rank(self, matches: Iterable[Match], *, min_evidence: float = MIN_EVIDENCE,
             across_sites: bool = True, processes: int = 1) -> list[RankedPair]:
        """Every member pair of the households that ``matches`` bring together, or in which
        ``FAMILY_PAIRED`` members pair up (fieldreg/dedup/families.py; at two sites with
        ``across_sites``), with at least ``min_evidence`` bits, strongest first (ties: best
        score, then keys). The household pairs are weighed on ``processes`` processes."""
        self._min_evidence = min_evidence
        by_households: dict[tuple[str, str], list[Match]] = {}
        for m in matches:
            ga, gb = self._group(m.a), self._group(m.b)
            if ga > gb:
                ga, gb, m = gb, ga, Match(m.b, m.a, m.score, ())
            by_households.setdefault((ga, gb), []).append(m)
        self._prior = -math.log2(self._n)  # the cheapest, to estimate the real one
        clear = sum(in_processes(self._clear_members, list(by_households.values()), processes))
        self._prior = math.log2(max(clear, 1) / self._n) - math.log2(self._n)
        for pair in self._family_pairs(across_sites):
            by_households.setdefault(pair, [])
        weighed = in_processes(self._weighed, list(by_households.items()), processes)
        ranked = [r for part in weighed for bits, paired in part for r in self._explained(bits, paired)]
        ranked.sort(key=lambda r: (-r.evidence, -r.match.score, r.match.a, r.match.b))
        self._names_of.clear()
        return ranked

    def _family_pairs(self, across_sites: bool) -> set[tuple[str, str]]:
        keys = FamilyKeys(window=_FAMILY_WINDOW)
        for group, members in self._groups.items():
            if len(members) > 1:
                facts = [self._facts[k] for k in members]
                keys.add(group, self._people[members[0]].site, [(f.keys, f.sex, f.birth_year) for f in facts])
        return keys.pairs(across_sites=across_sites, members=FAMILY_PAIRED)

    def _clear_members(self, households: list[list[Match]]) -> int:
        """How many member pairs the pass found alone are clearly one family: at least
        ``_CLEAR_BITS`` with the cheapest prior (to estimate the share of people registered twice)."""
        clear = 0
        for found in households:
            paired = _one_to_one(found)
            if self._evidence(paired, max(len(self._groups[self._group(m.b)]) for m in paired)) >= _CLEAR_BITS:
                clear += len(paired)
            self._bits_of.clear()
        return clear

    def _weighed(self, households: list[tuple[tuple[str, str], list[Match]]]) -> list[tuple[float, list[Match]]]:
        """The evidence and member pairs (one to one, strongest first) of each household pair
        that reaches the cut."""
        out = []
        for (ga, gb), found in households:
            weighed = self._household_pair(ga, gb, found)
            self._bits_of.clear()  # remembered for one household pair only: millions otherwise
            if weighed is not None:
                out.append(weighed)
        return out

    def _explained(self, bits: float, paired: list[Match]) -> Iterator[RankedPair]:
        explained = [m if m.reasons else self._score(m.a, m.b, explain=True) for m in paired]
        for m in explained:
            yield RankedPair(m, round(bits, 2), tuple(c for c in explained if c is not m))

    # -- one household pair ----------------------------------------------------------

    def _household_pair(self, ga: str, gb: str, found: list[Match]) -> tuple[float, list[Match]] | None:
        members_a, members_b = self._groups[ga], self._groups[gb]
        candidates = found
        # Everyone against everyone (the pass only met names it blocks on, and
        # the origin rule kept crowded names apart), unless even one more
        # strong companion could not lift the pair to the cut.
        if len(members_a) > 1 and len(members_b) > 1 and (len(found) != 1 or self._may_rise(found[0])):
            seen = {(m.a, m.b) for m in found}
            candidates = list(found) + [
                m for a in members_a for b in members_b if (a, b) not in seen and self._may_support(a, b)
                for m in (self._score(a, b),) if m.score >= SUPPORT_THRESHOLD]
        paired = _one_to_one(candidates)
        if not any(m.score >= DEFAULT_THRESHOLD for m in paired) or (not found and len(paired) < FAMILY_PAIRED):
            return None
        ordered = sorted(paired, key=lambda m: -self._bits(m))
        bits = self._evidence(ordered, len(members_b))
        return (bits, ordered) if bits >= self._min_evidence else None

    def _may_rise(self, lead: Match) -> bool:
        """Whether one more strong member pair could lift ``lead``'s households to the cut."""
        return self._bits(lead) + self._prior + self._origin_bits(lead) + _COMPANION_BITS_MAX >= self._min_evidence

    def _evidence(self, paired: list[Match], other_size: int) -> float:
        """Bits for two households being one family, from their member pairs (one to one):
        the strongest pair against the whole register, with the origin; each other pair
        against the other household only, its family name not counted again when shared."""
        ordered = sorted(paired, key=lambda m: -self._bits(m))
        lead = ordered[0]
        lead_family = self._facts[lead.a].family
        bits = self._bits(lead) + self._prior + self._origin_bits(lead)
        for m in ordered[1:]:
            shared = self._facts[m.a].family == lead_family
            bits += max(0.0, self._bits(m, family=not shared) - math.log2(other_size))
        return bits

    def _bits(self, m: Match, *, family: bool = True) -> float:
        """How much likelier ``m``'s agreement is for one person than for two strangers, in bits:
        the rarity of the (rarer side's) names that agree and of the sex, and the birth years'
        likelihood ratio. A name that does not agree counts nothing (a member may support a
        household pair on a close score with another given name: its rarity is no evidence)."""
        found = self._bits_of.get((m.a, m.b, family))
        if found is None:
            p, q = self._facts[m.a], self._facts[m.b]
            given, surname = _agree(p.given, q.given, q.family), family and _agree(p.family, q.family, q.given)
            name = max(self._name_frequency(p, given, surname), self._name_frequency(q, given, surname))
            sex = self._share(self._sex[p.sex], 0.5) if p.sex and p.sex == q.sex else 1.0
            found = self._bits_of[m.a, m.b, family] = -math.log2(max(name * sex, 1e-12)) + self._birth_bits(p, q)
        return found

    def _name_frequency(self, p: _Facts, given: bool, family: bool) -> float:
        """The share of the register with ``p``'s given and family name (those counted)."""
        share = self._share(self._given[p.given], _TYPICAL_NAME_SHARE) if given else 1.0
        return share * (self._share(self._family[p.family], _TYPICAL_NAME_SHARE) if family else 1.0)

    def _birth_bits(self, p: _Facts, q: _Facts) -> float:
        """log2 of P(this gap | one person) / P(this gap | two strangers)."""
        if p.birth_year is None or q.birth_year is None or not self._born_by:
            return 0.0
        gap = abs(p.birth_year - q.birth_year)
        strangers = (self._born_in(p.birth_year - gap) + (self._born_in(p.birth_year + gap) if gap else 0))
        exact = not p.estimated and not q.estimated
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
        a, b = self._facts[m.a].locality, self._facts[m.b].locality
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
        """``key``'s profile, its names normalised once per spelling (families share names)."""
        person, facts = self._people[key], self._facts[key]
        spelling = (person.given_names, person.family_name, person.other_names)
        names = self._names_of.get(spelling)
        if names is None:
            if len(self._names_of) >= _SPELLINGS_KEPT:
                self._names_of.clear()
            names = self._names_of[spelling] = build_names(*spelling)
        return Profile(key, person.group, names, facts.sex, facts.birth_year, facts.estimated,
                       facts.locality, person.site)

    def _may_support(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` may support their households' pairing: not of two recorded
        sexes (a score can come close despite it: a man is not his sister), born close enough
        to reach ``SUPPORT_THRESHOLD``. Cheap: most members of two families are a parent and
        a child, or a man and a woman."""
        p, q = self._facts[a], self._facts[b]
        if p.sex in ("F", "M") and q.sex in ("F", "M") and p.sex != q.sex:
            return False
        return p.birth_year is None or q.birth_year is None or abs(p.birth_year - q.birth_year) <= _SUPPORT_WINDOW

    def _score(self, a: str, b: str, *, explain: bool = False) -> Match:
        return score_profiles(self._profile(a), self._profile(b), ref_year=self.ref_year, explain=explain)


class _Facts(NamedTuple):
    """What the evidence weighs about one person (kept for everyone; a Profile is built
    only for the pairs scored again, which keeps a million people in memory)."""

    given: str  # the first given-name word's key ("" when none)
    family: str  # the first family-name word's key
    sex: str
    birth_year: int | None
    estimated: bool
    locality: str
    keys: tuple[str, ...]  # the name's P: keys (fieldreg/dedup/families.py)


def _named(names: Names) -> tuple[str, str, tuple[str, ...]]:
    """A name's first given and family word keys and its P: keys, for ``_Facts``."""
    keys = tuple(sorted(sys.intern(k) for k in pair_keys(names) if k.startswith("P:")))
    return sys.intern(_first(names.given)), sys.intern(_first(names.family)), keys


def _agree(word: str, other: str, swapped: str) -> bool:
    """Whether a name word's key agrees with the other person's, in its role or swapped
    (scoring's word match: equal, or a rapidfuzz ratio of at least WORD_MATCH)."""
    return any(word == o or (word and o and ratio(word, o) >= WORD_MATCH * 100) for o in (other, swapped))


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
