"""Token string <-> COSE_Sign1 bytes <-> claims. No trust decisions here (see ``verify``).

    text = encode_token(claims, post_key)     # 'FR1:6BF...' (QR alphanumeric alphabet)
    decoded = decode_token(text)              # structure checked, signature NOT yet checked

Pipeline (docs/formats/token.md)::

    claims --canonical CBOR--> claims bytes --zlib, only if smaller--> payload
           --COSE_Sign1(EdDSA, kid)--> cose --base45--> "FR1:" + text

Compression happens *inside* the signature: the payload's first byte tells
(0x78 is a zlib header, never the start of a CBOR map). Every byte of a token
is then either signed or fixed framing (strict base45, the one canonical COSE
layout), so changing any character of a valid token can never yield another
valid token — whatever deflate implementation the post used, since verifiers
never need to reproduce the compressor's output.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, NamedTuple

from fieldreg.errors import InvalidInput
from fieldreg.keys.cose import MalformedCose, Sign1, canonical_dumps, parse_compact_sign1, sign1, strict_loads
from fieldreg.keys.postkey import PostKey
from fieldreg.tokens.base45 import Base45Error, b45decode, b45encode
from fieldreg.tokens.claims import CLAIMS_VERSION, VERSION, Claims
from fieldreg.tokens.verdict import Reason, TokenError

PREFIX = "FR1:"
FORMAT_VERSION = 1
_ZLIB_FIRST_BYTE = b"\x78"
ZLIB_LEVEL = 9
# A household token is ~200 bytes; nothing legitimate inflates past this.
MAX_INFLATED = 4096
MAX_TEXT = 4500
_PREFIX_RE = re.compile(r"FR([0-9]+):")


class DecodedToken(NamedTuple):
    """A structurally valid token: the COSE message and its decoded (unverified) claims map."""

    message: Sign1
    claims_map: dict[int, Any]
    compressed: bool


def encode_token(claims: Claims, key: PostKey) -> str:
    """Sign ``claims`` with the post key and return the token string."""
    if claims.issuing_post != key.post_id:
        raise InvalidInput(
            "post {post_id} cannot issue a token in the name of {issuing_post}",
            post_id=key.post_id, issuing_post=claims.issuing_post
        )
    if not key.can_sign_at(claims.issued_at):
        raise InvalidInput("this post's key is not valid at this date: load a new enrollment from HQ")
    plain = canonical_dumps(claims.to_cbor_map())
    packed = zlib.compress(plain, ZLIB_LEVEL)
    payload = packed if len(packed) < len(plain) else plain
    return PREFIX + b45encode(sign1(payload, key.private_key, kid=key.key_id))


def decode_token(text: str) -> DecodedToken:
    """Undo prefix, base45, COSE framing and compression; ``TokenError`` with a ``Reason`` otherwise."""
    if not isinstance(text, str):
        raise TokenError(Reason.MALFORMED, "not text")
    text = text.strip()  # scanners add a newline; nothing else is forgiven
    if not text.startswith(PREFIX):
        match = _PREFIX_RE.match(text)
        if match:
            raise TokenError(
                Reason.UNSUPPORTED_VERSION,
                "token format {group} is not supported by this FieldReg (update it)", group=match.group(1),
            )
        raise TokenError(Reason.WRONG_PREFIX, "not a FieldReg token (does not start with {prefix})", prefix=PREFIX)
    if len(text) > MAX_TEXT:
        raise TokenError(Reason.MALFORMED, "too long to be a token")
    try:
        body = b45decode(text[len(PREFIX) :])
    except Base45Error:
        # Which base45 rule broke (character, length, group) helps nobody at a camp.
        raise TokenError(Reason.MALFORMED, "the text after the prefix is not valid base45") from None
    try:
        message = parse_compact_sign1(body)
        compressed = message.payload[:1] == _ZLIB_FIRST_BYTE
        claims_map = strict_loads(_inflate(message.payload) if compressed else message.payload)
    except MalformedCose as exc:
        raise TokenError(Reason.MALFORMED, exc.message) from None
    if not isinstance(claims_map, dict):
        raise TokenError(Reason.MALFORMED, "claims are not a map")
    version = claims_map.get(VERSION)
    if version != CLAIMS_VERSION:
        raise TokenError(Reason.UNSUPPORTED_VERSION, "claims version {version!r} is not supported", version=version)
    return DecodedToken(message, claims_map, compressed)


def parse_claims(decoded: DecodedToken) -> Claims:
    """Typed claims; call only after the signature checked out (content is then the post's)."""
    try:
        return Claims.from_cbor_map(decoded.claims_map)
    except InvalidInput as exc:
        raise TokenError(Reason.MALFORMED, exc.message) from None


def _inflate(payload: bytes) -> bytes:
    # Bounded (no zip bombs) and exact (no trailing bytes). Runs before the signature
    # check, to read the claims version; the bound keeps that harmless.
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(payload, MAX_INFLATED)
    except zlib.error:
        raise TokenError(Reason.MALFORMED, "damaged compressed claims") from None
    if inflater.unconsumed_tail or not inflater.eof:
        raise TokenError(Reason.MALFORMED, "compressed claims are truncated or too large")
    if inflater.unused_data:
        raise TokenError(Reason.MALFORMED, "unexpected bytes after the compressed claims")
    return out
