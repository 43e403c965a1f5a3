"""Ed25519 key handling shared by HQ, posts and verifiers: raw bytes, key ids, fingerprints.

    kid = key_id(public_raw(private_key))      # 8 bytes, in every signed header
    key_id_hex(kid)                            # 'a1b2c3d4e5f60718', what people type
    fingerprint(root_public)                   # 'K3QF-9XDM-...', read aloud to pin HQ's key

A key id is the first 8 bytes of SHA-256 over the 32-byte raw public key. It
only *names* a key (lookup in a trust list); it is never trusted on its own, so
64 bits are plenty. The fingerprint is what a person compares to pin HQ's root
key, so it is longer (120 bits): a second-preimage search on it is out of reach.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from fieldreg.errors import CorruptData, InvalidInput

KEY_ID_BYTES = 8
PUBLIC_KEY_BYTES = 32
SIGNATURE_BYTES = 64
FINGERPRINT_BYTES = 15

# Crockford base32: no I, L, O, U, so a fingerprint read over a bad phone line survives.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_KID_HEX_RE = re.compile(r"[0-9a-f]{16}")


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 raw public-key bytes (RFC 8032 encoding)."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(Encoding.Raw, PublicFormat.Raw)


def private_raw(key: Ed25519PrivateKey) -> bytes:
    """The 32-byte private seed; only ever handed to a sealing function."""
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def load_public(raw: bytes) -> Ed25519PublicKey:
    """Parse a raw public key; ``CorruptData`` if it is not one."""
    if len(raw) != PUBLIC_KEY_BYTES:
        raise CorruptData("an Ed25519 public key has 32 bytes, not {size}", size=len(raw))
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        raise CorruptData("not a valid Ed25519 public key") from None


def load_private(raw: bytes) -> Ed25519PrivateKey:
    """Parse a raw 32-byte private seed; ``CorruptData`` if it is not one."""
    if len(raw) != 32:
        raise CorruptData("an Ed25519 private key has 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(raw)


def key_id(public: bytes | Ed25519PublicKey) -> bytes:
    """First 8 bytes of SHA-256(raw public key)."""
    raw = public if isinstance(public, bytes) else public_raw(public)
    return hashlib.sha256(raw).digest()[:KEY_ID_BYTES]


def key_id_hex(kid: bytes) -> str:
    """A key id as 16 lower-case hex digits (CLI, logs, docs)."""
    return kid.hex()


def parse_key_id(text: str) -> bytes:
    """The inverse of :func:`key_id_hex`; ``InvalidInput`` for anything else.

    >>> parse_key_id("A1B2-C3D4-E5F6-0718")
    b'\\xa1\\xb2\\xc3\\xd4\\xe5\\xf6\\x07\\x18'
    """
    cleaned = re.sub(r"[\s:-]", "", text).lower()
    if not _KID_HEX_RE.fullmatch(cleaned):
        raise InvalidInput("{text!r} is not a key id (16 hexadecimal digits)", text=text)
    return bytes.fromhex(cleaned)


def fingerprint(public: bytes | Ed25519PublicKey) -> str:
    """HQ root key fingerprint: SHA-256, first 15 bytes, Crockford base32, groups of 4.

    >>> len(fingerprint(bytes(32)))
    29
    """
    raw = public if isinstance(public, bytes) else public_raw(public)
    value = int.from_bytes(hashlib.sha256(raw).digest()[:FINGERPRINT_BYTES], "big")
    chars = "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(115, -1, -5))
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalise_fingerprint(text: str) -> str:
    """Accept what a person types (lower case, spaces, O for 0) and return the canonical form."""
    cleaned = re.sub(r"[\s-]", "", text).upper().translate(_CROCKFORD_ALIASES)
    if len(cleaned) != 24 or any(c not in _CROCKFORD for c in cleaned):
        raise InvalidInput("{text!r} is not an HQ key fingerprint (24 characters, e.g. K3QF-9XDM-...)", text=text)
    return "-".join(cleaned[i : i + 4] for i in range(0, 24, 4))


def epoch(moment: datetime) -> int:
    """Whole seconds since 1970 (CWT NumericDate); refuses naive datetimes (a bug, not input)."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware (UTC)")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    """The inverse of :func:`epoch`, in UTC; ``CorruptData`` when out of range."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise CorruptData("timestamp {seconds} is out of range", seconds=seconds) from None
