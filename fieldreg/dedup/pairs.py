"""The all-pairs pass: every pair of indexed people scoring at least the threshold, each once.

Example::

    >>> from fieldreg.dedup import DEFAULT_THRESHOLD, Person
    >>> from fieldreg.dedup.crowd import CROWD
    >>> from fieldreg.dedup.tables import default_tables
    >>> table = Signatures(default_tables())
    >>> table.add(Person("R1/1", "Fatoumata", "Diallo", sex="F", birth_year=1990, group="R1"))
    >>> table.add(Person("R2/1", "Fatimata", "Jallo", sex="F", birth_year=1992, group="R2"))
    >>> found = AllPairs(table, ref_year=2026, threshold=DEFAULT_THRESHOLD, across_sites=False,
    ...                  same_origin=False, crowd=CROWD).run()
    >>> [(m.a, m.b) for m in found]       # in block order, not sorted by score
    [('R1/1', 'R2/1')]

It visits each pair of signatures once, in the first block (in key order) they
share, and compares their people with a birth-year window outside which no pair
can reach the threshold. :meth:`fieldreg.dedup.index.DedupIndex.all_pairs` is
the public face and documents the restrictions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fieldreg.dedup.buckets import SEX_MEETS, Bucket
from fieldreg.dedup.crowd import count_namesakes, near_localities, reachable
from fieldreg.dedup.person import Match
from fieldreg.dedup.profile import Profile
from fieldreg.dedup.scoring import (
    adjustment,
    best_possible,
    birth_window,
    combine,
    different_sex_can_pass,
    name_verdict,
    score_profiles,
)
from fieldreg.dedup.signatures import Signatures

Progress = Callable[[int, int], None]
_EVERY_YEAR = 10**6


@dataclass(frozen=True, slots=True)
class _Check:
    """What the inner loop needs about the two names compared."""

    same: bool
    name_score: float
    window: int  # largest birth-year difference that can still reach the threshold


class AllPairs:
    """One all-pairs pass: its restrictions and the people of each name as sorted so far."""

    def __init__(
        self, table: Signatures, *, ref_year: int, threshold: float, across_sites: bool, same_origin: bool,
        crowd: int, explain: bool = True,
    ) -> None:
        self._table = table
        self._explain = explain
        self._ref_year = ref_year
        self._threshold = threshold
        self._across_sites = across_sites
        # None: origins are not compared.
        self._near = near_localities(table.traits[table.trait_of[slot]].locality
                                     for slot in table.live_slots()) if same_origin else None
        self._crowd = crowd
        self._split_sex = not different_sex_can_pass(threshold)
        self._widest = birth_window(1.0, threshold)
        self._sorted: dict[int, dict[str, Bucket]] = {}
        self._span_of: dict[int, list[tuple[str, int, int]]] = {}
        # In the block being visited: each person's namesakes across all its spellings.
        self._namesakes: dict[int, int] = {}

    def run(self, progress: Progress | None = None, *, part: tuple[int, int] = (0, 1)) -> Iterator[Match]:
        """Every pair, block by block; ``progress(done, total)`` every 500 blocks and at the end.

        ``part=(i, n)`` visits only every n-th block from the i-th: n processes,
        one part each, find every pair once between them (a pair of names is
        visited in one block only, whichever process holds it).
        """
        table = self._table
        keys = sorted(k for k in table.blocks if k[:2] in ("P:", "X:"))
        total = len(keys)
        which, parts = part
        for done, key in enumerate(keys, start=1):
            if (done - 1) % parts != which:
                continue
            sig_ids = sorted(table.blocks[key])
            if self._near is not None:
                self._namesakes = count_namesakes((self._buckets(s) for s in sig_ids), threshold=self._threshold)
            for i, a in enumerate(sig_ids):
                sa = table.sig(a)
                for b in sig_ids[i:]:
                    sb = table.sig(b)
                    # Visit each pair of signatures, and each signature with
                    # itself, in the first block they share.
                    if min(sa.pair_keys & sb.pair_keys if a != b else sa.pair_keys) != key:
                        continue
                    if self._across_sites and len(sa.sites) == 1 and sa.sites.keys() == sb.sites.keys():
                        continue
                    yield from self._pairs_between(a, b)
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)

    def _buckets(self, sig_id: int) -> dict[str, Bucket]:
        """A signature's people by sex ("" for everyone when sex is not split), built once a pass."""
        found = self._sorted.get(sig_id)
        if found is None:
            rows: dict[str, list[tuple[int, int]]] = {}
            traits, trait_of = self._table.traits, self._table.trait_of
            for slot in self._table.sig(sig_id).members:
                prof = traits[trait_of[slot]]
                sex = (prof.sex if prof.sex in ("F", "M") else "?") if self._split_sex else ""
                rows.setdefault(sex, []).append((-1 if prof.birth_year is None else prof.birth_year, slot))
            found = self._sorted[sig_id] = {sex: Bucket(sorted(r)) for sex, r in rows.items()}
        return found

    def _pairs_between(self, a: int, b: int) -> Iterator[Match]:
        sa, sb = self._table.sig(a), self._table.sig(b)
        if not self._may_meet(a, b):
            return
        name_score = name_verdict(sa.names, sb.names).score
        if best_possible(name_score) < self._threshold:
            return
        check = _Check(a == b, name_score, birth_window(name_score, self._threshold))
        left, right = self._buckets(a), self._buckets(b)
        for sex, bucket in left.items():
            for other_sex in SEX_MEETS[sex]:
                if other_sex in right:
                    yield from self._windowed(bucket, right[other_sex], check)

    def _may_meet(self, a: int, b: int) -> bool:
        """Whether two signatures may hold two people of a compatible sex born within the
        widest window, checked before their names are scored: most spellings met in a block
        are one person's typo, and two spans of birth years cost far less than two names."""
        widest = self._widest
        for sex, first, last in self._spans(a):
            for other_sex, other_first, other_last in self._spans(b):
                if other_sex in SEX_MEETS[sex] and first - widest <= other_last and other_first - widest <= last:
                    return True
        return False

    def _spans(self, sig_id: int) -> list[tuple[str, int, int]]:
        """(sex bucket, first and last birth year) of a signature's people; a bucket with
        someone of unknown year spans every year."""
        found = self._span_of.get(sig_id)
        if found is None:
            found = self._span_of[sig_id] = [
                (sex, -_EVERY_YEAR, _EVERY_YEAR) if bucket.unknown else (sex, bucket.years[0], bucket.years[-1])
                for sex, bucket in self._buckets(sig_id).items()]
        return found

    def _windowed(self, left: Bucket, right: Bucket, check: _Check) -> Iterator[Match]:
        traits, trait_of = self._table.traits, self._table.trait_of
        for year, slot in left.rows:
            p = traits[trait_of[slot]]
            lo, hi = right.window(year, check.window)
            # Everyone in reach, unless this name is so common here that the
            # name, sex and birth year no longer pick one person out: then only
            # people of a compatible origin (or of unknown origin). Under its
            # own name a person is in its own window: not a namesake.
            if self._near is None or not p.locality or self._namesakes[slot] <= self._crowd:
                yield from self._pairs_for(p, slot, right.rows[:right.unknown], check)
                yield from self._pairs_for(p, slot, right.rows[lo:hi], check)
                continue
            origins = right.origins(self._locality)
            for origin in reachable(p.locality, origins, self._near):
                group = origins[origin]
                if origin:
                    lo, hi = group.window(year, check.window)
                    yield from self._pairs_for(p, slot, group.rows[:group.unknown], check)
                    yield from self._pairs_for(p, slot, group.rows[lo:hi], check)
                else:
                    yield from self._pairs_for(p, slot, group.rows, check)

    def _pairs_for(self, p: Profile, slot: int, others: list[tuple[int, int]], check: _Check) -> Iterator[Match]:
        same, name_score, threshold = check.same, check.name_score, self._threshold
        traits, trait_of, group_of = self._table.traits, self._table.trait_of, self._table.group_of
        group = group_of[slot]
        for _, other_slot in others:
            # Within one signature, take each unordered pair once.
            if same and other_slot <= slot:
                continue
            if group and group == group_of[other_slot]:
                continue
            q = traits[trait_of[other_slot]]
            if self._across_sites and p.site == q.site:
                continue
            score = combine(name_score, adjustment(p, q, self._ref_year))
            if score >= threshold:
                yield self._pair_match(slot, other_slot, score)

    def _locality(self, slot: int) -> str:
        return self._table.traits[self._table.trait_of[slot]].locality

    def _pair_match(self, a: int, b: int, score: float) -> Match:
        if not self._explain:  # the same score (one signature's people score alike), no reasons
            return Match(self._table.key(a), self._table.key(b), score, ())
        return score_profiles(self._table.profile(a), self._table.profile(b), ref_year=self._ref_year)
