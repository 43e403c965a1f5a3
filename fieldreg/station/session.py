"""What a signed-in user can do: the services the CLI and the GUI both call.

Every method checks the user's role first, does its work in one durable
transaction together with its audit entry, and returns only once that
transaction is on disk::

    session = Station.open(data_dir).unlock("awa", passphrase)
    regno = session.register(parse_household(obj))
    session.void(regno, reason="registered twice by mistake")
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
import sqlite3
from typing import TYPE_CHECKING, Any

from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import AuthError, InvalidInput, PermissionDenied
from fieldreg.model import Household, Registration, utcnow
from fieldreg.regno import RegNo, parse_regno
from fieldreg.validation import clean_reason
from fieldreg.store import accounts, registry
from fieldreg.store.accounts import Account
from fieldreg.store.audit import AuditLog, derive_audit_key
from fieldreg.sqlitedb import transaction
from fieldreg.store.fields import FieldCipher
from fieldreg.store.index import RegistryIndex
from fieldreg.model import HouseholdSummary
from fieldreg.store.tokens import revoke_active_token

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

log = logging.getLogger(__name__)

class Session:
    def __init__(self, station: Station, store: PostStore, account: Account, data_key: bytes):
        self.station = station
        self.store = store
        self.account = account
        self._data_key = data_key
        self.cipher = FieldCipher(data_key)
        self._index: RegistryIndex | None = None
        self._post_id = store.post_id  # fixed for a store's life; read once, not per save
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
    def _conn(self) -> sqlite3.Connection:
        return self.store.db

    # -- registrations ------------------------------------------------------------

    def register(self, household: Household) -> str:
        """Store a new household; returns its registration number once durable."""
        self.require("register")
        now = utcnow()
        with transaction(self.store.db) as conn:
            year = now.year
            seq = registry.next_sequence(conn, year)
            regno = str(RegNo.build(self._post_id, year, seq))
            registry.insert_household(
                conn, self.cipher, regno=regno, year=year, seq=seq, household=household,
                actor=self.user, now=now,
            )
            conn.execute(
                "INSERT INTO outbox (kind, subject, version) VALUES ('registration', ?, 1)",
                (regno,),
            )
            self.audit_on(conn).append(
                actor=self.user, action="register", subject=regno,
                details={"members": len(household.members)},
            )
        self._index_put(regno, household, "active")
        log.info("register %s by %s", regno, self.user)
        return regno

    def get(self, regno: str) -> Registration:
        self.require("view")
        return registry.load_registration(self._conn, self.cipher, str(parse_regno(regno)))

    def correct(self, regno: str, household: Household, *, reason: str) -> int:
        """Replace a registration's content, keeping the previous version; returns the new version."""
        self.require("correct")

        def corrected(current: Registration) -> Household:
            if current.status == "void":
                raise InvalidInput("{regno} is void and cannot be corrected", regno=current.regno)
            if current.household.to_json() == household.to_json():
                raise InvalidInput("nothing to correct: {regno} already says exactly this", regno=current.regno)
            return household

        return self._new_version(regno, action="correct", reason=reason, status="active",
                                 change=corrected)

    def void(self, regno: str, *, reason: str) -> int:
        """Mark a registration void (never deleted); returns the new version."""
        self.require("void")

        def voided(current: Registration) -> Household:
            if current.status == "void":
                raise InvalidInput("{regno} is already void", regno=current.regno)
            return current.household

        return self._new_version(regno, action="void", reason=reason, status="void",
                                 change=voided)

    def _new_version(
        self, regno: str, *, action: str, reason: str, status: str,
        change: Callable[[Registration], Household],
    ) -> int:
        """One durable transaction: keep the current version in history, store the
        household ``change`` returns, queue it for export and audit it."""
        reason = clean_reason(reason)
        with transaction(self.store.db) as conn:
            current = registry.load_registration(conn, self.cipher, str(parse_regno(regno)),
                                                 with_history=False)
            household = change(current)
            version = registry.replace_household(
                conn, self.cipher, current, household=household, status=status,
                void_reason=reason if status == "void" else "", action=action, reason=reason,
                actor=self.user, now=utcnow(),
            )
            conn.execute(
                "INSERT INTO outbox (kind, subject, version) VALUES ('registration', ?, ?)",
                (current.regno, version),
            )
            details: dict[str, Any] = {"version": version}
            if action == "correct":
                details["fields"] = _changed_fields(current.household, household)
            if status == "void":
                # A void registration's slip must stop verifying at camps.
                revoked = revoke_active_token(conn, self.cipher, current.regno, actor=self.user,
                                              reason=f"registration void: {reason}", now=utcnow())
                if revoked is not None:
                    details["token_revoked"] = revoked[0]
            self.audit_on(conn).append(
                actor=self.user, action=action, subject=current.regno, details=details
            )
        self._index_put(current.regno, household, status)
        log.info("%s %s v%d by %s", action, current.regno, version, self.user)
        return version

    def record_print(self, regno: str, *, what: str) -> None:
        """Audit that a slip (or other document) for ``regno`` was printed or saved."""
        self.require("print")
        with transaction(self.store.db) as conn:
            self.audit_on(conn).append(
                actor=self.user, action="print", subject=regno, details={"what": what}
            )

    # -- search and statistics ----------------------------------------------------

    @property
    def index(self) -> RegistryIndex:
        """The decrypted in-memory index, built on first use."""
        if self._index is None:
            index = RegistryIndex()
            index.load(registry.iter_summaries(self._conn, self.cipher))
            self._index = index
        return self._index

    def _index_put(self, regno: str, household: Household, status: str) -> None:
        if self._index is not None:
            self._index.put(regno, registry.summary_of(household, status))

    def search(self, text: str, *, limit: int = 50) -> list[HouseholdSummary]:
        """By registration number (whole, checked; or a fragment) or by names."""
        self.require("view")
        text = text.strip()
        if not text:
            raise InvalidInput("type a name or a registration number to search for")
        if "-" in text and any(ch.isdigit() for ch in text) and len(text.split("-")) == 4:
            regno = str(parse_regno(text))  # a whole number: its check character must hold
            found = self.index.get(regno)
            return [found] if found else []
        if any(ch.isdigit() for ch in text):
            return self.index.find_regno(text, limit=limit)
        return self.index.search(text, limit=limit)

    def stats(self) -> dict[str, Any]:
        self.require("stats")
        return self.index.stats()

    # -- accounts -----------------------------------------------------------------

    def _may_manage(self, role: str) -> None:
        self.require("manage_officers")
        if role != "officer":
            self.require("manage_all_accounts")

    def add_user(
        self, username: str, *, role: str, passphrase: str, must_change: bool = True
    ) -> None:
        """Create an account; its holder must change the passphrase at first login.

        Only the demo post creates accounts with ``must_change=False``: their
        passphrases are published in the README anyway.
        """
        accounts.check_role(role)
        self._may_manage(role)
        with transaction(self.store.db) as conn:
            accounts.insert_account(
                conn, username=username, role=role, passphrase=passphrase,
                data_key=self._data_key, must_change=must_change, created_by=self.user,
                now=utcnow(),
                kdf=self._kdf,
            )
            self.audit_on(conn).append(
                actor=self.user, action="user_add", subject=username, details={"role": role}
            )

    def users(self) -> list[Account]:
        self.require("manage_officers")
        return accounts.list_accounts(self._conn)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase (the data is not re-encrypted)."""
        with transaction(self.store.db) as conn:
            accounts.rewrap(conn, username=self.user, passphrase=new_passphrase,
                            data_key=self._data_key, must_change=False, kdf=self._kdf)
            self.audit_on(conn).append(actor=self.user, action="passwd", subject=self.user)
        self.account = accounts.get_account(self._conn, self.user)

    def reset_passphrase(self, username: str, *, passphrase: str) -> None:
        """Give someone a new first passphrase, to be changed at their next login."""
        target = accounts.get_account(self._conn, username)
        self._may_manage(target.role)
        with transaction(self.store.db) as conn:
            accounts.rewrap(conn, username=username, passphrase=passphrase,
                            data_key=self._data_key, must_change=True, kdf=self._kdf)
            self.audit_on(conn).append(actor=self.user, action="user_reset", subject=username)

    def set_disabled(self, username: str, disabled: bool) -> None:
        target = accounts.get_account(self._conn, username)
        self._may_manage(target.role)
        if username == self.user:
            raise InvalidInput("you cannot disable your own account")
        with transaction(self.store.db) as conn:
            conn.execute("UPDATE accounts SET disabled = ? WHERE username = ?",
                         (int(disabled), username))
            self.audit_on(conn).append(actor=self.user, subject=username,
                                    action="user_disable" if disabled else "user_enable")

    @property
    def _kdf(self) -> KdfParams:
        return self.store.kdf

    # -- audit --------------------------------------------------------------------

    def verify_audit(self) -> tuple[int, str | None]:
        """(entries checked, first problem or None)."""
        self.require("audit")
        return self.audit_on(self._conn).verify()


def _changed_fields(before: Household, after: Household) -> list[str]:
    """Names (never values) of the fields a correction changed, for the audit log."""
    old, new = before.to_json(), after.to_json()
    changed = sorted(k for k in set(old) | set(new) if k != "members" and old.get(k) != new.get(k))
    old_members = {m["id"]: m for m in old["members"]}
    for m in new["members"]:
        previous = old_members.pop(m["id"], None)
        if previous is None:
            changed.append("members (added)")
        else:
            changed.extend(sorted(
                f"member.{k}" for k in set(previous) | set(m) if previous.get(k) != m.get(k)
            ))
    if old_members:
        changed.append("members (removed)")
    return sorted(set(changed))
