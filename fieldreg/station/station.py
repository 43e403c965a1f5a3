"""A station's data directory, locked until one of its users signs in.

    station = Station.open(data_dir)          # a border post or a camp, set up earlier
    station.post_id, station.kind             # what the sign-in page shows
    session = station.unlock("awa", passphrase)   # everything else goes through the session

Setting a station up: :meth:`Station.create` (a post without keys),
:func:`fieldreg.station.enrollment.create_enrolled_post`,
:func:`fieldreg.station.enrollment.create_camp` and
:func:`fieldreg.station.demo.create_demo`.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import AccountTampered, AuthError
from fieldreg.fsutil import one_at_a_time
from fieldreg.keys.authority import authority_of, new_authority
from fieldreg.model import utcnow
from fieldreg.sqlitedb import transaction
from fieldreg.station.integrity import check_at_sign_in
from fieldreg.station.recovery import seal_at_upgrade, seal_vault
from fieldreg.station.session import Session
from fieldreg.store import PostStore, accounts, signin
from fieldreg.store.accounts import Account, Secrets
from fieldreg.store.audit import AuditLog

log = logging.getLogger(__name__)

SIGN_IN_TURN = "signin.lock"  # the empty file sign-ins take turns on (fsutil.one_at_a_time)


class Station:
    """The locked station: who it is, and the door (:meth:`unlock`)."""

    def __init__(self, store: PostStore):
        self._store = store
        #: The recovery code made at set-up, to show once (None once shown, or if HQ holds recovery).
        self.recovery_code: str | None = None

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return PostStore.exists(data_dir)

    @classmethod
    def open(cls, data_dir: Path) -> Station:
        """The station in ``data_dir`` (its schema brought up to date); ``NotFound`` if none."""
        return cls(PostStore.open(data_dir))

    @classmethod
    def create(
        cls, data_dir: Path, *, post_id: str, post_name: str, admin: str, passphrase: str,
        kdf: KdfParams | None = None,
    ) -> Station:
        """A border post with its first (admin) account and no signing key yet (``fieldreg init``).

        Without HQ, its recovery vault opens with a recovery code, left in
        ``station.recovery_code`` for the caller to show once.
        """
        codes: list[str] = []

        def seal(conn: sqlite3.Connection, secrets: Secrets) -> None:
            code = seal_vault(conn, post=post_id, secrets=secrets, hq_recipient=None,
                                       with_code=True)
            codes.extend([code] if code else [])

        station = cls(PostStore.create(data_dir, post_id=post_id, post_name=post_name, admin=admin,
                                       passphrase=passphrase, kdf=kdf, on_create=seal))
        station.recovery_code = codes[0] if codes else None
        return station

    @property
    def store(self) -> PostStore:
        """The station's store, for the station package's own use."""
        return self._store

    @property
    def data_dir(self) -> Path:
        return self._store.data_dir

    @property
    def post_id(self) -> str:
        return self._store.post_id

    @property
    def post_name(self) -> str:
        return self._store.post_name

    @property
    def kind(self) -> str:
        """``"post"`` (registers, signs slips, exports) or ``"camp"`` (verifies slips)."""
        return self._store.kind

    def unlock(self, username: str, passphrase: str, *, now: datetime | None = None) -> Session:
        """Check the passphrase and open a session; ``AuthError`` explains any refusal.

        The attempt is counted and committed before the slow key derivation; an
        unknown name costs the same derivation and gets the same words. After
        the passphrase, the account's signed grant is checked: a row edited,
        copied or inserted outside FieldReg is refused (``AccountTampered``)
        with an ``audit_alert`` entry. A station made before the account
        authority gets one at its first administrator's sign-in.
        """
        now = now or utcnow()  # when the attempt was made, not when its turn came
        db = self._store.db
        # Sign-ins take turns, so that each sees how the one before it ended: parallel
        # guesses follow the serial schedule, and parallel right passphrases (the app and a
        # command at once) are not locked out by each other's attempt, counted as wrong
        # until it is checked.
        with one_at_a_time(self._store.data_dir / SIGN_IN_TURN):
            attempt = signin.begin_attempt(db, username, now=now)
            secrets = signin.open_wrap(attempt, passphrase, username=username, kdf=self._store.kdf)
            assert attempt is not None  # open_wrap refused an unknown name
            refusal: AuthError | None = None
            with transaction(db) as conn:
                audit = AuditLog(conn, secrets.data_key)
                # Before anything here appends (and so rewrites the head): a cut tail is
                # recorded as an alert, which later entries cannot hide.
                head = audit.check_head()
                if head is not None:
                    audit.alert(actor=username, code="audit_head", facts=head)
                account = accounts.get_account(conn, username)
                secrets = self._create_authority(conn, audit, account, secrets, passphrase)
                problem = accounts.check_row(conn, username, secrets, post=self.post_id)
                # The grant verified; only the authority in meta is not the one this wrap holds.
                if problem in (None, "wrap_lacks_authority") and self._restore_authority(
                        conn, audit, account, secrets):
                    problem = accounts.check_row(conn, username, secrets, post=self.post_id)
                if problem:
                    audit.alert(actor=username, code="account_refused",
                                facts={"user": username, "reason": problem})
                    refusal = AccountTampered(
                        "the account {username!r} was changed outside FieldReg and is refused; "
                        "an administrator must reset it", username=username)
                else:
                    signin.check_enabled(conn, username)
                    failed, tampering = signin.finish_sign_in(conn, attempt, secrets, now=now)
                    if tampering:
                        audit.alert(actor=username, code="lockout_tampered",
                                    facts={"user": username, **tampering})
                    unknown = signin.take_unknown_attempts(conn)
                    if unknown:
                        audit.alert(actor=username, code="unknown_user_attempts", facts={"count": unknown})
        if refusal is not None:
            log.warning("refused sign-in of %s: account fails its grant", username)
            raise refusal
        account = accounts.get_account(db, username)
        if "first" in attempt.wrap:  # a version 2 wrap says, authenticated, whether it is a first one
            account = replace(account, must_change=bool(attempt.wrap["first"]))
        session = Session(self, account, secrets)
        session.audit_sign_in(failed_before=failed,
                              checks=lambda conn: check_at_sign_in(session, conn))
        self._store.signed_in()  # a read-only store: from here on, any write is refused
        log.info("login %s", username)
        return session

    def on_own_connection(self, session: Session) -> Session:
        """``session``'s user at this station on a database connection of its own.

        For work on another thread beside the app's own (the background sync):
        SQLite serialises the two connections' writes, so neither sees the
        other's half-done transaction. No sign-in is recorded (it is the same
        one); close it with ``copy.store.close()``.
        """
        if session.station is not self:
            raise ValueError("a session of another station")
        return Session(Station.open(self.data_dir), session.account, session.secrets)

    def _create_authority(self, conn: sqlite3.Connection, audit: AuditLog, account: Account,
                          secrets: Secrets, passphrase: str) -> Secrets:
        """A store made before the account authority gets one at its first administrator's sign-in.

        The new seeds go into this administrator's wrap (re-made with the
        passphrase just typed); every row as it stands is signed, legacy wraps
        pinned. Returns the secrets the session holds.
        """
        post = self.post_id
        if account.role != "admin" or accounts.get_authority(conn) is not None:
            return secrets
        authority, keys = new_authority(post)
        accounts.set_authority(conn, authority)
        secrets = Secrets(secrets.data_key, keys)
        accounts.rewrap(conn, username=account.username, passphrase=passphrase,
                        secrets=secrets, must_change=account.must_change, kdf=self._store.kdf)
        count = accounts.sign_all(conn, keys, post=post)
        audit.append(actor=account.username, action="authority_create", subject=post,
                     details={"accounts": count})
        seal_at_upgrade(conn, self._store, secrets, actor=account.username)
        return secrets

    def _restore_authority(self, conn: sqlite3.Connection, audit: AuditLog, account: Account,
                           secrets: Secrets) -> bool:
        """An administrator whose own wrap holds another authority than meta's puts theirs back.

        Their wrap opens only with their passphrase and is bound to their name,
        so the authority it holds is the one set up with the station; the one
        in meta was written by someone holding only the data key. Rows that
        someone signed with it are refused from now on (an administrator
        re-signs the genuine ones: ``user reset``). Called only once the row's
        grant verified, so a forger's account, refused from then on, cannot
        flip it back. True if it restored.
        """
        held = secrets.keys
        authority = accounts.get_authority(conn)
        if (account.role != "admin" or authority is None or held.admin is None
                or held.supervisor is None):
            return False
        if held.public("admin") == authority.admin and held.public("supervisor") == authority.supervisor:
            return False
        accounts.set_authority(conn, authority_of(held, self.post_id))
        accounts.resign(conn, held, post=self.post_id, username=account.username)
        audit.alert(actor=account.username, code="authority_replaced", facts={"post": self.post_id})
        return True

    def close(self) -> None:
        self._store.close()
