"""Token fixtures: an HQ root, one post key with certificate, and a trust list (test-only keys)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.keys import Certificate, KeyEntry, PostKey, TrustList
from fieldreg.keys.ids import public_raw
from fieldreg.regno import RegNo
from fieldreg.tokens import Claims, Member, Sex

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


@dataclass
class World:
    root: Ed25519PrivateKey
    post: PostKey
    trust: TrustList

    def new_post_key(self, post_id: str = "TGR1", *, start: datetime = T0, days: int = 365) -> PostKey:
        key = Ed25519PrivateKey.generate()
        cert = Certificate.issue(
            post_id=post_id, public_key=public_raw(key), not_before=start,
            not_after=start + timedelta(days=days), issued_at=start, root=self.root,
        )
        return PostKey(key, cert)

    def trust_with(self, *entries: KeyEntry, version: int = 2, issued_at: datetime = T0,
                   days: int = 90) -> TrustList:
        return TrustList.issue(version=version, issued_at=issued_at,
                               expires_at=issued_at + timedelta(days=days), entries=entries, root=self.root)


def make_claims(size: int = 4, *, issued_at: datetime = T0 + timedelta(days=1), post_id: str = "TGR1",
                family: str = "TRAORÉ", given: str = "Awa", **kw: object) -> Claims:
    members = [Member(Sex.FEMALE, 1988)] + [
        Member(Sex.MALE if i % 2 else Sex.FEMALE, 2008 + i) for i in range(size - 1)
    ]
    return Claims.new(
        registration_number=str(RegNo.build(post_id, 2026, 42)), family_name=family,
        given_names=given, members=members, issuing_post=post_id, issued_at=issued_at, **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def world() -> World:
    root = Ed25519PrivateKey.generate()
    w = World(root, None, None)  # type: ignore[arg-type]
    w.post = w.new_post_key()
    w.trust = w.trust_with(w.post.certificate.key, version=1)
    return w
