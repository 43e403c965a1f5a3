"""Enrollment files: everything a new post needs from HQ, sealed under a one-time passphrase.

    info = read_enrollment_info(data)          # post id + HQ fingerprint, before any passphrase
    enr = open_enrollment(data, "7KQ2-...")     # AuthError on a wrong passphrase
    enr.post_key, enr.hq_root_public, enr.hq_age_recipient, enr.trust_list
    enr.escrow_recipients                       # () unless HQ configured escrow keys

The file travels on a USB stick; the passphrase travels by another channel (in
person, sealed envelope, phone). The *whole* content — the post's private key,
its certificate, HQ's root public key, HQ's age recipient, any escrow
recipients and the trust list —
is AES-256-GCM sealed under a key wrapped with argon2id(passphrase), so the
passphrase does double duty: it keeps the private key secret on the stick, and
it authenticates HQ's root key, which the post then pins. Someone who swaps the
stick cannot substitute their own "HQ" without also knowing the passphrase.
Format: docs/formats/enrollment.md.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from typing import Any

import pyrage

from fieldreg.crypto.aead import new_key, open_sealed, seal
from fieldreg.crypto.kdf import KdfParams, unwrap_key, wrap_key
from fieldreg.errors import CorruptData
from fieldreg.keys.cose import canonical_dumps, strict_loads
from fieldreg.keys.documents import field
from fieldreg.keys.ids import fingerprint, key_id_hex, load_public
from fieldreg.keys.postkey import PostKey
from fieldreg.keys.trustlist import TrustList
from fieldreg.messages import Message

ENROLLMENT_FORMAT = "fieldreg-enrollment"
ENROLLMENT_VERSION = 1
_AAD_PREFIX = "fieldreg/enrollment/v1"
_PASSPHRASE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I/L/O/U


@dataclass(frozen=True)
class EnrollmentInfo:
    """The unencrypted part of an enrollment file, shown before asking for the passphrase."""

    post_id: str
    key_id: str
    hq_fingerprint: str


@dataclass(frozen=True)
class Enrollment:
    """A verified enrollment: the post's key and what it must pin about HQ."""

    post_key: PostKey
    hq_root_public: bytes
    hq_age_recipient: str
    trust_list: TrustList
    escrow_recipients: tuple[str, ...] = ()

    @property
    def hq_fingerprint(self) -> str:
        return fingerprint(self.hq_root_public)


def generate_passphrase() -> str:
    """A random enrollment passphrase: 20 Crockford base32 characters (100 bits), grouped by 4."""
    chars = "".join(secrets.choice(_PASSPHRASE_ALPHABET) for _ in range(20))
    return "-".join(chars[i : i + 4] for i in range(0, 20, 4))


def _aad(info: EnrollmentInfo) -> bytes:
    # The readable header is bound to the sealed part: editing it breaks the seal.
    return f"{_AAD_PREFIX}|{info.post_id}|{info.key_id}|{info.hq_fingerprint}".encode()


def write_enrollment(
    *,
    post_key: PostKey,
    hq_root_public: bytes,
    hq_age_recipient: str,
    trust_list: TrustList,
    passphrase: str,
    kdf: KdfParams,
    escrow: tuple[str, ...] | list[str] = (),
) -> bytes:
    """Serialize and seal an enrollment (HqDir.enroll_post is the usual caller).

    ``escrow`` (age recipients) is written only when not empty, so a file
    without escrow is exactly what earlier versions wrote.
    """
    info = EnrollmentInfo(post_key.post_id, key_id_hex(post_key.key_id), fingerprint(hq_root_public))
    content: dict[str, Any] = {
        "key": post_key.private_bytes(),
        "cert": post_key.certificate.raw,
        "root": hq_root_public,
        "age": hq_age_recipient,
        "trust": trust_list.raw,
    }
    if escrow:
        content["escrow"] = list(escrow)
    payload = canonical_dumps(content)
    file_key = new_key()
    document = {
        "format": ENROLLMENT_FORMAT,
        "version": ENROLLMENT_VERSION,
        "post_id": info.post_id,
        "key_id": info.key_id,
        "hq_fingerprint": info.hq_fingerprint,
        "wrap": wrap_key(file_key, passphrase, params=kdf),
        "sealed": base64.b64encode(seal(file_key, payload, aad=_aad(info))).decode("ascii"),
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _load(data: bytes) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CorruptData("this file is not a FieldReg enrollment file") from None
    if not isinstance(document, dict) or document.get("format") != ENROLLMENT_FORMAT:
        raise CorruptData("this file is not a FieldReg enrollment file")
    if document.get("version") != ENROLLMENT_VERSION:
        raise CorruptData(
            "enrollment file version {version!r} is not supported by this FieldReg", version=document.get("version")
        )
    return document


def read_enrollment_info(data: bytes) -> EnrollmentInfo:
    """Post id, key id and HQ fingerprint as written in the file (not yet authenticated)."""
    document = _load(data)
    where = Message("enrollment file")
    return EnrollmentInfo(
        field(document, "post_id", str, where=where),
        field(document, "key_id", str, where=where),
        field(document, "hq_fingerprint", str, where=where),
    )


def open_enrollment(data: bytes, passphrase: str) -> Enrollment:
    """Unseal and verify; ``AuthError`` for a wrong passphrase, ``CorruptData`` otherwise."""
    document = _load(data)
    info = read_enrollment_info(data)
    wrap = field(document, "wrap", dict, where=Message("enrollment file"))
    try:
        file_key = unwrap_key(wrap, passphrase)
        sealed = base64.b64decode(field(document, "sealed", str, where=Message("enrollment file")), validate=True)
    except (KeyError, TypeError, ValueError):
        raise CorruptData("enrollment file is damaged") from None
    payload = strict_loads(open_sealed(file_key, sealed, aad=_aad(info)))
    where = Message("enrollment payload")
    if not isinstance(payload, dict):
        raise CorruptData("{where} is not a map", where=where)
    root = field(payload, "root", bytes, where=where)
    load_public(root)
    post_key = PostKey.load(
        field(payload, "key", bytes, where=where),
        field(payload, "cert", bytes, where=where),
        root_public=root,
    )
    trust = TrustList.from_bytes(field(payload, "trust", bytes, where=where), root_public=root)
    if post_key.post_id != info.post_id or trust.find(post_key.key_id) is None:
        raise CorruptData("enrollment file is inconsistent: its key is not in its trust list")
    return Enrollment(post_key, root, field(payload, "age", str, where=where), trust,
                      _escrow(payload, where=where))


def _escrow(payload: dict[str, Any], *, where: Message) -> tuple[str, ...]:
    """The optional ``escrow`` list (absent in files from HQs without escrow keys)."""
    if "escrow" not in payload:
        return ()
    recipients = field(payload, "escrow", list, where=where)
    for text in recipients:
        try:
            pyrage.x25519.Recipient.from_str(text)
        except (pyrage.RecipientError, TypeError, ValueError):
            raise CorruptData("{where}: an escrow recipient is not an age public key", where=where) from None
    return tuple(recipients)
