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
the signature only (the tables: :mod:`fieldreg.dedup.signatures`). A query
collects signatures from the probe's keys, scores each signature's name once,
drops signatures whose best possible final score is below the threshold, and
only then looks at birth year, sex and locality of the people behind the rest.
The all-pairs pass (:mod:`fieldreg.dedup.pairs`) visits each pair of signatures
once, in the first block (in key order) they share, and compares their people
with a birth-year window outside which no pair can reach the threshold; with
``same_origin`` it applies the rule for crowded names (:mod:`fieldreg.dedup.crowd`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import replace

from fieldreg.dedup.crowd import CROWD
from fieldreg.dedup.pairs import AllPairs, Progress
from fieldreg.dedup.person import Match, Person
from fieldreg.dedup.profile import Names, Profile, build_profile
from fieldreg.dedup.scoring import (
    DEFAULT_THRESHOLD,
    adjustment,
    best_possible,
    combine,
    current_year,
    name_verdict,
    score_profiles,
)
from fieldreg.dedup.signatures import Member, Signatures
from fieldreg.dedup.tables import NameTables, default_tables

# A one-word probe ("Traoré" and nothing else yet) can match tens of thousands
# of people equally well; ranking them all would make the officer wait for a
# list that will change at the next keystroke. Names holding the probe's word
# itself (after normalisation) are scanned first, then the looser blocks; past
# this many people the scan stops (the list firms up as soon as a second word
# is typed).
SINGLE_WORD_SCAN_CAP = 1500
# ... and past this many names (scoring a name costs about as much as a few people).
SINGLE_WORD_NAME_CAP = 600


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
        self._table = Signatures(tables or default_tables())
        self.ref_year = ref_year if ref_year is not None else current_year()
        for person in people:
            self.add(person)

    def __len__(self) -> int:
        return self._table.count

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._table.slot(key) is not None

    def add(self, person: Person) -> None:
        """Index ``person``; a person with the same key is replaced."""
        self._table.add(person)

    def put_group(self, group: str, members: Iterable[Member], *, locality: str = "", site: str = "") -> None:
        """Index a whole household at once, replacing whoever of ``group`` was indexed.

        Each member is ``(id, given_names, family_name, other_names, sex, birth_year,
        birth_estimated)``; it is indexed as ``Person(f"{group}/{id}", ..., locality=locality,
        group=group, site=site)`` would be, without making that object (a post indexes
        400,000 people at sign-in). An empty ``members`` just removes the group.
        """
        self._table.put_group(group, members, locality=locality, site=site)

    def remove(self, key: str) -> None:
        """Forget the person with ``key`` (no error if absent: removal is idempotent)."""
        self._table.remove(key)

    def remove_group(self, group: str) -> None:
        """Forget everyone of ``group`` (no error if there is nobody)."""
        self._table.remove_group(group)

    def person(self, key: str) -> Person:
        """The indexed person with ``key`` (KeyError if absent)."""
        slot = self._table.slot(key)
        if slot is None:
            raise KeyError(key)
        return self._table.person(slot)

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
        profile = build_profile(probe, self._table.tables)
        if prefix:
            profile = replace(profile, names=_drop_short_words(profile.names))
        if not profile.names.all:
            return []
        table = self._table
        found: list[tuple[float, str, int]] = []
        one_word = len(profile.names.all) < 2
        scanned = names = 0
        own = table.slot(probe.key)
        household = table.group_id(probe.group) if probe.group else -1
        traits, trait_of, group_of = table.traits, table.trait_of, table.group_of
        adjusted: dict[int, float] = {}  # trait -> adjustment against the probe (few traits, many people)
        for sig_id in table.probe_signatures(profile.names, exact_first=one_word):
            if one_word and (scanned >= SINGLE_WORD_SCAN_CAP or names >= SINGLE_WORD_NAME_CAP):
                break
            sig = table.sig(sig_id)
            names += 1
            name_score = name_verdict(profile.names, sig.names, prefix=prefix).score
            if best_possible(name_score) < threshold:
                continue
            for slot in sig.members:
                if slot == own or group_of[slot] == household:
                    continue
                t = trait_of[slot]
                adjust = adjusted.get(t)
                if adjust is None:
                    adjust = adjusted[t] = adjustment(profile, traits[t], self.ref_year)
                score = combine(name_score, adjust)
                if score >= threshold:
                    found.append((-score, table.key(slot), slot))
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
        part: tuple[int, int] = (0, 1),
        explain: bool = True,
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
        then paired only with those whose origin locality is spelt alike
        (similarity at least ``LOCALITY_SIMILAR``, or unknown); a rarer name
        still meets everyone. Both restrictions apply before any
        pair is scored.

        ``part=(i, n)``: only the i-th of n shares of the blocks (for n
        processes; :func:`fieldreg.dedup.parallel.all_pairs_in_processes`).

        ``explain=False`` leaves the reasons empty (the score is the same):
        a pass that ranks its pairs first writes reasons only for those it lists.
        """
        yield from AllPairs(self._table, ref_year=self.ref_year, threshold=threshold, across_sites=across_sites,
                            same_origin=same_origin, crowd=crowd, explain=explain).run(progress, part=part)

    def _explained(self, slot: int, probe: Profile, prefix: bool) -> Match:
        # Re-profile from the stored person: the shared signature's words carry
        # the first registrant's spelling, and the explanation must quote this
        # person's own.
        own = self._table.profile(slot)
        m = score_profiles(probe, own, ref_year=self.ref_year, prefix=prefix)
        return Match(own.key, probe.key, m.score, m.reasons)


def _drop_short_words(names: Names) -> Names:
    # A single typed letter says nothing yet and would only be a mismatch.
    return Names(
        given=tuple(t for t in names.given if len(t.folded) >= 2),
        family=tuple(t for t in names.family if len(t.folded) >= 2),
        other=tuple(t for t in names.other if len(t.folded) >= 2),
    )
