"""The station's staff accounts: adding, listing, disabling, and passphrases.

    session.accounts.add("ali", role="officer", passphrase="a first passphrase")
    session.accounts.reset("ali", passphrase="another first passphrase")
    session.accounts.set_disabled("ali", True)
    session.accounts.change_passphrase("my own new passphrase")   # any user, their own

Managing an account takes two levels of permission: ``manage_officers`` for an
officer's account, and ``manage_all_accounts`` as well for a supervisor's or an
administrator's. The table declares the first; the methods that act on a role
check the second themselves. A passphrase change re-wraps the station's data
key under the new passphrase; the data is not re-encrypted.

The rules a screen checks before it asks (roles, what each may do, user name
and passphrase rules) are the store's, exported here for the UI and the CLI:

    check_username("ali")                           # InvalidInput unless a valid user name
    check_passphrase(text, username="ali")          # InvalidInput if too short or the name
    "supervisor" in PERMISSIONS["export"]           # True
"""

from __future__ import annotations

import builtins
from dataclasses import replace

from fieldreg.errors import InvalidInput
from fieldreg.model import utcnow
from fieldreg.sqlitedb import transaction
from fieldreg.station.recovery import new_code
from fieldreg.station.service import ANY_USER, Service
from fieldreg.store import accounts
from fieldreg.store.accounts import (
    MIN_PASSPHRASE,
    PERMISSIONS,
    ROLES,
    USERNAME_RE,
    Account,
    check_passphrase,
    check_username,
)

__all__ = [
    "MIN_PASSPHRASE",
    "PERMISSIONS",
    "ROLES",
    "USERNAME_RE",
    "Account",
    "Accounts",
    "check_passphrase",
    "check_username",
]


class Accounts(Service):
    """``session.accounts``: who may sign in at this station, and as what."""

    permissions = {
        "add": "manage_officers",
        "list": "manage_officers",
        # A user who must replace a first passphrase may do this and nothing else.
        "change_passphrase": ANY_USER,
        "reset": "manage_officers",
        "set_disabled": "manage_officers",
        "new_recovery_code": "manage_all_accounts",
    }

    def add(self, username: str, *, role: str, passphrase: str, must_change: bool = True) -> None:
        """Create an account; its holder must change the passphrase at first login.

        Only the demo post creates accounts with ``must_change=False``: their
        passphrases are published in the README anyway.
        """
        session = self._session
        accounts.check_role(role)
        self._may_manage(role)
        with transaction(session.store.db) as conn:
            accounts.insert_account(
                conn, post=session.station.post_id, username=username, role=role,
                passphrase=passphrase, secrets=session.secrets, must_change=must_change,
                created_by=session.user, now=utcnow(), kdf=session.store.kdf,
            )
            session.audit_on(conn).append(
                actor=session.user, action="user_add", subject=username, details={"role": role}
            )

    def list(self) -> builtins.list[Account]:  # the method's name hides the type here
        """Every account of the station, by user name."""
        return accounts.list_accounts(self._session.store.db)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under the signed-in user's new passphrase."""
        session = self._session
        with transaction(session.store.db) as conn:
            accounts.rewrap(conn, username=session.user, passphrase=new_passphrase,
                            secrets=session.secrets, must_change=False, kdf=session.store.kdf)
            session.audit_on(conn).append(actor=session.user, action="passwd", subject=session.user)
        session.account = replace(accounts.get_account(session.store.db, session.user),
                                  must_change=False)

    def reset(self, username: str, *, passphrase: str) -> None:
        """Give someone a new first passphrase, to be changed at their next login."""
        session = self._session
        target = accounts.get_account(session.store.db, username)
        self._may_manage(target.role)
        with transaction(session.store.db) as conn:
            accounts.rewrap(conn, username=username, passphrase=passphrase,
                            secrets=session.secrets, must_change=True, kdf=session.store.kdf)
            if accounts.get_authority(conn) is not None:  # a reset also signs the grant afresh
                accounts.resign(conn, session.secrets.keys, post=session.station.post_id,
                                username=username)
            session.audit_on(conn).append(actor=session.user, action="user_reset", subject=username)

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disable an account (it can no longer sign in), or enable it again."""
        session = self._session
        target = accounts.get_account(session.store.db, username)
        self._may_manage(target.role)
        if username == session.user:
            raise InvalidInput("you cannot disable your own account")
        with transaction(session.store.db) as conn:
            accounts.set_disabled(conn, username, disabled, post=session.station.post_id,
                                  keys=session.secrets.keys)
            session.audit_on(conn).append(actor=session.user, subject=username,
                                          action="user_disable" if disabled else "user_enable")

    def new_recovery_code(self) -> str:
        """Replace the post's recovery vault with one a new code opens; the code, to show once."""
        session = self._session
        with transaction(session.store.db) as conn:
            code = new_code(conn, session.store, session.secrets)
            session.audit_on(conn).append(actor=session.user, action="recovery_seal",
                                          subject=session.station.post_id, details={"via": "code"})
        return code

    def _may_manage(self, role: str) -> None:
        """The second level: only ``manage_all_accounts`` reaches beyond officers' accounts."""
        if role != "officer":
            self._session.require("manage_all_accounts")
