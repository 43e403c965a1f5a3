"""Duplicate detection for West African names: a pure library, no Qt, no store.

Example::

    >>> from fieldreg.dedup import DedupIndex, Person
    >>> index = DedupIndex([
    ...     Person("MLI01-26-000012-7/1", "Amadou", "Traoré", sex="M", birth_year=1988, group="MLI01-26-000012-7"),
    ...     Person("MLI01-26-000013-5/1", "Oumar", "Traoré", sex="M", birth_year=1990, group="MLI01-26-000013-5"),
    ... ])
    >>> [m.a for m in index.candidates(Person("probe", "Ahmadou", "Trawore", birth_year=1989))]
    ['MLI01-26-000012-7/1']

Modules: ``normalise`` (folding, canonical spelling, phonetic skeleton),
``tables`` (variant tables in ``data/``), ``profile`` (per-person features),
``birth`` (age-dependent tolerance), ``scoring`` (pair score and explanation),
``index`` (``DedupIndex``: incremental blocking index for live candidates and
all-pairs passes), ``signatures`` (its tables), ``pairs`` (the all-pairs pass),
``buckets`` (people of a name by birth year), ``crowd`` (namesakes of crowded
names, close origins).
See docs/dedup.md.
"""

from __future__ import annotations

from fieldreg.dedup.person import Match, Person
from fieldreg.dedup.scoring import DEFAULT_THRESHOLD, score_pair

__all__ = ["DEFAULT_THRESHOLD", "DedupIndex", "Match", "Person", "score_pair"]


def __getattr__(name: str) -> object:
    # The index is imported lazily so that scoring alone stays light to import.
    if name == "DedupIndex":
        from fieldreg.dedup.index import DedupIndex

        return DedupIndex
    raise AttributeError(name)
