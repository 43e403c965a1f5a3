from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from fieldreg.errors import AuthError, CorruptData, InvalidInput, NotFound, PermissionDenied
from fieldreg.model import utcnow
from fieldreg.regno import parse_regno
from fieldreg.station.session import Session
from fieldreg.station import Station
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, household, make_user


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
    assert admin.households.correct(regno, parse_household(changed), reason="spelling") == 2
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
        admin.households.correct(regno, same, reason="none")
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
        admin.households.correct(regno, parse_household(household()), reason="x")
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
    admin.households.correct(regno, parse_household(changed), reason="wrong family name")
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

def test_roles(admin: Session) -> None:
    officer = make_user(admin, "moussa", "officer")
    supervisor = make_user(admin, "fanta", "supervisor")
    regno = officer.households.register(parse_household(household()))
    for forbidden in (lambda: officer.households.void(regno, reason="x"),
                      lambda: officer.households.correct(regno, parse_household(household()), reason="x"),
                      lambda: officer.households.stats(),
                      lambda: officer.audit.verify(),
                      lambda: officer.accounts.add("ibrahim", role="officer", passphrase="p" * 12)):
        with pytest.raises(PermissionDenied, match="moussa is signed in as officer and may not"):
            forbidden()
    supervisor.accounts.add("ibrahim", role="officer", passphrase="ibrahim first")
    with pytest.raises(PermissionDenied):
        supervisor.accounts.add("sali", role="supervisor", passphrase="sali first pass")
    admin.accounts.add("sali", role="supervisor", passphrase="sali first pass")
    supervisor.households.void(regno, reason="test")


def test_new_user_must_change_passphrase(admin: Session, store: Station) -> None:
    admin.accounts.add("moussa", role="officer", passphrase="moussa first")
    first = store.unlock("moussa", "moussa first")
    with pytest.raises(AuthError, match="must choose a new passphrase"):
        first.households.register(parse_household(household()))
    first.accounts.change_passphrase("moussa chose this")
    first.households.register(parse_household(household()))
    with pytest.raises(AuthError, match="wrong passphrase"):
        store.unlock("moussa", "moussa first")
    assert store.unlock("moussa", "moussa chose this").user == "moussa"


def test_passphrase_rules(admin: Session) -> None:
    with pytest.raises(InvalidInput, match="at least 10"):
        admin.accounts.add("moussa", role="officer", passphrase="short")
    with pytest.raises(InvalidInput, match="user name"):
        admin.accounts.add("Bad Name", role="officer", passphrase="long enough pass")
    with pytest.raises(InvalidInput, match="role"):
        admin.accounts.add("moussa", role="chief", passphrase="long enough pass")


def test_changing_passphrase_rewraps_without_reencrypting(admin: Session, data_dir: Path) -> None:
    admin.households.register(parse_household(household()))
    raw = sqlite3.connect(data_dir / "fieldreg.db")
    before = raw.execute("SELECT given_names, family_name, birth FROM members").fetchall()
    wrap_before = raw.execute("SELECT wrap FROM accounts").fetchone()
    admin.accounts.change_passphrase("a brand new passphrase")
    assert raw.execute("SELECT given_names, family_name, birth FROM members").fetchall() == before
    assert raw.execute("SELECT wrap FROM accounts").fetchone() != wrap_before
    again = admin.station.unlock(ADMIN, "a brand new passphrase")
    assert again.households.search("traore")


def test_wrong_passphrase_delay_grows(store: Station) -> None:
    now = utcnow()
    for _ in range(3):
        with pytest.raises(AuthError, match="wrong passphrase"):
            store.unlock(ADMIN, "not the passphrase", now=now)
    # The third failure starts the delay; even the right passphrase waits.
    with pytest.raises(AuthError, match="try again in"):
        store.unlock(ADMIN, ADMIN_PASS, now=now)
    later = now + timedelta(seconds=2)
    with pytest.raises(AuthError, match="wait 2 s"):
        store.unlock(ADMIN, "still wrong", now=later)
    with pytest.raises(AuthError, match="try again in"):
        store.unlock(ADMIN, ADMIN_PASS, now=later + timedelta(seconds=1))
    session = store.unlock(ADMIN, ADMIN_PASS, now=later + timedelta(seconds=3))
    entries = session.audit.entries()
    assert entries[-1].action == "login"
    assert entries[-1].details == {"failed_attempts_before": 4}
    # A successful login resets the count.
    with pytest.raises(AuthError, match="wrong passphrase for 'awa'$"):
        store.unlock(ADMIN, "wrong again", now=later + timedelta(seconds=4))


def test_disabled_account(admin: Session, store: Station) -> None:
    make_user(admin, "moussa", "officer")
    admin.accounts.set_disabled("moussa", True)
    with pytest.raises(AuthError, match="disabled"):
        store.unlock("moussa", "moussa own passphrase")
    admin.accounts.set_disabled("moussa", False)
    store.unlock("moussa", "moussa own passphrase")


def test_unknown_user(store: Station) -> None:
    with pytest.raises(AuthError, match="unknown user"):
        store.unlock("nobody", ADMIN_PASS)


def test_create_refuses_existing_store(store: Station, data_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="already holds"):
        Station.create(data_dir, post_id="XYZ1", post_name="x", admin="bob",
                         passphrase="long passphrase", kdf=FAST_KDF)
    assert store.post_id == "TGR1"


def test_open_missing_store(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="fieldreg init"):
        Station.open(tmp_path / "nothing")


def test_database_settings(store: Station, data_dir: Path) -> None:
    conn = store.store.db
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    assert ((data_dir / "fieldreg.db").stat().st_mode & 0o777) == 0o600
