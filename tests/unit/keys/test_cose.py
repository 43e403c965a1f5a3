"""COSE_Sign1 framing: hand-built bytes equal cbor2's canonical encoding; strict parsing."""

from __future__ import annotations

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.keys.cose import (
    MalformedCose,
    bstr_header,
    parse_sign1,
    protected_header,
    sig_structure,
    sign1,
    strict_loads,
)
from fieldreg.keys.ids import key_id


@pytest.mark.parametrize("n", [0, 1, 23, 24, 255, 256, 65535, 65536])
def test_bstr_header_matches_cbor2(n: int) -> None:
    assert bstr_header(n) + bytes(n) == cbor2.dumps(bytes(n))


@pytest.mark.parametrize("size", [0, 10, 200, 300])
def test_sig_structure_matches_cbor2(size: int) -> None:
    protected = protected_header(b"12345678")
    payload = bytes(range(256)) * 2
    payload = payload[:size]
    expected = cbor2.dumps(["Signature1", protected, b"", payload], canonical=True)
    assert sig_structure(protected, payload) == expected


def test_sign_parse_verify_and_both_tag_forms() -> None:
    key = Ed25519PrivateKey.generate()
    kid = key_id(key.public_key())
    blob = sign1(b"payload", key, kid=kid)
    msg = parse_sign1(blob)
    assert msg.kid == kid and msg.tagged and msg.verify(key.public_key())
    assert blob == cbor2.dumps(cbor2.CBORTag(18, [msg.protected, {}, b"payload", msg.signature]))
    untagged = blob[1:]
    assert parse_sign1(untagged).verify(key.public_key())
    assert not msg.verify(Ed25519PrivateKey.generate().public_key())


def test_non_canonical_framing_is_refused() -> None:
    key = Ed25519PrivateKey.generate()
    msg = parse_sign1(sign1(b"payload", key, kid=key_id(key.public_key())))
    # The same payload with a needlessly long length header (0x58 0x07 instead of 0x47).
    long_form = b"".join(
        [b"\xd2\x84", bstr_header(13), msg.protected, b"\xa0\x58\x07payload\x58\x40", msg.signature]
    )
    assert strict_loads(long_form)  # valid CBOR...
    with pytest.raises(MalformedCose, match="canonical"):
        parse_sign1(long_form)  # ...but not the one accepted spelling


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00", b"\xd2\x83\x40\xa0\x40", b"\xd3\x84\x40\xa0\x40\x40", b"\x84\x40\xa1\x01\x01\x40\x40"],
)
def test_malformed(data: bytes) -> None:
    with pytest.raises(MalformedCose):
        parse_sign1(data)


def test_trailing_bytes_refused() -> None:
    with pytest.raises(MalformedCose, match="after"):
        strict_loads(b"\x01\x02")
