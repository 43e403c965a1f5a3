"""Sign-in: an attempt counted before the slow key derivation, and the lock-out acknowledged.

Three steps, so that the derivation runs outside any transaction and after the
attempt is counted (the station runs them in turns: fieldreg/station/station.py):

    attempt = begin_attempt(conn, "awa", now=now)   # committed first; LockedOut; None if unknown
    secrets = open_wrap(attempt, passphrase)        # argon2id; WrongPassphrase
    ...                                             # the station checks the row and writes alerts
    failed = finish_sign_in(conn, attempt, secrets, now=now)   # in the station's transaction

The accounts themselves (roles, wraps, signed grants) are fieldreg/store/accounts.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.crypto.kdf import KdfParams, derive_key, unwrap_key, wrap_version
from fieldreg.errors import AccountDisabled, AuthError, LockedOut, UnknownUser, WrongPassphrase
from fieldreg.model import iso_utc, parse_iso_utc
from fieldreg.sqlitedb import transaction
from fieldreg.store.accounts import Secrets, get_account, retry_delay, wrap_context

UNKNOWN_META = "signin_unknown_attempts"
_LOCKOUT_INFO = b"fieldreg lockout mac v1"


@dataclass(frozen=True)
class Attempt:
    """A counted sign-in attempt (committed before the key derivation)."""

    username: str
    wrap: dict[str, Any]
    failed: int  # wrong attempts since the last success, this one included
    attempts: int  # every attempt ever, this one included (monotonic)


def begin_attempt(conn: sqlite3.Connection, username: str, *, now: datetime) -> Attempt | None:
    """Count an attempt, in its own committed transaction, before any passphrase is checked.

    The attempt is counted as wrong until :func:`finish_sign_in` says otherwise,
    so parallel guesses each see the ones before them and follow the serial
    schedule. ``LockedOut`` while the account waits; None for an unknown name
    (counted in meta, for the next administrator's audit).
    """
    with transaction(conn):
        row = conn.execute(
            "SELECT wrap, failed_attempts, retry_after, attempts FROM accounts WHERE username = ?",
            (username,)).fetchone()
        if row is None:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key)"
                         " DO UPDATE SET value = CAST(value AS INTEGER) + 1", (UNKNOWN_META,))
            return None
        wrap, failed, retry_after, attempts = row
        if retry_after and parse_iso_utc(retry_after) > now:
            wait = int((parse_iso_utc(retry_after) - now).total_seconds()) + 1
            raise LockedOut("too many wrong passphrases for {username!r}; try again in {seconds} s",
                            username=username, seconds=wait)
        failed, attempts = failed + 1, attempts + 1
        delay = retry_delay(failed)
        conn.execute(
            "UPDATE accounts SET failed_attempts = ?, attempts = ?, retry_after = ? WHERE username = ?",
            (failed, attempts, iso_utc(now + delay) if delay else None, username))
    return Attempt(username, json.loads(wrap), failed, attempts)


def open_wrap(attempt: Attempt | None, passphrase: str, *, username: str, kdf: KdfParams) -> Secrets:
    """The slow step: argon2id. A wrong passphrase and an unknown name fail alike (same cost)."""
    if attempt is None:
        derive_key(passphrase, os.urandom(16), kdf)  # the same work as a real attempt
        # The very words of a wrong passphrase: a guesser learns nothing about which names exist.
        raise UnknownUser("wrong passphrase for {username!r}", username=username)
    version = wrap_version(attempt.wrap)
    context = wrap_context(username, first=bool(attempt.wrap.get("first")))
    try:
        raw = unwrap_key(attempt.wrap, passphrase, context=context)
    except AuthError:
        delay = retry_delay(attempt.failed)
        if delay:
            raise WrongPassphrase("wrong passphrase for {username!r}; wait {seconds} s before trying again",
                                  username=username, seconds=int(delay.total_seconds())) from None
        raise WrongPassphrase("wrong passphrase for {username!r}", username=username) from None
    return Secrets.unpack(raw, version=version)


def check_enabled(conn: sqlite3.Connection, username: str) -> None:
    """``AccountDisabled`` (checked only after the passphrase: a guesser learns nothing)."""
    if get_account(conn, username).disabled:
        raise AccountDisabled("the account {username!r} is disabled; ask a supervisor", username=username)


def lockout_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_LOCKOUT_INFO).derive(data_key)


def _ack_mac(key: bytes, username: str, attempts: int) -> str:
    return hmac.new(key, f"ack:{username}:{attempts}".encode(), hashlib.sha256).hexdigest()


def finish_sign_in(conn: sqlite3.Connection, attempt: Attempt, secrets: Secrets, *,
                   now: datetime) -> tuple[int, dict[str, Any] | None]:
    """Record a success (inside the caller's transaction): (wrong attempts before it, tampering).

    The wrong attempts are counted from the monotonic ``attempts`` counter and
    the value acknowledged, under a MAC, at the previous success; a lock-out
    reset by hand (``failed_attempts`` lowered, ``retry_after`` cleared) or a
    counter lowered below the acknowledged one is returned as facts for an alert.
    """
    key = lockout_key(secrets.data_key)
    username = attempt.username
    failed_col, attempts, ack_text = conn.execute(
        "SELECT failed_attempts, attempts, attempts_ack FROM accounts WHERE username = ?",
        (username,)).fetchone()
    tampering: dict[str, Any] | None = None
    acked = 0
    if ack_text is not None:
        try:
            ack = json.loads(ack_text)
            acked = int(ack["n"])
            if not hmac.compare_digest(str(ack["mac"]), _ack_mac(key, username, acked)):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            tampering, acked = {"what": "acknowledged counter forged"}, 0
    if tampering is None and attempts < acked:
        tampering = {"what": "attempt counter lowered", "counter": attempts, "acknowledged": acked}
    elif tampering is None and ack_text is not None and failed_col < attempts - acked:
        tampering = {"what": "wrong-attempt count reset", "counted": attempts - acked - 1,
                     "recorded": failed_col - 1}
    failed_before = max(attempts - acked - 1, failed_col - 1, 0) if ack_text else failed_col - 1
    conn.execute(
        "UPDATE accounts SET failed_attempts = 0, retry_after = NULL, last_login = ?,"
        " attempts_ack = ? WHERE username = ?",
        (iso_utc(now), json.dumps({"n": attempts, "mac": _ack_mac(key, username, attempts)}),
         username))
    return failed_before, tampering


def take_unknown_attempts(conn: sqlite3.Connection) -> int:
    """Sign-ins tried with unknown user names since the last call (the counter is reset)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (UNKNOWN_META,)).fetchone()
    if row is None:
        return 0
    conn.execute("DELETE FROM meta WHERE key = ?", (UNKNOWN_META,))
    try:
        return int(row[0])
    except ValueError:
        return 0
