"""Accounts in the store: roles, first passphrases, re-wrapping, the growing delay, disabled users."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from fieldreg.errors import (
    AccountDisabled,
    AuthError,
    InvalidInput,
    LockedOut,
    PassphraseIsUserName,
    PassphraseTooShort,
    PermissionDenied,
    UnknownUser,
    WrongPassphrase,
)
from fieldreg.model import utcnow
from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household, make_user


def test_roles(admin: Session) -> None:
    officer = make_user(admin, "moussa", "officer")
    supervisor = make_user(admin, "fanta", "supervisor")
    regno = officer.households.register(parse_household(household()))
    for forbidden in (lambda: officer.households.void(regno, reason="x"),
                      lambda: officer.households.correct(regno, parse_household(household()),
                                                         base_version=1, reason="x"),
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
    with pytest.raises(AuthError, match=r"wrong passphrase for 'awa'$"):
        store.unlock(ADMIN, "wrong again", now=later + timedelta(seconds=4))


def test_disabled_account(admin: Session, store: Station) -> None:
    make_user(admin, "moussa", "officer")
    admin.accounts.set_disabled("moussa", True)
    with pytest.raises(AuthError, match="disabled"):
        store.unlock("moussa", "moussa own passphrase")
    admin.accounts.set_disabled("moussa", False)
    store.unlock("moussa", "moussa own passphrase")


def test_unknown_user_gets_the_words_of_a_wrong_passphrase(store: Station) -> None:
    with pytest.raises(UnknownUser) as unknown:
        store.unlock("nobody", ADMIN_PASS)
    with pytest.raises(WrongPassphrase) as wrong:
        store.unlock("awa", "not the passphrase")
    assert type(unknown.value).__mro__[1] is WrongPassphrase
    assert unknown.value.message.template == wrong.value.message.template


def test_each_refusal_is_its_own_kind(admin: Session, store: Station) -> None:
    """The app words each refusal by its kind, never by the English text."""
    with pytest.raises(UnknownUser):
        store.unlock("nobody", ADMIN_PASS)
    with pytest.raises(WrongPassphrase):
        store.unlock(ADMIN, "not the passphrase")
    with pytest.raises(PassphraseTooShort):
        admin.accounts.add("moussa", role="officer", passphrase="short")
    with pytest.raises(PassphraseIsUserName):
        admin.accounts.add("moussa-ba", role="officer", passphrase="Moussa-Ba ")
    make_user(admin, "moussa", "officer")
    admin.accounts.set_disabled("moussa", True)
    with pytest.raises(AccountDisabled):
        store.unlock("moussa", "moussa own passphrase")
    later = utcnow()
    for _ in range(2):  # with the wrong one above: two free, then one that costs a wait
        with pytest.raises(WrongPassphrase):
            store.unlock(ADMIN, "still wrong", now=later)
    with pytest.raises(LockedOut):
        store.unlock(ADMIN, ADMIN_PASS, now=later)
