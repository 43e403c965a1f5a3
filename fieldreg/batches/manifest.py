"""A batch's manifest (docs/formats/batch.md §3) and the names of the files around it.

    raw = sign_manifest(manifest, post_key.private_key)     # the post, after the records
    manifest = open_manifest(raw, certificate)              # HQ; BatchError when refused
    batch_filename("TGR1", 4)                               # "TGR1-000004.frb"

The manifest is a COSE_Sign1 by the post key over a canonical CBOR map: what
the batch holds (every file's size and SHA-256, the count of each record kind,
the audit range) and where it belongs (post, sequence, previous batch, HQ).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.batches.records import KINDS, LATER_KINDS
from fieldreg.errors import CorruptData
from fieldreg.keys.certificate import Certificate
from fieldreg.keys.cose import MalformedCose, parse_sign1, strict_loads
from fieldreg.keys.documents import sign_document
from fieldreg.keys.ids import epoch, from_epoch, load_public

FORMAT = "fieldreg-batch"
VERSION = 1
SUFFIX = ".frb"
MANIFEST_KIND = "manifest"
CERTIFICATE_NAME = "certificate.cose"
MANIFEST_NAME = "manifest.cose"
NO_PREVIOUS = bytes(32)  # the ``prev`` of batch 1; also the audit hash of a batch without entries


class BatchError(CorruptData):
    """A batch refused; ``reason`` is one of REASONS, the message one line for the user."""

    REASONS = ("not_for_this_hq", "damaged", "forged", "other_hq")

    def __init__(self, reason: str, template: str, /, **params: Any):
        assert reason in self.REASONS, reason
        self.reason = reason
        super().__init__(template, **params)


def batch_filename(post_id: str, seq: int) -> str:
    """``TGR1-000004.frb``: post and sequence only, never personal data."""
    return f"{post_id}-{seq:06d}{SUFFIX}"


def records_name(number: int) -> str:
    """``records-000001.jsonl``: the record files, numbered from 1 without gaps."""
    return f"records-{number:06d}.jsonl"


def hq_id(root_public: bytes) -> bytes:
    """The manifest's ``hq`` field: SHA-256 of HQ's raw root public key."""
    return hashlib.sha256(root_public).digest()


@dataclass(frozen=True)
class Manifest:
    batch_id: bytes
    post: str
    kid: bytes
    seq: int
    prev: bytes
    hq: bytes
    created_at: datetime
    exporter: str
    app_version: str
    schema_version: int
    counts: dict[str, int]
    files: tuple[tuple[str, int, bytes], ...]  # (name, size, SHA-256) of every file before it
    tokens: tuple[bytes, ...]
    audit: tuple[int, int, bytes]  # first and last audit seq, the last entry's hash
    # The post's account authority and grants (§3 "accounts"); None: the batch carries none.
    accounts: dict[str, Any] | None = None


def manifest_payload(m: Manifest) -> dict[str, Any]:
    """The CBOR map that is signed (§3)."""
    payload = {
        "format": FORMAT, "version": VERSION, "batch_id": m.batch_id, "post": m.post, "kid": m.kid,
        "seq": m.seq, "prev": m.prev, "hq": m.hq, "created_at": epoch(m.created_at),
        "exporter": m.exporter, "app_version": m.app_version, "schema_version": m.schema_version,
        "counts": m.counts, "files": [list(f) for f in m.files], "tokens": list(m.tokens),
        "audit": list(m.audit),
    }
    if m.accounts is not None:
        payload["accounts"] = m.accounts
    return payload


def sign_manifest(manifest: Manifest, private_key: Ed25519PrivateKey) -> bytes:
    """``manifest.cose``: content type ``fieldreg/manifest/1``, signed by the post key."""
    return sign_document(MANIFEST_KIND, VERSION, manifest_payload(manifest), private_key)


def open_manifest(raw: bytes, certificate: Certificate) -> Manifest:
    """Verify ``manifest.cose`` against the batch's certificate and parse it (§5 step 4)."""
    try:
        message = parse_sign1(raw, require_canonical=False)
    except MalformedCose:
        raise BatchError("damaged", "the manifest is not a signed document") from None
    if message.content_type != f"fieldreg/{MANIFEST_KIND}/{VERSION}":
        raise BatchError("damaged", "the manifest has content type {content_type!r}", content_type=message.content_type)
    if message.kid != certificate.key.key_id or not message.verify(load_public(certificate.key.public_key)):
        raise BatchError("forged", "the manifest is not signed by the post key in the batch")
    try:
        return _parse(message.payload, certificate)
    except (CorruptData, KeyError, TypeError, ValueError) as exc:
        raise BatchError("damaged", "the manifest is malformed ({problem})", problem=exc) from None


