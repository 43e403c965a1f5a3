"""The index's compact tables: people given back as added, households put and removed whole."""

from __future__ import annotations

import random

from fieldreg.dedup import DedupIndex, Person

YEAR = 2026
NAMES = [("Amadou", "Traoré"), ("Ahmadou", "Trawore"), ("Awa", "Koné"), ("Hawa", "Kone"),
         ("Moussa", "Coulibaly"), ("Moussa", "Kulibali"), ("Fatoumata", "Diallo"), ("Fatimata", "Jallo")]


def _uid(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def _household(rng: random.Random, regno: str, size: int, locality: str = "Zégoua") -> list[Person]:
    people = []
    for _ in range(size):
        given, family = rng.choice(NAMES)
        people.append(Person(f"{regno}/{_uid(rng)}", given, family, other_names=rng.choice(["", "Baba"]),
                             sex=rng.choice("FMH") if rng.random() < 0.9 else "", birth_year=rng.choice(
                                 [None, *range(1950, 2020, 3)]), birth_estimated=rng.random() < 0.8,
                             locality=locality, group=regno))
    return people


def _as_members(people: list[Person]) -> list[tuple[str, str, str, str, str, int | None, bool]]:
    return [(p.key.rpartition("/")[2], p.given_names, p.family_name, p.other_names, p.sex, p.birth_year,
             p.birth_estimated) for p in people]


def _outputs(index: DedupIndex) -> tuple[object, ...]:
    probes = [Person("typing", g, f, sex="M", birth_year=1980) for g, f in NAMES] + [Person("typing", "", "Kone")]
    return (sorted((m.a, m.b, m.score, m.explanation()) for m in index.all_pairs()),
            [[(m.a, m.score, m.explanation()) for m in index.candidates(p)] for p in probes], len(index))


def test_people_are_given_back_exactly_as_added_whatever_their_key() -> None:
    rng = random.Random(1)
    people = [
        *_household(rng, "TGR1-26-000001-7", 3),
        Person("a", "Issa", "Bamba"),                                   # no group
        Person("TGR1-26-000001-7/1", "Awa", "Koné", group="TGR1-26-000001-7"),  # a short member id
        Person("TGR1-26-000002-5/ABCDEF0123456789", "Awa", "Koné", group="TGR1-26-000002-5"),  # upper case
        Person(f"X/{_uid(rng)}", "Awa", "Koné", group="Y"),               # a key not of its group
        Person(f"G/H/{_uid(rng)}", "Awa", "Koné", group="G/H", site="TGR2"),
    ]
    index = DedupIndex(people, ref_year=YEAR)
    assert len(index) == len(people)
    for person in people:
        assert person.key in index and index.person(person.key) == person
    assert "TGR1-26-000001-7/0000000000000000" not in index and "nobody" not in index


def test_a_household_put_whole_is_indexed_as_its_people_added_one_by_one() -> None:
    rng = random.Random(2)
    households = {f"R{n}": _household(rng, f"R{n}", rng.randint(1, 6), rng.choice(["Zégoua", "Misséni", ""]))
                  for n in range(60)}
    one_by_one = DedupIndex(ref_year=YEAR)
    whole = DedupIndex(ref_year=YEAR)
    for regno, people in households.items():
        for person in people:
            one_by_one.add(person)
        locality = people[0].locality
        whole.put_group(regno, _as_members(people), locality=locality)
    assert _outputs(whole) == _outputs(one_by_one)
    # Re-put with changes, remove a group, and the free slots are reused: still the same.
    for regno in ("R3", "R7", "R11"):
        changed = _household(rng, regno, 2)
        for person in households[regno]:
            one_by_one.remove(person.key)
        for person in changed:
            one_by_one.add(person)
        whole.put_group(regno, _as_members(changed), locality="Zégoua")
    for person in households["R5"]:
        one_by_one.remove(person.key)
    whole.remove_group("R5")
    whole.remove_group("R5")  # idempotent
    whole.put_group("R9", [])  # an empty household: removed
    for person in households["R9"]:
        one_by_one.remove(person.key)
    assert _outputs(whole) == _outputs(one_by_one)
    assert all(p.key not in whole for p in households["R5"] + households["R9"])


def test_removing_one_member_keeps_the_rest_of_the_household() -> None:
    rng = random.Random(3)
    people = _household(rng, "R1", 4)
    index = DedupIndex(people, ref_year=YEAR)
    index.remove(people[1].key)
    index.remove(people[1].key)  # idempotent
    assert [p.key in index for p in people] == [True, False, True, True]
    index.remove_group("R1")
    assert len(index) == 0 and not any(p.key in index for p in people)
