"""Blocking keys: which pairs of names are worth scoring at all.

Example::

    >>> from fieldreg.dedup import Person
    >>> from fieldreg.dedup.profile import build_profile
    >>> from fieldreg.dedup.blocking import pair_keys
    >>> a = build_profile(Person("a", "Amadou", "Traoré")).names
    >>> b = build_profile(Person("b", "Traore", "Ahmadou")).names   # swapped and respelled
    >>> sorted(pair_keys(a) & pair_keys(b))
    ['P:Vmd|tr', 'X:Vmd>tr', 'X:tr>am']

Comparing every registered person with every other is quadratic; instead each
name gets a few keys and only names sharing a key are scored.

``P:`` (pair) keys
    the unordered pair of phonetic skeletons of a family word and a given word.
    Unordered, so swapped given/family names share it; one key per given word,
    so a dropped middle name still shares the others.
``X:`` (cross) keys
    the skeleton of one word with the first two canonical letters of a word in
    the other role. A typo that changes a consonant of one word breaks its
    skeleton, but the other word's skeleton and this word's first letters
    still meet.
``S:`` and ``F:`` (single) keys
    the skeleton, and the first three canonical letters, of each word alone.
    Used only for live probes where one word has been typed so far; too broad
    for an all-pairs pass.
"""

from __future__ import annotations

from itertools import combinations, product

from fieldreg.dedup.normalise import skeleton
from fieldreg.dedup.profile import Names, Token


def _starts(t: Token) -> set[str]:
    # Both the class key and the word's own canonical spelling, so that a probe
    # typed as "Brahima" meets a stored "Ibrahim" (class key "ibraim") and the
    # other way round.
    return {t.key[:2], t.canonical[:2]}


def _role_pairs(names: Names) -> list[tuple[Token, Token]]:
    family, given = names.family, names.given + names.other
    if family and given:
        return list(product(family, given))
    # Everything typed in one field: every two words may be family and given.
    return list(combinations(family or given, 2))


def pair_keys(names: Names) -> set[str]:
    """The P: and X: keys of a name (what the all-pairs pass blocks on)."""
    keys: set[str] = set()
    for f, g in _role_pairs(names):
        sf, sg = skeleton(f.key), skeleton(g.key)
        keys.add("P:" + "|".join(sorted((sf, sg))))
        keys.update(f"X:{sf}>{start}" for start in _starts(g) if len(start) == 2)
        keys.update(f"X:{sg}>{start}" for start in _starts(f) if len(start) == 2)
    return keys


def single_keys(names: Names) -> set[str]:
    """The S: and F: keys of every word (for probes with one word typed)."""
    keys: set[str] = set()
    for t in names.all:
        keys.add("S:" + skeleton(t.key))
        keys.update("F:" + c[:3] for c in {t.key, t.canonical} if len(c) >= 3)
    return keys


def probe_keys(names: Names) -> set[str]:
    """Keys to look up for a live probe: pair keys if two words, else single keys."""
    if len([t for t in names.all if len(t.folded) >= 2]) >= 2:
        return pair_keys(names)
    keys = set()
    for t in names.all:
        keys.add("S:" + skeleton(t.key))
        if len(t.canonical) >= 3:
            keys.add("F:" + t.canonical[:3])
    return keys
