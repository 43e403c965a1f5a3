"""Accounts that cannot be edited into power, attacked as an officer would (item 1 of issue 13).

Each attack edits the real ``fieldreg.db`` with the sqlite3 module, or runs an
officer's own program through the library with the officer's data key; each
test checks the attack is refused (or flagged) and that nothing valid was lost.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import AccountTampered, PermissionDenied, WrongPassphrase
from fieldreg.keys.authority import new_authority
from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.store import accounts
from fieldreg.store.accounts import Secrets, make_wrap
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, household

OFFICER, OFFICER_PASS = "moussa", "moussa passphrase"
SUPERVISOR, SUPERVISOR_PASS = "sali", "sali passphrase 1"


@pytest.fixture
def staffed(store: Station, admin: Session) -> Station:
    """The post with an officer and a supervisor who chose their passphrases, and one household."""
    admin.accounts.add(OFFICER, role="officer", passphrase=OFFICER_PASS, must_change=False)
    admin.accounts.add(SUPERVISOR, role="supervisor", passphrase=SUPERVISOR_PASS, must_change=False)
    store.unlock(OFFICER, OFFICER_PASS).households.register(parse_household(household()))
    return store


def edit(station: Station, sql: str, *params: object) -> None:
    """What an officer does with the sqlite3 tool: a real connection to the real file."""
    with sqlite3.connect(station.data_dir / "fieldreg.db") as conn:
        conn.execute(sql, params)


def alerts(session: Session) -> list[dict[str, object]]:
    return [e.details for e in session.audit.entries() if e.action == "audit_alert"]


def nothing_lost(station: Station) -> None:
    """The real admin still signs in, the household is there and the audit chain holds."""
    admin = station.unlock(ADMIN, ADMIN_PASS)
    assert len(admin.households.search("traore")) == 1
    assert admin.audit.verify()[1] is None


def test_a_role_edited_by_hand_is_refused_with_an_alert(staffed: Station) -> None:
    edit(staffed, "UPDATE accounts SET role = 'admin' WHERE username = ?", OFFICER)
    with pytest.raises(AccountTampered, match="changed outside FieldReg"):
        staffed.unlock(OFFICER, OFFICER_PASS)
    admin = staffed.unlock(ADMIN, ADMIN_PASS)
    assert {"code": "account_refused", "reason": "account_fields_changed", "user": OFFICER} in alerts(admin)
    nothing_lost(staffed)


def test_an_enabled_flag_edited_by_hand_is_refused(staffed: Station) -> None:
    staffed.unlock(ADMIN, ADMIN_PASS).accounts.set_disabled(OFFICER, True)
    edit(staffed, "UPDATE accounts SET disabled = 0 WHERE username = ?", OFFICER)
    with pytest.raises(AccountTampered):
        staffed.unlock(OFFICER, OFFICER_PASS)
    nothing_lost(staffed)


def test_the_officers_wrap_copied_onto_the_admin_row_does_not_open(staffed: Station) -> None:
    with sqlite3.connect(staffed.data_dir / "fieldreg.db") as conn:
        admin_wrap = conn.execute("SELECT wrap FROM accounts WHERE username = ?", (ADMIN,)).fetchone()[0]
    edit(staffed, "UPDATE accounts SET wrap = (SELECT wrap FROM accounts WHERE username = ?)"
         " WHERE username = ?", OFFICER, ADMIN)
    with pytest.raises(WrongPassphrase):
        staffed.unlock(ADMIN, OFFICER_PASS)
    # Nothing valid lost: the admin's own wrap, put back (or the recovery code), opens again.
    edit(staffed, "UPDATE accounts SET wrap = ?, failed_attempts = 0, retry_after = NULL"
         " WHERE username = ?", admin_wrap, ADMIN)
    nothing_lost(staffed)


def test_an_inserted_admin_row_is_refused(staffed: Station) -> None:
    # A copy of the officer's row under a new name, as admin: its wrap is bound to "moussa".
    edit(staffed, "INSERT INTO accounts (username, role, wrap, must_change, created_at, created_by,"
         " grant_sig) SELECT 'boss', 'admin', wrap, 0, created_at, 'awa', grant_sig FROM accounts"
         " WHERE username = ?", OFFICER)
    with pytest.raises(WrongPassphrase):
        staffed.unlock("boss", OFFICER_PASS)
    # The officer's own program: a wrap made for "boss" with the data key the officer holds.
    officer = staffed.unlock(OFFICER, OFFICER_PASS)
    wrap = make_wrap("boss", Secrets(officer.data_key), OFFICER_PASS, first=False, kdf=FAST_KDF)
    edit(staffed, "UPDATE accounts SET wrap = ? WHERE username = 'boss'", wrap)
    with pytest.raises(AccountTampered):
        staffed.unlock("boss", OFFICER_PASS)
    nothing_lost(staffed)


def test_an_officer_cannot_grant_any_role_through_the_library(staffed: Station) -> None:
    officer = staffed.unlock(OFFICER, OFFICER_PASS)
    db = staffed.store.db
    with pytest.raises(PermissionDenied):
        accounts.insert_account(db, post="TGR1", username="boss", role="admin", passphrase="boss passphrase",
                                secrets=officer.secrets, must_change=False, created_by=OFFICER,
                                now=officer_now(), kdf=FAST_KDF)
    assert [a.username for a in staffed.unlock(ADMIN, ADMIN_PASS).accounts.list()] == [
        ADMIN, OFFICER, SUPERVISOR]


def officer_now():
    from fieldreg.model import utcnow

    return utcnow()


def test_a_replaced_authority_is_caught_by_the_first_real_admin(staffed: Station) -> None:
    """The officer's program makes its own authority and signs itself in as admin."""
    officer = staffed.unlock(OFFICER, OFFICER_PASS)
    db = staffed.store.db
    authority, keys = new_authority("TGR1")
    accounts.set_authority(db, authority)
    edit(staffed, "UPDATE accounts SET role = 'admin' WHERE username = ?", OFFICER)
    forged = Secrets(officer.data_key, keys)
    edit(staffed, "UPDATE accounts SET wrap = ? WHERE username = ?",
         make_wrap(OFFICER, forged, OFFICER_PASS, first=False, kdf=FAST_KDF), OFFICER)
    accounts.sign_all(db, keys, post="TGR1")
    # The laptop alone cannot stop this sign-in ...
    assert staffed.unlock(OFFICER, OFFICER_PASS).role == "admin"
    # ... but the real admin's own wrap holds the true authority: it is put back, with an alert.
    admin = staffed.unlock(ADMIN, ADMIN_PASS)
    assert {"code": "authority_replaced", "post": "TGR1"} in alerts(admin)
    with pytest.raises(AccountTampered):
        staffed.unlock(OFFICER, OFFICER_PASS)
    # The genuine supervisor's row was re-signed by the forger: refused until an admin resets it.
    with pytest.raises(AccountTampered):
        staffed.unlock(SUPERVISOR, SUPERVISOR_PASS)
    admin.accounts.reset(SUPERVISOR, passphrase="sali new first pass")
    assert staffed.unlock(SUPERVISOR, "sali new first pass").role == "supervisor"
    nothing_lost(staffed)


