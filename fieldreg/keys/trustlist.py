"""The HQ-signed trust list (post keys) and revocation list (token ids) that verifiers load.

    tl = TrustList.bootstrap(data, fingerprint="K3QF-9XDM-...")   # first load: pin HQ's key
    tl = TrustList.from_bytes(data, root_public=pinned_root)      # later loads
    tl.find(kid)                                                  # KeyEntry | None
    rl = RevocationList.from_bytes(data, root_public=pinned_root)
    token_id in rl                                                # revoked?

Both lists carry a version that HQ increases by one at every issue; verifiers
keep the newest and refuse older ones (``fieldreg.keys.truststore``). The
trust list also carries HQ's root public key so a camp can be set up from the
file alone, *after* a person has compared its fingerprint with the one HQ gave
them out of band.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys.certificate import KeyEntry
from fieldreg.keys.cose import parse_sign1, strict_loads
from fieldreg.keys.documents import field, open_document, sign_document
from fieldreg.keys.ids import (
    epoch,
    fingerprint as fingerprint_of,
    from_epoch,
    load_public,
    normalise_fingerprint,
    public_raw,
)
from fieldreg.messages import Message

TRUST_KIND = "trustlist"
TRUST_VERSION = 1
REVOCATIONS_KIND = "revocations"
REVOCATIONS_VERSION = 1
TOKEN_ID_BYTES = 16
TLS_PIN_BYTES = 32


@dataclass(frozen=True)
class TrustList:
    """A verified trust list; ``find`` looks a key id up in O(1)."""

    version: int
    issued_at: datetime
    expires_at: datetime
    root_public: bytes
    entries: tuple[KeyEntry, ...]
    raw: bytes
    # SHA-256 of the SubjectPublicKeyInfo of each TLS certificate HQ's receiver may show
    # (docs/formats/sync.md §2); empty in lists from before the receiver existed.
    tls_pins: tuple[bytes, ...] = ()
    _by_kid: dict[bytes, tuple[KeyEntry, Ed25519PublicKey]] = dc_field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # Parsed public keys are cached: loading one costs as much as a hash per scan.
        index = {e.key_id: (e, load_public(e.public_key)) for e in self.entries}
        object.__setattr__(self, "_by_kid", index)

    def find(self, kid: bytes) -> KeyEntry | None:
        hit = self._by_kid.get(kid)
        return None if hit is None else hit[0]

    def lookup(self, kid: bytes) -> tuple[KeyEntry, Ed25519PublicKey] | None:
        """The entry and its parsed public key (what a verifier needs), or None."""
        return self._by_kid.get(kid)

    def for_post(self, post_id: str) -> list[KeyEntry]:
        return [e for e in self.entries if e.post_id == post_id]

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.root_public)

    @classmethod
    def issue(
        cls,
        *,
        version: int,
        issued_at: datetime,
        expires_at: datetime,
        entries: list[KeyEntry] | tuple[KeyEntry, ...],
        root: Ed25519PrivateKey,
        tls_pins: tuple[bytes, ...] | list[bytes] = (),
    ) -> TrustList:
        if version < 1 or expires_at <= issued_at:
            raise InvalidInput("a trust list needs a version >= 1 and an expiry after its issue")
        kids = [e.key_id for e in entries]
        if len(set(kids)) != len(kids):
            raise InvalidInput("a key appears twice in the trust list")
        payload = {
            "ver": version,
            "iat": epoch(issued_at),
            "exp": epoch(expires_at),
            "root": public_raw(root),
            "keys": [e.to_map() for e in sorted(entries, key=lambda e: e.key_id)],
        }
        if any(len(pin) != TLS_PIN_BYTES for pin in tls_pins):
            raise InvalidInput("a TLS pin is the 32-byte SHA-256 of a certificate's public key")
        if tls_pins:  # absent when empty: a list without pins is what earlier versions wrote
            payload["tls"] = sorted(set(tls_pins))
        raw = sign_document(TRUST_KIND, TRUST_VERSION, payload, root)
        return cls.from_bytes(raw, root_public=public_raw(root))

    @classmethod
    def from_bytes(cls, data: bytes, *, root_public: bytes) -> TrustList:
        """Verify with the pinned root key and parse; ``CorruptData`` on any problem."""
        doc = open_document(
            data, kind=TRUST_KIND, versions={TRUST_VERSION}, public_key=load_public(root_public)
        )
        where = Message("trust list")
        if field(doc.payload, "root", bytes, where=where) != root_public:
            raise CorruptData("trust list names a different HQ key than the one it is signed with")
        keys = field(doc.payload, "keys", list, where=where)
        entries = tuple(KeyEntry.from_map(k, where=where) for k in keys)
        if len({e.key_id for e in entries}) != len(entries):
            raise CorruptData("trust list lists a key twice")
        pins = field(doc.payload, "tls", list, where=where) if "tls" in doc.payload else []
        if not all(isinstance(p, bytes) and len(p) == TLS_PIN_BYTES for p in pins):
            raise CorruptData("{where}: a TLS pin is not a 32-byte SHA-256", where=where)
        return cls(
            version=field(doc.payload, "ver", int, where=where),
            issued_at=from_epoch(field(doc.payload, "iat", int, where=where)),
            expires_at=from_epoch(field(doc.payload, "exp", int, where=where)),
            root_public=root_public,
            entries=entries,
            raw=data,
            tls_pins=tuple(pins),
        )

    @classmethod
    def bootstrap(cls, data: bytes, *, fingerprint: str) -> TrustList:
        """First load on a camp: take HQ's key from the file only if its fingerprint matches.

        ``fingerprint`` is what a person received from HQ by another channel
        (phone, letter, the enrollment sheet); without it, anyone could hand a
        camp a trust list signed by their own "HQ".
        """
        expected = normalise_fingerprint(fingerprint)
        root = peek_root(data)
        if fingerprint_of(root) != expected:
            raise CorruptData(
                "this trust list is signed by a different HQ key than the fingerprint you entered"
            )
        return cls.from_bytes(data, root_public=root)


def peek_root(data: bytes) -> bytes:
    """HQ's root key as *claimed* by a trust list file, before any check (to show a fingerprint)."""
    payload = strict_loads(parse_sign1(data, require_canonical=False).payload)
    root = payload.get("root") if isinstance(payload, dict) else None
    if not isinstance(root, bytes):
        raise CorruptData("this file is not a FieldReg trust list")
    load_public(root)
    return root


