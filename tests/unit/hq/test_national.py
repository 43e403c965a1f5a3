"""``hq report``'s national figures: people and households counted once across posts."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from fieldreg.hq import NationalFigures, Registry, counted, decide, import_batch, national_figures
from fieldreg.hq.members import summary
from fieldreg.hq.national import same_pairs
from fieldreg.keys import HqDir

from .builders import PostSim


def _family(day: str, *members: tuple[str, str, str, int], country: str = "MLI",
            region: str = "Sikasso") -> dict[str, Any]:
    """A household (fictitious people): (given, family, sex, birth year) per member."""
    return {"arrival_date": day, "origin": {"country": country, "region": region, "locality": "Loulouni"},
            "consent": True,
            "members": [{"id": f"m{i}", "given_names": given, "family_name": family, "sex": sex,
                         "birth_year": year, "birth_estimated": True,
                         "relationship": "head" if i == 0 else "child"}
                        for i, (given, family, sex, year) in enumerate(members)]}


def test_people_and_households_counted_once_across_posts(hq: HqDir, registry: Registry, stick: Path) -> None:
    tgr1, nia = PostSim(hq, "TGR1"), PostSim(hq, "NIA")
    family = tgr1.register(_family("2026-10-30", ("Awa", "Traoré", "F", 1990),
                                   ("Issa", "Traoré", "M", 2016), ("Mariam", "Traoré", "F", 2024)))
    again = nia.register(_family("2026-10-31", ("Hawa", "Trawore", "F", 1991),
                                 ("Issa", "Traore", "M", 2016)))  # two of them, registered again
    alone = nia.register(_family("2026-10-31", ("Seydou", "Keïta", "M", 1950), region="Mopti"))
    twice = tgr1.register(_family("2026-10-30", ("Seydou", "Keita", "M", 1951), region="Mopti"))
    for post in (tgr1, nia):
        assert import_batch(hq, registry, post.batch(stick)).status == "imported"

    before = national_figures(registry)
    assert (before.people, before.households, before.linked) == (7, 4, 0)

    for a, b in ((f"{family}/m0", f"{again}/m0"), (f"{family}/m1", f"{again}/m1"),
                 (f"{twice}/m0", f"{alone}/m0")):
        decide(registry, a, b, "same", by="mariam", now=datetime(2026, 11, 2, tzinfo=UTC))
    figures = national_figures(registry)
    # NIA's family adds nobody, Seydou Keïta is counted where he was registered first (TGR1).
    assert (figures.people, figures.households, figures.members, figures.linked) == (4, 2, 7, 3)
    assert figures.by["post"] == {"TGR1": {"people": 4, "households": 2}}
    assert figures.by["arrival_day"] == {"2026-10-30": {"people": 4, "households": 2}}
    assert figures.by["origin"] == {"MLI / Sikasso": {"people": 3, "households": 1},
                                    "MLI / Mopti": {"people": 1, "households": 1}}
    assert figures.by["sex"] == {"F": {"people": 2, "households": 1}, "M": {"people": 2, "households": 2}}
    assert figures.by["age_band"] == {  # ages at arrival in 2026
        "0-4": {"people": 1, "households": 1}, "5-11": {"people": 1, "households": 1},
        "18-59": {"people": 1, "households": 1}, "60+": {"people": 1, "households": 1}}

    # HQ changes its mind about one: that person counts twice again, where registered.
    decide(registry, f"{twice}/m0", f"{alone}/m0", "different", by="oumar",
           now=datetime(2026, 11, 3, tzinfo=UTC))
    changed = national_figures(registry)
    assert (changed.people, changed.households) == (5, 3)
    assert changed.by["post"]["NIA"] == {"people": 1, "households": 1}

    rows = list(csv.reader(io.StringIO(changed.csv())))
    assert rows[0] == ["breakdown", "value", "people", "households"]
    assert rows[1] == ["total", "", "5", "3"]
    assert ["post", "NIA", "1", "1"] in rows and ["age_band", "60+", "2", "2"] in rows
    assert changed.to_json()["by"]["post"] == {"NIA": {"people": 1, "households": 1},  # type: ignore[index]
                                               "TGR1": {"people": 4, "households": 2}}


def test_a_posts_own_same_decision_counts_the_person_once(hq: HqDir, registry: Registry, stick: Path) -> None:
    tgr1 = PostSim(hq, "TGR1")
    one = tgr1.register(_family("2026-10-30", ("Moussa", "Keïta", "M", 1975)))
    two = tgr1.register(_family("2026-11-01", ("Musa", "Keita", "M", 1976)))
    tgr1.decide(one, two, "same")
    assert import_batch(hq, registry, tgr1.batch(stick)).status == "imported"
    figures = national_figures(registry)
    assert (figures.people, figures.households) == (1, 1)
    assert figures.by["arrival_day"] == {"2026-10-30": {"people": 1, "households": 1}}


# -- the SQL figures against a straightforward count over the sealed households -----------------

def _random_family(rng: random.Random) -> dict[str, Any]:
    """A fictitious household: any size, sex, way of giving a birth, day (across a new year), origin."""
    day = rng.choice(["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-10-30"])
    members = []
    for i in range(rng.randint(1, 5)):
        birth: dict[str, Any] = rng.choice([
            {"birth_year": rng.randint(1940, 2025), "birth_estimated": True},
            {"birth_date": f"{rng.randint(1950, 2024)}-06-15"},
            {"age": rng.randint(0, 80)}])
        members.append({"id": f"m{i}", "given_names": rng.choice(["Awa", "Issa", "Fanta", "Oumar"]),
                        "family_name": "Koné", "sex": rng.choice("FMX"),
                        "relationship": "head" if i == 0 else "child", **birth})
    origin = {"country": rng.choice(["MLI", "BFA"]), "locality": "Loulouni"}
    if rng.random() < 0.7:
        origin["region"] = rng.choice(["Sikasso", "Mopti"])
    return {"arrival_date": day, "origin": origin, "consent": True, "members": members}


def _reference(registry: Registry) -> dict[str, Any]:
    """The national figures counted plainly: every current active household opened and walked."""
    person: dict[str, str] = {}  # member key -> its person's first key, by merging plainly

    def find(key: str) -> str:
        while person.get(key, key) != key:
            key = person[key]
        return key

    for a, b in same_pairs(registry):  # the newest decision of each pair, HQ's or a post's
        if find(a) != find(b):
            person[find(a)] = find(b)
    households = []
    for (regno,) in registry.db.execute("SELECT DISTINCT regno FROM household_versions").fetchall():
        version = registry.household(regno)
        if version.status == "active":
            households.append((version.household.get("arrival_date") or "9999", regno, version))
    seen: set[str] = set()
    people = homes = linked = 0
    by: dict[str, Counter[tuple[str, str]]] = {"people": Counter(), "households": Counter()}
    for day, regno, version in sorted(households):
        h = summary(regno, version.household)
        counted = []
        for m in h.members:
            if find(f"{regno}/{m.uid}") in seen:
                linked += 1
            else:
                seen.add(find(f"{regno}/{m.uid}"))
                counted.append(m)
        if not counted:
            continue
        people, homes = people + len(counted), homes + 1
        origin = " / ".join(p for p in (h.country, h.region) if p)
        for key in (("post", version.post), ("arrival_day", day), ("origin", origin)):
            by["people"][key] += len(counted)
            by["households"][key] += 1
        values = [(("sex", m.sex), ("age_band", _band(int(day[:4]) - m.birth_year))) for m in counted]
        for key in (k for pair in values for k in pair):
            by["people"][key] += 1
        by["households"].update({k for pair in values for k in pair})
    return {"people": people, "households": homes, "linked": linked,
            "by": {(name, value): {"people": n, "households": by["households"][(name, value)]}
                   for (name, value), n in by["people"].items()}}


def _band(age: int) -> str:
    return "0-4" if age < 5 else "5-11" if age < 12 else "12-17" if age < 18 else "18-59" if age < 60 else "60+"


def _as_reference(figures: NationalFigures) -> dict[str, Any]:
    return {"people": figures.people, "households": figures.households, "linked": figures.linked,
            "by": {(name, value): counts for name, values in figures.by.items()
                   for value, counts in values.items()}}


def test_the_sql_figures_equal_a_plain_count_with_links_voids_and_corrections(
        hq: HqDir, registry: Registry, stick: Path) -> None:
    rng = random.Random(17)
    posts = [PostSim(hq, p) for p in ("TGR1", "NIA", "KAY1")]
    regnos: list[tuple[PostSim, str]] = []
    for round_ in range(3):
        for post in posts:
            for _ in range(12):
                regnos.append((post, post.register(_random_family(rng))))
            for sim, regno in rng.sample([r for r in regnos if r[0] is post], 4):
                if rng.random() < 0.3:
                    sim.void(regno)
                else:  # another day, origin or member list: every breakdown moves
                    sim.correct(regno, content=_random_family(rng))
            a, b = rng.sample([r for r in regnos if r[0] is post], 2)
            post.decide(a[1], b[1], rng.choice(["same", "same", "different"]))
            assert import_batch(hq, registry, post.batch(stick)).status == "imported"
        for _ in range(8):  # HQ links members of any two registrations still active
            (_, a), (_, b) = rng.sample(regnos, 2)
            members = [(x, registry.household(x)) for x in (a, b)]
            if all(v.status == "active" for _, v in members):
                uid_a, uid_b = (rng.choice(v.household["members"])["id"] for _, v in members)
                decide(registry, f"{a}/{uid_a}", f"{b}/{uid_b}", rng.choice(["same", "same", "different"]),
                       by="awa", now=datetime(2026, 11, 2 + round_, tzinfo=UTC))
        with registry.db.snapshot():
            figures = national_figures(registry)
            assert _as_reference(figures) == _reference(registry)
    assert figures.linked >= 5  # the comparison saw linked people, in households partly linked too
    assert any(v.status == "void" for v in (registry.household(r) for _, r in regnos))
    assert any(len(registry.versions(r)) > 1 for _, r in regnos)


def test_filling_counting_rows_for_older_versions_writes_what_the_import_wrote(
        hq: HqDir, registry: Registry, stick: Path) -> None:
    rng = random.Random(5)
    post = PostSim(hq, "TGR1")
    for _ in range(6):
        post.register(_random_family(rng))
    first = post.register(_random_family(rng))
    post.correct(first, content=_random_family(rng))
    post.void(post.register(_random_family(rng)))
    assert import_batch(hq, registry, post.batch(stick)).status == "imported"
    every_row = f"SELECT * FROM {counted.TABLE} ORDER BY regno, version, n"
    imported, figures = registry.db.execute(every_row).fetchall(), national_figures(registry)

    # As a registry holding these versions before step 0006 would be: no counting rows, the note.
    with registry.db.transaction():
        registry.db.execute(f"DELETE FROM {counted.TABLE}")
        registry.db.execute("INSERT INTO meta (key, value) VALUES (?, 'pending')",
                            (counted.BACKFILL_PENDING,))

    def interrupted(regno: str, version: int, sealed: bytes) -> dict[str, Any]:
        if regno == first:
            raise KeyboardInterrupt  # the process stopped half-way
        return registry.open_household(regno, version, sealed)

    with pytest.raises(KeyboardInterrupt):
        counted.backfill(registry.db, interrupted)
    assert registry.db.execute(every_row).fetchall() == []  # nothing half-done; the note stays
    with Registry.open(hq) as again:
        assert again.db.execute(every_row).fetchall() == imported
        assert national_figures(again) == figures
        assert again.db.execute("SELECT value FROM meta WHERE key = ?",
                                (counted.BACKFILL_PENDING,)).fetchone() is None
        assert counted.backfill(again.db, again.open_household) == 0  # done once


def test_a_version_stored_after_a_newer_one_is_not_counted(registry: Registry) -> None:
    """As when a held record is released after the post's next version of it was imported."""
    regno = "TGR1-26-000001-7"

    def store(version: int, status: str, members: int) -> list[tuple[int, int]]:
        family = _family("2026-10-30", *[("Awa", "Koné", "F", 1990)] * members)
        with registry.db.transaction() as conn:
            conn.execute("INSERT INTO posts (post, first_seen_at) VALUES ('TGR1', 'x') ON CONFLICT DO NOTHING")
            conn.execute(
                "INSERT INTO household_versions (post, regno, version, kind, status, at, by_user, members,"
                " content_mac, sealed, batch_seq) VALUES ('TGR1', ?, ?, 'correction', ?, 'x', 'awa', ?, ?,"
                " ?, 1)", (regno, version, status, members, bytes(32), b"-"))
            rows = counted.CountingRows(conn)
            rows.add(regno, version, status, "TGR1", family)
            rows.flush()
        return registry.db.execute(f"SELECT version, n FROM {counted.TABLE} WHERE current_active = 1"
                                   " ORDER BY version, n").fetchall()

    assert store(2, "active", 2) == [(2, 1), (2, 2)]
    assert store(1, "active", 3) == [(2, 1), (2, 2)]  # arrived late: version 2 still counts
    assert store(3, "void", 2) == []  # voided: nobody counts
