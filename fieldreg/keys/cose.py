"""COSE_Sign1 (RFC 9052) with EdDSA/Ed25519, built directly on cbor2 + cryptography.

    blob = sign1(payload, private_key, kid=key_id(pub))             # tagged COSE_Sign1 bytes
    msg = parse_sign1(blob)                                        # structure only, no trust
    msg.verify(public_key)                                         # True / False

One implementation serves tokens, certificates, trust lists, revocation lists
and (later) receipts, so there is exactly one place where the Sig_structure is
built. Layout (see docs/formats/token.md):

    COSE_Sign1 = #6.18([ protected: bstr .cbor {1: -8, ?3: tstr, 4: bstr},
                         unprotected: {},  payload: bstr,  signature: bstr(64) ])
    Sig_structure = ["Signature1", protected, h'', payload]

Everything about the *structure* is checked here and reported as
``MalformedCose``; whether the key is trusted is the caller's business.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any, NamedTuple

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldreg.errors import CorruptData
from fieldreg.keys.ids import KEY_ID_BYTES, SIGNATURE_BYTES

COSE_SIGN1_TAG = 18
HDR_ALG = 1
HDR_CONTENT_TYPE = 3
HDR_KID = 4
ALG_EDDSA = -8
SIG_CONTEXT = "Signature1"
# Nothing we sign nests deeper than a trust list (map > array > map > value).
MAX_DEPTH = 8


class MalformedCose(CorruptData):
    """Bytes that are not a COSE_Sign1 structure of the shape we produce."""


def canonical_dumps(value: Any) -> bytes:
    """Deterministic CBOR (RFC 8949 §4.2: shortest forms, definite lengths, sorted map keys)."""
    return cbor2.dumps(value, canonical=True)


def strict_loads(data: bytes) -> Any:
    """Decode exactly one CBOR item, refusing trailing bytes and duplicate map keys.

    cbor2 raises a zoo of exception types on hostile input (CBORDecodeError,
    ValueError, TypeError, OverflowError, RecursionError...), and this function
    sits on the path of every scanned QR code, so every failure becomes one
    ``MalformedCose``; callers then check types themselves.
    """
    stream = io.BytesIO(data)
    try:
        value = cbor2.CBORDecoder(stream, max_depth=MAX_DEPTH, allow_duplicate_keys=False).decode()
    except Exception as exc:  # noqa: BLE001 - see docstring: hostile input, one error type out
        raise MalformedCose("not valid CBOR ({problem})", problem=type(exc).__name__) from None
    if stream.tell() != len(data):
        raise MalformedCose("unexpected bytes after the CBOR data")
    return value


def protected_header(kid: bytes, content_type: str | None = None) -> bytes:
    """The serialized protected header; ``content_type`` separates document kinds."""
    header: dict[int, Any] = {HDR_ALG: ALG_EDDSA, HDR_KID: kid}
    if content_type is not None:
        header[HDR_CONTENT_TYPE] = content_type
    return canonical_dumps(header)


def bstr_header(length: int) -> bytes:
    """Shortest CBOR byte-string header (major type 2) for ``length`` bytes."""
    if length < 24:
        return bytes([0x40 | length])
    if length < 0x100:
        return bytes([0x58, length])
    if length < 0x10000:
        return b"\x59" + length.to_bytes(2, "big")
    return b"\x5a" + length.to_bytes(4, "big")


# Array of 4 + text "Signature1": the fixed start of every Sig_structure.
_SIG_PREFIX = b"\x84\x6aSignature1"
# Tag 18, array of 4, a 13-byte protected header {1: -8, 4: h'<8 bytes>'}: how every token starts.
_COMPACT_START = b"\xd2\x84\x4d\xa2\x01\x27\x04\x48"
_COMPACT_KID = slice(8, 16)
_COMPACT_PROTECTED = slice(3, 16)


def sig_structure(protected: bytes, payload: bytes) -> bytes:
    """The bytes Ed25519 actually signs (RFC 9052 §4.4, external_aad empty).

    Built by concatenation rather than cbor2 (this is on every scan's path);
    ``tests/unit/keys/test_cose.py`` checks it equals the cbor2 encoding of
    ``["Signature1", protected, h'', payload]``.
    """
    return b"".join(
        (_SIG_PREFIX, bstr_header(len(protected)), protected, b"\x40", bstr_header(len(payload)), payload)
    )


class Sign1(NamedTuple):
    """A parsed COSE_Sign1; ``verify`` checks the signature against one public key.

    A NamedTuple rather than a frozen dataclass: as immutable, and built 4x
    faster, which counts on the path of every scanned QR code.
    """

    protected: bytes
    payload: bytes
    signature: bytes
    kid: bytes
    content_type: str | None
    tagged: bool

    def to_sign(self) -> bytes:
        return sig_structure(self.protected, self.payload)

    def verify(self, public_key: Ed25519PublicKey) -> bool:
        try:
            public_key.verify(self.signature, self.to_sign())
        except InvalidSignature:
            return False
        return True

    def encode(self) -> bytes:
        """Serialize canonically (also used to refuse other encodings of the same message)."""
        return b"".join(
            (
                b"\xd2\x84" if self.tagged else b"\x84",  # tag 18, array of 4
                bstr_header(len(self.protected)),
                self.protected,
                b"\xa0",  # empty unprotected map
                bstr_header(len(self.payload)),
                self.payload,
                b"\x58\x40",  # 64-byte signature
                self.signature,
            )
        )


def sign1(
    payload: bytes, key: Ed25519PrivateKey, *, kid: bytes, content_type: str | None = None
) -> bytes:
    """Sign ``payload`` and return tagged COSE_Sign1 bytes."""
    protected = protected_header(kid, content_type)
    signature = key.sign(sig_structure(protected, payload))
    return Sign1(protected, payload, signature, kid, content_type, tagged=True).encode()


def parse_sign1(data: bytes, *, require_canonical: bool = True) -> Sign1:
    """Parse COSE_Sign1 bytes (tagged or not) and check their shape; no trust decision.

    With ``require_canonical`` the bytes must be exactly our canonical encoding,
    so a valid message has one and only one serialization.
    """
    value = strict_loads(data)
    tagged = isinstance(value, cbor2.CBORTag)
    if tagged:
        if value.tag != COSE_SIGN1_TAG:
            raise MalformedCose("CBOR tag {tag} is not COSE_Sign1 (18)", tag=value.tag)
        value = value.value
    # cbor2 decodes the content of a tag as immutable values (tuple, frozendict).
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        raise MalformedCose("COSE_Sign1 must be an array of 4 items")
    protected, unprotected, payload, signature = value
    if not isinstance(protected, bytes) or not isinstance(payload, bytes):
        raise MalformedCose("COSE_Sign1 protected header and payload must be byte strings")
    if not isinstance(unprotected, Mapping) or len(unprotected) != 0:
        raise MalformedCose("COSE_Sign1 unprotected header must be empty")
    if not isinstance(signature, bytes) or len(signature) != SIGNATURE_BYTES:
        raise MalformedCose("COSE_Sign1 signature must be 64 bytes (Ed25519)")
    header = strict_loads(protected)
    if not isinstance(header, dict) or not set(header) <= {HDR_ALG, HDR_CONTENT_TYPE, HDR_KID}:
        raise MalformedCose("protected header has unexpected fields")
    if header.get(HDR_ALG) != ALG_EDDSA:
        raise MalformedCose("algorithm is not EdDSA (-8)")
    kid = header.get(HDR_KID)
    if not isinstance(kid, bytes) or len(kid) != KEY_ID_BYTES:
        raise MalformedCose("key id must be 8 bytes")
    content_type = header.get(HDR_CONTENT_TYPE)
    if content_type is not None and not isinstance(content_type, str):
        raise MalformedCose("content type must be text")
    message = Sign1(protected, payload, signature, kid, content_type, tagged)
    if require_canonical and (
        protected != protected_header(kid, content_type) or message.encode() != data
    ):
        raise MalformedCose("COSE_Sign1 is not in canonical form")
    return message


def parse_compact_sign1(data: bytes) -> Sign1:
    """Parse the one COSE_Sign1 shape a token may have, by slicing instead of decoding.

    The shape: tagged, protected header exactly ``{1: -8, 4: kid}`` (no content
    type, so an HQ document can never pass as a token), empty unprotected map,
    canonical lengths. This is on the path of every scanned QR code; it returns
    what ``parse_sign1`` returns for the same bytes (tests/unit/keys/test_cose.py).
    """
    if len(data) < 18 + 2 + SIGNATURE_BYTES or not data.startswith(_COMPACT_START) or data[16] != 0xA0:
        raise MalformedCose("not a token's COSE_Sign1 (tag 18, EdDSA, an 8-byte key id and nothing else)")
    head = data[17]
    # Shortest length forms only (canonical CBOR): 0..23 inline, 24..255 one byte, then two.
    if head < 0x58:
        length, start = head - 0x40, 18
    elif head == 0x58 and data[18] >= 24:
        length, start = data[18], 19
    elif head == 0x59 and (data[19] << 8 | data[20]) >= 0x100:
        length, start = data[19] << 8 | data[20], 21
    else:
        raise MalformedCose("COSE_Sign1 is not in canonical form")
    end = start + length
    if length < 0 or data[end : end + 2] != b"\x58\x40" or len(data) != end + 2 + SIGNATURE_BYTES:
        raise MalformedCose("COSE_Sign1 is not in canonical form")
    return Sign1(data[_COMPACT_PROTECTED], data[start:end], data[end + 2 :], data[_COMPACT_KID], None, True)
