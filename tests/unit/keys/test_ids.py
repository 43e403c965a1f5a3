from __future__ import annotations

import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys.ids import (
    fingerprint,
    key_id,
    key_id_hex,
    load_public,
    normalise_fingerprint,
    parse_key_id,
    public_raw,
)


def test_key_id_is_sha256_prefix_of_raw_public_key() -> None:
    pub = public_raw(Ed25519PrivateKey.generate())
    assert key_id(pub) == hashlib.sha256(pub).digest()[:8]
    assert parse_key_id(key_id_hex(key_id(pub)).upper()) == key_id(pub)


@pytest.mark.parametrize("text", ["", "abc", "zz" * 8, "a1b2c3d4e5f6071"])
def test_bad_key_ids_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_key_id(text)


def test_fingerprint_survives_sloppy_typing() -> None:
    fpr = fingerprint(bytes(32))
    assert len(fpr) == 29 and fpr.count("-") == 5
    sloppy = fpr.lower().replace("-", " ").replace("0", "o")
    assert normalise_fingerprint(sloppy) == fpr
    with pytest.raises(InvalidInput):
        normalise_fingerprint(fpr[:-1])


def test_bad_public_key_bytes() -> None:
    with pytest.raises(CorruptData):
        load_public(b"short")
