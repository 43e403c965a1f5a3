"""Recovery when every administrator has forgotten (item 8 of issue 13), attacked too."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput, WrongPassphrase
from fieldreg.hq import HqDir, answer_recovery, issued_recoveries
from fieldreg.station import Station
from fieldreg.station.recovery import recover_with_answer, recover_with_code, request_recovery
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, enrolled_post, household

NEW_PASS = "the remembered one now"


def forget(station: Station) -> None:
    """Every admin forgot: the passphrase no longer opens (as if never known)."""
    with pytest.raises(WrongPassphrase):
        station.unlock(ADMIN, "what was it again")


def test_a_post_without_hq_recovers_with_its_code_once(store: Station, admin) -> None:
    code = store.recovery_code
    assert code and len(code.replace("-", "")) == 32
    regno = admin.households.register(parse_household(household()))
    forget(store)
    assert recover_with_code(store, code.lower(), admin=ADMIN, passphrase=NEW_PASS) is not None
    session = store.unlock(ADMIN, NEW_PASS)
    assert session.households.get(regno).household.members[0].family_name == "Traoré"
    recovered = [e for e in session.audit.entries() if e.action == "account_recover"]
    assert recovered[0].details["via"] == "code" and session.audit.verify()[1] is None
    # Usable once: the vault was replaced, the old code opens nothing.
    with pytest.raises(InvalidInput, match="does not open"):
        recover_with_code(store, code, admin=ADMIN, passphrase="another new passphrase")
    store.unlock(ADMIN, NEW_PASS)


def test_a_wrong_code_changes_nothing(store: Station) -> None:
    with pytest.raises(InvalidInput):
        recover_with_code(store, "0000-0000-0000-0000-0000-0000-0000-0000", admin=ADMIN,
                          passphrase=NEW_PASS)
    with pytest.raises(InvalidInput, match="32 letters"):
        recover_with_code(store, "not a code", admin=ADMIN, passphrase=NEW_PASS)
    store.unlock(ADMIN, ADMIN_PASS)


def test_an_enrolled_post_recovers_with_hqs_answer_once(hq: HqDir, data_dir: Path, tmp_path: Path) -> None:
    post = enrolled_post(hq, data_dir)
    regno = post.households.register(parse_household(household()))
    station = Station.open(data_dir)
    forget(station)
    usb = tmp_path / "usb"
    usb.mkdir()
    request = request_recovery(station, usb)
    body = json.loads(request.read_bytes())
    assert "key" not in body and "data_key" not in json.dumps(body)  # nothing secret in clear
    issued = answer_recovery(hq, request.read_bytes())
    assert issued_recoveries(hq)[0]["post"] == "TGR1"
    # A new administrator account is made by the recovery.
    recover_with_answer(station, issued.answer, admin="hawa", passphrase=NEW_PASS)
    session = station.unlock("hawa", NEW_PASS)
    assert session.role == "admin" and session.households.get(regno).version == 1
    assert [e.details["via"] for e in session.audit.entries() if e.action == "account_recover"] == ["hq"]
    # The same answer again: refused, nothing changed.
    with pytest.raises(InvalidInput):
        recover_with_answer(station, issued.answer, admin="hawa", passphrase="yet another passphrase")
    station.unlock("hawa", NEW_PASS)


def test_an_answer_to_an_older_request_or_another_post_is_refused(hq: HqDir, data_dir: Path,
                                                                  tmp_path: Path) -> None:
    enrolled_post(hq, data_dir)
    other = enrolled_post(hq, tmp_path / "other", post_id="NIA1")
    station = Station.open(data_dir)
    usb = tmp_path / "usb"
    usb.mkdir()
    old = answer_recovery(hq, request_recovery(station, usb).read_bytes())
    request_recovery(station, usb)  # a newer request: only it can be answered
    with pytest.raises(InvalidInput, match="latest request"):
        recover_with_answer(station, old.answer, admin=ADMIN, passphrase=NEW_PASS)
    theirs = answer_recovery(hq, request_recovery(Station.open(other.station.data_dir), usb).read_bytes())
    with pytest.raises(InvalidInput, match="another post"):
        recover_with_answer(station, theirs.answer, admin=ADMIN, passphrase=NEW_PASS)
    station.unlock(ADMIN, ADMIN_PASS)


def test_a_request_edited_to_another_post_is_refused_at_hq(hq: HqDir, data_dir: Path, tmp_path: Path) -> None:
    enrolled_post(hq, data_dir)
    station = Station.open(data_dir)
    path = request_recovery(station, tmp_path)
    body = json.loads(path.read_bytes())
    body["post"] = "NIA1"
    with pytest.raises(InvalidInput, match="another post"):
        answer_recovery(hq, json.dumps(body).encode())
    assert issued_recoveries(hq) == []


def test_recovery_cannot_turn_an_officer_into_an_admin(store: Station, admin) -> None:
    admin.accounts.add("moussa", role="officer", passphrase="moussa passphrase", must_change=False)
    with pytest.raises(InvalidInput, match="officer account"):
        recover_with_code(store, store.recovery_code or "", admin="moussa", passphrase=NEW_PASS)
    assert store.unlock("moussa", "moussa passphrase").role == "officer"


def test_the_vault_holds_nothing_in_clear(store: Station) -> None:
    with sqlite3.connect(store.data_dir / "fieldreg.db") as conn:
        vault = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'recovery_vault'").fetchone()[0])
    assert set(vault) == {"v", "id", "created_at", "sealed", "code"}
