"""Slip tokens at a border post: issue on first slip, reuse on reprint, reissue.

    issued = session.tokens.issue("TGR1-26-000042-B")   # IssuedToken (same token on reprint)
    slip = session.tokens.slip(issued)                  # SlipData for fieldreg.ui.slip_render
    session.tokens.record_print(issued.registration.regno, what="slip pdf a6")
    new, old_id = session.tokens.reissue(regno, reason="slip lost in the river")

A token is signed once, on the first slip, and stored (sealed: it holds the
head's name); a reprint shows the very same token, so a household never holds
two valid slips. ``reissue`` is the only way to get a new one: the old token is
marked revoked, an outbox row carries its id to HQ (which publishes it in the
revocation list), and the new token gets the next serial.

New tokens are signed with the post's current key (:func:`current_post_key`);
the keys themselves are loaded by :mod:`fieldreg.station.trust`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.keys import PostKey, key_id_hex
from fieldreg.messages import Message
from fieldreg.model import Registration, utcnow
from fieldreg.regno import parse_regno
from fieldreg.sqlitedb import transaction
from fieldreg.station.service import Service
from fieldreg.station.signed_in import SignedIn
from fieldreg.station.slips import SlipData, SlipMember
from fieldreg.store import keys, registry
from fieldreg.store.tokens import (
    active_token,
    insert_token,
    last_serial,
    revoke_active_token,
)
from fieldreg.tokens import Claims, Member, Sex, encode_token
from fieldreg.tokens.claims import MAX_MEMBERS
from fieldreg.tokens.codec import decode_token, parse_claims
from fieldreg.validation import clean_reason

_SEX = {"F": Sex.FEMALE, "M": Sex.MALE}  # "X" (other / not stated) -> Sex.UNKNOWN
NO_KEY = Message("this post has no signing key, so it cannot issue slips: enroll it with HQ "
                 "('fieldreg init --enroll FILE' for a new post, 'fieldreg keys load FILE' for this one)")


@dataclass(frozen=True)
class IssuedToken:
    """A registration's current token: its text, its claims, and whether it was just signed."""

    registration: Registration
    text: str
    claims: Claims
    created: bool

    @property
    def token_id(self) -> str:
        return self.claims.token_id.hex()


