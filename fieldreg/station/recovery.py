"""Recovery when every administrator has forgotten their passphrase.

    path = request_recovery(station, out_dir)                     # fieldreg recover request
    answer = ...  # HQ: fieldreg hq recover REQUEST --out ANSWER
    code = recover_with_answer(station, answer_bytes, admin="awa", passphrase=pp)
    code = recover_with_code(station, "K3QF-...", admin="awa", passphrase=pp)

Neither needs anyone signed in: the vault (fieldreg/keys/recovery.py) gives
back the data key and the account-authority seeds, with which a new
administrator passphrase is set (the named administrator's, or a new
administrator's account). The recovery is an ``account_recover`` audit entry;
the vault is then replaced at once, so an answer or a code works once. A new
recovery code (posts set up without HQ) is returned to be shown once.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Protocol

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.fsutil import atomic_write
from fieldreg.keys.authority import authority_of
from fieldreg.keys.recovery import (
    Pending,
    make_request,
    new_vault,
    open_with_answer,
    open_with_code,
    pending_from_json,
)
from fieldreg.model import utcnow
from fieldreg.sqlitedb import transaction
from fieldreg.store import PostStore, accounts
from fieldreg.store.accounts import Secrets
from fieldreg.store.audit import AuditLog
from fieldreg.store.post import delete_meta, get_meta, set_meta

log = logging.getLogger(__name__)

VAULT_META = "recovery_vault"
REQUEST_META = "recovery_request"
HQ_RECIPIENT_META = "hq_age_recipient"


class HasStore(Protocol):
    """What these functions need of a station (:class:`fieldreg.station.Station` is one)."""

    @property
    def store(self) -> PostStore: ...


def seal_vault(conn: sqlite3.Connection, *, post: str, secrets: Secrets, hq_recipient: str | None,
               with_code: bool) -> str | None:
    """Replace the vault with a new one (in the caller's transaction); the new code, if any."""
    vault = new_vault(post, secrets.pack(), hq_recipient=hq_recipient, with_code=with_code)
    set_meta(conn, VAULT_META, json.dumps(vault.record))
    delete_meta(conn, REQUEST_META)
    return vault.code


def seal_at_upgrade(conn: sqlite3.Connection, store: PostStore, secrets: Secrets, *, actor: str) -> None:
    """A store made before recovery existed: seal a vault to HQ if the post has one.

    A post without HQ gets no code here (nobody would see it): an administrator
    makes one with ``fieldreg recover new-code``.
    """
    recipient = get_meta(conn, HQ_RECIPIENT_META)
    if recipient:
        seal_vault(conn, post=store.post_id, secrets=secrets, hq_recipient=recipient, with_code=False)
        AuditLog(conn, secrets.data_key).append(actor=actor, action="recovery_seal",
                                                subject=store.post_id, details={"via": "hq"})


def request_recovery(station: HasStore, out_dir: Path) -> Path:
    """Write a request for HQ to ``out_dir``; only the newest request can be answered."""
    store = station.store
    record = _vault(store)
    data, pending = make_request(record, post=store.post_id)
    path = out_dir / f"{store.post_id}-recovery-request.json"
    with transaction(store.db) as conn:
        set_meta(conn, REQUEST_META, json.dumps(pending.to_json()))
    atomic_write(path, data)
    log.info("recovery request written")
    return path


def recover_with_answer(station: HasStore, answer: bytes, *, admin: str, passphrase: str) -> str | None:
    """Set ``admin``'s passphrase with HQ's answer to this post's latest request."""
    store = station.store
    record = _vault(store)
    hq_root = get_meta(store.db, "hq_root")
    if not hq_root:
        raise InvalidInput("this post is not pinned to an HQ: use its recovery code")
    pending: Pending | None = None
    raw_pending = get_meta(store.db, REQUEST_META)
    if raw_pending:
        pending = pending_from_json(json.loads(raw_pending))
    secrets = open_with_answer(record, answer, pending, post=store.post_id,
                               hq_root=bytes.fromhex(hq_root))
    return _recover(store, Secrets.unpack(secrets, version=2), admin=admin, passphrase=passphrase,
                    via="hq", vault=str(record["id"]))


def recover_with_code(station: HasStore, code: str, *, admin: str, passphrase: str) -> str | None:
    """Set ``admin``'s passphrase with the recovery code shown at set-up; returns the new code."""
    store = station.store
    record = _vault(store)
    secrets = open_with_code(record, code, post=store.post_id)
    return _recover(store, Secrets.unpack(secrets, version=2), admin=admin, passphrase=passphrase,
                    via="code", vault=str(record["id"]))


def new_code(conn: sqlite3.Connection, store: PostStore, secrets: Secrets) -> str:
    """A new vault with a new recovery code (sealed to HQ as well when the post has one)."""
    code = seal_vault(conn, post=store.post_id, secrets=secrets,
                      hq_recipient=get_meta(conn, HQ_RECIPIENT_META), with_code=True)
    assert code is not None
    return code


def _recover(store: PostStore, secrets: Secrets, *, admin: str, passphrase: str, via: str,
             vault: str) -> str | None:
    post = store.post_id
    keys = secrets.keys
    accounts.check_username(admin)
    accounts.check_passphrase(passphrase, username=admin)
    record = json.loads(get_meta(store.db, VAULT_META) or "{}")
    with transaction(store.db) as conn:
        audit = AuditLog(conn, secrets.data_key)
        authority = accounts.get_authority(conn)
        if keys.admin is not None and keys.supervisor is not None:
            true_authority = authority_of(keys, post)
            if authority is None or authority.admin != true_authority.admin:
                if authority is not None:
                    audit.alert(actor=admin, code="authority_replaced", facts={"post": post})
                accounts.set_authority(conn, true_authority)
                if authority is None:
                    accounts.sign_all(conn, keys, post=post)
        try:
            existing = accounts.get_account(conn, admin)
        except NotFound:
            existing = None
        if existing is not None and existing.role != "admin":
            raise InvalidInput("{username!r} is a {role} account; name an administrator or a new user name",
                               username=admin, role=accounts.ROLE_NAMES[existing.role])
        if existing is None:
            accounts.insert_account(conn, post=post, username=admin, role="admin",
                                    passphrase=passphrase, secrets=secrets, must_change=False,
                                    created_by=admin, now=utcnow(), kdf=store.kdf)
        else:
            accounts.rewrap(conn, username=admin, passphrase=passphrase, secrets=secrets,
                            must_change=False, kdf=store.kdf)
            if existing.disabled or accounts.get_authority(conn) is not None:
                accounts.set_disabled(conn, admin, False, post=post, keys=keys)
        audit.append(actor=admin, action="account_recover", subject=admin,
                     details={"via": via, "vault": vault, "new_account": existing is None})
        code = seal_vault(conn, post=post, secrets=secrets,
                          hq_recipient=get_meta(conn, HQ_RECIPIENT_META), with_code="code" in record)
    log.warning("administrator %s recovered by %s", admin, via)
    return code


def _vault(store: PostStore) -> dict[str, object]:
    raw = get_meta(store.db, VAULT_META)
    if not raw:
        raise NotFound("this post has no recovery vault (an administrator makes one with "
                       "'fieldreg recover new-code')")
    record = json.loads(raw)
    if not isinstance(record, dict):
        raise InvalidInput("the post's recovery vault is damaged")
    return record
