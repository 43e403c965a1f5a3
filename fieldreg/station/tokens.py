"""Post keys and slip tokens at a border post: issue on first slip, reuse on reprint, reissue.

    issued = issue_token(session, "TGR1-26-000042-B")     # IssuedToken (same token on reprint)
    slip = slip_data(session.store, issued)               # SlipData for fieldreg.ui.slip_render
    new, old_id = reissue_token(session, regno, reason="slip lost in the river")

A token is signed once, on the first slip, and stored (sealed: it holds the
head's name); a reprint shows the very same token, so a household never holds
two valid slips. ``reissue_token`` is the only way to get a new one: the old
token is marked revoked, an outbox row carries its id to HQ (which publishes it
in the revocation list), and the new token gets the next serial.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.keys import PostKey, key_id_hex
from fieldreg.messages import Message
from fieldreg.model import Registration, iso_utc, utcnow
from fieldreg.regno import parse_regno
from fieldreg.station.session import Session
from fieldreg.station.slips import SlipData, SlipMember
from fieldreg.store import registry
from fieldreg.validation import clean_reason
from fieldreg.store.audit import AuditLog
from fieldreg.sqlitedb import transaction
from fieldreg.store.fields import FieldCipher
from fieldreg.store.tokens import OUTBOX_TOKEN_REVOCATION, active_token, revoke_active_token
from fieldreg.tokens import Claims, Member, Sex, encode_token
from fieldreg.tokens.claims import MAX_MEMBERS
from fieldreg.tokens.codec import decode_token, parse_claims

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


# -- post keys ------------------------------------------------------------------------

def install_post_key(
    conn: sqlite3.Connection, cipher: FieldCipher, audit: AuditLog, post_key: PostKey, *,
    station_post_id: str, actor: str, now: datetime | None = None,
) -> None:
    """Store a post key (sealed) and make it the one that signs; older keys stay for the record.

    >>> install_post_key(conn, session.cipher, session.audit_on(conn), enrollment.post_key,
    ...                  station_post_id="TGR1", actor="awa")   # doctest: +SKIP
    """
    kid = key_id_hex(post_key.key_id)
    if post_key.post_id != station_post_id:
        raise InvalidInput("this enrollment file is for post {post_id}, but this station is post {station_post_id}; nothing was changed", post_id=post_key.post_id, station_post_id=station_post_id)
    if conn.execute("SELECT 1 FROM post_keys WHERE key_id = ?", (kid,)).fetchone():
        raise InvalidInput("key {kid} is already loaded; nothing was changed", kid=kid)
    entry = post_key.certificate.key
    conn.execute("UPDATE post_keys SET current = 0")
    conn.execute(
        "INSERT INTO post_keys (key_id, post_id, certificate, private_key, not_before, not_after,"
        " current, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
        (kid, post_key.post_id, post_key.certificate.raw,
         cipher.seal("post_keys", kid, "private_key", post_key.private_bytes()),
         iso_utc(entry.not_before), iso_utc(entry.not_after), iso_utc(now or utcnow()), actor),
    )
    audit.append(actor=actor, action="key_load", subject=post_key.post_id, details={"key": kid})


def current_post_key(session: Session, *, now: datetime | None = None) -> PostKey:
    """The key new tokens are signed with; a clear error when there is none or it expired."""
    row = session.store.db.execute(
        "SELECT key_id, certificate, private_key FROM post_keys WHERE current = 1"
    ).fetchone()
    root = session.store.meta_or("hq_root")
    if row is None or root is None:
        raise InvalidInput(NO_KEY)
    seed = session.cipher.open("post_keys", row[0], "private_key", row[2])
    key = PostKey.load(seed, row[1], root_public=bytes.fromhex(root))
    moment = now or utcnow()
    if not key.can_sign_at(moment):
        raise InvalidInput("this post's key {row} may sign only from {not_before:%Y-%m-%d} to {not_after:%Y-%m-%d}: load a new enrollment file from HQ ('fieldreg keys load FILE')", row=row[0], not_before=key.certificate.key.not_before, not_after=key.certificate.key.not_after)
    return key


def list_post_keys(session: Session) -> list[tuple[str, str, str, bool]]:
    """(key id, valid from, valid until, current) for each key this post holds."""
    rows = session.store.db.execute(
        "SELECT key_id, not_before, not_after, current FROM post_keys ORDER BY loaded_at")
    return [(r[0], r[1], r[2], bool(r[3])) for r in rows]


# -- tokens ---------------------------------------------------------------------------

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


def _load(conn: sqlite3.Connection, session: Session, regno: str) -> Registration:
    reg = registry.load_registration(conn, session.cipher, str(parse_regno(regno)),
                                     with_history=False)
    if reg.status == "void":
        raise InvalidInput("{regno} is void: no slip is issued for a void registration", regno=reg.regno)
    return reg


def _sign_new(conn: sqlite3.Connection, session: Session, reg: Registration, serial: int,
              now: datetime) -> IssuedToken:
    key = current_post_key(session, now=now)
    claims = claims_for(reg, post_id=session.store.post_id, issued_at=now, serial=serial)
    text = encode_token(claims, key)
    tid = claims.token_id.hex()
    conn.execute(
        "INSERT INTO tokens (token_id, regno, serial, issued_at, issued_by, key_id, status, token)"
        " VALUES (?, ?, ?, ?, ?, ?, 'active', ?)",
        (tid, reg.regno, serial, iso_utc(claims.issued_at), session.user,
         key_id_hex(key.key_id), session.cipher.seal("tokens", tid, "token", text)),
    )
    return IssuedToken(reg, text, claims, created=True)


def issue_token(session: Session, regno: str, *, now: datetime | None = None) -> IssuedToken:
    """The registration's token: the stored one, or a newly signed one on its first slip."""
    session.require("print")
    now = now or utcnow()
    with transaction(session.store.db) as conn:
        reg = _load(conn, session, regno)
        active = active_token(conn, reg.regno)
        if active is not None:
            tid, _, sealed = active
            text = session.cipher.open("tokens", tid, "token", sealed)
            claims = parse_claims(decode_token(text))
            fresh = claims_for(reg, post_id=claims.issuing_post, issued_at=claims.issued_at,
                               serial=claims.serial)
            if not _same_content(claims, fresh):
                raise InvalidInput(
                    "{regno} was corrected after its slip was issued: print a new one with 'fieldreg slip REGNO --reissue --reason TEXT'", regno=reg.regno)
            return IssuedToken(reg, text, claims, created=False)
        issued = _sign_new(conn, session, reg, 1 + _last_serial(conn, reg.regno), now)
        session.audit_on(conn).append(actor=session.user, action="token_issue", subject=reg.regno,
                                   details={"token": issued.token_id, "serial": issued.claims.serial})
    return issued


