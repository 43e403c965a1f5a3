"""Setting up stations that hold keys or trust: an enrolled border post, a verify-only camp.

    store = create_enrolled_post(data_dir, enrollment, post_name="Tengréla", admin="awa",
                                 passphrase=pp)                       # fieldreg init --enroll
    store = create_camp(data_dir, camp_id="CAMP1", trust_list=data, fingerprint=fp,
                        admin="ali", passphrase=pp)                   # fieldreg init --camp
    trust = station_trust(store)                 # TrustStore in <data dir>/trust, checked against the pin
    load_list(session, data)                     # a newer trust or revocation list (never older)

Both kinds keep HQ's lists in ``<data dir>/trust/`` (a ``TrustStore``). HQ's
root key is pinned twice: by the trust files and in the store's settings
(``meta.hq_root``), so trust files swapped behind the station's back are refused
rather than silently believed. A post also keeps HQ's age recipient
(``meta.hq_age_recipient``) and HQ's escrow recipients (``meta.escrow_recipients``,
a JSON list, possibly empty): every batch is encrypted to all of them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.station.tokens import install_post_key
from fieldreg.keys import (
    Enrollment,
    RevocationList,
    StaleTrustList,
    TrustList,
    TrustStore,
    fingerprint,
)
from fieldreg.keys.cose import parse_sign1
from fieldreg.station.session import Session
from fieldreg.station.station import Station
from fieldreg.store import PostStore
from fieldreg.store.audit import AuditLog
from fieldreg.sqlitedb import transaction
from fieldreg.store.fields import FieldCipher

TRUST_DIRNAME = "trust"
ESCROW_META = "escrow_recipients"


def trust_dir(data_dir: Path) -> Path:
    return data_dir / TRUST_DIRNAME


def _pin(root: bytes) -> dict[str, str]:
    return {"hq_root": root.hex(), "hq_fingerprint": fingerprint(root)}


def _escrow_meta(enrollment: Enrollment) -> str:
    return json.dumps(list(enrollment.escrow_recipients))


def create_enrolled_post(
    data_dir: Path, enrollment: Enrollment, *, post_name: str, admin: str, passphrase: str,
    kdf: KdfParams | None = None,
) -> Station:
    """A new border post holding the enrollment's key, pinned to its HQ, with its trust list."""
    post_id = enrollment.post_key.post_id
    if PostStore.exists(data_dir):
        raise InvalidInput("{data_dir} already holds a FieldReg store; nothing was changed", data_dir=data_dir)

    def install(conn: sqlite3.Connection, data_key: bytes) -> None:
        install_post_key(conn, FieldCipher(data_key), AuditLog(conn, data_key), enrollment.post_key,
                         station_post_id=post_id, actor=admin)

    store = PostStore.create(
        data_dir, post_id=post_id, post_name=post_name, admin=admin, passphrase=passphrase,
        kdf=kdf, extra_meta={**_pin(enrollment.hq_root_public),
                             "hq_age_recipient": enrollment.hq_age_recipient,
                             ESCROW_META: _escrow_meta(enrollment)},
        on_create=install,
    )
    TrustStore.create(trust_dir(data_dir), enrollment.trust_list.raw,
                      fingerprint=enrollment.hq_fingerprint)
    return Station(store)


def create_camp(
    data_dir: Path, *, camp_id: str, camp_name: str, trust_list: bytes, fingerprint: str,
    admin: str, passphrase: str, kdf: KdfParams | None = None,
) -> Station:
    """A verify-only station: the trust list is checked against the fingerprint before anything."""
    if PostStore.exists(data_dir):
        raise InvalidInput("{data_dir} already holds a FieldReg store; nothing was changed", data_dir=data_dir)
    trust = TrustList.bootstrap(trust_list, fingerprint=fingerprint)
    store = PostStore.create(data_dir, post_id=camp_id, post_name=camp_name, admin=admin,
                             passphrase=passphrase, kind="camp", kdf=kdf,
                             extra_meta=_pin(trust.root_public))
    TrustStore.create(trust_dir(data_dir), trust_list, fingerprint=fingerprint)
    return Station(store)


def station_trust(station: Station) -> TrustStore:
    """The station's trust store, refused if its files are signed by another HQ than the pinned one."""
    store = station.store
    root = store.meta_or("hq_root")
    if root is None:
        raise InvalidInput(
            "this station holds no HQ trust list: set it up with 'fieldreg init --enroll FILE' "
            "(post) or 'fieldreg init --camp ID --trust FILE' (camp), or give --trust FILE")
    trust = TrustStore.open(trust_dir(store.data_dir))
    if trust.root_public.hex() != root:
        raise CorruptData("the trust files in {trust_dir} are not signed by the HQ key this station was set up with", trust_dir=trust_dir(store.data_dir))
    return trust


def load_list(session: Session, data: bytes) -> TrustList | RevocationList:
    """Load a newer trust list or revocation list (told apart by their signed content type)."""
    session.require("verify")
    trust = station_trust(session.station)
    loaded: TrustList | RevocationList
    if document_kind(data) == "trustlist":
        loaded = trust.load_trust_list(data)
        action = "trust_load"
    else:
        loaded = trust.load_revocations(data)
        action = "revocations_load"
    with transaction(session.store.db) as conn:
        session.audit_on(conn).append(actor=session.user, action=action,
                                   subject=session.store.post_id,
                                   details={"version": loaded.version})
    return loaded


def document_kind(data: bytes) -> str:
    """``"trustlist"`` or ``"revocations"`` from the signed content type (not yet verified)."""
    try:
        content_type = parse_sign1(data, require_canonical=False).content_type or ""
    except (CorruptData, InvalidInput, ValueError):
        content_type = ""
    kind = content_type.split("/")[1] if content_type.count("/") == 2 else ""
    if kind not in ("trustlist", "revocations"):
        raise InvalidInput("this file is neither a FieldReg trust list nor a revocation list")
    return kind


def enroll_existing_post(session: Session, enrollment: Enrollment) -> None:
    """Load an enrollment file into a running post: key rotation, or a post set up without keys.

    The enrollment is authenticated by its one-time passphrase, so a post with
    no HQ pinned yet may pin this HQ now (as ``init --enroll`` would have);
    a post already pinned refuses another HQ's file.
    """
    session.require("manage_all_accounts")  # the station's identity: administrators only
    store = session.store
    if store.kind != "post":
        raise InvalidInput("only a border post holds signing keys")
    pinned = store.meta_or("hq_root")
    root = enrollment.hq_root_public
    if pinned is not None and pinned != root.hex():
        raise InvalidInput("this file comes from another HQ (fingerprint {fingerprint}); nothing was changed", fingerprint=fingerprint(root))
    with transaction(store.db) as conn:
        install_post_key(conn, session.cipher, session.audit_on(conn), enrollment.post_key,
                         station_post_id=store.post_id, actor=session.user)
        if pinned is None:
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                             [*_pin(root).items(),
                              ("hq_age_recipient", enrollment.hq_age_recipient)])
        # HQ's current escrow list comes with every enrollment (rotation included).
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (ESCROW_META, _escrow_meta(enrollment)))
    if pinned is None:
        TrustStore.create(trust_dir(store.data_dir), enrollment.trust_list.raw,
                          fingerprint=enrollment.hq_fingerprint)
        return
    try:
        station_trust(session.station).load_trust_list(enrollment.trust_list.raw)
    except StaleTrustList:
        pass  # the station already holds a newer list, which includes this key
