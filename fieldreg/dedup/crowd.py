"""When a name is too common to tell people apart: namesakes, and origins close enough.

Example::

    >>> near = near_localities(["zegua", "zegoua", "sikaso"])   # as profiles hold them (canonical)
    >>> sorted(near["zegua"])
    ['zegoua', 'zegua']
    >>> men = Bucket(sorted([(1988, 0), (1990, 1), (1989, 2), (1960, 3)]))   # (birth year, slot)
    >>> sorted(count_namesakes([{"M": men}], threshold=0.80).items())   # slot: born within reach
    [(0, 2), (1, 2), (2, 2), (3, 0)]
    >>> reachable("zegua", {"zegoua": men, "sikaso": men, "": men}, near)
    ['zegoua', '']

The all-pairs pass (:mod:`fieldreg.dedup.pairs`) applies the rule with
``same_origin=True``, as HQ does across a country's registrations: a person
with more than ``CROWD`` namesakes meets only people of a reachable origin
(docs/dedup.md §7).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.fuzz import ratio

from fieldreg.dedup.buckets import SEX_MEETS, Bucket
from fieldreg.dedup.scoring import LOCALITY_SIMILAR, birth_window

#: In an all-pairs pass with ``same_origin``: a person with more namesakes than
#: this (people of a compatible sex born within the widest birth-year window,
#: under any spelling of the name's block) meets only those of a compatible
#: origin (the same place, spelt alike, or unknown). At this many, a pair listed on name, sex and age alone would be
#: wrong far more often than right. 10 is the lowest that keeps the HQ pass's
#: recall at the goal on the evaluation set (5: 0.950, 2: 0.947 on its test half).
CROWD = 10


def near_localities(known: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each known origin locality ("" is unknown) -> the localities spelt like it (itself included):
    at least ``LOCALITY_SIMILAR``, what the ranking (fieldreg/dedup/households.py) takes for one
    place spelt two ways. Anything further is a different place there, which a crowded name
    cannot overcome: comparing it would only make pairs the ranking drops."""
    localities = sorted({locality for locality in known if locality})
    cutoff = LOCALITY_SIMILAR * 100
    return {
        loc: frozenset(other for other, _, _ in process.extract(
            loc, localities, scorer=ratio, score_cutoff=cutoff, limit=None))
        for loc in localities
    }


def count_namesakes(buckets: Iterable[dict[str, Bucket]], *, threshold: float) -> dict[int, int]:
    """For each person of a block (its signatures' buckets by sex): the others of a compatible
    sex born within the widest window (a name scoring 1), whatever their spelling: who the
    name does not tell apart."""
    window = birth_window(1.0, threshold)
    by_sex: dict[str, list[tuple[int, int]]] = {}
    for of_signature in buckets:
        for sex, bucket in of_signature.items():
            by_sex.setdefault(sex, []).extend(bucket.rows)
    merged = {sex: Bucket(sorted(rows)) for sex, rows in by_sex.items()}
    counts: dict[int, int] = {}
    for sex, bucket in merged.items():
        for year, slot in bucket.rows:
            total = -1  # not oneself
            for other_sex in SEX_MEETS[sex]:
                other = merged.get(other_sex)
                if other is not None:
                    lo, hi = other.window(year, window)
                    total += hi - lo + (other.unknown if year >= 0 else 0)
            counts[slot] = total
    return counts


def reachable(origin: str, groups: dict[str, Bucket], near: dict[str, frozenset[str]]) -> list[str]:
    """The origin groups spelt like ``origin`` (unknown origin included)."""
    close = near[origin]
    if len(groups) <= len(close):
        return [k for k in groups if not k or k in close]
    return [k for k in close if k in groups] + ([""] if "" in groups else [])