def reissue_token(session: Session, regno: str, *, reason: str,
                  now: datetime | None = None) -> tuple[IssuedToken, str]:
    """Revoke the current token and sign the next serial; returns (new token, revoked token id)."""
    session.require("print")
    reason = clean_reason(reason)
    now = now or utcnow()
    with transaction(session.store.db) as conn:
        reg = _load(conn, session, regno)
        revoked = revoke_active_token(conn, session.cipher, reg.regno, reason=reason,
                                      actor=session.user, now=now)
        if revoked is None:
            raise NotFound("{regno} has no slip yet: print it without --reissue", regno=reg.regno)
        old_id = revoked[0]
        issued = _sign_new(conn, session, reg, 1 + _last_serial(conn, reg.regno), now)
        session.audit_on(conn).append(
            actor=session.user, action="token_reissue", subject=reg.regno,
            details={"revoked": old_id, "token": issued.token_id, "serial": issued.claims.serial})
    return issued, old_id


def _last_serial(conn: sqlite3.Connection, regno: str) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(serial), 0) FROM tokens WHERE regno = ?",
                            (regno,)).fetchone()[0])


def slip_data(session: Session, issued: IssuedToken) -> SlipData:
    """What the paper says: the head's name *as in the token* (maybe shortened), so both agree."""
    hh = issued.registration.household
    head = hh.head
    day = issued.claims.issued_at.date()
    members = tuple(SlipMember(m.given_names, max(0, m.birth.age_on(day)), m.birth.estimated)
                    for m in [head] + [m for m in hh.members if m is not head])
    return SlipData(
        regno=issued.registration.regno,
        head_family_name=issued.claims.family_name,
        head_given_names=issued.claims.given_names,
        members=members,
        post_id=session.store.post_id,
        post_name=session.store.post_name,
        issued_at=issued.claims.issued_at,
        token=issued.text,
    )


def registered_today(session: Session, *, now: datetime | None = None) -> list[str]:
    """Active registrations created today (UTC day), oldest first: ``fieldreg slip --all-today``."""
    session.require("view")
    day = (now or utcnow()).date().isoformat()
    rows = session.store.db.execute(
        "SELECT regno FROM households WHERE status = 'active' AND substr(created_at, 1, 10) = ?"
        " ORDER BY year, seq", (day,))
    return [r[0] for r in rows]
