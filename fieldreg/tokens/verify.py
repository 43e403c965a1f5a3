"""Offline verification of a token against HQ's trust list and revocation list.

    verdict = verify_token(text, store.trust, store.revocations, utcnow(),
                           clock_floor=store.clock_floor)
    print(verdict.message)            # "VALID: ...", "INVALID: bad signature (...)", ...

Checks, in order (docs/formats/token.md, "Verification"): prefix and version,
structure, key id known, signature, key not revoked, issuing post matches the
key's post, key's signing window contains the issue time, token id not revoked,
issue time not in the future, token not expired. Any input string gives a
``Verdict``; nothing here raises for bad input.

Time: this computer's clock is never believed earlier than ``clock_floor`` or
the trust list's own issue time (a laptop whose CMOS battery died boots in
2000). A token up to ``CLOCK_GRACE`` ahead of that is VALID with a clock
warning; further ahead it is INVALID for a *clock* reason: the signature is
genuine, so it is not called a forgery.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from fieldreg.keys.ids import key_id_hex
from fieldreg.keys.trustlist import RevocationList, TrustList
from fieldreg.messages import Message
from fieldreg.tokens.codec import decode_token, parse_claims
from fieldreg.tokens.verdict import Reason, Status, TokenError, Verdict

CLOCK_SKEW = timedelta(minutes=10)
CLOCK_GRACE = timedelta(hours=24)


def verify_token(
    text: str,
    trust: TrustList,
    revocations: RevocationList | None,
    now: datetime,
    *,
    clock_floor: datetime | None = None,
) -> Verdict:
    """Verify ``text``; ``now`` must be timezone-aware (a naive datetime is a bug: ValueError)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC)")
    warnings: list[Message] = []
    effective = max(
        now,
        trust.issued_at,
        clock_floor or trust.issued_at,
        trust.issued_at if revocations is None else revocations.issued_at,
    )
    if effective > now + CLOCK_SKEW:
        warnings.append(Message(
            "this computer's clock ({now:%Y-%m-%d %H:%M} UTC) is behind the latest HQ list; "
            "using {effective:%Y-%m-%d %H:%M} UTC", now=now, effective=effective))
    if trust.expired(effective):
        warnings.append(Message(
            "trust list version {version} expired on {expires:%Y-%m-%d}: "
            "load a newer one from HQ (recently revoked keys may be missing)",
            version=trust.version, expires=trust.expires_at))

    try:
        decoded = decode_token(text)
    except TokenError as exc:
        return Verdict(Status.INVALID, exc.reason, exc.detail, warnings=tuple(warnings))
    message = decoded.message

    hit = trust.lookup(message.kid)
    if hit is None:
        return _invalid(Reason.UNKNOWN_KEY, Message(
            "key {kid} is not in trust list version {version}", kid=message.kid.hex(), version=trust.version),
            warnings)
    entry, public = hit
    if not message.verify(public):
        return _invalid(Reason.BAD_SIGNATURE, Message("the token was altered or forged"), warnings)
    try:
        claims = parse_claims(decoded)
    except TokenError as exc:
        return _invalid(exc.reason, exc.detail, warnings)

    def invalid(reason: Reason, detail: Message) -> Verdict:
        return Verdict(Status.INVALID, reason, detail, claims, entry, tuple(warnings))

    if entry.revoked_at is not None:
        return invalid(Reason.REVOKED_KEY, Message(
            "HQ revoked key {kid} of post {post} on {revoked:%Y-%m-%d}",
            kid=key_id_hex(entry.key_id), post=entry.post_id, revoked=entry.revoked_at))
    if claims.issuing_post != entry.post_id:
        return invalid(Reason.ISSUER_MISMATCH, Message(
            "token names post {named} but is signed by key {kid} of post {post}",
            named=claims.issuing_post, kid=key_id_hex(entry.key_id), post=entry.post_id))
    if not entry.could_sign_at(claims.issued_at):
        return invalid(Reason.KEY_NOT_VALID_AT_ISSUE, Message(
            "issued {issued:%Y-%m-%d %H:%M} UTC, outside the key's validity "
            "{start:%Y-%m-%d} to {end:%Y-%m-%d}",
            issued=claims.issued_at, start=entry.not_before, end=entry.not_after))
    if revocations is not None and claims.token_id in revocations:
        return Verdict(Status.REVOKED, Reason.TOKEN_REVOKED, Message(
            "HQ revoked this token (revocation list version {version}); a newer slip may exist",
            version=revocations.version), claims, entry, tuple(warnings))
    ahead = claims.issued_at - effective
    if ahead > CLOCK_GRACE:
        return invalid(Reason.CLOCK, Message(
            "issued {span} in the future: the post's or this computer's clock is wrong "
            "(the signature itself is genuine)", span=_span(ahead)))
    if ahead > CLOCK_SKEW:
        warnings.append(Message(
            "issued {span} in the future: check the post's and this computer's clocks", span=_span(ahead)))
    if claims.expires_at is not None and effective >= claims.expires_at:
        return invalid(Reason.EXPIRED, Message("token expired on {expires:%Y-%m-%d}", expires=claims.expires_at))
    return Verdict(Status.VALID, None, None, claims, entry, tuple(warnings))


def _invalid(reason: Reason, detail: Message, warnings: list[Message]) -> Verdict:
    return Verdict(Status.INVALID, reason, detail, warnings=tuple(warnings))


def _span(delta: timedelta) -> Message:
    hours = delta.total_seconds() / 3600
    return Message("{hours:.0f} h", hours=hours) if hours < 48 else Message("{days:.0f} days", days=hours / 24)
