"""Duplicates across posts at HQ: real batches from simulated posts, imported into a real registry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldreg.hq import Registry, import_batch
from fieldreg.hq.duplicates import HqDuplicates
from fieldreg.hq.members import summary
from fieldreg.keys import HqDir

from .builders import PostSim


def _single(given: str, family: str, year: int, *, sex: str = "M", locality: str = "Loulouni",
            **birth: Any) -> dict[str, Any]:
    """A one-person household as a post exports it (fictitious person)."""
    member: dict[str, Any] = {"id": "m0", "given_names": given, "family_name": family, "sex": sex,
                              "relationship": "head"}
    member.update(birth or {"birth_year": year, "birth_estimated": True})
    return {"arrival_date": "2026-11-01",
            "origin": {"country": "MLI", "region": "Sikasso", "locality": locality},
            "consent": True, "members": [member]}


def _import(hq: HqDir, registry: Registry, stick: Path, *posts: PostSim) -> None:
    for post in posts:
        result = import_batch(hq, registry, post.batch(stick))
        assert result.status == "imported", result.line()


@pytest.fixture
def posts(hq: HqDir) -> tuple[PostSim, PostSim]:
    return PostSim(hq, "TGR1"), PostSim(hq, "NIA")


def test_person_registered_at_two_posts_with_spelling_variants(
        hq: HqDir, registry: Registry, stick: Path, posts: tuple[PostSim, PostSim]) -> None:
    tgr1, nia = posts
    first = tgr1.register(_single("Amadou", "Traoré", 1988))
    tgr1.register(_single("Seydou", "Coulibaly", 1970))
    again = nia.register(_single("Ahmadou", "Trawore", 1989, locality="Lulouni"))
    nia.register(_single("Fatoumata", "Diallo", 2001, sex="F"))
    _import(hq, registry, stick, tgr1, nia)

    finder = HqDuplicates(registry)
    assert len(finder) == 4
    [pair] = finder.pairs()
    shown = pair.to_json()
    assert {(shown[s]["regno"], shown[s]["post"]) for s in "ab"} == {(first, "TGR1"), (again, "NIA")}
    assert {shown[s]["given_names"] for s in "ab"} == {"Amadou", "Ahmadou"}
    assert {shown[s]["birth_year"] for s in "ab"} == {1988, 1989}
    assert {shown[s]["sex"] for s in "ab"} == {"M"}
    assert 0.8 <= shown["score"] <= 1
    # The pair's own reasons, then the household's: nobody else in these one-person households.
    assert shown["explanation"].startswith(pair.match.explanation() + "; no other member pairs up; evidence ")
    assert shown["household"] == [] and shown["evidence"] == pair.evidence
    # The explanation quotes side a first.
    tgr1_first = shown["a"]["post"] == "TGR1"
    families, givens = ("Traoré", "Trawore"), ("Amadou", "Ahmadou")
    if not tgr1_first:
        families, givens = families[::-1], givens[::-1]
    assert shown["explanation"].startswith(
        f"family name variant {'/'.join(families)}; given name variant {'/'.join(givens)}; "
        "birth year differs by 1; same sex")
    assert {shown[s]["key"] for s in "ab"} == {f"{first}/m0", f"{again}/m0"}


def test_within_post_pairs_only_on_request(
        hq: HqDir, registry: Registry, stick: Path, posts: tuple[PostSim, PostSim]) -> None:
    tgr1, nia = posts
    one = tgr1.register(_single("Moussa", "Keïta", 1975))
    two = tgr1.register(_single("Musa", "Keita", 1976))
    nia.register(_single("Aminata", "Sangaré", 1990, sex="F"))
    _import(hq, registry, stick, tgr1, nia)

    finder = HqDuplicates(registry)
    assert finder.pairs() == []
    [pair] = finder.pairs(within_post=True)
    assert {pair.a[0].regno, pair.b[0].regno} == {one, two}
    assert pair.post_a == pair.post_b == "TGR1"


def test_void_households_are_not_proposed(
        hq: HqDir, registry: Registry, stick: Path, posts: tuple[PostSim, PostSim]) -> None:
    tgr1, nia = posts
    voided = tgr1.register(_single("Oumar", "Diarra", 1980))
    kept = tgr1.register(_single("Salif", "Konaté", 1995))
    nia.register(_single("Umar", "Diarra", 1981))
    nia.register(_single("Salif", "Konate", 1994))
    tgr1.void(voided)
    _import(hq, registry, stick, tgr1, nia)

    pairs = HqDuplicates(registry).pairs(within_post=True)
    regnos = {c.a[0].regno for c in pairs} | {c.b[0].regno for c in pairs}
    assert voided not in regnos and kept in regnos
    assert len(pairs) == 1


def test_corrected_household_is_matched_as_it_stands_now(
        hq: HqDir, registry: Registry, stick: Path, posts: tuple[PostSim, PostSim]) -> None:
    tgr1, nia = posts
    regno = tgr1.register(_single("Issa", "Sidibé", 1960))
    nia.register(_single("Bakary", "Sanogo", 1999))
    tgr1.correct(regno, content=_single("Bakary", "Sanogo", 1998))
    _import(hq, registry, stick, tgr1, nia)

    [pair] = HqDuplicates(registry).pairs()
    assert {pair.a[1].given_names, pair.b[1].given_names} == {"Bakary"}


def test_pair_decided_at_a_post_is_not_proposed(
        hq: HqDir, registry: Registry, stick: Path, posts: tuple[PostSim, PostSim]) -> None:
    tgr1, nia = posts
    a = tgr1.register(_single("Drissa", "Bagayoko", 1985))
    b = tgr1.register(_single("Drissa", "Bagayogo", 1986))
    c = tgr1.register(_single("Kadiatou", "Doumbia", 1992, sex="F"))
    d = tgr1.register(_single("Kadiatu", "Doumbia", 1992, sex="F"))
    nia.register(_single("Ramata", "Sow", 1970, sex="F"))
    tgr1.decide(b, a, "different")  # stored in the order the post wrote it
    _import(hq, registry, stick, tgr1, nia)

    [pair] = HqDuplicates(registry).pairs(within_post=True)
    assert {pair.a[0].regno, pair.b[0].regno} == {c, d}


def test_clearly_different_origins_are_skipped_unless_asked(
        hq: HqDir, registry: Registry, stick: Path, posts: tuple[PostSim, PostSim]) -> None:
    tgr1, nia = posts
    tgr1.register(_single("Youssouf", "Touré", 1990, locality="Loulouni"))
    nia.register(_single("Youssouf", "Toure", 1990, locality="Tombouctou"))
    tgr1.register(_single("Nana", "Sissoko", 2010, sex="F", locality="Zégoua"))
    nia.register(_single("Nana", "Sisoko", 2010, sex="F", locality=""))  # unknown: still compared
    _import(hq, registry, stick, tgr1, nia)

    finder = HqDuplicates(registry)
    # Where each name has many namesakes (crowd=0 makes every name count as such)...
    assert [c.a[1].given_names for c in finder.pairs(crowd=0)] == ["Nana"]
    # ... but names this rare are paired whatever the origin, as with --any-origin.
    assert {c.a[1].given_names for c in finder.pairs()} == {"Nana", "Youssouf"}
    assert {c.a[1].given_names for c in finder.pairs(same_origin=False)} == {"Nana", "Youssouf"}


def test_summary_reads_every_kind_of_birth() -> None:
    household = {"arrival_date": "2026-11-20", "origin": {"country": "MLI", "locality": "Niéna"},
                 "members": [
                     {"id": "a", "given_names": "Awa", "family_name": "Dao", "sex": "F",
                      "birth_date": "2019-03-02", "relationship": "head"},
                     {"id": "b", "given_names": "Ali", "family_name": "Dao", "sex": "M",
                      "age": 40, "birth_year": 1986, "birth_estimated": True},
                     {"id": "c", "given_names": "Sali", "family_name": "Dao", "sex": "F",
                      "age": 7},
                     {"id": "d", "given_names": "Bintou", "family_name": "Dao", "sex": "F",
                      "birth_year": "not a year"},
                 ]}
    members = summary("TGR1-26-000001-7", household).members
    assert [(m.birth_year, m.birth_estimated) for m in members] == [
        (2019, False), (1986, True), (2019, True), (0, True)]
    assert summary("TGR1-26-000001-7", household).locality == "Niéna"
