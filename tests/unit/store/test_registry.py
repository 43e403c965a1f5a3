"""The registrations in the store: numbers, encrypted fields bound to their place, versions, the index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import CorruptData, InvalidInput, NotFound
from fieldreg.regno import parse_regno
from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household


def test_register_and_read_back(admin: Session) -> None:
    entered = parse_household(household())
    regno = admin.households.register(entered)
    assert parse_regno(regno).post_id == "TGR1"
    reg = admin.households.get(regno)
    assert reg.status == "active" and reg.version == 1 and reg.created_by == ADMIN
    assert reg.household == entered
    assert reg.household.members[0].documents[0].number == "TEST-0001"


def test_numbers_are_sequential_per_post(admin: Session) -> None:
    numbers = [admin.households.register(parse_household(household())) for _ in range(3)]
    assert [n.split("-")[2] for n in numbers] == ["000001", "000002", "000003"]


def test_sequence_is_not_reused_across_processes(store: Station, data_dir: Path) -> None:
    other = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
    mine = store.unlock(ADMIN, ADMIN_PASS)
    a = mine.households.register(parse_household(household()))
    b = other.households.register(parse_household(household()))
    assert a != b


def test_ciphertext_moved_to_another_record_is_detected(admin: Session, data_dir: Path) -> None:
    first = admin.households.register(parse_household(household()))
    second = admin.households.register(parse_household(household(notes="second family")))
    raw = sqlite3.connect(data_dir / "fieldreg.db")
    blob = raw.execute("SELECT notes FROM households WHERE regno = ?", (first,)).fetchone()[0]
    raw.execute("UPDATE households SET notes = ? WHERE regno = ?", (blob, second))
    raw.commit()
    with pytest.raises(CorruptData, match="integrity check"):
        admin.households.get(second)


def test_ciphertext_moved_to_another_field_is_detected(admin: Session, data_dir: Path) -> None:
    regno = admin.households.register(parse_household(household()))
    raw = sqlite3.connect(data_dir / "fieldreg.db")
    raw.execute("UPDATE members SET family_name = given_names WHERE position = 0")
    raw.commit()
    with pytest.raises(CorruptData):
        admin.households.get(regno)


def test_correction_keeps_previous_version(admin: Session) -> None:
    regno = admin.households.register(parse_household(household()))
    before = admin.households.get(regno)
    changed = before.household.to_json()
    changed["members"][0]["given_names"] = "Aminatou"
    assert admin.households.correct(regno, parse_household(changed), base_version=1, reason="spelling") == 2
    after = admin.households.get(regno)
    assert after.household.head.given_names == "Aminatou"
    assert after.household.head.id == before.household.head.id
    assert [h.action for h in after.history] == ["correct"]
    assert after.history[0].previous["members"][0]["given_names"] == "Aminata"
    assert after.history[0].reason == "spelling"


def test_identical_correction_is_refused(admin: Session) -> None:
    regno = admin.households.register(parse_household(household()))
    same = parse_household(admin.households.get(regno).household.to_json())
    with pytest.raises(InvalidInput, match="nothing to correct"):
        admin.households.correct(regno, same, base_version=1, reason="none")
    assert admin.households.get(regno).version == 1


def test_void_keeps_everything(admin: Session) -> None:
    regno = admin.households.register(parse_household(household()))
    admin.households.void(regno, reason="registered twice")
    reg = admin.households.get(regno)
    assert reg.status == "void" and reg.void_reason == "registered twice"
    assert reg.household.head.family_name == "Traoré"
    with pytest.raises(InvalidInput, match="already void"):
        admin.households.void(regno, reason="again")
    with pytest.raises(InvalidInput, match="void and cannot be corrected"):
        admin.households.correct(regno, parse_household(household()), base_version=2, reason="x")
    with pytest.raises(InvalidInput, match="reason is required"):
        admin.households.void(admin.households.register(parse_household(household())), reason="  ")


def test_unknown_registration(admin: Session) -> None:
    from fieldreg.regno import RegNo
    with pytest.raises(NotFound):
        admin.households.get(str(RegNo.build("TGR1", 2026, 999)))


def test_search_by_name_and_number(admin: Session) -> None:
    regno = admin.households.register(parse_household(household()))
    other = household()
    other["members"] = [dict(other["members"][0], given_names="Moussa", family_name="Coulibaly",
                             sex="M")]
    coulibaly = admin.households.register(parse_household(other))
    assert [h.regno for h in admin.households.search("traore")] == [regno]
    assert [h.regno for h in admin.households.search("TRAORÉ Mar")] == [regno]
    assert [h.regno for h in admin.households.search("couli mous")] == [coulibaly]
    assert admin.households.search("Keita") == []
    assert [h.regno for h in admin.households.search(regno)] == [regno]
    assert regno in [h.regno for h in admin.households.search(regno.split("-")[2])]
    with pytest.raises(InvalidInput, match="check character"):
        admin.households.search(regno[:-1] + ("0" if regno[-1] != "0" else "1"))


def test_index_follows_changes(admin: Session) -> None:
    regno = admin.households.register(parse_household(household()))
    assert admin.households.search("traore")  # builds the index
    changed = admin.households.get(regno).household.to_json()
    for m in changed["members"]:
        m["family_name"] = "Sangaré"
    admin.households.correct(regno, parse_household(changed), base_version=1, reason="wrong family name")
    assert admin.households.search("traore") == []
    assert [h.regno for h in admin.households.search("sangare")] == [regno]


def test_stats(admin: Session) -> None:
    admin.households.register(parse_household(household()))
    voided = admin.households.register(parse_household(household(arrival_date="2026-11-19")))
    admin.households.void(voided, reason="duplicate")
    stats = admin.households.stats()
    assert stats["households"] == 1 and stats["people"] == 3 and stats["voided"] == 1
    assert stats["by_day"] == {"2026-11-20": {"households": 1, "people": 3}}
    assert stats["by_sex"] == {"F": 2, "M": 1}
    assert stats["by_age_band"]["0-4"] == 1 and stats["by_age_band"]["5-11"] == 1
    assert stats["by_origin"] == {"MLI / Sikasso": 3}


# -- accounts --------------------------------------------------------------------
