"""The all-pairs pass shared among processes (HQ's pass over a whole country).

Example::

    >>> from fieldreg.dedup import DedupIndex, Person
    >>> index = DedupIndex([Person("R1/1", "Fatoumata", "Diallo", sex="F", birth_year=1990, group="R1"),
    ...                     Person("R2/1", "Fatimata", "Jallo", sex="F", birth_year=1992, group="R2")],
    ...                    ref_year=2026)
    >>> [(m.a, m.b) for m in all_pairs_in_processes(index, processes=2)]
    [('R1/1', 'R2/1')]

Each process takes every n-th block of the pass (``DedupIndex.all_pairs``
``part``); a pair of names is visited in one block only, so together they find
each pair once. The processes are forked, so they read the index the parent
built without copying or pickling it; they send back only (key, key, score):
the reasons are written later, for the pairs someone will read. Where fork is
not available (Windows, macOS' default) the pass runs in this process.

``in_processes(work, items, n)`` is the same sharing for any work on a list
(the ranking of fieldreg/dedup/households.py weighs household pairs with it).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from fieldreg.dedup.index import DedupIndex
from fieldreg.dedup.person import Match

T = TypeVar("T")
R = TypeVar("R")

# The work and its items the forked processes of ``in_processes`` read (set only while they run).
_WORK: tuple[Callable[[list[Any]], Any], list[Any]] | None = None


def all_pairs_in_processes(index: DedupIndex, *, processes: int, **options: Any) -> list[Match]:
    """``index.all_pairs(**options)`` on ``processes`` processes; block order, reasons left empty."""
    def parts(shares: list[int]) -> list[tuple[str, str, float]]:
        # Only (key, key, score) travels back: the reasons are written for listed pairs.
        return [(m.a, m.b, m.score) for i in shares
                for m in index.all_pairs(part=(i, processes), explain=False, **options)]

    found = in_processes(parts, list(range(processes)), processes)
    return [Match(a, b, score, ()) for share in found for a, b, score in share]


def in_processes(work: Callable[[list[T]], R], items: list[T], processes: int) -> list[R]:
    """``work`` on every ``processes``-th item, from each of the first ``processes`` items, in
    as many forked processes (which read ``work``, its object and ``items`` without copying):
    one result per share. In this process when there is one, or no fork."""
    global _WORK
    if processes <= 1 or len(items) < processes or "fork" not in multiprocessing.get_all_start_methods():
        return [work(items)]
    _WORK = (work, items)
    try:
        with _frozen(), multiprocessing.get_context("fork").Pool(processes) as pool:
            return pool.map(_share, [(i, processes) for i in range(processes)], chunksize=1)
    finally:
        _WORK = None


@contextmanager
def _frozen() -> Iterator[None]:
    """Objects alive now left out of garbage collection while the processes run: the
    collector would walk the millions the index holds again and again, in every process,
    and its writes would copy the pages fork shares."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _share(part: tuple[int, int]) -> Any:
    assert _WORK is not None, "only called in a process forked by in_processes"
    work, items = _WORK
    which, parts = part
    return work(items[which::parts])
