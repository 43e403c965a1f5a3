"""Setting up stations that hold keys or trust: an enrolled border post, a verify-only camp.

    info = read_enrollment_info(data)       # post id and HQ fingerprint, before the passphrase
    enrollment = open_enrollment(data, enrollment_passphrase)         # AuthError if wrong
    station = create_enrolled_post(data_dir, enrollment, post_name="Tengréla", admin="awa",
                                   passphrase=pp)                     # fieldreg init --enroll
    station = create_camp(data_dir, camp_id="CAMP1", camp_name="Site", trust_list=data,
                          fingerprint=fp, admin="ali", passphrase=pp)  # fieldreg init --camp

Either way the new station is pinned to its HQ and holds HQ's trust list in
``<data dir>/trust/``; what a signed-in user does with that trust afterwards
(newer lists, key rotation) is :mod:`fieldreg.station.trust`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import InvalidInput
from fieldreg.keys import (
    Enrollment,
    EnrollmentInfo,
    TrustList,
    TrustStore,
    open_enrollment,
    read_enrollment_info,
)
from fieldreg.station.recovery import seal_vault
from fieldreg.station.station import Station
from fieldreg.station.trust import (
    ESCROW_META,
    escrow_meta,
    hq_pin,
    install_post_key,
    trust_dir,
)
from fieldreg.store import PostStore
from fieldreg.store.accounts import Secrets
from fieldreg.store.audit import AuditLog
from fieldreg.store.fields import FieldCipher

__all__ = [
    "Enrollment",
    "EnrollmentInfo",
    "create_camp",
    "create_enrolled_post",
    "open_enrollment",
    "read_enrollment_info",
]


def create_enrolled_post(
    data_dir: Path, enrollment: Enrollment, *, post_name: str, admin: str, passphrase: str,
    kdf: KdfParams | None = None, with_recovery_code: bool = False,
) -> Station:
    """A new border post holding the enrollment's key, pinned to its HQ, with its trust list.

    Its recovery vault is sealed to HQ (fieldreg/station/recovery.py); with
    ``with_recovery_code`` (the demo) a recovery code opens it too, and is
    left in ``station.recovery_code`` to be shown once.
    """
    codes: list[str] = []
    post_id = enrollment.post_key.post_id
    if PostStore.exists(data_dir):
        raise InvalidInput("{data_dir} already holds a FieldReg store; nothing was changed", data_dir=data_dir)

    def install(conn: sqlite3.Connection, secrets: Secrets) -> None:
        data_key = secrets.data_key
        install_post_key(conn, FieldCipher(data_key), AuditLog(conn, data_key), enrollment.post_key,
                         station_post_id=post_id, actor=admin)
        code = seal_vault(conn, post=post_id, secrets=secrets,
                          hq_recipient=enrollment.hq_age_recipient, with_code=with_recovery_code)
        codes.extend([code] if code else [])

    store = PostStore.create(
        data_dir, post_id=post_id, post_name=post_name, admin=admin, passphrase=passphrase,
        kdf=kdf, extra_meta={**hq_pin(enrollment.hq_root_public),
                             "hq_age_recipient": enrollment.hq_age_recipient,
                             ESCROW_META: escrow_meta(enrollment)},
        on_create=install,
    )
    TrustStore.create(trust_dir(data_dir), enrollment.trust_list.raw,
                      fingerprint=enrollment.hq_fingerprint)
    station = Station(store)
    station.recovery_code = codes[0] if codes else None
    return station


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
                             extra_meta=hq_pin(trust.root_public))
    TrustStore.create(trust_dir(data_dir), trust_list, fingerprint=fingerprint)
    return Station(store)
