"""Precomputed comparison features of a :class:`~fieldreg.dedup.person.Person`.

Example::

    >>> from fieldreg.dedup import Person
    >>> from fieldreg.dedup.profile import build_profile
    >>> p = build_profile(Person("k", "Ahmadou Baba", "Ag Trawore", locality="Lulouni"))
    >>> [t.raw for t in p.names.given], [t.key for t in p.names.family], p.locality
    (['Ahmadou', 'Baba'], ['traor'], 'luluni')

The scorer compares profiles, not people: normalising a name costs far more than
comparing two normalised ones, so the index builds each profile once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fieldreg.dedup.normalise import canon, fold, split_tokens
from fieldreg.dedup.person import Person
from fieldreg.dedup.tables import NameTables, VariantTable, default_tables

# Raw pieces are cut at spaces and punctuation only: splitting at "non-word"
# characters would also cut at Arabic harakat and N'Ko tone marks.
_RAW_SPLIT = re.compile(r"[\s\-‐–—.,;:/()\[\]\"]+|[\d_]+")


@dataclass(frozen=True, slots=True)
class Token:
    """One name word: as typed (for explanations), folded, canonical, and its key.

    ``key`` is the variant-class key when a table lists the word, else the
    canonical spelling; ``listed`` says which, so two *different* listed names
    (Aminata / Alimata) are known to be different names, not a typo.
    """

    raw: str
    folded: str
    canonical: str
    key: str
    listed: bool


@dataclass(frozen=True, slots=True)
class Names:
    """The name words of one person by role (particles and titles removed).

    ``signature`` depends only on the folded words, so two people whose names
    fold the same get the same name score against anyone: the index scores a
    name once per signature, not once per person.
    """

    given: tuple[Token, ...]
    family: tuple[Token, ...]
    other: tuple[Token, ...]

    @property
    def all(self) -> tuple[Token, ...]:
        """All name words, given first."""
        return self.given + self.family + self.other

    @property
    def signature(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Folded words by role: equal signatures score equally."""
        return (
            tuple(t.folded for t in self.given),
            tuple(t.folded for t in self.family),
            tuple(t.folded for t in self.other),
        )


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the scorer needs about one person, normalised once."""

    key: str
    group: str
    names: Names
    sex: str
    birth_year: int | None
    birth_estimated: bool
    locality: str
    site: str = ""


def _tokens(text: str, first: VariantTable, second: VariantTable, tables: NameTables) -> list[Token]:
    out: list[Token] = []
    for piece in _RAW_SPLIT.split(text):
        for folded in split_tokens(piece):
            canonical = canon(folded)
            cls = first.class_of_canonical(canonical) or second.class_of_canonical(canonical)
            out.append(Token(piece, folded, canonical, cls or canonical, cls is not None))
    # Particles and titles ("Ag", "El Hadj") say nothing about identity, but a
    # name made only of them is still better than no name.
    kept = [t for t in out if t.canonical not in tables.particles]
    return kept or out


def _locality(text: str, tables: NameTables) -> str:
    words = []
    for tok in split_tokens(text):
        c = canon(tok)
        words.append(tables.locality.class_of_canonical(c) or c)
    return " ".join(words)


def _sex(text: str) -> str:
    s = fold(text).strip()[:1].upper()
    # "H" (homme) and "F" are what a French form gives; anything else is unknown.
    return {"M": "M", "H": "M", "F": "F", "X": "X"}.get(s, "")


def build_names(given: str, family: str, other: str, tables: NameTables | None = None) -> Names:
    """The name words of a person's three name fields, by role (particles dropped)."""
    t = tables or default_tables()
    return Names(
        given=tuple(_tokens(given, t.given, t.family, t)),
        family=tuple(_tokens(family, t.family, t.given, t)),
        other=tuple(_tokens(other, t.given, t.family, t)),
    )


NO_NAMES = Names((), (), ())


def build_traits(*, sex: str, birth_year: int | None, birth_estimated: bool, locality: str, site: str = "",
                 tables: NameTables | None = None) -> Profile:
    """What a profile says besides the names and the key: a profile with neither.

    Many people share these (sex, birth year, origin), so an index keeps one
    such profile for all of them and compares it with
    :func:`~fieldreg.dedup.scoring.adjustment`, which reads nothing else.
    """
    return Profile(key="", group="", names=NO_NAMES, sex=_sex(sex), birth_year=birth_year,
                   birth_estimated=birth_estimated, locality=_locality(locality, tables or default_tables()),
                   site=site)


def build_profile(person: Person, tables: NameTables | None = None) -> Profile:
    """Normalise ``person`` once for scoring (see module example)."""
    t = tables or default_tables()
    return Profile(
        key=person.key,
        group=person.group,
        names=build_names(person.given_names, person.family_name, person.other_names, t),
        sex=_sex(person.sex),
        birth_year=person.birth_year,
        birth_estimated=person.birth_estimated,
        locality=_locality(person.locality, t),
        site=person.site,
    )


@lru_cache(maxsize=4096)
def cached_profile(person: Person) -> Profile:
    """:func:`build_profile` with the default tables, memoised (people are frozen)."""
    return build_profile(person)