@dataclass(frozen=True)
class RevocationList:
    """A verified list of revoked token ids (``token_id in rl``)."""

    version: int
    issued_at: datetime
    token_ids: frozenset[bytes]
    raw: bytes

    def __contains__(self, token_id: object) -> bool:
        return token_id in self.token_ids

    @classmethod
    def issue(
        cls, *, version: int, issued_at: datetime, token_ids: set[bytes] | frozenset[bytes],
        root: Ed25519PrivateKey,
    ) -> RevocationList:
        if version < 1:
            raise InvalidInput("a revocation list needs a version >= 1")
        if any(len(t) != TOKEN_ID_BYTES for t in token_ids):
            raise InvalidInput("token ids are 16 bytes")
        payload = {"ver": version, "iat": epoch(issued_at), "tokens": sorted(token_ids)}
        raw = sign_document(REVOCATIONS_KIND, REVOCATIONS_VERSION, payload, root)
        return cls.from_bytes(raw, root_public=public_raw(root))

    @classmethod
    def from_bytes(cls, data: bytes, *, root_public: bytes) -> RevocationList:
        doc = open_document(
            data,
            kind=REVOCATIONS_KIND,
            versions={REVOCATIONS_VERSION},
            public_key=load_public(root_public),
        )
        where = Message("revocation list")
        tokens = field(doc.payload, "tokens", list, where=where)
        if not all(isinstance(t, bytes) and len(t) == TOKEN_ID_BYTES for t in tokens):
            raise CorruptData("{where}: token ids must be 16-byte strings", where=where)
        return cls(
            version=field(doc.payload, "ver", int, where=where),
            issued_at=from_epoch(field(doc.payload, "iat", int, where=where)),
            token_ids=frozenset(tokens),
            raw=data,
        )

