"""The index's tables: people in slots, grouped by name signature, found by blocking key.

Example::

    >>> from fieldreg.dedup.tables import default_tables
    >>> table = Signatures(default_tables())
    >>> table.add(Person("R1/1", "Awa", "Koné", sex="F", birth_year=1990, group="R1"))
    >>> table.add(Person("R2/1", "Awa", "Kone", sex="F", birth_year=1991, group="R2"))
    >>> table.add(Person("R3/1", "Hawa", "Kone", sex="F", birth_year=1991, group="R3"))
    >>> sig = table.sig(table.sig_of[table.slot("R1/1")])
    >>> [table.key(slot) for slot in sig.members]          # their names fold the same
    ['R1/1', 'R2/1']
    >>> table.probe_signatures(sig.names)                  # signatures sharing a block with it
    [0, 1]
    >>> table.remove("R1/1"); table.person(table.slot("R2/1")).family_name
    'Kone'

People whose names fold the same share one signature, and the blocking keys
(:mod:`fieldreg.dedup.blocking`) and the name score depend on the signature
only. :class:`~fieldreg.dedup.index.DedupIndex` is the public face: its live
query and the all-pairs pass (:mod:`fieldreg.dedup.pairs`) read these tables.

A post holds 400,000 people and HQ millions, so a person costs no Python object
of its own: a slot is a row of 4-byte ints in arrays (its signature, its
*traits*, its group, its name fields as typed, the next slot of its group) and
an 8-byte member id. Everything else is kept once however many people share
it: the name fields as typed, the traits (sex, birth year, origin and site as
typed, with the profile the scorer compares: :func:`~fieldreg.dedup.profile.build_traits`),
the groups. A key ``<group>/<16 hex digits>`` (FieldReg's member keys) is
stored as its group and the digits as a number; any other key is kept as it
is. :meth:`Signatures.person` rebuilds the very :class:`Person` that was added.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from fieldreg.dedup.blocking import pair_keys, probe_keys, single_keys
from fieldreg.dedup.person import Person
from fieldreg.dedup.profile import Names, Profile, build_names, build_profile, build_traits
from fieldreg.dedup.tables import NameTables

_HEX_ID = re.compile(r"[0-9a-f]{16}")

Names3 = tuple[str, str, str]  # given names, family name, other names, as typed
Traits = tuple[str, int | None, bool, str, str]  # sex, birth year, estimated, locality, site, as typed
Member = tuple[str, str, str, str, str, int | None, bool]  # id, given, family, other, sex, year, estimated


@dataclass
class Signature:
    names: Names
    keys: frozenset[str]
    pair_keys: frozenset[str]
    members: array[int] = field(default_factory=lambda: array("i"))
    sites: Counter[str] = field(default_factory=Counter)


class Signatures:
    """Every indexed person by slot, their traits and signatures, and the blocks.

    A removed person's slot is reused by the next one added; ``sig_of[slot]``
    is -1 while it is free.
    """

    def __init__(self, tables: NameTables) -> None:
        self.tables = tables
        self.count = 0
        # Per slot.
        self.sig_of = array("i")
        self.trait_of = array("i")  # index in ``traits``
        self.group_of = array("i")  # index in ``_groups``; 0: no group
        self._name_of = array("i")  # index in ``_names``
        self._next_of = array("i")  # the next slot of the same group, -1 after the last
        self._uid_of = array("Q")  # the key's 16 hex digits, unless the slot is in ``_odd_key``
        self._odd_key: dict[int, str] = {}  # slot -> a key not of the form <group>/<16 hex digits>
        self._odd_slot: dict[str, int] = {}
        self._free: list[int] = []
        # Kept once, however many people share them.
        self._names: list[Names3] = []
        self._name_id: dict[Names3, int] = {}
        self._name_sig = array("i")  # name index -> its signature (-1: not known, or since dropped)
        self.traits: list[Profile] = []  # profiles without key or names: what adjustment() compares
        self._traits_as_typed: list[Traits] = []
        self._trait_id: dict[Traits, int] = {}
        self._groups: list[str] = [""]
        self._group_id: dict[str, int] = {"": 0}
        self._group_head = array("i", [-1])  # group -> its last-added slot
        # Signatures and blocks.
        self._sig_id: dict[tuple[tuple[str, ...], ...], int] = {}
        self._sigs: list[Signature | None] = []
        self.blocks: dict[str, set[int]] = {}
        # Word key -> signatures holding that word: a one-word probe's exact names.
        self._word_sigs: dict[str, set[int]] = {}

    # -- people ------------------------------------------------------------------------

    def add(self, person: Person) -> None:
        """Index ``person``; a person with the same key is replaced."""
        key, group = person.key, person.group
        self.remove(key)
        g = self._group(group)
        uid = key[len(group) + 1:]
        regular = g != 0 and key[:len(group) + 1] == group + "/" and _HEX_ID.fullmatch(uid) is not None
        n, sig_id = self._name((person.given_names, person.family_name, person.other_names))
        t = self._trait((person.sex, person.birth_year, person.birth_estimated, person.locality, person.site))
        self._place(g, int(uid, 16) if regular else -1, key, n, sig_id, t, person.site)

    def put_group(self, group: str, members: Iterable[Member], *,
                  locality: str = "", site: str = "") -> None:
        """Replace the people of ``group`` by ``members``: (id, given names, family name, other
        names, sex, birth year, estimated) each, keyed ``<group>/<id>``, all of ``locality``
        and ``site``. What adding each as a :class:`Person` does, without making them."""
        self.remove_group(group)
        g = self._group(group)
        # The loop of a post's sign-in (400,000 people): the usual case inline.
        name_id, name_sig, sigs, trait_id, odd_slot = (
            self._name_id, self._name_sig, self._sigs, self._trait_id, self._odd_slot)
        hex_id = _HEX_ID.fullmatch
        for uid, given, family, other, sex, year, estimated in members:
            regular = g != 0 and hex_id(uid) is not None
            key = f"{group}/{uid}" if not regular or odd_slot else ""
            if not regular or key in odd_slot:
                self.remove(key)
            names = (given, family, other)
            n = name_id.get(names)
            sig_id = -1 if n is None else name_sig[n]
            if n is None or sig_id < 0 or sigs[sig_id] is None:
                n, sig_id = self._name(names)
            traits = (sex, year, estimated, locality, site)
            t = trait_id.get(traits)
            if t is None:
                t = self._trait(traits)
            self._place(g, int(uid, 16) if regular else -1, key, n, sig_id, t, site)

    def group_id(self, group: str) -> int:
        """The number ``group_of`` holds for ``group`` (-1 if nobody of it was ever indexed)."""
        return self._group_id.get(group, -1)

    def _group(self, group: str) -> int:
        g = self._group_id.get(group)
        if g is None:
            g = self._group_id[group] = len(self._groups)
            self._groups.append(group)
            self._group_head.append(-1)
        return g

    def _name(self, names: Names3) -> tuple[int, int]:
        """The number of a spelling of the name fields, and their signature's."""
        n = self._name_id.get(names)
        if n is None:
            n = self._name_id[names] = len(self._names)
            self._names.append(names)
            self._name_sig.append(-1)
        sig_id = self._name_sig[n]
        if sig_id < 0 or self._sigs[sig_id] is None:  # new, or every person of it was removed
            sig_id = self._name_sig[n] = self._signature(build_names(*names, self.tables))
        return n, sig_id

    def _trait(self, traits: Traits) -> int:
        t = self._trait_id.get(traits)
        if t is None:
            t = self._trait_id[traits] = len(self.traits)
            self._traits_as_typed.append(traits)
            sex, year, estimated, locality, site = traits
            self.traits.append(build_traits(sex=sex, birth_year=year, birth_estimated=estimated,
                                            locality=locality, site=site, tables=self.tables))
        return t

    def _place(self, group: int, uid: int, key: str, name: int, sig_id: int, trait: int, site: str) -> None:
        """Put a person in a free slot: ``uid`` >= 0 for a key ``<group>/<uid as 16 hex digits>``,
        else -1 and ``key`` is kept as it is."""
        if self._free:
            slot = self._free.pop()
            self.sig_of[slot], self.trait_of[slot], self.group_of[slot], self._name_of[slot] = (
                sig_id, trait, group, name)
            self._uid_of[slot] = max(uid, 0)
        else:
            slot = len(self.sig_of)
            self.sig_of.append(sig_id)
            self.trait_of.append(trait)
            self.group_of.append(group)
            self._name_of.append(name)
            self._uid_of.append(max(uid, 0))
            self._next_of.append(-1)
        if uid < 0:
            self._odd_key[slot] = key
            self._odd_slot[key] = slot
        if group:
            self._next_of[slot] = self._group_head[group]
            self._group_head[group] = slot
        sig = self._sigs[sig_id]
        assert sig is not None
        sig.members.append(slot)
        sig.sites[site] += 1
        self.count += 1

    def remove(self, key: str) -> None:
        """Forget the person with ``key`` (no error if absent: removal is idempotent)."""
        slot = self.slot(key)
        if slot is not None:
            self._unlink(slot)
            self._free_slot(slot)

    def remove_group(self, group: str) -> None:
        """Forget every person of ``group`` (a household), in the order they were added."""
        g = self._group_id.get(group)
        if not g:
            return
        slots = []
        slot = self._group_head[g]
        while slot >= 0:
            slots.append(slot)
            slot = self._next_of[slot]
        self._group_head[g] = -1
        for slot in reversed(slots):
            self._free_slot(slot)

    def _unlink(self, slot: int) -> None:
        g = self.group_of[slot]
        if not g:
            return
        at = self._group_head[g]
        if at == slot:
            self._group_head[g] = self._next_of[slot]
            return
        while at >= 0:
            following = self._next_of[at]
            if following == slot:
                self._next_of[at] = self._next_of[slot]
                return
            at = following

    def _free_slot(self, slot: int) -> None:
        sig_id = self.sig_of[slot]
        sig = self.sig(sig_id)
        sig.members.remove(slot)
        site = self.traits[self.trait_of[slot]].site
        sig.sites[site] -= 1
        if not sig.sites[site]:
            del sig.sites[site]
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
        odd = self._odd_key.pop(slot, None)
        if odd is not None:
            del self._odd_slot[odd]
        self.sig_of[slot] = -1
        self._next_of[slot] = -1
        self._free.append(slot)
        self.count -= 1

    def slot(self, key: str) -> int | None:
        """The slot of the person with ``key``, or None."""
        found = self._odd_slot.get(key)
        if found is not None:
            return found
        group, _, uid = key.rpartition("/")
        g = self._group_id.get(group)
        if not g or not _HEX_ID.fullmatch(uid):
            return None
        value = int(uid, 16)
        slot = self._group_head[g]
        while slot >= 0:
            if self._uid_of[slot] == value and slot not in self._odd_key:
                return slot
            slot = self._next_of[slot]
        return None

    def key(self, slot: int) -> str:
        """The key of the person in ``slot``."""
        odd = self._odd_key.get(slot)
        if odd is not None:
            return odd
        return f"{self._groups[self.group_of[slot]]}/{self._uid_of[slot]:016x}"

    def person(self, slot: int) -> Person:
        """The person in ``slot``, as added."""
        given, family, other = self._names[self._name_of[slot]]
        sex, year, estimated, locality, site = self._traits_as_typed[self.trait_of[slot]]
        return Person(self.key(slot), given, family, other, sex, year, estimated, locality,
                      self._groups[self.group_of[slot]], site)

    def profile(self, slot: int) -> Profile:
        """The full profile of the person in ``slot`` (their own spelling: for explanations)."""
        return build_profile(self.person(slot), self.tables)

    def live_slots(self) -> Iterator[int]:
        return (slot for slot, sig_id in enumerate(self.sig_of) if sig_id >= 0)

    # -- signatures ----------------------------------------------------------------------

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
