"""``hq report``'s national figures: people and households counted once across posts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldreg.hq import Registry, decide, import_batch, national_figures
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
