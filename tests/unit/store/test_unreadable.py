"""One envelope that fails its tag names its registration and part; the rest keeps working.

The store is a real file, damaged with sqlite3 as an attacker would. All people are fictitious.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput, StaleVersion, UnreadableRecord
from fieldreg.station.session import Session
from fieldreg.store.index import RegistryIndex, encode_summary
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household
from tests.e2e.test_corrupt_records import damage_household, damage_member_name, register_four


def _counts(data_dir: Path) -> tuple[int, int, int]:
    db = sqlite3.connect(data_dir / "fieldreg.db")
    counts = tuple(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                   for t in ("audit", "outbox", "history"))
    db.close()
    return counts  # type: ignore[return-value]


def test_the_index_leaves_out_a_summary_that_is_not_well_formed() -> None:
    index = RegistryIndex()
    good = encode_summary(day="2026-11-20", status="active", country="MLI", region="", locality="",
                          members=[("a1", "Awa", "Diallo", "", "F", 1990, False, "head")])
    bad_day = good.replace("2026-11-20", "not a day")
    index.load([("TGR1-26-000001-7", good), ("TGR1-26-000002-5", "S1\x1fgarbage"),
                ("TGR1-26-000003-3", bad_day)])
    assert [h.regno for h in index.search("diallo")] == ["TGR1-26-000001-7"]
    assert index.stats()["households"] == 1
    assert index.unreadable == {"TGR1-26-000002-5": "households.summary",
                                "TGR1-26-000003-3": "households.summary"}
    index.put("TGR1-26-000003-3", good)  # a correction repairs it
    assert "TGR1-26-000003-3" not in index.unreadable and index.stats()["households"] == 2


def test_the_index_build_survives_a_damaged_summary(admin: Session, data_dir: Path) -> None:
    a, b, c, d = register_four(admin)
    damage_household(data_dir, c, "summary")
    fresh = admin.station.unlock(ADMIN, ADMIN_PASS)
    assert sorted(h.regno for h in fresh.households.search("traore")) == [a, b, d]
    assert fresh.households.search(c) == []
    assert [(u.regno, u.part) for u in fresh.households.unreadable()] == [(c, "households.summary")]
    assert fresh.households.stats()["households"] == 3


def test_get_names_the_registration_and_the_part(admin: Session, data_dir: Path) -> None:
    _, b, _, _ = register_four(admin)
    part = damage_member_name(data_dir, b)
    with pytest.raises(UnreadableRecord) as caught:
        admin.households.get(b)
    assert (caught.value.regno, caught.value.part, caught.value.version) == (b, part, 1)
    assert "Coulibaly" not in str(caught.value)


def test_a_stale_correction_is_refused_and_changes_nothing(admin: Session, data_dir: Path) -> None:
    regno = admin.households.register(parse_household(household()))
    other = admin.station.unlock(ADMIN, ADMIN_PASS)
    shown = other.households.get(regno)  # both see version 1
    admin.households.correct(regno, parse_household(household(notes="first")), base_version=1,
                             reason="first")
    before = _counts(data_dir)
    with pytest.raises(StaleVersion, match=r"has changed since version 1 was shown .* now version 2"):
        other.households.correct(regno, parse_household(household(notes="second")),
                                 base_version=shown.version, reason="second")
    assert _counts(data_dir) == before
    assert admin.households.get(regno).household.notes == "first"


def test_an_unreadable_registration_is_repaired_by_a_correction_not_voided(
        admin: Session, data_dir: Path) -> None:
    _, _, c, _ = register_four(admin)
    part = damage_household(data_dir, c, "attributes")
    with pytest.raises(InvalidInput, match="cannot be voided: correct it from its slip first"):
        admin.households.void(c, reason="x")
    assert admin.households.correct(c, parse_household(household()), base_version=1,
                                    reason="retyped from the slip") == 2
    reg = admin.households.get(c)
    assert reg.history[0].previous == {"unreadable": part, "status": "active"}
    assert admin.audit.entries()[-1].details["replaced_unreadable"] == part
    assert admin.households.void(c, reason="registered twice") == 3
