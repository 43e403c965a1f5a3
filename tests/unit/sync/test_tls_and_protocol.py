"""The TLS pin, the batch's identity on the wire, back-off, and the pins in HQ's trust list."""

from __future__ import annotations

import hashlib
import random
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.hq.server import make_certificate
from fieldreg.keys import HqDir
from fieldreg.keys.trustlist import TrustList
from fieldreg.model import utcnow
from fieldreg.sync.backoff import Backoff
from fieldreg.sync.protocol import BatchId, parse_metadata, parse_upload_id
from fieldreg.sync.tls import TlsRefused, check_certificate, spki_pin


def der(path: Path) -> bytes:
    return x509.load_pem_x509_certificate(path.read_bytes()).public_bytes(Encoding.DER)


def test_the_pin_is_the_sha256_of_the_subject_public_key_info(tmp_path: Path) -> None:
    tls = make_certificate(tmp_path, names=["127.0.0.1", "hq.example.org"])
    cert = x509.load_pem_x509_certificate(tls.cert.read_bytes())
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert tls.pin == spki_pin(der(tls.cert)) == hashlib.sha256(spki).digest()
    check_certificate(der(tls.cert), frozenset({tls.pin}))


def test_another_key_or_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    ours = make_certificate(tmp_path / "a", names=["127.0.0.1"])
    theirs = make_certificate(tmp_path / "b", names=["127.0.0.1"])
    with pytest.raises(TlsRefused, match="is not HQ's"):
        check_certificate(der(theirs.cert), frozenset({ours.pin}))
    with pytest.raises(TlsRefused, match="expired on"):
        check_certificate(der(ours.cert), frozenset({ours.pin}),
                          now=utcnow() + timedelta(days=900))
    with pytest.raises(TlsRefused, match="clock"):
        check_certificate(der(ours.cert), frozenset({ours.pin}), now=utcnow() - timedelta(days=1))


def test_hq_publishes_its_pins_in_the_signed_trust_list(tmp_path: Path) -> None:
    from tests.conftest import FAST_KDF, HQ_PASS
    hq = HqDir.init(tmp_path / "hq", HQ_PASS, kdf=FAST_KDF)
    assert hq.trust_list().tls_pins == ()
    old_raw = hq.trust_list().raw
    assert TrustList.from_bytes(old_raw, root_public=hq.root_public).tls_pins == ()
    pins = [bytes([1]) * 32, bytes([2]) * 32]
    trust = hq.set_tls_pins(pins)
    again = TrustList.from_bytes(trust.raw, root_public=hq.root_public)
    assert again.tls_pins == tuple(pins) and again.version == 2
    hq.enroll_post("TGR1")  # a later list keeps the pins
    assert hq.trust_list().tls_pins == tuple(pins)
    with pytest.raises(InvalidInput):
        hq.set_tls_pins([b"short"])
    tampered = trust.raw.replace(pins[0], bytes([3]) * 32)
    with pytest.raises(CorruptData):
        TrustList.from_bytes(tampered, root_public=hq.root_public)


def test_the_batch_identity_round_trips_and_bad_metadata_is_none() -> None:
    batch = BatchId("TGR1", 12, bytes(range(32)))
    assert parse_metadata(batch.metadata()) == batch
    assert parse_upload_id(batch.upload_id) == batch
    for bad in ("", "post VEdSMQ==", batch.metadata() + ",post VEdSMQ==",
                batch.metadata().replace("seq MTI=", "seq MA=="),  # sequence 0
                batch.metadata().replace("post VEdSMQ==", "post dGdyMQ==")):  # "tgr1"
        assert parse_metadata(bad) is None
    assert parse_upload_id("TGR1-12-" + "0" * 63) is None
    assert parse_upload_id("../../etc-1-" + "0" * 64) is None


def test_backoff_grows_with_full_jitter_and_honours_retry_after() -> None:
    backoff = Backoff(base=1, cap=8, _random=random.Random(4))
    waits = [backoff.next() for _ in range(6)]
    assert all(0 <= w <= min(8, 2 ** i) for i, w in enumerate(waits))
    assert backoff.next(retry_after=60) == 60
    backoff.reset()
    assert backoff.next() <= 1
