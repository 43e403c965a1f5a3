"""The index's tables: people in slots, grouped by name signature, found by blocking key.

Example::

    >>> from fieldreg.dedup.tables import default_tables
    >>> table = Signatures(default_tables())
    >>> table.add(Person("R1/1", "Awa", "Koné", sex="F", birth_year=1990))
    >>> table.add(Person("R2/1", "Awa", "Kone", sex="F", birth_year=1991))
    >>> table.add(Person("R3/1", "Hawa", "Kone", sex="F", birth_year=1991))
    >>> sig = table.sig(table.sig_of[table.slot_of["R1/1"]])
    >>> [table.people[slot].key for slot in sig.members]   # their names fold the same
    ['R1/1', 'R2/1']
    >>> table.probe_signatures(sig.names)                  # signatures sharing a block with it
    [0, 1]
    >>> table.remove("R1/1"); table.person("R2/1").family_name
    'Kone'

People whose names fold the same share one signature, and the blocking keys
(:mod:`fieldreg.dedup.blocking`) and the name score depend on the signature
only. :class:`~fieldreg.dedup.index.DedupIndex` is the public face: its live
query and the all-pairs pass (:mod:`fieldreg.dedup.pairs`) read these tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from fieldreg.dedup.blocking import pair_keys, probe_keys, single_keys
from fieldreg.dedup.person import Person
from fieldreg.dedup.profile import Names, Profile, build_profile
from fieldreg.dedup.tables import NameTables


@dataclass
class Signature:
    names: Names
    keys: frozenset[str]
    pair_keys: frozenset[str]
    members: list[int] = field(default_factory=list)
    sites: Counter[str] = field(default_factory=Counter)


class Signatures:
    """Every indexed person by slot, their profiles and signatures, and the blocks.

    A removed person's slot is reused by the next one added; ``people[slot]``
    and ``profiles[slot]`` are None while it is free.
    """

    def __init__(self, tables: NameTables) -> None:
        self.tables = tables
        self.slot_of: dict[str, int] = {}
        self.people: list[Person | None] = []
        self.profiles: list[Profile | None] = []
        self.sig_of: list[int] = []
        self._free: list[int] = []
        self._sig_id: dict[tuple[tuple[str, ...], ...], int] = {}
        self._sigs: list[Signature | None] = []
        self.blocks: dict[str, set[int]] = {}
        # Word key -> signatures holding that word: a one-word probe's exact names.
        self._word_sigs: dict[str, set[int]] = {}

    def add(self, person: Person) -> None:
        """Index ``person``; a person with the same key is replaced."""
        if person.key in self.slot_of:
            self.remove(person.key)
        profile = build_profile(person, self.tables)
        sig = self._signature(profile.names)
        # Profiles share their signature's Names so 1,000 "Amadou Traoré" cost
        # one set of word objects.
        profile = replace(profile, names=self.sig(sig).names)
        slot = self._free.pop() if self._free else len(self.people)
        if slot == len(self.people):
            self.people.append(person)
            self.profiles.append(profile)
            self.sig_of.append(sig)
        else:
            self.people[slot], self.profiles[slot], self.sig_of[slot] = person, profile, sig
        self.slot_of[person.key] = slot
        self.sig(sig).members.append(slot)
        self.sig(sig).sites[profile.site] += 1

    def remove(self, key: str) -> None:
        """Forget the person with ``key`` (no error if absent: removal is idempotent)."""
        slot = self.slot_of.pop(key, None)
        if slot is None:
            return
        sig_id = self.sig_of[slot]
        sig = self.sig(sig_id)
        sig.members.remove(slot)
        profile = self.profiles[slot]
        assert profile is not None
        sig.sites[profile.site] -= 1
        if not sig.sites[profile.site]:
            del sig.sites[profile.site]
        if not sig.members:
            for k in sig.keys:
                block = self.blocks[k]
                block.discard(sig_id)
                if not block:
                    del self.blocks[k]
            for word_key in {t.key for t in sig.names.all}:
                word = self._word_sigs[word_key]
                word.discard(sig_id)
                if not word:
                    del self._word_sigs[word_key]
            del self._sig_id[sig.names.signature]
            self._sigs[sig_id] = None
        self.people[slot] = self.profiles[slot] = None
        self._free.append(slot)

    def person(self, key: str) -> Person:
        """The indexed person with ``key`` (KeyError if absent)."""
        found = self.people[self.slot_of[key]]
        assert found is not None
        return found

    def sig(self, sig_id: int) -> Signature:
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
        self._sigs.append(Signature(names, sig_keys, pairs))
        self._sig_id[key] = sig_id
        for k in sig_keys:
            self.blocks.setdefault(k, set()).add(sig_id)
        for t in names.all:
            self._word_sigs.setdefault(t.key, set()).add(sig_id)
        return sig_id

    def probe_signatures(self, names: Names, *, exact_first: bool = False) -> list[int]:
        found: set[int] = set()
        for k in probe_keys(names):
            found.update(self.blocks.get(k, ()))
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
