"""Encoding: prefix, base45, COSE framing, optional zlib inside the signature, strict decoding."""

from __future__ import annotations

import zlib
from datetime import timedelta

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.keys.cose import Sign1, canonical_dumps, parse_compact_sign1, parse_sign1, protected_header
from fieldreg.tokens import PREFIX, Reason, TokenError, decode_token, encode_token, verify_token
from fieldreg.tokens.base45 import ALPHABET, b45decode, b45encode
from fieldreg.tokens.claims import CTI

from .conftest import T0, World, make_claims


def test_round_trip_and_alphabet(world: World) -> None:
    cl = make_claims(8)
    text = encode_token(cl, world.post)
    assert text.startswith(PREFIX) and set(text) <= set(ALPHABET)
    decoded = decode_token(text)
    assert decoded.message.kid == world.post.key_id
    assert decoded.claims_map[CTI] == cl.token_id
    assert decode_token(text + "\n").claims_map == decoded.claims_map  # scanner newline


def test_compression_only_when_smaller_and_inside_the_signature(world: World) -> None:
    plain = encode_token(make_claims(1, family="KA", given="Ali"), world.post)
    assert not decode_token(plain).compressed
    cl = make_claims(1, family="A" * 40, given="B" * 40)
    repetitive = encode_token(cl, world.post)
    decoded = decode_token(repetitive)
    assert decoded.compressed
    claims_bytes = canonical_dumps(cl.to_cbor_map())
    # The signed payload is the zlib stream; the COSE framing is the same as uncompressed.
    assert zlib.decompress(decoded.message.payload) == claims_bytes
    assert len(decoded.message.payload) < len(claims_bytes)
    assert decoded.message.verify(world.post.public_key)
    assert decoded.claims_map == cl.to_cbor_map()


def test_post_cannot_sign_for_another_post_or_outside_its_window(world: World) -> None:
    with pytest.raises(InvalidInput):
        encode_token(make_claims(post_id="NIA"), world.post)
    with pytest.raises(InvalidInput, match="not valid"):
        encode_token(make_claims(issued_at=T0 + timedelta(days=400)), world.post)


def _cose(payload: bytes) -> bytes:
    """A well-framed token COSE_Sign1 around ``payload`` (signature of zeros)."""
    return Sign1(protected_header(bytes(8)), payload, bytes(64), bytes(8), None, True).encode()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Reason.WRONG_PREFIX),
        ("HC1:NCFOXN%TS", Reason.WRONG_PREFIX),
        ("fr1:ABC", Reason.WRONG_PREFIX),
        ("FR2:ABC", Reason.UNSUPPORTED_VERSION),
        ("FR1:", Reason.MALFORMED),
        ("FR1:A", Reason.MALFORMED),
        ("FR1:abc", Reason.MALFORMED),
        ("FR1:::::", Reason.MALFORMED),
        ("FR1:" + b45encode(b"\x84\x40\xa0\x40\x40"), Reason.MALFORMED),
        ("FR1:" + b45encode(zlib.compress(b"\x00" * 100_000)), Reason.MALFORMED),  # not COSE
        ("FR1:" + b45encode(_cose(zlib.compress(b"\x00" * 100_000))), Reason.MALFORMED),  # bomb
        ("FR1:" + b45encode(_cose(b"\x78\x9c\x00")), Reason.MALFORMED),  # broken zlib
        ("FR1:" + b45encode(_cose(zlib.compress(b"\xa0") + b"\x00")), Reason.MALFORMED),  # trailing
        ("FR1:" + "0" * 5000, Reason.MALFORMED),
    ],
)
def test_decode_errors(text: str, reason: Reason) -> None:
    with pytest.raises(TokenError) as info:
        decode_token(text)
    assert info.value.reason is reason


def test_another_deflate_spelling_of_the_claims_breaks_the_signature(world: World) -> None:
    """Deflate is malleable (the last byte's padding bits are ignored), but the
    compressed bytes are what the post signed: any respelling fails the signature."""
    for _ in range(200):  # the token id is random: try until bit 7 of the last byte is padding
        decoded = decode_token(encode_token(make_claims(1, family="A" * 40, given="B" * 40), world.post))
        payload = decoded.message.payload
        tampered = bytearray(payload)
        tampered[-5] |= 0x80
        try:
            if tampered != payload and zlib.decompress(bytes(tampered)) == zlib.decompress(payload):
                break
        except zlib.error:
            continue
    else:
        pytest.fail("no stream with padding found")
    respelled = decoded.message._replace(payload=bytes(tampered))
    text = PREFIX + b45encode(respelled.encode())
    assert decode_token(text).claims_map == decoded.claims_map  # same claims...
    verdict = verify_token(text, world.trust, None, T0 + timedelta(days=1))
    assert verdict.reason is Reason.BAD_SIGNATURE  # ...but not what the post signed


def test_untagged_long_form_or_trailing_cose_is_malformed(world: World) -> None:
    body = b45decode(encode_token(make_claims(2), world.post)[len(PREFIX):])
    msg = parse_sign1(body)
    long_form = body[:17] + b"\x59" + len(msg.payload).to_bytes(2, "big") + body[19:]
    for other in (body[1:], long_form, body + b"\x00", body[:-1]):
        with pytest.raises(TokenError) as info:
            decode_token(PREFIX + b45encode(other))
        assert info.value.reason is Reason.MALFORMED


def test_compact_parser_agrees_with_the_general_one(world: World) -> None:
    for n in (1, 8):
        body = b45decode(encode_token(make_claims(n), world.post)[len(PREFIX):])
        assert parse_compact_sign1(body) == parse_sign1(body)


def test_base45_strict() -> None:
    assert b45encode(b"ietf!") == "QED8WEX0"  # RFC 9285 example
    assert b45decode("QED8WEX0") == b"ietf!"
    for bad in ["GGW", "QED8WEX0 ", "qed8wex0", "É00"]:
        with pytest.raises(ValueError):
            b45decode(bad)
