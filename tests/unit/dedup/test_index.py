"""The index: live candidates, incremental add/remove, all-pairs pass."""

from __future__ import annotations

import itertools

from fieldreg.dedup import DEFAULT_THRESHOLD, DedupIndex, Person, score_pair
from fieldreg.dedup.crowd import CROWD

YEAR = 2026


def household(regno: str, *members: tuple[str, str, str, int]) -> list[Person]:
    return [
        Person(f"{regno}/{n}", given, family, sex=sex, birth_year=year, locality="Zégoua", group=regno)
        for n, (given, family, sex, year) in enumerate(members, start=1)
    ]


def sample() -> list[Person]:
    return (
        household("R1", ("Amadou", "Traoré", "M", 1984), ("Awa", "Koné", "F", 1990), ("Oumar", "Traoré", "M", 2015))
        + household("R2", ("Ahmadou", "Trawore", "M", 1986), ("Hawa", "Kone", "F", 1991))
        + household("R3", ("Moussa", "Coulibaly", "M", 1960), ("Moussa", "Coulibaly", "M", 1992))
        + household("R4", ("Moussa", "Kulibali", "M", 1993))
        + household("R5", ("Oumar", "Traoré", "M", 2017))
    )


def index() -> DedupIndex:
    return DedupIndex(sample(), ref_year=YEAR)


def test_candidates_rank_the_variant_first_with_an_explanation() -> None:
    found = index().candidates(Person("new", "Amadou", "Traore", sex="M", birth_year=1985))
    assert [m.a for m in found] == ["R1/1", "R2/1"]
    assert found[0].b == "new"
    assert found[1].explanation().startswith("family name variant Traore/Trawore; given name variant Amadou/Ahmadou")


def test_candidates_never_return_the_probe_or_its_household() -> None:
    idx = index()
    probe = Person("R1/3", "Oumar", "Traoré", sex="M", birth_year=2015, group="R1")
    keys = [m.a for m in idx.candidates(probe)]
    assert keys == ["R5/1"]
    same_household = Person("R1/4", "Amadou", "Traoré", sex="M", birth_year=1984, group="R1")
    assert all(m.a not in ("R1/1", "R1/2", "R1/3") for m in idx.candidates(same_household))


def test_partial_probe_with_only_a_family_name_returns_candidates() -> None:
    found = index().candidates(Person("new", "", "Kulibaly"))
    assert {m.a for m in found} == {"R3/1", "R3/2", "R4/1"}


def test_prefix_probe_matches_a_name_still_being_typed() -> None:
    idx = index()
    assert {m.a for m in idx.candidates(Person("new", "", "Coul"), prefix=True)} == {"R3/1", "R3/2", "R4/1"}
    typed = Person("new", "Ahm", "Traoré", sex="M", birth_year=1985)
    assert [m.a for m in idx.candidates(typed, prefix=True)][:2] == ["R1/1", "R2/1"]
    assert idx.candidates(Person("new", "", "C"), prefix=True) == []


def test_limit_and_threshold_are_respected() -> None:
    idx = index()
    probe = Person("new", "", "Traoré")
    assert len(idx.candidates(probe, limit=1)) == 1
    assert all(m.score >= 0.95 for m in idx.candidates(probe, threshold=0.95))


def test_add_remove_and_replace() -> None:
    idx = index()
    probe = Person("new", "Moussa", "Coulibaly", sex="M", birth_year=1993)
    assert {m.a for m in idx.candidates(probe)} == {"R3/2", "R4/1"}
    idx.remove("R4/1")
    idx.remove("R4/1")  # idempotent
    assert "R4/1" not in idx and len(idx) == len(sample()) - 1
    assert {m.a for m in idx.candidates(probe)} == {"R3/2"}
    idx.add(Person("R3/2", "Moussa", "Coulibaly", sex="M", birth_year=1960, group="R3"))  # corrected
    assert idx.candidates(probe) == []
    idx.add(Person("R9/1", "Musa", "Coulibali", sex="M", birth_year=1994, group="R9"))
    assert [m.a for m in idx.candidates(probe)] == ["R9/1"]
    assert idx.person("R9/1").given_names == "Musa"


def test_removing_every_member_of_a_name_leaves_no_trace() -> None:
    idx = DedupIndex([Person("a", "Issa", "Bamba")], ref_year=YEAR)
    idx.remove("a")
    assert len(idx) == 0 and idx.candidates(Person("b", "Issa", "Bamba")) == []
    assert list(idx.all_pairs()) == []


def test_all_pairs_finds_cross_household_duplicates_once_and_not_siblings() -> None:
    pairs = {(m.a, m.b) for m in index().all_pairs()}
    normalised = {tuple(sorted(p)) for p in pairs}
    assert len(normalised) == len(pairs)
    assert normalised == {("R1/1", "R2/1"), ("R1/2", "R2/2"), ("R3/2", "R4/1"), ("R1/3", "R5/1")}


