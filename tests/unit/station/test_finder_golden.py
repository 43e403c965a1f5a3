"""The duplicate finder returns exactly what it returned before its memory rewrite (issue 14 item 10).

The golden file was written by the finder as it stood before the rewrite (commit
27bf2c6) from a seeded register (``finder_population``): each probe's candidates
with their scores, every candidate pair, and a hash of all of them as shown to
people (explanations and the members described included).
"""

from __future__ import annotations

import json

from fieldreg.station.duplicates import PostDuplicates
from fieldreg.store.index import RegistryIndex
from tests.unit.station.finder_population import GOLDEN, finder_output, population, probes, registrations


def test_candidates_and_pairs_are_those_of_the_finder_before_the_rewrite() -> None:
    index = population()
    got = finder_output(PostDuplicates(index), probes(index))
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sum(map(len, expected["candidates"])) > 400 and len(expected["pairs"]) > 1000  # not vacuous
    for n, (found, wanted) in enumerate(zip(got["candidates"], expected["candidates"], strict=True)):
        assert found == wanted, f"probe {n}"
    assert got["pairs"] == expected["pairs"]
    assert got["sha256"] == expected["sha256"]


def test_a_finder_built_then_caught_up_equals_one_built_at_once() -> None:
    """Households put after the finder was built (saves, corrections, voids) reach it by refresh()."""
    puts = registrations(households=900)
    index = RegistryIndex()
    for regno, raw in puts[:600]:
        index.put(regno, raw)
    early = PostDuplicates(index)
    for regno, raw in puts[600:]:
        index.put(regno, raw)
    early.refresh()
    people = probes(index, count=60)
    assert finder_output(early, people) == finder_output(PostDuplicates(index), people)
