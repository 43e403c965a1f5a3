"""A seeded post register and probes, to hold the duplicate finder's output fixed across rewrites.

    python -m tests.unit.station.finder_population > tests/data/dedup/finder_golden.json

Regenerate the golden file only when the matcher's *results* are meant to change
(a new weight, a new blocking key), never to make a faster or leaner finder pass:
``test_finder_golden.py`` checks that a rewrite of the finder's internals returns
exactly the candidates and pairs it returned before (keys, scores, explanations
and the members described).

The register: households from the demo generator (fieldreg/station/demo.py),
a third of them with names and villages from the evaluation set's generator
(tests/data/dedup/make_eval_set.py: skewed common names, second given names),
5 % registered again with its spelling, typo and birth-year drift variants,
some voided, some corrected (their summary put again). The probes: members
retyped with variants, swapped names, one word only, no birth year.
"""

from __future__ import annotations

import hashlib
import json
import random
import runpy
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fieldreg.dedup import Person
from fieldreg.regno import RegNo
from fieldreg.station.demo import demo_household
from fieldreg.station.duplicates import PostDuplicates
from fieldreg.store.index import RegistryIndex
from fieldreg.store.registry import summary_of
from fieldreg.validation import parse_household

DATA = Path(__file__).resolve().parents[2] / "data" / "dedup"
GOLDEN = DATA / "finder_golden.json"
GEN: dict[str, Any] = runpy.run_path(str(DATA / "make_eval_set.py"))


def _eval_names(rng: random.Random, household: dict[str, Any]) -> None:
    """Give a demo household the evaluation generator's names and village (in place)."""
    family = GEN["pick"](rng, list(GEN["FAMILY"]), GEN["FAMILY_WEIGHTS"])
    household["origin"]["locality"] = rng.choice(GEN["VILLAGES"])
    for member in household["members"]:
        person = GEN["new_person"](rng, sex="M" if member["sex"] == "M" else "F")
        member["given_names"] = person["given"]
        if member["relationship"] != "spouse":
            member["family_name"] = family


def _again(rng: random.Random, household: dict[str, Any]) -> dict[str, Any]:
    """The same household registered a second time, with the variants clerks make."""
    again = json.loads(json.dumps(household))
    for member in again["members"]:
        roll = rng.random()
        if roll < 0.3:
            member["family_name"] = GEN["respell"](rng, member["family_name"])
        elif roll < 0.5:
            member["given_names"] = GEN["typo"](rng, member["given_names"])
        elif roll < 0.6:
            member["given_names"], member["family_name"] = member["family_name"], member["given_names"]
        if "birth_year" in member and rng.random() < 0.5:
            member["birth_year"] = min(2025, member["birth_year"] + rng.choice((-2, -1, 1, 2)))
    if rng.random() < 0.3:
        again["origin"]["locality"] = GEN["mutate"](rng, again["origin"]["locality"])
    return again


def registrations(*, seed: int = 14, households: int = 1500) -> list[tuple[str, str]]:
    """The register's summaries in the order they were put: (regno, summary) pairs."""
    rng = random.Random(seed)
    puts: list[tuple[str, str]] = []
    made: list[dict[str, Any]] = []
    today = date(2026, 11, 20)
    for seq in range(1, households + 1):
        if made and rng.random() < 0.05:
            obj = _again(rng, rng.choice(made))
        else:
            obj = demo_household(rng, today - timedelta(days=rng.randint(0, 120)))
            if rng.random() < 0.33:
                _eval_names(rng, obj)
        for member in obj["members"]:  # a new registration's members get new ids (seeded here)
            member["id"] = f"{rng.getrandbits(64):016x}"
        made.append(obj)
        regno = str(RegNo.build("TGR1", 2026, seq))
        status = "void" if rng.random() < 0.02 else "active"
        puts.append((regno, summary_of(parse_household(obj), status)))
        if rng.random() < 0.02:  # corrected later: the newer summary replaces it
            puts.append((regno, summary_of(parse_household(_again(rng, obj)), "active")))
    return puts


def population(*, seed: int = 14, households: int = 1500) -> RegistryIndex:
    """The register as the finder reads it: a RegistryIndex of summaries (no store needed)."""
    index = RegistryIndex()
    for regno, raw in registrations(seed=seed, households=households):
        index.put(regno, raw)
    return index


def probes(index: RegistryIndex, *, seed: int = 15, count: int = 160) -> list[Person]:
    """Members of the register retyped as an officer might, and a few partial names."""
    rng = random.Random(seed)
    summaries = [h for h in index.summaries() if h.status == "active"]
    people = []
    for n in range(count):
        household = rng.choice(summaries)
        m = rng.choice(household.members)
        given, family, year = m.given_names, m.family_name, m.birth_year
        kind = n % 8
        if kind == 1:
            family = GEN["respell"](rng, family)
        elif kind == 2:
            given = GEN["typo"](rng, given)
        elif kind == 3:
            given, family = family, given
        elif kind == 4:
            given = ""  # the family name only, so far
        elif kind == 5:
            year = 0  # no birth year yet
        elif kind == 6:
            year += rng.choice((-3, 3))
        people.append(Person("typing", given, family, sex=m.sex if kind != 7 else "",
                             birth_year=year or None, locality=household.locality if n % 3 else ""))
    return people


def finder_output(finder: PostDuplicates, people: list[Person]) -> dict[str, Any]:
    """What the golden file holds: each probe's candidates (key, score), every pair, and a hash of all."""
    full = hashlib.sha256()
    candidates = []
    for person in people:
        found = finder.candidates(person)
        candidates.append([f"{c.b[0].regno}/{c.b[1].uid} {c.match.score:.4f}" for c in found])
        for c in found:
            full.update(json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False).encode())
    pairs = finder.pairs()
    for c in pairs:
        full.update(json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False).encode())
    return {
        "candidates": candidates,
        "pairs": [f"{c.match.a} {c.match.b} {c.match.score:.4f}" for c in pairs],
        "sha256": full.hexdigest(),
    }


def main() -> int:
    index = population()
    json.dump(finder_output(PostDuplicates(index), probes(index)), sys.stdout, indent=0)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
