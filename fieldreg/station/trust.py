"""What a station trusts from HQ, and the signing keys a post holds: ``session.trust``.

    held = station_trust(station)            # TrustStore in <data dir>/trust, checked against the pin
    session.trust.load_list(data)            # a newer trust or revocation list (never older)
    session.trust.check_enroll()             # refuses now, before HQ's file is opened
    session.trust.enroll(enrollment)         # a new post key (rotation), or a post's first HQ
    session.trust.post_keys()                # [HeldKey(key_id, not_before, not_after, current)]

Both kinds of station keep HQ's lists in ``<data dir>/trust/`` (a
``TrustStore``). HQ's root key is pinned twice: by the trust files and in the
store's settings (``meta.hq_root``), so trust files swapped behind the
station's back are refused rather than silently believed. A post also keeps
HQ's age recipient (``meta.hq_age_recipient``) and HQ's escrow recipients
(``meta.escrow_recipients``, a JSON list, possibly empty): every batch is
encrypted to all of them. Setting a station up in the first place is
:mod:`fieldreg.station.enrollment`. ``TrustList`` and ``RevocationList``, what
``load_list`` returns, are exported here for the UI and the CLI.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from datetime import datetime
from pathlib import Path

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys import (
    Enrollment,
    PostKey,
    RevocationList,
    StaleTrustList,
    TrustList,
    TrustStore,
    fingerprint,
    key_id_hex,
)
from fieldreg.keys.cose import parse_sign1
from fieldreg.model import utcnow
from fieldreg.sqlitedb import transaction
from fieldreg.station.service import ANY_USER, Service
from fieldreg.station.signed_in import StationIdentity
from fieldreg.store.audit import AuditLog
from fieldreg.store.fields import FieldCipher
from fieldreg.store.keys import HeldKey, insert_post_key, key_loaded, list_keys
from fieldreg.store.post import insert_meta, set_meta

__all__ = [
    "ESCROW_META",
    "TRUST_DIRNAME",
    "RevocationList",
    "Trust",
    "TrustList",
    "document_kind",
    "escrow_meta",
    "hq_pin",
    "install_post_key",
    "station_trust",
    "trust_dir",
]

TRUST_DIRNAME = "trust"
ESCROW_META = "escrow_recipients"


class Trust(Service):
    """HQ's lists and the post's keys at this station: ``session.trust``."""

    permissions = {
        "load_list": "verify",
        # The station's identity: administrators only.
        "check_enroll": "manage_all_accounts",
        "enroll": "manage_all_accounts",
        "post_keys": ANY_USER,
    }

    def load_list(self, data: bytes) -> TrustList | RevocationList:
        """Load a newer trust list or revocation list (told apart by their signed content type)."""
        session = self._session
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
                                          subject=session.station.post_id,
                                          details={"version": loaded.version})
        return loaded

    def check_enroll(self) -> None:
        """Refuse, as :meth:`enroll` would, unless this user may load an enrollment file here.

        ``fieldreg keys load`` calls it before it asks for the file's one-time
        passphrase, so a refusal never costs the user that secret.
        """
        self._post_only()

    def enroll(self, enrollment: Enrollment) -> None:
        """Load an enrollment file into a running post: key rotation, or a post set up without keys.

        The enrollment is authenticated by its one-time passphrase, so a post with
        no HQ pinned yet may pin this HQ now (as ``init --enroll`` would have);
        a post already pinned refuses another HQ's file.
        """
        self._post_only()
        session = self._session
        station = session.station
        pinned = session.store.meta_or("hq_root")
        root = enrollment.hq_root_public
        if pinned is not None and pinned != root.hex():
            raise InvalidInput(
                "this file comes from another HQ (fingerprint {fingerprint}); nothing was changed",
                fingerprint=fingerprint(root)
            )
        with transaction(session.store.db) as conn:
            install_post_key(conn, session.cipher, session.audit_on(conn), enrollment.post_key,
                             station_post_id=station.post_id, actor=session.user)
            if pinned is None:
                insert_meta(conn, {**hq_pin(root), "hq_age_recipient": enrollment.hq_age_recipient})
            # HQ's current escrow list comes with every enrollment (rotation included).
            set_meta(conn, ESCROW_META, escrow_meta(enrollment))
        if pinned is None:
            TrustStore.create(trust_dir(station.data_dir), enrollment.trust_list.raw,
                              fingerprint=enrollment.hq_fingerprint)
            return
        # A StaleTrustList: the station already holds a newer list, which includes this key.
        with contextlib.suppress(StaleTrustList):
            station_trust(station).load_trust_list(enrollment.trust_list.raw)

    def post_keys(self) -> list[HeldKey]:
        """The keys this post holds, in the order they were loaded (``fieldreg keys list``)."""
        return list_keys(self._session.store.db)

    def _post_only(self) -> None:
        if self._session.station.kind != "post":
            raise InvalidInput("only a border post holds signing keys")


def trust_dir(data_dir: Path) -> Path:
    return data_dir / TRUST_DIRNAME


def station_trust(station: StationIdentity) -> TrustStore:
    """The station's trust store, refused if its files are signed by another HQ than the pinned one."""
    store = station.store
    root = store.meta_or("hq_root")
    if root is None:
        raise InvalidInput(
            "this station holds no HQ trust list: set it up with 'fieldreg init --enroll FILE' "
            "(post) or 'fieldreg init --camp ID --trust FILE' (camp), or give --trust FILE")
    trust = TrustStore.open(trust_dir(store.data_dir))
    if trust.root_public.hex() != root:
        raise CorruptData(
            "the trust files in {trust_dir} are not signed by the HQ key this station was set up with",
            trust_dir=trust_dir(store.data_dir)
        )
    return trust


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


def install_post_key(
    conn: sqlite3.Connection, cipher: FieldCipher, audit: AuditLog, post_key: PostKey, *,
    station_post_id: str, actor: str, now: datetime | None = None,
) -> None:
    """Store a post key (sealed) and make it the one that signs; older keys stay for the record.

    Runs in the caller's transaction: a new post's first one
    (:func:`fieldreg.station.enrollment.create_enrolled_post`) or a running post's
    (:meth:`Trust.enroll`).

    >>> install_post_key(conn, session.cipher, session.audit_on(conn), enrollment.post_key,
    ...                  station_post_id="TGR1", actor="awa")   # doctest: +SKIP
    """
    kid = key_id_hex(post_key.key_id)
    if post_key.post_id != station_post_id:
        raise InvalidInput(
            "this enrollment file is for post {post_id}, but this station is post {station_post_id}; "
            "nothing was changed",
            post_id=post_key.post_id, station_post_id=station_post_id
        )
    if key_loaded(conn, kid):
        raise InvalidInput("key {kid} is already loaded; nothing was changed", kid=kid)
    insert_post_key(conn, cipher, post_key, actor=actor, now=now or utcnow())
    audit.append(actor=actor, action="key_load", subject=post_key.post_id, details={"key": kid})


def hq_pin(root: bytes) -> dict[str, str]:
    """The settings that pin a station to the HQ whose root key is ``root``."""
    return {"hq_root": root.hex(), "hq_fingerprint": fingerprint(root)}


def escrow_meta(enrollment: Enrollment) -> str:
    """HQ's escrow recipients as the ``escrow_recipients`` setting holds them (a JSON list)."""
    return json.dumps(list(enrollment.escrow_recipients))
