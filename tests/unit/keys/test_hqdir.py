"""HQ directory: init/open, enrollment, rotation, key revocation, list versions."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest

from fieldreg.crypto.kdf import KdfParams
from fieldreg.errors import AuthError, CorruptData, InvalidInput, NotFound
from fieldreg.keys import HqDir, open_enrollment, read_enrollment_info

from .conftest import HQ_PASSPHRASE, T0


def test_open_with_right_and_wrong_passphrase(hq: HqDir) -> None:
    again = HqDir.open(hq.path, HQ_PASSPHRASE)
    assert again.root_public == hq.root_public
    assert again.age_recipient == hq.age_recipient
    with pytest.raises(AuthError):
        HqDir.open(hq.path, "wrong")
    for name in ("hq.json", "trustlist.cose", "revocations.cose"):
        if os.name != "nt":
            assert stat.S_IMODE((hq.path / name).stat().st_mode) == 0o600


def test_init_refuses_to_overwrite(hq: HqDir) -> None:
    with pytest.raises(InvalidInput):
        HqDir.init(hq.path, "x", kdf=KdfParams.fast_for_tests())


def test_open_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        HqDir.open(tmp_path / "nope", "x")


def test_age_identity_decrypts_for_recipient(hq: HqDir) -> None:
    recipient = pyrage.x25519.Recipient.from_str(hq.age_recipient)
    blob = pyrage.encrypt(b"batch", [recipient])
    assert pyrage.decrypt(blob, [HqDir.open(hq.path, HQ_PASSPHRASE).age_identity()]) == b"batch"
    assert hq.age_identity_text().startswith("AGE-SECRET-KEY-1")


def test_enrollment_round_trip(hq: HqDir) -> None:
    pkg = hq.enroll_post("NIA", now=T0)
    info = read_enrollment_info(pkg.data)
    assert info.post_id == "NIA" and info.hq_fingerprint == hq.fingerprint
    enr = open_enrollment(pkg.data, pkg.passphrase)
    assert enr.post_key.post_id == "NIA"
    assert enr.post_key.key_id == pkg.certificate.key.key_id
    assert enr.hq_root_public == hq.root_public
    assert enr.hq_age_recipient == hq.age_recipient
    assert enr.trust_list.find(enr.post_key.key_id) is not None
    assert b"PRIVATE" not in pkg.data and enr.post_key.private_bytes() not in pkg.data
    with pytest.raises(AuthError):
        open_enrollment(pkg.data, "wrong passphrase")


def test_enrollment_header_is_bound_to_sealed_part(hq: HqDir) -> None:
    pkg = hq.enroll_post("NIA", now=T0)
    doc = json.loads(pkg.data)
    doc["post_id"] = "XYZ"
    with pytest.raises(CorruptData):
        open_enrollment(json.dumps(doc).encode(), pkg.passphrase)
    doc = json.loads(pkg.data)
    doc["version"] = 2
    with pytest.raises(CorruptData, match="version 2"):
        read_enrollment_info(json.dumps(doc).encode())
    with pytest.raises(CorruptData):
        read_enrollment_info(b"\x00garbage")


def test_rotation_keeps_old_key_and_retires_it(hq: HqDir) -> None:
    first = hq.enroll_post("NIA", now=T0).certificate.key
    later = T0 + timedelta(days=100)
    second = hq.enroll_post("NIA", now=later, retire_old_keys_after=timedelta(days=7)).certificate.key
    trust = hq.trust_list()
    old = trust.find(first.key_id)
    assert old is not None and trust.find(second.key_id) is not None
    assert old.not_after == later + timedelta(days=7)
    assert old.could_sign_at(T0 + timedelta(days=1))
    assert not old.could_sign_at(later + timedelta(days=8))
    assert [e.key_id for e in trust.for_post("NIA")].count(second.key_id) == 1


def test_revoke_key_and_versions(hq: HqDir) -> None:
    assert hq.trust_list().version == 1
    kid = hq.enroll_post("NIA", now=T0).certificate.key.key_id
    assert hq.trust_list().version == 2
    trust = hq.revoke_key(kid, now=T0 + timedelta(hours=1))
    entry = trust.find(kid)
    assert trust.version == 3 and entry is not None and entry.revoked
    assert hq.revoke_key(kid, now=T0 + timedelta(hours=2)).version == 3  # idempotent
    with pytest.raises(NotFound):
        hq.revoke_key(b"\x00" * 8)
    reopened = HqDir.open(hq.path, HQ_PASSPHRASE)
    assert reopened.trust_list().version == 3
    assert reopened.certificate(kid).key.key_id == kid


def test_hq_refuses_to_issue_with_clock_behind(hq: HqDir) -> None:
    with pytest.raises(InvalidInput, match="clock"):
        hq.issue_trust_list(now=T0 - timedelta(days=1))


def test_revoke_tokens(hq: HqDir) -> None:
    rl = hq.revoke_tokens([b"\x07" * 16], now=T0)
    assert rl.version == 2 and b"\x07" * 16 in rl
    assert HqDir.open(hq.path, HQ_PASSPHRASE).revocation_list().version == 2


def test_tampered_trust_list_file_is_detected(hq: HqDir) -> None:
    path = hq.path / "trustlist.cose"
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptData):
        HqDir.open(hq.path, HQ_PASSPHRASE)


def test_sign_document_refuses_reserved_kinds(hq: HqDir) -> None:
    with pytest.raises(InvalidInput):
        hq.sign_document("trustlist", 1, {})
    assert hq.sign_document("receipt", 1, {"batch": "x"})


def _recipient() -> str:
    return str(pyrage.x25519.Identity.generate().to_public())


def test_registry_key_is_stable_secret_and_distinct(hq: HqDir) -> None:
    again = HqDir.open(hq.path, HQ_PASSPHRASE)
    assert len(hq.registry_key) == 32 and again.registry_key == hq.registry_key
    assert hq.registry_key.hex() not in (hq.path / "hq.json").read_text()
    other = HqDir.init(hq.path.parent / "other", HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests(), now=T0)
    assert other.registry_key != hq.registry_key


def test_escrow_recipients_stored_and_carried_in_enrollment(tmp_path: Path) -> None:
    escrow = [_recipient(), _recipient()]
    hq = HqDir.init(tmp_path / "hq", HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests(), now=T0,
                    escrow=[escrow[0], f" {escrow[1]} ", escrow[0]])
    assert hq.escrow_recipients == tuple(escrow)
    assert json.loads((hq.path / "hq.json").read_text())["escrow"] == escrow
    assert HqDir.open(hq.path, HQ_PASSPHRASE).escrow_recipients == tuple(escrow)
    pkg = hq.enroll_post("NIA", now=T0)
    assert open_enrollment(pkg.data, pkg.passphrase).escrow_recipients == tuple(escrow)


def test_no_escrow_by_default_and_old_enrollment_files_open(hq: HqDir) -> None:
    assert hq.escrow_recipients == ()
    assert "escrow" not in json.loads((hq.path / "hq.json").read_text())
    pkg = hq.enroll_post("NIA", now=T0)
    assert open_enrollment(pkg.data, pkg.passphrase).escrow_recipients == ()


def test_escrow_must_be_age_recipients(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="age public key"):
        HqDir.init(tmp_path / "hq", HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests(),
                   escrow=["AGE-SECRET-KEY-1QQQ"])
    assert not (tmp_path / "hq" / "hq.json").exists()


def test_escrow_list_edited_in_hq_json_is_refused(tmp_path: Path) -> None:
    hq = HqDir.init(tmp_path / "hq", HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests(), now=T0,
                    escrow=[_recipient()])
    for escrow in ([_recipient()], [*hq.escrow_recipients, _recipient()]):
        header = json.loads((hq.path / "hq.json").read_text())
        header["escrow"] = escrow
        (hq.path / "hq.json").write_text(json.dumps(header))
        with pytest.raises(CorruptData, match="escrow"):
            HqDir.open(hq.path, HQ_PASSPHRASE)
    # Slipping an escrow list into an HQ set up without one is refused too.
    plain = HqDir.init(tmp_path / "plain", HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests(), now=T0)
    header = json.loads((plain.path / "hq.json").read_text())
    header["escrow"] = [_recipient()]
    (plain.path / "hq.json").write_text(json.dumps(header))
    with pytest.raises(CorruptData, match="escrow"):
        HqDir.open(plain.path, HQ_PASSPHRASE)
