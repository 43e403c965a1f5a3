"""An incremental index of people for live duplicate hints and all-pairs passes.

Example::

    >>> from fieldreg.dedup import DedupIndex, Person
    >>> index = DedupIndex()
    >>> index.add(Person("R1/1", "Fatoumata", "Diallo", sex="F", birth_year=1990, group="R1"))
    >>> index.add(Person("R2/1", "Fatimata", "Jallo", sex="F", birth_year=1992, group="R2"))
    >>> index.add(Person("R2/2", "Fatoumata", "Diallo", sex="F", birth_year=2015, group="R2"))
    >>> [(m.a, m.b) for m in index.all_pairs()]
    [('R1/1', 'R2/1')]
    >>> [m.a for m in index.candidates(Person("new", "", "Djallo"), prefix=True)][:2]
    ['R1/1', 'R2/1']
    >>> index.remove("R2/1"); len(index)
    2

How it stays fast: people whose names fold the same share one *signature*, and
the blocking keys (:mod:`fieldreg.dedup.blocking`) and the name score depend on
the signature only. A query collects signatures from the probe's keys, scores
each signature's name once, drops signatures whose best possible final score is
below the threshold, and only then looks at birth year, sex and locality of the
people behind the rest. The all-pairs pass visits each pair of signatures once,
in the first block (in key order) they share, and compares their people with a
birth-year window outside which no pair can reach the threshold.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from fieldreg.dedup.blocking import pair_keys, probe_keys, single_keys
from fieldreg.dedup.person import Match, Person
from fieldreg.dedup.profile import Names, Profile, build_profile
from fieldreg.dedup.scoring import (
    DEFAULT_THRESHOLD,
    LOCALITY_DIFFERENT,
    adjustment,
    best_possible,
    birth_window,
    combine,
    current_year,
    different_sex_can_pass,
    name_verdict,
    score_profiles,
)
from fieldreg.dedup.tables import NameTables, default_tables

Progress = Callable[[int, int], None]

# A one-word probe ("Traoré" and nothing else yet) can match tens of thousands
# of people equally well; ranking them all would make the officer wait for a
# list that will change at the next keystroke. Names holding the probe's word
# itself (after normalisation) are scanned first, then the looser blocks; past
# this many people the scan stops (the list firms up as soon as a second word
# is typed).
SINGLE_WORD_SCAN_CAP = 1500
# ... and past this many names (scoring a name costs about as much as a few people).
SINGLE_WORD_NAME_CAP = 600

#: In an all-pairs pass with ``same_origin``: a person with more namesakes than
#: this (people of a compatible sex born within the widest birth-year window,
#: under any spelling of the name's block) meets only those of a compatible
#: origin. At this many, a pair listed on name, sex and age alone would be
#: wrong far more often than right. 10 is the lowest that keeps the HQ pass's
#: recall at the goal on the evaluation set (5: 0.950, 2: 0.947 on its test half).
CROWD = 10



@dataclass
class _Signature:
    names: Names
    keys: frozenset[str]
    pair_keys: frozenset[str]
    members: list[int] = field(default_factory=list)
    sites: Counter[str] = field(default_factory=Counter)


class DedupIndex:
    """People indexed by name signature and blocking key (see module example).

    ``ref_year`` (default: this year) turns birth years into ages for the
    birth-year tolerance; ``tables`` overrides the shipped variant tables.
    """

    def __init__(
        self,
        people: Iterable[Person] = (),
        *,
        tables: NameTables | None = None,
        ref_year: int | None = None,
    ) -> None:
        self._tables = tables or default_tables()
        self.ref_year = ref_year if ref_year is not None else current_year()
        self._slot_of: dict[str, int] = {}
        self._people: list[Person | None] = []
        self._profiles: list[Profile | None] = []
        self._sig_of: list[int] = []
        self._free: list[int] = []
        self._sig_id: dict[tuple[tuple[str, ...], ...], int] = {}
        self._sigs: list[_Signature | None] = []
        self._blocks: dict[str, set[int]] = {}
        # Word key -> signatures holding that word: a one-word probe's exact names.
        self._word_sigs: dict[str, set[int]] = {}
        for person in people:
            self.add(person)

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, key: object) -> bool:
        return key in self._slot_of

    def add(self, person: Person) -> None:
        """Index ``person``; a person with the same key is replaced."""
        if person.key in self._slot_of:
            self.remove(person.key)
        profile = build_profile(person, self._tables)
        sig = self._signature(profile.names)
        # Profiles share their signature's Names so 1,000 "Amadou Traoré" cost
        # one set of word objects.
        profile = replace(profile, names=self._sig(sig).names)
        slot = self._free.pop() if self._free else len(self._people)
        if slot == len(self._people):
            self._people.append(person)
            self._profiles.append(profile)
            self._sig_of.append(sig)
        else:
            self._people[slot], self._profiles[slot], self._sig_of[slot] = person, profile, sig
        self._slot_of[person.key] = slot
        self._sig(sig).members.append(slot)
        self._sig(sig).sites[profile.site] += 1

    def remove(self, key: str) -> None:
        """Forget the person with ``key`` (no error if absent: removal is idempotent)."""
        slot = self._slot_of.pop(key, None)
        if slot is None:
            return
        sig_id = self._sig_of[slot]
        sig = self._sig(sig_id)
        sig.members.remove(slot)
        profile = self._profiles[slot]
        assert profile is not None
        sig.sites[profile.site] -= 1
        if not sig.sites[profile.site]:
            del sig.sites[profile.site]
        if not sig.members:
            for k in sig.keys:
                block = self._blocks[k]
                block.discard(sig_id)
                if not block:
                    del self._blocks[k]
            for word_key in {t.key for t in sig.names.all}:
                word = self._word_sigs[word_key]
                word.discard(sig_id)
                if not word:
                    del self._word_sigs[word_key]
            del self._sig_id[sig.names.signature]
            self._sigs[sig_id] = None
        self._people[slot] = self._profiles[slot] = None
        self._free.append(slot)

    def person(self, key: str) -> Person:
        """The indexed person with ``key`` (KeyError if absent)."""
        found = self._people[self._slot_of[key]]
        assert found is not None
        return found

    def candidates(
        self,
        probe: Person,
        *,
        limit: int = 10,
        threshold: float = DEFAULT_THRESHOLD,
        prefix: bool = False,
    ) -> list[Match]:
        """Best-scoring people for ``probe``, highest first, at most ``limit``.

        Never returns ``probe.key`` itself nor anyone of ``probe.group``. The
        probe may be partial (only a family name, no birth year). With
        ``prefix=True`` (an officer still typing) each probe word also matches
        names it begins ("Coul" → "Coulibaly"). ``Match.a`` is the indexed
        person, ``Match.b`` the probe.
        """
        profile = build_profile(probe, self._tables)
        if prefix:
            profile = replace(profile, names=_drop_short_words(profile.names))
        if not profile.names.all:
            return []
        found: list[tuple[float, str, int]] = []
        one_word = len(profile.names.all) < 2
        scanned = names = 0
        for sig_id in self._probe_signatures(profile.names, exact_first=one_word):
            if one_word and (scanned >= SINGLE_WORD_SCAN_CAP or names >= SINGLE_WORD_NAME_CAP):
                break
            sig = self._sig(sig_id)
            names += 1
            name_score = name_verdict(profile.names, sig.names, prefix=prefix).score
            if best_possible(name_score) < threshold:
                continue
            for slot in sig.members:
                other = self._profiles[slot]
                assert other is not None
                if other.key == probe.key or (probe.group and other.group == probe.group):
                    continue
                score = combine(name_score, adjustment(profile, other, self.ref_year))
                if score >= threshold:
                    found.append((-score, other.key, slot))
            scanned += len(sig.members)
        best = heapq.nsmallest(limit, found)
        return [self._explained(slot, profile, prefix) for _, _, slot in best]

    def all_pairs(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        across_sites: bool = False,
        same_origin: bool = False,
        crowd: int = CROWD,
        progress: Progress | None = None,
    ) -> Iterator[Match]:
        """Every pair scoring at least ``threshold``, each once, blocked on pair keys.

        Yields in block order (not sorted by score). ``progress(done, total)``
        is called every few hundred blocks and at the end. People whose name
        has a single word have no pair key and are only found by
        :meth:`candidates`.

        ``across_sites=True`` pairs only people whose ``site`` differs (HQ:
        registered at two posts); names whose people all come from one site
        are not even compared.

        ``same_origin=True`` is for registers so large that a common name, one
        sex and a birth year within tolerance are shared by many different
        people. A person who has more than ``crowd`` such namesakes (counted
        in the block being visited, every spelling of the name included) is
        then paired only with those whose origin locality is not clearly
        different (similarity at least ``LOCALITY_DIFFERENT``, or unknown); a
        rarer name still meets everyone. Both restrictions apply before any
        pair is scored.
        """
        passed = _Pass(threshold, across_sites, self._near_localities() if same_origin else None,
                       crowd, split_sex=not different_sex_can_pass(threshold))
        keys = sorted(k for k in self._blocks if k[:2] in ("P:", "X:"))
        total = len(keys)
        for done, key in enumerate(keys, start=1):
            sig_ids = sorted(self._blocks[key])
            if passed.near is not None:
                passed.namesakes = self._namesakes(sig_ids, passed)
            for i, a in enumerate(sig_ids):
                sa = self._sig(a)
                for b in sig_ids[i:]:
                    sb = self._sig(b)
                    # Visit each pair of signatures, and each signature with
                    # itself, in the first block they share.
                    if min(sa.pair_keys & sb.pair_keys if a != b else sa.pair_keys) != key:
                        continue
                    if across_sites and len(sa.sites) == 1 and sa.sites.keys() == sb.sites.keys():
                        continue
                    yield from self._pairs_between(a, b, passed)
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)

    # --- internals -------------------------------------------------------

    def _sig(self, sig_id: int) -> _Signature:
        sig = self._sigs[sig_id]
        assert sig is not None
        return sig

    def _signature(self, names: Names) -> int:
        key = names.signature
        found = self._sig_id.get(key)
        if found is not None:
            return found
        pairs = frozenset(pair_keys(names))
        sig_keys = pairs | single_keys(names)
        sig_id = len(self._sigs)
        self._sigs.append(_Signature(names, sig_keys, pairs))
        self._sig_id[key] = sig_id
        for k in sig_keys:
            self._blocks.setdefault(k, set()).add(sig_id)
        for t in names.all:
            self._word_sigs.setdefault(t.key, set()).add(sig_id)
        return sig_id

    def _probe_signatures(self, names: Names, *, exact_first: bool = False) -> list[int]:
        found: set[int] = set()
        for k in probe_keys(names):
            found.update(self._blocks.get(k, ()))
        # Most populous names first would starve rare exact matches when the
        # scan is capped; sort by id instead, which is registration order.
        if not exact_first:
            return sorted(found)
        # A capped scan looks first at names holding one of the probe's words
        # as such (Traoré, Traore, Trawore...), then at the looser blocks.
        exact: set[int] = set()
        for t in names.all:
            exact.update(self._word_sigs.get(t.key, ()))
        return sorted(exact) + sorted(found - exact)

    def _explained(self, slot: int, probe: Profile, prefix: bool) -> Match:
        # Re-profile from the stored person: the shared signature's words carry
        # the first registrant's spelling, and the explanation must quote this
        # person's own.
        person = self._people[slot]
        assert person is not None
        own = build_profile(person, self._tables)
        m = score_profiles(probe, own, ref_year=self.ref_year, prefix=prefix)
        return Match(person.key, probe.key, m.score, m.reasons)

    def _near_localities(self) -> dict[str, frozenset[str]]:
        """Each known origin locality -> the localities not clearly different from it."""
        localities = sorted({p.locality for p in self._profiles if p is not None and p.locality})
        cutoff = LOCALITY_DIFFERENT * 100
        return {
            loc: frozenset(other for other, _, _ in process.extract(
                loc, localities, scorer=ratio, score_cutoff=cutoff, limit=None))
            for loc in localities
        }

    def _buckets(self, sig_id: int, passed: _Pass) -> dict[str, _Bucket]:
        """A signature's people by sex ("" for everyone when sex is not split), built once a pass."""
        found = passed.buckets.get(sig_id)
        if found is None:
            rows: dict[str, list[tuple[int, int]]] = {}
            for slot in self._sig(sig_id).members:
                prof = self._profiles[slot]
                assert prof is not None
                sex = (prof.sex if prof.sex in ("F", "M") else "?") if passed.split_sex else ""
                rows.setdefault(sex, []).append((-1 if prof.birth_year is None else prof.birth_year, slot))
            found = passed.buckets[sig_id] = {sex: _Bucket(sorted(r)) for sex, r in rows.items()}
        return found

    def _namesakes(self, sig_ids: list[int], passed: _Pass) -> dict[int, int]:
        """For each person of a block: the others of a compatible sex born within the widest
        window (a name scoring 1), whatever their spelling: who the name does not tell apart."""
        window = birth_window(1.0, passed.threshold)
        by_sex: dict[str, list[tuple[int, int]]] = {}
        for sig_id in sig_ids:
            for sex, bucket in self._buckets(sig_id, passed).items():
                by_sex.setdefault(sex, []).extend(bucket.rows)
        merged = {sex: _Bucket(sorted(rows)) for sex, rows in by_sex.items()}
        counts: dict[int, int] = {}
        for sex, bucket in merged.items():
            for year, slot in bucket.rows:
                total = -1  # not oneself
                for other_sex in _SEX_MEETS[sex]:
                    other = merged.get(other_sex)
                    if other is not None:
                        lo, hi = other.window(year, window)
                        total += hi - lo + (other.unknown if year >= 0 else 0)
                counts[slot] = total
        return counts

    def _pairs_between(self, a: int, b: int, passed: _Pass) -> Iterator[Match]:
        sa, sb = self._sig(a), self._sig(b)
        name_score = name_verdict(sa.names, sb.names).score
        if best_possible(name_score) < passed.threshold:
            return
        check = _Check(a == b, name_score, birth_window(name_score, passed.threshold))
        left, right = self._buckets(a, passed), self._buckets(b, passed)
        for sex, bucket in left.items():
            for other_sex in _SEX_MEETS[sex]:
                if other_sex in right:
                    yield from self._windowed(bucket, right[other_sex], check, passed)

    def _windowed(self, left: _Bucket, right: _Bucket, check: _Check, passed: _Pass) -> Iterator[Match]:
        for year, slot in left.rows:
            p = self._profiles[slot]
            assert p is not None
            lo, hi = right.window(year, check.window)
            # Everyone in reach, unless this name is so common here that the
            # name, sex and birth year no longer pick one person out: then only
            # people of a compatible origin (or of unknown origin). Under its
            # own name a person is in its own window: not a namesake.
            if passed.near is None or not p.locality or passed.namesakes[slot] <= passed.crowd:
                yield from self._pairs_for(p, slot, right.rows[:right.unknown], check, passed)
                yield from self._pairs_for(p, slot, right.rows[lo:hi], check, passed)
                continue
            origins = right.origins(self._profiles)
            for origin in _reachable(p.locality, origins, passed.near):
                group = origins[origin]
                if origin:
                    lo, hi = group.window(year, check.window)
                    yield from self._pairs_for(p, slot, group.rows[:group.unknown], check, passed)
                    yield from self._pairs_for(p, slot, group.rows[lo:hi], check, passed)
                else:
                    yield from self._pairs_for(p, slot, group.rows, check, passed)

    def _pairs_for(
        self, p: Profile, slot: int, others: list[tuple[int, int]], check: _Check, passed: _Pass
    ) -> Iterator[Match]:
        same, name_score, threshold = check.same, check.name_score, passed.threshold
        for _, other_slot in others:
            # Within one signature, take each unordered pair once.
            if same and other_slot <= slot:
                continue
            q = self._profiles[other_slot]
            assert q is not None
            if p.group and p.group == q.group:
                continue
            if passed.across_sites and p.site == q.site:
                continue
            if combine(name_score, adjustment(p, q, self.ref_year)) >= threshold:
                yield self._pair_match(slot, other_slot)

    def _pair_match(self, a: int, b: int) -> Match:
        pa, pb = self._people[a], self._people[b]
        assert pa is not None and pb is not None
        return score_profiles(
            build_profile(pa, self._tables), build_profile(pb, self._tables), ref_year=self.ref_year
        )