class Tokens(Service):
    """The slips of a border post: ``session.tokens``."""

    permissions = {
        "issue": "print",
        "reissue": "print",
        "slip": "print",
        "record_print": "print",
        "registered_today": "view",
    }

    def issue(self, regno: str, *, now: datetime | None = None) -> IssuedToken:
        """The registration's token: the stored one, or a newly signed one on its first slip."""
        session = self._session
        now = now or utcnow()
        with transaction(session.store.db) as conn:
            reg = self._load(conn, regno)
            active = active_token(conn, reg.regno)
            if active is not None:
                tid, _, sealed = active
                text = session.cipher.open("tokens", tid, "token", sealed)
                claims = parse_claims(decode_token(text))
                fresh = claims_for(reg, post_id=claims.issuing_post, issued_at=claims.issued_at,
                                   serial=claims.serial)
                if not _same_content(claims, fresh):
                    raise InvalidInput(
                        "{regno} was corrected after its slip was issued: print a new one with "
                        "'fieldreg slip REGNO --reissue --reason TEXT'",
                        regno=reg.regno)
                return IssuedToken(reg, text, claims, created=False)
            issued = self._sign_new(conn, reg, now)
            session.audit_on(conn).append(
                actor=session.user, action="token_issue", subject=reg.regno,
                details={"token": issued.token_id, "serial": issued.claims.serial})
        return issued

    def reissue(self, regno: str, *, reason: str,
                now: datetime | None = None) -> tuple[IssuedToken, str]:
        """Revoke the current token and sign the next serial; returns (new token, revoked token id)."""
        session = self._session
        reason = clean_reason(reason)
        now = now or utcnow()
        with transaction(session.store.db) as conn:
            reg = self._load(conn, regno)
            revoked = revoke_active_token(conn, session.cipher, reg.regno, reason=reason,
                                          actor=session.user, now=now)
            if revoked is None:
                raise NotFound("{regno} has no slip yet: print it without --reissue", regno=reg.regno)
            old_id = revoked[0]
            issued = self._sign_new(conn, reg, now)
            session.audit_on(conn).append(
                actor=session.user, action="token_reissue", subject=reg.regno,
                details={"revoked": old_id, "token": issued.token_id, "serial": issued.claims.serial})
        return issued, old_id

    def slip(self, issued: IssuedToken) -> SlipData:
        """What the paper says: the head's name *as in the token* (maybe shortened), so both agree."""
        hh = issued.registration.household
        head = hh.head
        day = issued.claims.issued_at.date()
        members = tuple(SlipMember(m.given_names, max(0, m.birth.age_on(day)), m.birth.estimated)
                        for m in [head] + [m for m in hh.members if m is not head])
        station = self._session.station
        return SlipData(
            regno=issued.registration.regno,
            head_family_name=issued.claims.family_name,
            head_given_names=issued.claims.given_names,
            members=members,
            post_id=station.post_id,
            post_name=station.post_name,
            issued_at=issued.claims.issued_at,
            token=issued.text,
        )

    def record_print(self, regno: str, *, what: str) -> None:
        """Audit that a slip (or other document) for ``regno`` was printed or saved."""
        session = self._session
        with transaction(session.store.db) as conn:
            session.audit_on(conn).append(
                actor=session.user, action="print", subject=regno, details={"what": what}
            )

    def registered_today(self, *, now: datetime | None = None) -> list[str]:
        """Active registrations created today (UTC day), oldest first: ``fieldreg slip --all-today``."""
        day = (now or utcnow()).date().isoformat()
        return registry.registered_on(self._session.store.db, day)

    def _load(self, conn: sqlite3.Connection, regno: str) -> Registration:
        reg = registry.load_registration(conn, self._session.cipher, str(parse_regno(regno)),
                                         with_history=False)
        if reg.status == "void":
            raise InvalidInput("{regno} is void: no slip is issued for a void registration", regno=reg.regno)
        return reg

    def _sign_new(self, conn: sqlite3.Connection, reg: Registration, now: datetime) -> IssuedToken:
        """Sign the registration's next serial with the current key and store it as active."""
        session = self._session
        key = current_post_key(session, now=now)
        claims = claims_for(reg, post_id=session.station.post_id, issued_at=now,
                            serial=1 + last_serial(conn, reg.regno))
        text = encode_token(claims, key)
        insert_token(conn, session.cipher, token_id=claims.token_id.hex(), regno=reg.regno,
                     serial=claims.serial, issued_at=claims.issued_at, issued_by=session.user,
                     key_id=key_id_hex(key.key_id), text=text)
        return IssuedToken(reg, text, claims, created=True)


def current_post_key(session: SignedIn, *, now: datetime | None = None) -> PostKey:
    """The key new tokens are signed with; a clear error when there is none or it expired."""
    root = session.store.meta_or("hq_root")
    held = keys.current_key(session.store.db, session.cipher) if root is not None else None
    if held is None or root is None:
        raise InvalidInput(NO_KEY)
    key_id, certificate, seed = held
    key = PostKey.load(seed, certificate, root_public=bytes.fromhex(root))
    moment = now or utcnow()
    if not key.can_sign_at(moment):
        raise InvalidInput(
            "this post's key {row} may sign only from {not_before:%Y-%m-%d} to {not_after:%Y-%m-%d}: "
            "load a new enrollment file from HQ ('fieldreg keys load FILE')",
            row=key_id, not_before=key.certificate.key.not_before, not_after=key.certificate.key.not_after
        )
    return key


def claims_for(reg: Registration, *, post_id: str, issued_at: datetime, serial: int) -> Claims:
    """What the token of ``reg`` says (head first); names shortened to fit, as the slip prints them."""
    head = reg.household.head
    ordered = [head] + [m for m in reg.household.members if m is not head]
    return Claims.new(
        registration_number=reg.regno,
        family_name=head.family_name,
        given_names=head.given_names,
        # A token lists at most MAX_MEMBERS (head first); ``size`` still counts everyone.
        members=[Member(_SEX.get(m.sex, Sex.UNKNOWN), m.birth.year) for m in ordered[:MAX_MEMBERS]],
        household_size=len(ordered),
        issuing_post=post_id,
        issued_at=issued_at,
        serial=serial,
    )


def _same_content(a: Claims, b: Claims) -> bool:
    return (a.family_name, a.given_names, a.members, a.household_size) == (
        b.family_name, b.given_names, b.members, b.household_size)