def test_a_supervisor_grants_officers_only(staffed: Station) -> None:
    supervisor = staffed.unlock(SUPERVISOR, SUPERVISOR_PASS)
    supervisor.accounts.add("ali", role="officer", passphrase="ali first pass", must_change=False)
    assert staffed.unlock("ali", "ali first pass").role == "officer"
    with pytest.raises(PermissionDenied):
        supervisor.accounts.add("boss", role="admin", passphrase="boss passphrase")
    # Its wrap holds the supervisor key: its passphrase change keeps it.
    supervisor.accounts.change_passphrase("sali new passphrase")
    staffed.unlock(SUPERVISOR, "sali new passphrase").accounts.add(
        "awa2", role="officer", passphrase="awa2 first pass")


def test_an_older_store_gets_its_authority_at_the_first_admin_sign_in(tmp_path: Path) -> None:
    import shutil

    fixtures = Path(__file__).parents[2] / "data" / "stores" / "v1"
    shutil.copytree(fixtures, tmp_path / "v1")
    station = Station.open(tmp_path / "v1")
    db = station.store.db
    assert accounts.get_authority(db) is None
    assert not any(a.signed for a in accounts.list_accounts(db))
    session = station.unlock("fixture", "fixture passphrase v1")
    assert accounts.get_authority(db) is not None
    assert all(a.signed for a in accounts.list_accounts(db))
    # (and the first sign-in of the upgrade seals the records: docs/store.md)
    assert [e.action for e in session.audit.entries()][-3:] == ["authority_create", "records_sealed",
                                                                 "login"]
    assert len(session.households.search("traore")) == 2
    # And from now on a hand edit is refused.
    with sqlite3.connect(tmp_path / "v1" / "fieldreg.db") as conn:
        conn.execute("UPDATE accounts SET disabled = 1 WHERE username = 'fixture'")
    with pytest.raises(AccountTampered):
        station.unlock("fixture", "fixture passphrase v1")


def test_grants_are_json_with_the_fields_docs_name(staffed: Station) -> None:
    with sqlite3.connect(staffed.data_dir / "fieldreg.db") as conn:
        grant = json.loads(conn.execute("SELECT grant_sig FROM accounts WHERE username = ?",
                                        (OFFICER,)).fetchone()[0])
    assert set(grant) == {"post", "user", "role", "disabled", "pin", "signer", "signature"}
    assert (grant["user"], grant["role"], grant["signer"]) == (OFFICER, "officer", "admin")
