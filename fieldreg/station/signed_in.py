"""Who signed in, at which station, and what the services need from that.

    session = station.unlock("awa", passphrase)     # a Session, which is a SignedIn
    session.user, session.role                      # identity
    session.require("export")                       # PermissionDenied unless the role allows it

:class:`fieldreg.station.session.Session` is the façade the CLI and the app
call; its sub-services (:mod:`fieldreg.station.service`) are built on this
base only, never on the façade, so the services do not import the module that
builds them: the store, the field cipher, an audit entry within a transaction,
the decrypted in-memory index and the role check are all they use.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from fieldreg.errors import AuthError, PermissionDenied
from fieldreg.model import Household
from fieldreg.sqlitedb import transaction
from fieldreg.store import accounts, registry
from fieldreg.store.accounts import Account, Secrets
from fieldreg.store.audit import AuditLog, derive_audit_key
from fieldreg.store.fields import FieldCipher
from fieldreg.store.index import RegistryIndex
from fieldreg.store.post import PostStore


class StationIdentity(Protocol):
    """What a session knows of its station (:class:`fieldreg.station.Station` is one)."""

    @property
    def store(self) -> PostStore: ...

    @property
    def data_dir(self) -> Path: ...

    @property
    def post_id(self) -> str: ...

    @property
    def post_name(self) -> str: ...

    @property
    def kind(self) -> str: ...


class SignedIn:
    """A user signed in at a station: identity, the role check, and the services' internals."""

    def __init__(self, station: StationIdentity, account: Account, secrets: Secrets):
        self.station = station
        self.store = station.store
        self.account = account
        self.secrets = secrets  # the data key, and the account-authority seeds the role holds
        data_key = secrets.data_key
        self._data_key = data_key
        self.cipher = FieldCipher(data_key)
        self._index: RegistryIndex | None = None
        self._audit_key = derive_audit_key(data_key)

    # -- identity and permissions -------------------------------------------------

    @property
    def user(self) -> str:
        return self.account.username

    @property
    def role(self) -> str:
        return self.account.role

    def require(self, permission: str) -> None:
        """Refuse unless the user's role allows ``permission`` (see accounts.PERMISSIONS)."""
        if not permission:  # service.ANY_USER
            return
        if self.account.must_change:
            raise AuthError(
                "{user} must choose a new passphrase first (fieldreg user passwd)", user=self.user
            )
        if not self.account.may(permission):
            raise PermissionDenied("{user} is signed in as {role} and may not {action}", user=self.user,
                                   role=accounts.ROLE_NAMES[self.role], action=accounts.ACTIONS[permission])

    # -- for the services ---------------------------------------------------------------

    def audit_sign_in(
        self, *, failed_before: int,
        checks: Callable[[sqlite3.Connection], None] | None = None,
    ) -> None:
        """The audit entry of a successful sign-in (``Station.unlock``).

        ``checks(conn)`` runs first in the same transaction: the head of the log and the
        records are checked before this entry rewrites the head (fieldreg/station/integrity.py).
        """
        with transaction(self.store.db) as conn:
            if checks is not None:
                checks(conn)
            self.audit_on(conn).append(
                actor=self.user, action="login", subject=self.user,
                details={"failed_attempts_before": failed_before} if failed_before else {},
            )

    def audit_on(self, conn: sqlite3.Connection) -> AuditLog:
        """The audit log, for an entry written in the transaction on ``conn``."""
        return AuditLog(conn, self._data_key, mac_key=self._audit_key)

    @property
    def data_key(self) -> bytes:
        """The station's data key, which every account wraps under its own passphrase."""
        return self._data_key

    # -- the in-memory index, for the services -------------------------------------------

    @property
    def index(self) -> RegistryIndex:
        """The decrypted in-memory index, built on first use."""
        if self._index is None:
            index = RegistryIndex()
            # A summary that does not open is left out and named (index.unreadable).
            index.load(registry.iter_summaries(self.store.db, self.cipher,
                                               on_unreadable=index.note_unreadable))
            self._index = index
        return self._index

    def update_index(self, regno: str, household: Household, status: str) -> None:
        """Keep the index, if it is built, in step with a registration just saved.

        The summary is computed only for a built index: the CLI, which never builds one,
        saves each household without computing it a second time.
        """
        if self._index is not None:
            self._index.put(regno, registry.summary_of(household, status))
