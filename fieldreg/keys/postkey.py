"""A post's signing identity: its Ed25519 private key plus the HQ certificate for it.

    pk = PostKey.load(private_raw, cert_bytes, root_public=hq_root)   # from the post's store
    pk.key_id, pk.post_id
    pk.private_bytes()        # to re-seal in the post's own encrypted store, never to disk

Tokens (``fieldreg.tokens``) and batch manifests are signed with ``pk.private_key``;
each format separates its signatures by its own COSE header or context string.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldreg.errors import CorruptData
from fieldreg.keys.certificate import Certificate
from fieldreg.keys.ids import load_private, private_raw, public_raw


@dataclass(frozen=True)
class PostKey:
    """Private key + certificate, checked to belong together."""

    private_key: Ed25519PrivateKey
    certificate: Certificate

    def __post_init__(self) -> None:
        if public_raw(self.private_key) != self.certificate.key.public_key:
            raise CorruptData("the post key does not match its certificate")

    @property
    def post_id(self) -> str:
        return self.certificate.key.post_id

    @property
    def key_id(self) -> bytes:
        return self.certificate.key.key_id

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    def can_sign_at(self, moment: datetime) -> bool:
        return self.certificate.key.could_sign_at(moment)

    def private_bytes(self) -> bytes:
        return private_raw(self.private_key)

    @classmethod
    def load(cls, private: bytes, certificate: bytes, *, root_public: bytes) -> PostKey:
        """Rebuild from the raw seed and certificate bytes, verifying the certificate."""
        cert = Certificate.from_bytes(certificate, root_public=root_public)
        return cls(load_private(private), cert)
