"""Ranking by household evidence, and the pass shared among processes."""

from __future__ import annotations

from dataclasses import replace

from fieldreg.dedup import DedupIndex, Person
from fieldreg.dedup.households import HouseholdEvidence
from fieldreg.dedup.parallel import all_pairs_in_processes

from .evalset import REF_YEAR, load


def _household(group: str, site: str, locality: str, *members: tuple[str, str, str, int]) -> list[Person]:
    return [Person(f"{group}/{i}", given, family, sex=sex, birth_year=year, group=group, site=site,
                   locality=locality) for i, (given, family, sex, year) in enumerate(members, start=1)]


def _register() -> list[Person]:
    """Fictitious people: a family registered at P1 and again at P2, a namesake of its head
    alone at P2, and enough strangers for names to have frequencies."""
    people = _household("F1", "P1", "Loulouni", ("Amadou", "Traoré", "M", 1980),
                        ("Awa", "Traoré", "F", 1984), ("Issa", "Traoré", "M", 2012))
    people += _household("F2", "P2", "Lulouni", ("Ahmadou", "Trawore", "M", 1981),
                         ("Hawa", "Traore", "F", 1984), ("Isaa", "Trahore", "M", 2012))
    people += _household("N1", "P2", "Kadiolo", ("Amadou", "Traoré", "M", 1979))
    givens = ["Moussa", "Oumar", "Seydou", "Fatoumata", "Mariam", "Bakary", "Salif", "Kadiatou"]
    families = ["Coulibaly", "Diarra", "Keïta", "Koné", "Diallo", "Sangaré", "Camara", "Cissé"]
    for n in range(400):
        people += _household(f"S{n}", "P1" if n % 2 else "P2", f"Village{n % 50}",
                             (givens[n % 8], families[(n // 8) % 8], "MF"[n % 2], 1950 + n % 60))
    return people


def test_a_family_registered_twice_outranks_a_namesake_and_names_who_else_pairs_up() -> None:
    people = _register()
    index = DedupIndex(people, ref_year=2026)
    ranked = HouseholdEvidence(people, ref_year=2026).rank(
        index.all_pairs(across_sites=True, same_origin=True), min_evidence=float("-inf"))
    by_pair = {frozenset((r.match.a, r.match.b)): r for r in ranked}
    head = by_pair[frozenset(("F1/1", "F2/1"))]
    namesake = by_pair[frozenset(("F1/1", "N1/1"))]
    assert head.evidence > namesake.evidence + 10
    assert {frozenset((c.a, c.b)) for c in head.companions} == {frozenset(("F1/2", "F2/2")),
                                                                frozenset(("F1/3", "F2/3"))}
    # Issa/Isaa Traoré/Trahore: a slip in both names, paired because the family vouches.
    assert frozenset(("F1/3", "F2/3")) in by_pair
    names = {"F1/2": "Awa Traoré", "F2/2": "Hawa Traore", "F1/3": "Issa Traoré", "F2/3": "Isaa Trahore"}
    text = head.explanation(names)
    assert "other members pair up: " in text and "Awa Traoré / Hawa Traore" in text
    assert "no other member pairs up" in namesake.explanation()
    # Strongest first: the family's three pairs lead the list.
    assert {frozenset((r.match.a, r.match.b)) for r in ranked[:3]} == {
        frozenset(("F1/1", "F2/1")), frozenset(("F1/2", "F2/2")), frozenset(("F1/3", "F2/3"))}


def test_one_person_households_are_still_listed() -> None:
    people = _register() + _household("L1", "P1", "Zégoua", ("Tidiani", "Bagayoko", "M", 1970))
    people += _household("L2", "P2", "Zegoua", ("Tidiane", "Bagayogo", "M", 1971))
    index = DedupIndex(people, ref_year=2026)
    ranked = HouseholdEvidence(people, ref_year=2026).rank(index.all_pairs(across_sites=True))
    assert frozenset(("L1/1", "L2/1")) in {frozenset((r.match.a, r.match.b)) for r in ranked}


def test_processes_share_the_pass_and_find_the_same_pairs() -> None:
    pairs = load("eval_dev.csv")
    people = [q for p in pairs for q in (replace(p.a, site="POST1"), replace(p.b, site="POST2"))]
    index = DedupIndex(people, ref_year=REF_YEAR)
    alone = {(m.a, m.b, m.score) for m in index.all_pairs(across_sites=True, same_origin=True)}
    shared = all_pairs_in_processes(index, processes=2, across_sites=True, same_origin=True)
    assert len(shared) == len(alone) > 300  # each pair once
    assert {(m.a, m.b, m.score) for m in shared} == alone


def test_a_family_the_origin_rule_keeps_apart_is_found_by_its_members_and_a_couple_is_not() -> None:
    # crowd=0: the origin rule for every name, as for crowded names in a country's register.
    # Both families gave another origin the second time; the pass alone pairs no one.
    people = _register()[6:]  # the strangers and the namesake only
    people += _household("F1", "P1", "Loulouni", ("Amadou", "Traoré", "M", 1980),
                         ("Awa", "Traoré", "F", 1984), ("Issa", "Traoré", "M", 2012))
    people += _household("F3", "P2", "Kadiolo", ("Ahmadou", "Trawore", "M", 1981),
                         ("Hawa", "Traore", "F", 1984), ("Issa", "Traoré", "M", 2012))
    people += _household("C1", "P1", "Misseni", ("Seydou", "Sanogo", "M", 1970), ("Mariam", "Sanogo", "F", 1975))
    people += _household("C2", "P2", "Zégoua", ("Seydou", "Sanogo", "M", 1971), ("Mariam", "Sanogo", "F", 1975))
    index = DedupIndex(people, ref_year=2026)
    found = list(index.all_pairs(across_sites=True, same_origin=True, crowd=0))
    assert not {m.a.split("/")[0] for m in found} & {"F1", "F3", "C1", "C2"}
    ranked = HouseholdEvidence(people, ref_year=2026).rank(found, min_evidence=float("-inf"))
    listed = {frozenset((r.match.a, r.match.b)) for r in ranked}
    assert {frozenset((f"F1/{i}", f"F3/{i}")) for i in (1, 2, 3)} <= listed
    # Two members pairing up is what two couples of namesakes do: not enough alone.
    assert not any(key.startswith("C") for pair in listed for key in pair)


def test_the_ranking_on_two_processes_lists_what_one_lists() -> None:
    people = _register()
    index = DedupIndex(people, ref_year=2026)
    found = list(index.all_pairs(across_sites=True, same_origin=True, explain=False))
    evidence = HouseholdEvidence(people, ref_year=2026)
    one = evidence.rank(found, min_evidence=float("-inf"))
    two = evidence.rank(found, min_evidence=float("-inf"), processes=2)
    assert len(one) > 3
    assert [(r.match.a, r.match.b, r.evidence, r.explanation()) for r in one] == [
        (r.match.a, r.match.b, r.evidence, r.explanation()) for r in two]
