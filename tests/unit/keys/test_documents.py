"""Certificates and HQ documents: kind/version separation, wrong signer, tampering."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys import Certificate, RevocationList, TrustList
from fieldreg.keys.documents import open_document, sign_document
from fieldreg.keys.ids import public_raw

from .conftest import T0


@pytest.fixture
def root() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _cert(root: Ed25519PrivateKey) -> Certificate:
    return Certificate.issue(
        post_id="NIA",
        public_key=public_raw(Ed25519PrivateKey.generate()),
        not_before=T0,
        not_after=T0 + timedelta(days=30),
        issued_at=T0,
        root=root,
    )


def test_certificate_round_trip(root: Ed25519PrivateKey) -> None:
    cert = _cert(root)
    again = Certificate.from_bytes(cert.raw, root_public=public_raw(root))
    assert again.key == cert.key and again.key.post_id == "NIA"
    assert again.key.could_sign_at(T0) and not again.key.could_sign_at(T0 + timedelta(days=30))


def test_certificate_from_another_root_is_refused(root: Ed25519PrivateKey) -> None:
    with pytest.raises(CorruptData, match="not signed by the HQ key"):
        Certificate.from_bytes(_cert(root).raw, root_public=public_raw(Ed25519PrivateKey.generate()))


def test_a_certificate_is_not_a_trust_list(root: Ed25519PrivateKey) -> None:
    with pytest.raises(CorruptData, match="not a FieldReg trust list"):
        TrustList.from_bytes(_cert(root).raw, root_public=public_raw(root))


def test_unknown_document_version_is_refused(root: Ed25519PrivateKey) -> None:
    blob = sign_document("trustlist", 2, {"ver": 1}, root)
    with pytest.raises(CorruptData, match="version 2 is not supported"):
        open_document(blob, kind="trustlist", versions={1}, public_key=root.public_key())


def test_every_byte_flip_of_a_certificate_is_refused(root: Ed25519PrivateKey) -> None:
    raw = _cert(root).raw
    for i in range(len(raw)):
        bad = bytearray(raw)
        bad[i] ^= 0x01
        with pytest.raises(CorruptData):
            Certificate.from_bytes(bytes(bad), root_public=public_raw(root))


def test_bad_post_ids(root: Ed25519PrivateKey) -> None:
    for post_id in ["", "nia", "N", "NIA-1", "X" * 9, "1NIA"]:
        with pytest.raises(InvalidInput):
            Certificate.issue(
                post_id=post_id, public_key=bytes(32), not_before=T0,
                not_after=T0 + timedelta(days=1), issued_at=T0, root=root,
            )


def test_revocation_list_round_trip(root: Ed25519PrivateKey) -> None:
    rl = RevocationList.issue(version=3, issued_at=T0, token_ids={b"\x01" * 16}, root=root)
    again = RevocationList.from_bytes(rl.raw, root_public=public_raw(root))
    assert again.version == 3 and b"\x01" * 16 in again and b"\x02" * 16 not in again
