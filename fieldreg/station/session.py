"""What a signed-in user can do: one façade, with a sub-service for each part of the work.

    session = Station.open(data_dir).unlock("awa", passphrase)
    regno = session.households.register(parse_household(obj))
    session.households.void(regno, reason="registered twice by mistake")
    session.accounts.add("ali", role="officer", passphrase="a first passphrase")

The CLI and the GUI call the sub-services (``households``, ``accounts``,
``audit``, ``tokens``, ``checkins``, ``trust``, ``duplicates``, ``batches``);
each declares in one table the permission each of its methods needs
(:class:`fieldreg.station.service.Service`). Every change is one durable
transaction together with its audit entry, and returns once it is on disk.

The session itself is who signed in (``user``, ``role``, ``account``) at which
``station``, and, for the services only, the store, the field cipher, the
audit log of a transaction and the decrypted in-memory index.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from typing import TYPE_CHECKING

from fieldreg.errors import AuthError, PermissionDenied
from fieldreg.store import accounts, registry
from fieldreg.store.accounts import Account
from fieldreg.store.audit import AuditLog, derive_audit_key
from fieldreg.sqlitedb import transaction
from fieldreg.store.fields import FieldCipher
from fieldreg.store.index import RegistryIndex

if TYPE_CHECKING:
    from fieldreg.station.accounts import Accounts
    from fieldreg.station.audit import Audit
    from fieldreg.station.batches import Batches
    from fieldreg.station.checkins import Checkins
    from fieldreg.station.duplicates import Duplicates
    from fieldreg.station.households import Households
    from fieldreg.station.station import Station
    from fieldreg.station.tokens import Tokens
    from fieldreg.station.trust import Trust
    from fieldreg.store.post import PostStore


class Session:
    """A signed-in user at a station: made by :meth:`fieldreg.station.Station.unlock`."""

    def __init__(self, station: Station, store: PostStore, account: Account, data_key: bytes):
        self.station = station
        self.store = store
        self.account = account
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
            raise PermissionDenied("{user} is signed in as {role} and may not {action}",
                                   user=self.user, role=accounts.ROLE_NAMES[self.role], action=accounts.ACTIONS[permission])

    # -- the sub-services (fieldreg.station.service) --------------------------------------

    @cached_property
    def households(self) -> Households:
        from fieldreg.station.households import Households
        return Households(self)

    @cached_property
    def accounts(self) -> Accounts:
        from fieldreg.station.accounts import Accounts
        return Accounts(self)

    @cached_property
    def audit(self) -> Audit:
        from fieldreg.station.audit import Audit
        return Audit(self)

    @cached_property
    def tokens(self) -> Tokens:
        from fieldreg.station.tokens import Tokens
        return Tokens(self)

    @cached_property
    def checkins(self) -> Checkins:
        from fieldreg.station.checkins import Checkins
        return Checkins(self)

    @cached_property
    def trust(self) -> Trust:
        from fieldreg.station.trust import Trust
        return Trust(self)

    @cached_property
    def duplicates(self) -> Duplicates:
        from fieldreg.station.duplicates import Duplicates
        return Duplicates(self)

    @cached_property
    def batches(self) -> Batches:
        from fieldreg.station.batches import Batches
        return Batches(self)

    # -- for the services ---------------------------------------------------------------

    def audit_sign_in(self, *, failed_before: int) -> None:
        """The audit entry of a successful sign-in (``Station.unlock``)."""
        with transaction(self.store.db) as conn:
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
            index.load(registry.iter_summaries(self.store.db, self.cipher))
            self._index = index
        return self._index

    def update_index(self, regno: str, summary: str) -> None:
        """Keep the index, if it is built, in step with a registration just saved."""
        if self._index is not None:
            self._index.put(regno, summary)
