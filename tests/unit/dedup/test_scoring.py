"""Pair scores and explanations on the cases the issue names."""

from __future__ import annotations

import pytest

from fieldreg.dedup import DEFAULT_THRESHOLD, Match, Person, score_pair
from fieldreg.dedup.birth import year_tolerance

YEAR = 2026


def person(given: str, family: str, **kw: object) -> Person:
    defaults: dict[str, object] = {"sex": "M", "birth_year": 1985, "locality": "Loulouni"}
    defaults.update(kw)
    return Person(f"{given}/{family}/{kw}", given, family, **defaults)  # type: ignore[arg-type]


def score(a: Person, b: Person) -> Match:
    return score_pair(a, b, ref_year=YEAR)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Seydou", "Traoré"), ("Seydou", "Traore")),
        (("Seydou", "Traoré"), ("Seydou", "Trawore")),
        (("Bakary", "Coulibaly"), ("Bakari", "Kulibali")),
        (("Modibo", "Keïta"), ("Modibo", "Keita")),
        (("Oumar", "Diallo"), ("Umar", "Jallo")),
        (("Oumar", "Diallo"), ("Omar", "Djalo")),
        (("Ibrahim", "Cissé"), ("Ibrahima", "Sissé")),
        (("Mohamed", "Koné"), ("Muhammad", "Kone")),
        (("Moussa", "Touré"), ("Musa", "Toure")),
        (("Amadou", "Diarra"), ("Ahmadou", "Jara")),
    ],
)
def test_spelling_variants_from_the_issue_match(a: tuple[str, str], b: tuple[str, str]) -> None:
    assert score(person(*a), person(*b)).score >= DEFAULT_THRESHOLD


def test_swapped_given_and_family_names_match_and_say_so() -> None:
    m = score(person("Amadou", "Traoré"), person("Traore", "Ahmadou"))
    assert m.score >= DEFAULT_THRESHOLD
    assert str(m.reasons[0]) == "given and family names swapped"


def test_dropped_middle_name_matches_and_is_named() -> None:
    m = score(person("Fatoumata Binta", "Sidibé", sex="F"), person("Fatoumata", "Sidibe", sex="F"))
    assert m.score >= DEFAULT_THRESHOLD
    assert "middle name on one side only (Binta)" in map(str, m.reasons)


def test_two_different_middle_names_lower_the_score() -> None:
    dropped = score(person("Adama Lassina", "Sanogo"), person("Adama", "Sanogo")).score
    conflicting = score(person("Adama Lassina", "Sanogo"), person("Adama Drissa", "Sanogo")).score
    assert conflicting < dropped


def test_locality_spellings_count_as_the_same_origin() -> None:
    m = score(person("Siaka", "Bamba", locality="Loulouni"), person("Siaka", "Bamba", locality="Lulouni"))
    assert "same origin locality (after normalisation)" in map(str, m.reasons)


def test_siblings_with_close_birth_years_are_not_matched() -> None:
    pairs = [
        (person("Amadou", "Traoré", birth_year=1990), person("Oumar", "Traoré", birth_year=1992)),
        (person("Aminata", "Diallo", sex="F"), person("Alimata", "Diallo", sex="F")),
        (person("Fousseyni", "Koné", birth_year=2001), person("Lassina", "Koné", birth_year=2001)),
    ]
    for a, b in pairs:
        assert score(a, b).score < DEFAULT_THRESHOLD, score(a, b)


def test_father_and_son_of_the_same_name_are_not_matched() -> None:
    m = score(person("Moussa", "Coulibaly", birth_year=1961), person("Moussa", "Coulibaly", birth_year=1992))
    assert m.score < DEFAULT_THRESHOLD
    assert "birth year differs by 31 (more than the 5 expected)" in map(str, m.reasons)


def test_same_name_different_sex_is_not_matched() -> None:
    m = score(person("Adama", "Keïta", sex="F"), person("Adama", "Keita", sex="M"))
    assert m.score < DEFAULT_THRESHOLD and "sex differs" in map(str, m.reasons)


def test_unknown_fields_are_neither_for_nor_against() -> None:
    full = score(person("Issa", "Maïga"), person("Issa", "Maiga")).score
    bare = score(person("Issa", "Maïga", sex="", birth_year=None, locality=""), person("Issa", "Maiga")).score
    assert DEFAULT_THRESHOLD <= bare < full


def test_birth_tolerance_grows_with_age_and_exact_dates_are_strict() -> None:
    assert (year_tolerance(age=3, exact=False) < year_tolerance(age=40, exact=False)
            < year_tolerance(age=70, exact=False))
    child_a = person("Awa", "Dembélé", sex="F", birth_year=2020)
    child_b = person("Awa", "Dembele", sex="F", birth_year=2024)
    adult_a = person("Awa", "Dembélé", sex="F", birth_year=1980)
    adult_b = person("Awa", "Dembele", sex="F", birth_year=1984)
    assert score(child_a, child_b).score < DEFAULT_THRESHOLD <= score(adult_a, adult_b).score
    exact_a = person("Awa", "Dembélé", sex="F", birth_year=1981, birth_estimated=False)
    exact_b = person("Awa", "Dembele", sex="F", birth_year=1983, birth_estimated=False)
    adult_a = person("Awa", "Dembélé", sex="F", birth_year=1981)
    adult_b = person("Awa", "Dembele", sex="F", birth_year=1983)
    assert score(exact_a, exact_b).score < score(adult_a, adult_b).score
    assert "birth year differs by 2 (exact dates)" in map(str, score(exact_a, exact_b).reasons)


def test_explanation_quotes_only_the_two_names_and_the_year_difference() -> None:
    a = person("Amadou", "Traoré", birth_year=1988, locality="Loulouni")
    b = person("Ahmadou", "Traore", birth_year=1989, locality="Lulouni")
    m = score(a, b)
    assert m.explanation() == (
        "family name equal after normalisation Traoré/Traore; given name variant Amadou/Ahmadou; "
        "birth year differs by 1; same sex; same origin locality (after normalisation)"
    )
    text = m.explanation()
    for private in ("Loulouni", "Lulouni", "1988", "1989", a.key, b.key):
        assert private not in text


def test_arabic_script_name_matches_itself_with_or_without_vowel_marks() -> None:
    a = person("مُحَمَّد", "الأنصاري")
    b = person("محمد", "الانصاري")
    m = score(a, b)
    assert m.score >= DEFAULT_THRESHOLD
    assert score(a, a).score == pytest.approx(1.0)
    assert score(a, person("فاطمة", "الانصاري")).score < DEFAULT_THRESHOLD


def test_nko_name_matches_itself() -> None:
    a = person("ߡߊ߲߬ߘߎ", "ߞߊ߲ߕߍ")
    assert score(a, person("ߡߊ߲ߘߎ", "ߞߊ߲ߕߍ")).score >= DEFAULT_THRESHOLD


def test_score_is_in_unit_range_and_everything_agreeing_scores_one() -> None:
    a = person("Boubacar", "Sangaré")
    assert score(a, a).score == 1.0
    assert 0.0 <= score(a, person("Rokia", "Ouédraogo", sex="F", birth_year=1950)).score < 0.3


def test_an_empty_name_scores_zero_against_anyone() -> None:
    assert score(person("", ""), person("Issa", "Bamba")).score < 0.2
