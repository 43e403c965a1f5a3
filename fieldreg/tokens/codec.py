"""Token string <-> COSE_Sign1 bytes <-> claims. No trust decisions here (see ``verify``).

    text = encode_token(claims, post_key)     # 'FR1:6BF...' (QR alphanumeric alphabet)
    decoded = decode_token(text)              # structure checked, signature NOT yet checked

Pipeline (docs/formats/token.md)::

    claims --canonical CBOR--> payload --COSE_Sign1(EdDSA, kid)--> cose
           --zlib, only if smaller--> body --base45--> "FR1:" + text

The decoder tells compressed from uncompressed by the first byte: 0x78 is a
zlib header, 0xD2 (tag 18) or 0x84 (array of 4) start COSE_Sign1. Every
accepted token has exactly one accepted spelling (canonical COSE framing, strict
base45, zlib's own level-9 output), so changing any character of a valid token
can never yield another valid token. The claims themselves are not re-encoded
to check canonical form: they are signed, so only the post could vary them.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

from fieldreg.errors import InvalidInput
from fieldreg.keys.cose import MalformedCose, Sign1, canonical_dumps, parse_sign1, sign1, strict_loads
from fieldreg.keys.postkey import PostKey
from fieldreg.tokens.base45 import Base45Error, b45decode, b45encode
from fieldreg.tokens.claims import CLAIMS_VERSION, VERSION, Claims
from fieldreg.tokens.verdict import Reason, TokenError

PREFIX = "FR1:"
FORMAT_VERSION = 1
ZLIB_FIRST_BYTE = 0x78
ZLIB_LEVEL = 9
# A household token is ~200 bytes; nothing legitimate inflates past this.
MAX_INFLATED = 4096
MAX_TEXT = 4500
_PREFIX_RE = re.compile(r"FR([0-9]+):")


@dataclass(frozen=True)
class DecodedToken:
    """A structurally valid token: the COSE message and its decoded (unverified) claims map."""

    message: Sign1
    claims_map: dict[int, Any]
    compressed: bool


def encode_token(claims: Claims, key: PostKey) -> str:
    """Sign ``claims`` with the post key and return the token string."""
    if claims.issuing_post != key.post_id:
        raise InvalidInput(f"post {key.post_id} cannot issue a token in the name of {claims.issuing_post}")
    if not key.can_sign_at(claims.issued_at):
        raise InvalidInput("this post's key is not valid at this date: load a new enrollment from HQ")
    cose = sign1(canonical_dumps(claims.to_cbor_map()), key.private_key, kid=key.key_id)
    packed = zlib.compress(cose, ZLIB_LEVEL)
    body = packed if len(packed) < len(cose) else cose
    return PREFIX + b45encode(body)


def decode_token(text: str) -> DecodedToken:
    """Undo prefix, base45, zlib and COSE framing; ``TokenError`` with a ``Reason`` otherwise."""
    if not isinstance(text, str):
        raise TokenError(Reason.MALFORMED, "not text")
    text = text.strip()  # scanners add a newline; nothing else is forgiven
    if not text.startswith(PREFIX):
        match = _PREFIX_RE.match(text)
        if match:
            raise TokenError(
                Reason.UNSUPPORTED_VERSION,
                f"token format {match.group(1)} is not supported by this FieldReg (update it)",
            )
        raise TokenError(Reason.WRONG_PREFIX, f"not a FieldReg token (does not start with {PREFIX})")
    if len(text) > MAX_TEXT:
        raise TokenError(Reason.MALFORMED, "too long to be a token")
    try:
        body = b45decode(text[len(PREFIX) :])
    except Base45Error as exc:
        raise TokenError(Reason.MALFORMED, str(exc)) from None
    if not body:
        raise TokenError(Reason.MALFORMED, "empty token")
    compressed = body[0] == ZLIB_FIRST_BYTE
    cose = _inflate(body) if compressed else body
    try:
        message = parse_sign1(cose)
        claims_map = strict_loads(message.payload)
    except MalformedCose as exc:
        raise TokenError(Reason.MALFORMED, str(exc)) from None
    if message.content_type is not None:
        raise TokenError(Reason.MALFORMED, "a token has no content type")
    if not isinstance(claims_map, dict):
        raise TokenError(Reason.MALFORMED, "claims are not a map")
    version = claims_map.get(VERSION)
    if version != CLAIMS_VERSION:
        raise TokenError(Reason.UNSUPPORTED_VERSION, f"claims version {version!r} is not supported")
    return DecodedToken(message, claims_map, compressed)


def parse_claims(decoded: DecodedToken) -> Claims:
    """Typed claims; call only after the signature checked out (content is then the post's)."""
    try:
        return Claims.from_cbor_map(decoded.claims_map)
    except InvalidInput as exc:
        raise TokenError(Reason.MALFORMED, str(exc)) from None


def _inflate(body: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, MAX_INFLATED)
    except zlib.error:
        raise TokenError(Reason.MALFORMED, "damaged compressed data") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise TokenError(Reason.MALFORMED, "compressed data is truncated or too large")
    if inflater.unused_data:
        raise TokenError(Reason.MALFORMED, "unexpected bytes after the compressed data")
    # Deflate is malleable: a changed distance code can point at an identical earlier
    # run, and the last byte's padding bits are ignored, so one changed character can
    # spell the *same* signed token differently. Only zlib's own level-9 output is
    # accepted. tests/unit/tokens/test_codec.py pins a compressed vector, so a build
    # linked against a zlib that compresses differently fails its tests, not at a camp.
    if zlib.compress(out, ZLIB_LEVEL) != body:
        raise TokenError(Reason.MALFORMED, "compressed data is not in canonical form")
    return out
