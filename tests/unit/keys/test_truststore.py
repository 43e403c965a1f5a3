"""Camp-side trust: pinning HQ's key, refusing older lists, clock floor, persistence."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.errors import CorruptData, InvalidInput, NotFound
from fieldreg.keys import HqDir, RevocationList, StaleTrustList, TrustList, TrustStore, fingerprint
from fieldreg.keys.ids import public_raw

from .conftest import T0


def test_bootstrap_needs_the_right_fingerprint(hq: HqDir) -> None:
    data = hq.trust_list().raw
    store = TrustStore.create(None, data, fingerprint=hq.fingerprint.lower())
    assert store.root_public == hq.root_public
    other = fingerprint(public_raw(Ed25519PrivateKey.generate()))
    with pytest.raises(CorruptData, match="different HQ key"):
        TrustStore.create(None, data, fingerprint=other)
    with pytest.raises(InvalidInput):
        TrustStore.create(None, data, fingerprint="not a fingerprint")


def test_impostor_hq_list_is_refused_after_pinning(hq: HqDir) -> None:
    store = TrustStore.create(None, hq.trust_list().raw, fingerprint=hq.fingerprint)
    impostor = TrustList.issue(
        version=99, issued_at=T0, expires_at=T0 + timedelta(days=1), entries=(),
        root=Ed25519PrivateKey.generate(),
    )
    with pytest.raises(CorruptData):
        store.load_trust_list(impostor.raw)


def test_older_list_is_refused_newer_accepted(hq: HqDir) -> None:
    v1 = hq.trust_list()
    hq.enroll_post("NIA", now=T0)
    v2 = hq.trust_list()
    v3 = hq.issue_trust_list(now=T0 + timedelta(days=1))
    store = TrustStore.create(None, v2.raw, fingerprint=hq.fingerprint)
    with pytest.raises(StaleTrustList, match="older"):
        store.load_trust_list(v1.raw)
    assert store.load_trust_list(v2.raw).version == 2  # the same list again is fine
    assert store.load_trust_list(v3.raw).version == 3
    with pytest.raises(StaleTrustList):
        store.load_trust_list(v2.raw)
    assert store.trust.version == 3


def test_same_version_different_content_is_a_conflict(hq: HqDir, tmp_path: Path) -> None:
    store = TrustStore.create(None, hq.trust_list().raw, fingerprint=hq.fingerprint)
    # A second HQ directory cannot share the root; simulate a fork by re-signing version 1.
    forked = TrustList.issue(
        version=1, issued_at=T0 + timedelta(seconds=1), expires_at=T0 + timedelta(days=2),
        entries=(), root=hq._root,  # the test needs the root to build a fork
    )
    with pytest.raises(CorruptData, match="both claim version 1"):
        store.load_trust_list(forked.raw)


def test_revocations_and_clock_floor(hq: HqDir) -> None:
    store = TrustStore.create(None, hq.trust_list().raw, fingerprint=hq.fingerprint)
    assert store.clock_floor == T0
    rl2 = hq.revoke_tokens([b"\x01" * 16], now=T0 + timedelta(days=3))
    store.load_revocations(rl2.raw)
    assert store.clock_floor == T0 + timedelta(days=3)
    with pytest.raises(StaleTrustList):
        store.load_revocations(_older_rl(hq))


def _older_rl(hq: HqDir) -> bytes:
    return RevocationList.issue(
        version=1, issued_at=T0, token_ids=set(), root=hq._root
    ).raw


def test_persisted_store_reopens_and_keeps_newest(hq: HqDir, tmp_path: Path) -> None:
    where = tmp_path / "camp-trust"
    with pytest.raises(NotFound):
        TrustStore.open(where)
    TrustStore.create(where, hq.trust_list().raw, fingerprint=hq.fingerprint)
    hq.enroll_post("NIA", now=T0)
    store = TrustStore.open(where)
    store.load_trust_list(hq.trust_list().raw)
    store.load_revocations(hq.revoke_tokens([b"\x02" * 16], now=T0).raw)
    again = TrustStore.open(where)
    assert again.trust.version == 2
    assert again.revocations is not None and b"\x02" * 16 in again.revocations
