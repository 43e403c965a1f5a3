"""session.accounts: the two levels of account management, and what each change records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldreg.errors import AuthError, InvalidInput, NotFound, PermissionDenied
from fieldreg.station import Station
from fieldreg.station.session import Session
from tests.conftest import ADMIN, make_user


def test_a_supervisor_manages_officer_accounts_only(admin: Session, data_dir: Path) -> None:
    supervisor = make_user(admin, "fanta", "supervisor")
    make_user(admin, "sali", "supervisor")
    raw = sqlite3.connect(data_dir / "fieldreg.db")
    wraps = raw.execute("SELECT username, wrap, disabled FROM accounts ORDER BY username").fetchall()
    for beyond in (lambda: supervisor.accounts.add("ibrahim", role="admin", passphrase="ibrahim first"),
                   lambda: supervisor.accounts.reset("sali", passphrase="another first pass"),
                   lambda: supervisor.accounts.reset(ADMIN, passphrase="another first pass"),
                   lambda: supervisor.accounts.set_disabled("sali", True)):
        with pytest.raises(PermissionDenied, match="fanta is signed in as supervisor and may not manage every account"):
            beyond()
    assert raw.execute("SELECT username, wrap, disabled FROM accounts ORDER BY username").fetchall() == wraps
    supervisor.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    supervisor.accounts.reset("moussa", passphrase="moussa second pass")
    supervisor.accounts.set_disabled("moussa", True)
    supervisor.accounts.set_disabled("moussa", False)
    assert [e.action for e in admin.audit.entries()[-4:]] == [
        "user_add", "user_reset", "user_disable", "user_enable"]


def test_list_is_by_user_name(admin: Session) -> None:
    make_user(admin, "moussa", "officer")
    make_user(admin, "fanta", "supervisor")
    assert [(a.username, a.role) for a in admin.accounts.list()] == [
        (ADMIN, "admin"), ("fanta", "supervisor"), ("moussa", "officer")]


def test_a_reset_passphrase_must_be_changed_at_the_next_sign_in(admin: Session, store: Station) -> None:
    make_user(admin, "moussa", "officer")
    admin.accounts.reset("moussa", passphrase="moussa given pass")
    with pytest.raises(AuthError, match="wrong passphrase"):
        store.unlock("moussa", "moussa own passphrase")
    again = store.unlock("moussa", "moussa given pass")
    assert again.account.must_change
    again.accounts.change_passphrase("moussa new own pass")
    assert not again.account.must_change
    assert [e.action for e in admin.audit.entries()[-2:]] == ["login", "passwd"]


def test_nobody_disables_their_own_account(admin: Session) -> None:
    with pytest.raises(InvalidInput, match="your own account"):
        admin.accounts.set_disabled(ADMIN, True)
    assert not admin.accounts.list()[0].disabled


def test_an_unknown_account_is_not_found(admin: Session) -> None:
    with pytest.raises(NotFound, match="no user 'nobody'"):
        admin.accounts.reset("nobody", passphrase="a long passphrase")
    with pytest.raises(NotFound, match="no user 'nobody'"):
        admin.accounts.set_disabled("nobody", True)