def test_all_pairs_agrees_with_brute_force_scoring() -> None:
    people = sample() + household("R6", ("Awa", "Koné", "F", 1989), ("Amadou", "Traore", "M", 1980))
    expected = {
        frozenset((a.key, b.key))
        for a, b in itertools.combinations(people, 2)
        if a.group != b.group and score_pair(a, b, ref_year=YEAR).score >= DEFAULT_THRESHOLD
    }
    progress: list[tuple[int, int]] = []
    pairs = DedupIndex(people, ref_year=YEAR).all_pairs(progress=lambda d, t: progress.append((d, t)))
    got = {frozenset((m.a, m.b)) for m in pairs}
    assert got == expected
    assert progress and progress[-1][0] == progress[-1][1]


def test_all_pairs_scores_equal_score_pair() -> None:
    idx = index()
    for m in idx.all_pairs():
        assert m.score == score_pair(idx.person(m.a), idx.person(m.b), ref_year=YEAR).score


def test_all_pairs_yields_people_of_one_name_once() -> None:
    # Konaté and Konate fold the same: one signature, with several pair keys.
    people = household("R1", ("Salif", "Konaté", "M", 1995)) + household("R2", ("Salif", "Konate", "M", 1994))
    assert [(m.a, m.b) for m in DedupIndex(people, ref_year=YEAR).all_pairs()] == [("R1/1", "R2/1")]


def _placed(key: str, given: str, family: str, site: str, locality: str, year: int = 1990) -> Person:
    return Person(key, given, family, sex="M", birth_year=year, locality=locality, group=key, site=site)


def test_all_pairs_across_sites_and_same_origin_agree_with_filtered_brute_force() -> None:
    people = [
        _placed("a", "Amadou", "Traoré", "TGR1", "Loulouni"),
        _placed("b", "Ahmadou", "Trawore", "NIA", "Lulouni"),
        _placed("c", "Amadou", "Traore", "TGR1", "Tombouctou"),
        _placed("d", "Amadou", "Traoré", "NIA", ""),
        _placed("e", "Moussa", "Keïta", "TGR1", "Zégoua", 1970),
        _placed("f", "Musa", "Keita", "TGR1", "Zegoua", 1971),
        _placed("g", "Moussa", "Keita", "NIA", "Kadiolo", 1972),
    ]
    idx = DedupIndex(people, ref_year=YEAR)
    # crowd=0: every name counts as crowded, so origins always decide; with the
    # default crowd these few namesakes all meet, whatever their origin.
    for across, origin, crowd in itertools.product((False, True), (False, True), (0, CROWD)):
        expected = set()
        for p, q in itertools.combinations(people, 2):
            m = score_pair(p, q, ref_year=YEAR)
            if m.score < DEFAULT_THRESHOLD or (across and p.site == q.site):
                continue
            if origin and not crowd and "different origin locality" in map(str, m.reasons):
                continue
            expected.add(frozenset((p.key, q.key)))
        got = [frozenset((m.a, m.b)) for m in idx.all_pairs(across_sites=across, same_origin=origin, crowd=crowd)]
        assert len(got) == len(set(got)) and set(got) == expected, (across, origin, crowd)
        if across and origin and not crowd:
            assert {frozenset("ab"), frozenset("ad"), frozenset("cd")} <= expected
            assert frozenset("bc") not in expected and frozenset("ef") not in expected
        if across and origin and crowd:
            assert frozenset("bc") in expected  # a rare name: a different origin does not hide it


def test_the_origin_rule_applies_only_past_the_crowd_of_namesakes() -> None:
    # "a" has two namesakes of another origin under its own name; "z" is rare.
    people = [
        _placed("a", "Amadou", "Traoré", "TGR1", "Loulouni"),
        _placed("b", "Amadou", "Traoré", "NIA", "Tombouctou"),
        _placed("c", "Amadou", "Traoré", "NIA", "Tombouctou", 1991),
        _placed("y", "Zoumana", "Sanogo", "TGR1", "Loulouni"),
        _placed("z", "Zoumana", "Sanogo", "NIA", "Tombouctou"),
    ]
    idx = DedupIndex(people, ref_year=YEAR)

    def pairs(crowd: int) -> set[frozenset[str]]:
        return {frozenset((m.a, m.b)) for m in idx.all_pairs(across_sites=True, same_origin=True, crowd=crowd)}

    assert pairs(1) == {frozenset("yz")}  # a/b and a/c hidden: a has 2 namesakes at NIA
    assert pairs(2) == {frozenset("ab"), frozenset("ac"), frozenset("yz")}


def test_people_of_different_sex_are_not_compared_when_they_cannot_pass() -> None:
    people = [Person("a", "Awa", "Traoré", sex="F", birth_year=1990, group="a"),
              Person("b", "Awa", "Traoré", sex="M", birth_year=1990, group="b"),
              Person("c", "Awa", "Traoré", sex="", birth_year=1990, group="c")]
    idx = DedupIndex(people, ref_year=YEAR)
    assert {frozenset((m.a, m.b)) for m in idx.all_pairs()} == {frozenset("ac"), frozenset("bc")}
    # At a threshold a different sex can reach, everyone is compared again.
    assert frozenset("ab") in {frozenset((m.a, m.b)) for m in idx.all_pairs(threshold=0.5)}
