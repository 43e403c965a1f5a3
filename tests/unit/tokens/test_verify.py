"""Verification verdicts: every reason, rotation, revocation, clocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.errors import TokenInvalid, TokenRevoked
from fieldreg.keys import RevocationList
from fieldreg.keys.cose import canonical_dumps, sign1
from fieldreg.tokens import Claims, Reason, Status, encode_token, verify_token
from fieldreg.tokens.base45 import b45encode
from fieldreg.tokens.codec import PREFIX

from .conftest import T0, World, make_claims

NOW = T0 + timedelta(days=2)


def test_valid(world: World) -> None:
    cl = make_claims(5)
    v = verify_token(encode_token(cl, world.post), world.trust, None, NOW)
    assert v.status is Status.VALID and v.ok and v.exit_code == 0 and v.reason is None
    assert v.claims == cl and v.key == world.post.certificate.key and not v.warnings
    assert v.message.startswith("VALID: TGR1-26-000042-")
    assert v.raise_for_status() is v


def test_bad_signature(world: World) -> None:
    # Same key id, different key: what a forger without the post's key can do.
    cl = make_claims()
    body = sign1(_payload(cl), Ed25519PrivateKey.generate(), kid=world.post.key_id)
    v = verify_token(PREFIX + b45encode(body), world.trust, None, NOW)
    assert (v.status, v.reason) == (Status.INVALID, Reason.BAD_SIGNATURE)
    assert v.exit_code == 4 and "altered or forged" in v.message
    with pytest.raises(TokenInvalid):
        v.raise_for_status()


def _payload(cl: Claims) -> bytes:
    return canonical_dumps(cl.to_cbor_map())


def test_unknown_key(world: World) -> None:
    other = world.new_post_key()
    v = verify_token(encode_token(make_claims(), other), world.trust, None, NOW)
    assert v.reason is Reason.UNKNOWN_KEY and other.key_id.hex() in v.message


def test_revoked_key(world: World) -> None:
    text = encode_token(make_claims(), world.post)
    entry = replace(world.post.certificate.key, revoked_at=NOW)
    v = verify_token(text, world.trust_with(entry), None, NOW)
    assert v.reason is Reason.REVOKED_KEY and v.status is Status.INVALID


def test_key_not_valid_at_issue_time(world: World) -> None:
    text = encode_token(make_claims(issued_at=T0 + timedelta(days=100)), world.post)
    entry = replace(world.post.certificate.key, not_after=T0 + timedelta(days=50))
    v = verify_token(text, world.trust_with(entry), None, T0 + timedelta(days=101))
    assert v.reason is Reason.KEY_NOT_VALID_AT_ISSUE


def test_issuer_mismatch(world: World) -> None:
    # A key certified for NIA signs a token claiming TGR1: refused even with a good signature.
    nia = world.new_post_key("NIA")
    cl = make_claims()
    body = sign1(_payload(cl), nia.private_key, kid=nia.key_id)
    v = verify_token(PREFIX + b45encode(body), world.trust_with(nia.certificate.key), None, NOW)
    assert v.reason is Reason.ISSUER_MISMATCH


def test_rotation_old_tokens_still_verify(world: World) -> None:
    old_text = encode_token(make_claims(issued_at=T0 + timedelta(days=10)), world.post)
    rotation = T0 + timedelta(days=30)
    new_key = world.new_post_key(start=rotation)
    retired = replace(world.post.certificate.key, not_after=rotation + timedelta(days=7))
    trust = world.trust_with(retired, new_key.certificate.key, issued_at=rotation)
    later = T0 + timedelta(days=60)
    new_text = encode_token(make_claims(issued_at=later), new_key)
    assert verify_token(old_text, trust, None, later).ok
    assert verify_token(new_text, trust, None, later).ok
    # The retired key can no longer issue: a token it signs after the grace period is refused.
    late_cl = make_claims(issued_at=rotation + timedelta(days=8))
    late = PREFIX + b45encode(sign1(_payload(late_cl), world.post.private_key, kid=world.post.key_id))
    assert verify_token(late, trust, None, later).reason is Reason.KEY_NOT_VALID_AT_ISSUE


def test_revoked_token(world: World) -> None:
    cl = make_claims()
    rl = RevocationList.issue(version=1, issued_at=T0, token_ids={cl.token_id}, root=world.root)
    v = verify_token(encode_token(cl, world.post), world.trust, rl, NOW)
    assert v.status is Status.REVOKED and v.exit_code == 5 and v.claims == cl
    with pytest.raises(TokenRevoked):
        v.raise_for_status()
    other = RevocationList.issue(version=2, issued_at=T0, token_ids={b"\x00" * 16}, root=world.root)
    assert verify_token(encode_token(cl, world.post), world.trust, other, NOW).ok


def test_expired_token(world: World) -> None:
    cl = make_claims(expires_at=T0 + timedelta(days=30))
    text = encode_token(cl, world.post)
    assert verify_token(text, world.trust, None, T0 + timedelta(days=29)).ok
    v = verify_token(text, world.trust, None, T0 + timedelta(days=31))
    assert v.reason is Reason.EXPIRED


def test_issued_a_few_hours_in_the_future_is_a_clock_warning(world: World) -> None:
    issued = T0 + timedelta(days=5)
    text = encode_token(make_claims(issued_at=issued), world.post)
    v = verify_token(text, world.trust, None, issued - timedelta(hours=3))
    assert v.ok and any("future" in w and "clock" in w for w in map(str, v.warnings))
    far = verify_token(text, world.trust, None, issued - timedelta(days=3, hours=1))
    assert far.status is Status.INVALID and far.reason is Reason.CLOCK
    assert "genuine" in far.message and "forged" not in far.message
    assert verify_token(text, world.trust, None, issued - timedelta(minutes=5)).warnings == ()


def test_clock_floor_is_never_undercut(world: World) -> None:
    cl = make_claims(expires_at=T0 + timedelta(days=30))
    text = encode_token(cl, world.post)
    dead_battery = datetime(2000, 1, 1, tzinfo=T0.tzinfo)
    floor = T0 + timedelta(days=40)  # newest list this camp has seen
    v = verify_token(text, world.trust, None, dead_battery, clock_floor=floor)
    assert v.reason is Reason.EXPIRED  # a clock set back does not revive an expired token
    assert any("behind" in w for w in map(str, v.warnings))
    # Without a floor the trust list's own issue time is the floor.
    v2 = verify_token(encode_token(make_claims(), world.post), world.trust, None, dead_battery)
    assert v2.ok and any("behind" in w for w in map(str, v2.warnings))


def test_expired_trust_list_warns(world: World) -> None:
    text = encode_token(make_claims(), world.post)
    v = verify_token(text, world.trust, None, T0 + timedelta(days=200))
    assert v.ok and any("expired" in w for w in map(str, v.warnings))


def test_naive_now_is_a_bug(world: World) -> None:
    with pytest.raises(ValueError):
        verify_token("FR1:", world.trust, None, datetime(2026, 1, 1))

