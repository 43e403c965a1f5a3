"""Households in which two members pair up: candidates found by the family, not by one person.

Example::

    >>> amadou, awa = (("P:Vmd|tr",), "M", 1980), (("P:V|tr",), "F", 1984)
    >>> ahmadou, hawa = (("P:Vmd|tr",), "M", 1981), (("P:V|tr",), "F", 1985)
    >>> found = FamilyKeys(window=15)
    >>> found.add("F1", "P1", [amadou, awa])
    >>> found.add("F2", "P2", [ahmadou, hawa])
    >>> found.add("F3", "P2", [amadou])          # one person: no two members to pair up
    >>> sorted(found.pairs(across_sites=True, members=2))
    [('F1', 'F2')]
    >>> found.pairs(across_sites=True, members=3)
    set()

The all-pairs pass (fieldreg/dedup/pairs.py) meets people one by one, and
across a country it must keep a crowded name (more than ``CROWD`` namesakes)
away from a clearly different origin, or list every Amadou Traoré with every
other. A family registered twice whose every name is crowded and whose origin
was given as another place (a commune for a village, the town they fled
through) is then never a candidate. Two members pairing up is what a pair of
namesakes do not do, or rarely: each household gets a key for every two of
its members, made of their names' pair keys (the ``P:`` keys of
fieldreg/dedup/blocking.py: the skeletons of a family and a given word,
unordered). Two households sharing a key, at two posts, whose two member
pairs have compatible sexes and birth years within ``window`` years, have
those members in common; two households with at least ``members`` members in
common are a candidate pair. The ranking (fieldreg/dedup/households.py) then
compares all their members and weighs the evidence, origin included.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

#: (the name's P: keys, sex, birth year or None) of one member.
Member = tuple[tuple[str, ...], str, int | None]
# (birth year of the first member or -1, household, site, birth year of the second member,
# the two members' places in the household)
_Entry = tuple[int, str, str, int | None, int, int]
# Members of a household compared two by two (a household larger than this is
# keyed on its first members: a pair among them is enough).
_MEMBERS_KEYED = 8
_SEXES = ("F", "M")


class FamilyKeys:
    """Households keyed by every two of their members' names; ``pairs()`` finds those sharing one."""

    def __init__(self, *, window: int) -> None:
        self._window = window
        self._keyed: dict[tuple[str, str], list[_Entry]] = {}

    def add(self, household: str, site: str, members: Sequence[Member]) -> None:
        kept = members[:_MEMBERS_KEYED]
        # A name's keys with the sex ("F:" or "M:" before them; an unrecorded sex under both):
        # people of two recorded sexes never share one, and buckets are smaller.
        keyed = [[f"{sex}:{k}" for sex in (_SEXES if m[1] not in _SEXES else (m[1],)) for k in m[0]]
                 for m in kept]
        for i, first in enumerate(kept):
            for j in range(i + 1, len(kept)):
                second = kept[j]
                for ka in keyed[i]:
                    for kb in keyed[j]:
                        x, y, ix, iy = (first, second, i, j) if ka <= kb else (second, first, j, i)
                        year = x[2] if x[2] is not None else -1
                        self._keyed.setdefault((min(ka, kb), max(ka, kb)), []).append(
                            (year, household, site, y[2], ix, iy))

    def pairs(self, *, across_sites: bool, members: int) -> set[tuple[str, str]]:
        """Pairs of households (in key order) with at least ``members`` members in common: two
        members of each, under one key (so of compatible sexes), born within the window."""
        window = self._window
        common: dict[tuple[str, str], set[int]] = {}  # household pair -> members of the first in common
        for entries in self._keyed.values():
            if len(entries) < 2 or (across_sites and len({e[2] for e in entries}) < 2):
                continue
            # By the first member's birth year (unknown first): each entry meets those after
            # it up to the window; the second members' years are compared one by one.
            entries.sort(key=lambda e: e[0])
            years = [e[0] for e in entries]
            for i, a in enumerate(entries):
                hi = len(entries) if a[0] < 0 else bisect.bisect_right(years, a[0] + window, lo=i + 1)
                second = a[3]
                for b in entries[i + 1:hi]:
                    if a[1] == b[1] or (across_sites and a[2] == b[2]):
                        continue
                    if second is not None and b[3] is not None and abs(second - b[3]) > window:
                        continue
                    first = a if a[1] < b[1] else b
                    common.setdefault((min(a[1], b[1]), max(a[1], b[1])), set()).update((first[4], first[5]))
        return {pair for pair, shared in common.items() if len(shared) >= members}