_FIELDS = {
    "format": str, "version": int, "batch_id": bytes, "post": str, "kid": bytes, "seq": int,
    "prev": bytes, "hq": bytes, "created_at": int, "exporter": str, "app_version": str,
    "schema_version": int, "counts": dict, "files": list, "tokens": list, "audit": list,
}
_OPTIONAL = {"accounts": dict}  # absent from batches written before it existed
_AUTHORITY_KEYS = {"admin", "supervisor", "certificate"}
_ACCOUNT_KEYS = {"user": str, "role": str, "disabled": bool}
MAX_ACCOUNTS = 10_000  # account entries in one manifest (a post has a handful)


def check_accounts(value: object) -> dict[str, Any]:
    """The manifest's ``accounts`` (§3) if well formed; ``ValueError`` otherwise.

    Only the shape is checked here: whether the authority is the one HQ pinned and
    each grant verifies is HQ's business (fieldreg/hq/accounts.py), so a grant a
    post could not keep intact is flagged, not a reason to refuse the batch.
    """
    if type(value) is not dict or set(value) != {"authority", "grants"}:
        raise ValueError("accounts is not {authority, grants}")
    authority, grants = value["authority"], value["grants"]
    if (type(authority) is not dict or set(authority) != _AUTHORITY_KEYS
            or any(type(v) is not str for v in authority.values())):
        raise ValueError("accounts.authority is not {admin, supervisor, certificate} text")
    if type(grants) is not list or len(grants) > MAX_ACCOUNTS:
        raise ValueError("accounts.grants is not a list of accounts")
    for entry in grants:
        if type(entry) is not dict or set(entry) != {*_ACCOUNT_KEYS, "grant"}:
            raise ValueError("an account entry is not {user, role, disabled, grant}")
        if any(type(entry[k]) is not kind for k, kind in _ACCOUNT_KEYS.items()):
            raise ValueError("an account entry field has the wrong type")
        if entry["grant"] is not None and type(entry["grant"]) is not dict:
            raise ValueError("an account's grant is neither a map nor null")
    return value


def _parse(payload: bytes, certificate: Certificate) -> Manifest:
    data = strict_loads(payload)
    if not isinstance(data, dict) or not set(_FIELDS) <= set(data) <= set(_FIELDS) | set(_OPTIONAL):
        raise ValueError("missing or unknown fields")
    for name, kind in _FIELDS.items():
        if type(data[name]) is not kind:
            raise ValueError(f"field {name!r} is not {kind.__name__}")
    if data["format"] != FORMAT or data["version"] != VERSION:
        raise ValueError(f"format {data['format']!r} version {data['version']!r} is not supported")
    if data["post"] != certificate.key.post_id or data["kid"] != certificate.key.key_id:
        raise ValueError("post or key id differ from the certificate")
    if len(data["batch_id"]) != 16 or len(data["prev"]) != 32 or len(data["hq"]) != 32 or data["seq"] < 1:
        raise ValueError("batch id, prev, hq or seq out of range")
    if data["seq"] == 1 and data["prev"] != NO_PREVIOUS:
        raise ValueError("batch 1 has no previous batch")
    # A batch written before a later kind existed does not count it: it holds none.
    counts = dict.fromkeys(LATER_KINDS - set(data["counts"]), 0) | data["counts"]
    if set(counts) != set(KINDS) or any(type(v) is not int or v < 0 for v in counts.values()):
        raise ValueError("counts must give every record kind")
    files = []
    for item in data["files"]:
        if (type(item) is not list or len(item) != 3 or type(item[0]) is not str
                or type(item[1]) is not int or type(item[2]) is not bytes):
            raise ValueError("a file entry is not [name, size, sha256]")
        files.append((item[0], item[1], item[2]))
    tokens = data["tokens"]
    if any(type(t) is not bytes or len(t) != 16 for t in tokens):
        raise ValueError("a token id is not 16 bytes")
    audit = data["audit"]
    if (len(audit) != 3 or type(audit[0]) is not int or type(audit[1]) is not int
            or type(audit[2]) is not bytes or len(audit[2]) != 32):
        raise ValueError("audit is not [first, last, hash]")
    return Manifest(
        batch_id=data["batch_id"], post=data["post"], kid=data["kid"], seq=data["seq"],
        prev=data["prev"], hq=data["hq"], created_at=from_epoch(data["created_at"]),
        exporter=data["exporter"], app_version=data["app_version"],
        schema_version=data["schema_version"], counts=dict(counts), files=tuple(files),
        tokens=tuple(tokens), audit=(audit[0], audit[1], audit[2]),
        accounts=check_accounts(data["accounts"]) if "accounts" in data else None,
    )
