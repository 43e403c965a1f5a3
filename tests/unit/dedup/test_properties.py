"""Properties over arbitrary input: symmetric, bounded, never raises."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from fieldreg.dedup import DedupIndex, Person, score_pair

names = st.text(max_size=25)
years = st.one_of(st.none(), st.integers(min_value=1900, max_value=2026))
people = st.builds(
    Person,
    key=st.text(min_size=1, max_size=5),
    given_names=names,
    family_name=names,
    other_names=names,
    sex=st.sampled_from(["", "F", "M", "X", "?"]),
    birth_year=years,
    birth_estimated=st.booleans(),
    locality=names,
)


@settings(max_examples=300, deadline=None)
@given(people, people)
def test_score_is_symmetric_and_in_range(a: Person, b: Person) -> None:
    ab, ba = score_pair(a, b, ref_year=2026), score_pair(b, a, ref_year=2026)
    assert 0.0 <= ab.score <= 1.0
    assert ab.score == ba.score
    assert all(str(r) for r in ab.reasons)


@settings(max_examples=100, deadline=None)
@given(people)
def test_a_person_with_a_name_matches_themselves_best(a: Person) -> None:
    m = score_pair(a, a, ref_year=2026)
    assert m.score >= score_pair(a, Person("other", "Zz", "Qq"), ref_year=2026).score


@settings(max_examples=50, deadline=None)
@given(st.lists(people, max_size=8), people)
def test_index_never_raises_and_never_returns_the_probe(population: list[Person], probe: Person) -> None:
    idx = DedupIndex(population, ref_year=2026)
    for prefix in (False, True):
        for m in idx.candidates(probe, prefix=prefix):
            assert m.a != probe.key and 0.0 <= m.score <= 1.0
    list(idx.all_pairs())
    for p in population:
        idx.remove(p.key)
    assert len(idx) == 0
