"""Post signing keys as HQ sees them: a ``KeyEntry`` and the HQ-signed ``Certificate`` for it.

    cert = Certificate.issue(post_id="NIA", public_key=pub, not_before=t0,
                             not_after=t0 + timedelta(days=730), issued_at=t0, root=hq_root)
    Certificate.from_bytes(cert.raw, root_public=hq_root_pub).key.post_id   # 'NIA'

A key is good for *signing* between ``not_before`` (inclusive) and ``not_after``
(exclusive); a token or batch it signed stays verifiable afterwards as long as
it was signed inside that window and the key is not revoked (see
docs/formats/trustlist.md, "Validity").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys.documents import field, open_document, sign_document
from fieldreg.keys.ids import epoch, from_epoch, key_id, key_id_hex, load_public
from fieldreg.messages import Message
from fieldreg.regno import POST_ID_RE

CERT_KIND = "cert"
CERT_VERSION = 1


def check_post_id(post_id: str) -> str:
    """Return ``post_id`` if registration numbers accept it, else ``InvalidInput``."""
    # One rule for post ids: the one registration numbers are built with.
    if not isinstance(post_id, str) or not POST_ID_RE.fullmatch(post_id):
        raise InvalidInput(
            "post id {post_id!r} must be 2-8 capital letters or digits, starting with a letter", post_id=post_id
        )
    return post_id


@dataclass(frozen=True)
class KeyEntry:
    """One post key: who owns it, its signing window, and whether HQ revoked it."""

    post_id: str
    key_id: bytes
    public_key: bytes
    not_before: datetime
    not_after: datetime
    revoked_at: datetime | None = None

    def could_sign_at(self, moment: datetime) -> bool:
        """Was ``moment`` inside the signing window? (Revocation is checked separately.)"""
        return self.not_before <= moment < self.not_after

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def describe(self) -> str:
        return f"key {key_id_hex(self.key_id)} of post {self.post_id}"

    def to_map(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "post": self.post_id,
            "kid": self.key_id,
            "pub": self.public_key,
            "nbf": epoch(self.not_before),
            "exp": epoch(self.not_after),
        }
        if self.revoked_at is not None:
            out["revoked"] = epoch(self.revoked_at)
        return out

    @classmethod
    def from_map(cls, data: Any, *, where: Message) -> KeyEntry:
        if not isinstance(data, dict):
            raise CorruptData("{where}: key entry is not a map", where=where)
        post_id = field(data, "post", str, where=where)
        kid = field(data, "kid", bytes, where=where)
        pub = field(data, "pub", bytes, where=where)
        load_public(pub)  # a malformed key fails here, not at the first scan
        if key_id(pub) != kid:
            raise CorruptData("{where}: key id {kid} does not match its public key", where=where, kid=kid.hex())
        revoked = data.get("revoked")
        if revoked is not None and (not isinstance(revoked, int) or isinstance(revoked, bool)):
            raise CorruptData("{where}: field 'revoked' is not a whole number", where=where)
        return cls(
            post_id=post_id,
            key_id=kid,
            public_key=pub,
            not_before=from_epoch(field(data, "nbf", int, where=where)),
            not_after=from_epoch(field(data, "exp", int, where=where)),
            revoked_at=None if revoked is None else from_epoch(revoked),
        )


@dataclass(frozen=True)
class Certificate:
    """HQ's signed statement "this public key belongs to post X for this window"."""

    key: KeyEntry
    issued_at: datetime
    issuer_key_id: bytes
    raw: bytes

    @classmethod
    def issue(
        cls,
        *,
        post_id: str,
        public_key: bytes,
        not_before: datetime,
        not_after: datetime,
        issued_at: datetime,
        root: Ed25519PrivateKey,
    ) -> Certificate:
        check_post_id(post_id)
        if not_after <= not_before:
            raise InvalidInput("a certificate must end after it starts")
        entry = KeyEntry(post_id, key_id(public_key), public_key, not_before, not_after)
        payload = {**entry.to_map(), "iat": epoch(issued_at)}
        raw = sign_document(CERT_KIND, CERT_VERSION, payload, root)
        return cls.from_bytes(raw, root_public=root.public_key())

    @classmethod
    def from_bytes(cls, data: bytes, *, root_public: bytes | Ed25519PublicKey) -> Certificate:
        """Verify against HQ's root key (raw bytes or key object) and parse."""
        pub = load_public(root_public) if isinstance(root_public, bytes) else root_public
        doc = open_document(data, kind=CERT_KIND, versions={CERT_VERSION}, public_key=pub)
        where = Message("certificate")
        if "revoked" in doc.payload:
            raise CorruptData("{where}: unexpected field 'revoked'", where=where)
        entry = KeyEntry.from_map(doc.payload, where=where)
        issued = from_epoch(field(doc.payload, "iat", int, where=where))
        return cls(entry, issued, doc.message.kid, data)
