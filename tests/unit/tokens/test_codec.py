"""Encoding: prefix, base45, optional zlib, strict decoding."""

from __future__ import annotations

import zlib
from datetime import timedelta

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.keys.cose import parse_sign1
from fieldreg.tokens import PREFIX, Reason, TokenError, decode_token, encode_token
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


def test_compression_only_when_smaller(world: World) -> None:
    plain = encode_token(make_claims(1, family="KA", given="Ali"), world.post)
    assert not decode_token(plain).compressed
    repetitive = encode_token(make_claims(1, family="A" * 60, given="B" * 60), world.post)
    decoded = decode_token(repetitive)
    assert decoded.compressed
    cose = zlib.decompress(b45decode(repetitive[len(PREFIX):]))
    assert len(b45decode(repetitive[len(PREFIX):])) < len(cose)
    assert parse_sign1(cose).payload == decoded.message.payload


def test_post_cannot_sign_for_another_post_or_outside_its_window(world: World) -> None:
    with pytest.raises(InvalidInput):
        encode_token(make_claims(post_id="NIA"), world.post)
    with pytest.raises(InvalidInput, match="not valid"):
        encode_token(make_claims(issued_at=T0 + timedelta(days=400)), world.post)


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
        ("FR1:" + b45encode(zlib.compress(b"\x00" * 100_000)), Reason.MALFORMED),  # bomb
        ("FR1:" + b45encode(b"\x78\x9c\x00"), Reason.MALFORMED),
        ("FR1:" + "0" * 5000, Reason.MALFORMED),
    ],
)
def test_decode_errors(text: str, reason: Reason) -> None:
    with pytest.raises(TokenError) as info:
        decode_token(text)
    assert info.value.reason is reason


def test_non_canonical_deflate_is_refused(world: World) -> None:
    # The token id is random, so try until bit 7 of the last deflate byte is padding (~7 in 8).
    for _ in range(200):
        text = encode_token(make_claims(1, family="A" * 40, given="B" * 40), world.post)
        body = b45decode(text[len(PREFIX):])
        tampered = bytearray(body)
        tampered[-5] |= 0x80
        try:
            if tampered != body and zlib.decompress(bytes(tampered)) == zlib.decompress(body):
                break
        except zlib.error:
            continue
    else:
        pytest.fail("no stream with padding found")
    with pytest.raises(TokenError, match="canonical"):
        decode_token(PREFIX + b45encode(bytes(tampered)))


def test_zlib_output_is_the_pinned_one() -> None:
    """Verifiers accept only zlib's level-9 output; a zlib that compresses differently
    (zlib-ng...) would reject genuine compressed slips, so such a build must fail here."""
    data = bytes.fromhex("d2844da20127044857fabf4ce8e9eb34a0") + b"\x82\x02\x19\x07\xc4" * 8 + b"TRAORE TRAORE TRAORE"
    assert zlib.compress(data, 9).hex() == (
        "78dabbd4e2bb88519dc523fcd77e9f172f5f9b2c686292643f42041112e4e81fe4aa804201004c85198d"
    )


def test_base45_strict() -> None:
    assert b45encode(b"ietf!") == "QED8WEX0"  # RFC 9285 example
    assert b45decode("QED8WEX0") == b"ietf!"
    for bad in ["GGW", "QED8WEX0 ", "qed8wex0", "É00"]:
        with pytest.raises(ValueError):
            b45decode(bad)