@dataclass(frozen=True, slots=True)
class _Check:
    """What the inner loop needs about the two names compared."""

    same: bool
    name_score: float
    window: int  # largest birth-year difference that can still reach the threshold


@dataclass(slots=True)
class _Pass:
    """One all-pairs pass: its restrictions and the people of each name as sorted so far."""

    threshold: float
    across_sites: bool
    near: dict[str, frozenset[str]] | None  # None: origins are not compared
    crowd: int
    split_sex: bool
    buckets: dict[int, dict[str, _Bucket]] = field(default_factory=dict)
    # In the block being visited: each person's namesakes across all its spellings.
    namesakes: dict[int, int] = field(default_factory=dict)


class _Bucket:
    """People of one name (and sex), sorted by birth year; those without one (-1) first."""

    __slots__ = ("_origins", "rows", "unknown", "years")

    def __init__(self, rows: list[tuple[int, int]]) -> None:
        self.rows = rows
        self.years = [y for y, _ in rows]
        self.unknown = bisect.bisect_right(self.years, -1)
        self._origins: dict[str, _Bucket] | None = None

    def window(self, year: int, window: int) -> tuple[int, int]:
        """Where the people born within ``window`` years of ``year`` are (all of them if unknown)."""
        if year < 0:
            return self.unknown, len(self.rows)
        return (bisect.bisect_left(self.years, year - window, lo=self.unknown),
                bisect.bisect_right(self.years, year + window, lo=self.unknown))

    def origins(self, profiles: list[Profile | None]) -> dict[str, _Bucket]:
        """The same people by origin locality ("" when unknown), made on first need."""
        if self._origins is None:
            groups: dict[str, list[tuple[int, int]]] = {}
            for row in self.rows:
                prof = profiles[row[1]]
                assert prof is not None
                groups.setdefault(prof.locality, []).append(row)
            self._origins = {origin: _Bucket(rows) for origin, rows in groups.items()}
        return self._origins


# Which sex buckets meet when a different sex cannot reach the threshold
# ("?": not recorded, meets everyone); "" is the single bucket otherwise.
_SEX_MEETS = {"F": ("F", "?"), "M": ("M", "?"), "?": ("F", "M", "?"), "": ("",)}


def _reachable(origin: str, groups: dict[str, _Bucket], near: dict[str, frozenset[str]]) -> list[str]:
    """The origin groups not clearly different from ``origin`` (unknown origin included)."""
    close = near[origin]
    if len(groups) <= len(close):
        return [k for k in groups if not k or k in close]
    return [k for k in close if k in groups] + ([""] if "" in groups else [])


def _drop_short_words(names: Names) -> Names:
    # A single typed letter says nothing yet and would only be a mismatch.
    return Names(
        given=tuple(t for t in names.given if len(t.folded) >= 2),
        family=tuple(t for t in names.family if len(t.folded) >= 2),
        other=tuple(t for t in names.other if len(t.folded) >= 2),
    )
