"""Staff accounts: roles, passphrases, signed grants, and the growing delay after wrong guesses.

Every account wraps the same random data key under a key derived from its own
passphrase (see :mod:`fieldreg.crypto.kdf`); changing a passphrase re-wraps
that key and never touches the data. A wrap (version 2) is bound to its user
name and to whether it is a first passphrase, and holds, next to the data key,
the account-authority seeds the role needs (fieldreg/keys/authority.py): an
administrator's both, a supervisor's the supervisor seed, an officer's none.
Each row's ``grant`` (role, disabled) is signed by that authority, so the data
key alone, which every user holds, cannot make an account more powerful.

Sign-in itself (the attempt counted before the key derivation, the lock-out
acknowledged) is fieldreg/store/signin.py.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from fieldreg.crypto.kdf import KdfParams, wrap_key, wrap_version
from fieldreg.errors import (
    InvalidInput,
    NotFound,
    PassphraseIsUserName,
    PassphraseTooShort,
    PermissionDenied,
)
from fieldreg.keys.authority import Authority, AuthorityKeys, Grant, check_grant, sign_grant
from fieldreg.messages import Message
from fieldreg.model import iso_utc
from fieldreg.validation.staff import USERNAME_RE

ROLES = ("officer", "supervisor", "admin")
MIN_PASSPHRASE = 10
FREE_ATTEMPTS = 3  # wrong passphrases allowed before the delay starts
MAX_DELAY_S = 300

# Which roles may do what. Admins may do everything; supervisors what
# officers do plus review, export and officer accounts.
PERMISSIONS: dict[str, frozenset[str]] = {
    "register": frozenset(ROLES),
    "view": frozenset(ROLES),
    "print": frozenset(ROLES),
    "verify": frozenset(ROLES),
    "correct": frozenset({"supervisor", "admin"}),
    "void": frozenset({"supervisor", "admin"}),
    "stats": frozenset({"supervisor", "admin"}),
    "audit": frozenset({"supervisor", "admin"}),
    "export": frozenset({"supervisor", "admin"}),
    # The network outbox runs in whoever's session is open (an officer's, most of a day): it
    # sends batches only to the HQ pinned at enrollment, encrypted to HQ, as the post's settings
    # allow (an administrator sets them). Writing a batch to a stick stays "export".
    "sync": frozenset(ROLES),
    "decide_duplicates": frozenset({"supervisor", "admin"}),
    "manage_officers": frozenset({"supervisor", "admin"}),
    "manage_all_accounts": frozenset({"admin"}),
}
#: Each role as messages name it.
ROLE_NAMES: dict[str, Message] = {
    "officer": Message("officer"),
    "supervisor": Message("supervisor"),
    "admin": Message("administrator"),
}
#: What each permission lets a user do, for "may not ..." messages.
ACTIONS: dict[str, Message] = {
    "register": Message("register households"),
    "view": Message("see registrations"),
    "print": Message("print slips"),
    "verify": Message("verify slips"),
    "correct": Message("correct registrations"),
    "void": Message("void registrations"),
    "stats": Message("see the statistics"),
    "audit": Message("read the audit log"),
    "export": Message("export batches"),
    "sync": Message("send the post's batches to HQ"),
    "decide_duplicates": Message("decide on possible duplicates"),
    "manage_officers": Message("manage officer accounts"),
    "manage_all_accounts": Message("manage every account"),
}


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    must_change: bool
    disabled: bool
    created_at: str
    last_login: str | None
    #: The row carries a signed grant (False: made before the account authority existed).
    signed: bool = True

    def may(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]


def check_username(username: str) -> None:
    if not USERNAME_RE.match(username):
        raise InvalidInput(
            "user name {username!r} must be 2-32 lower-case letters, digits, '.', '_' or '-', starting with a letter",
            username=username
        )


def check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInput("role {role!r} is not one of {join}", role=role, join=', '.join(ROLES))


def check_passphrase(passphrase: str, *, username: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort("a passphrase needs at least {min_passphrase} characters",
                                 min_passphrase=MIN_PASSPHRASE)
    if passphrase.strip().lower() == username.lower():
        raise PassphraseIsUserName("the passphrase must not be the user name")


def retry_delay(failed_attempts: int) -> timedelta:
    """How long to wait after ``failed_attempts`` consecutive wrong passphrases."""
    if failed_attempts < FREE_ATTEMPTS:
        return timedelta(0)
    return timedelta(seconds=min(2 ** (failed_attempts - FREE_ATTEMPTS), MAX_DELAY_S))


AUTHORITY_META = "account_authority"
_HAS_ADMIN, _HAS_SUPERVISOR = 0x01, 0x02


@dataclass(frozen=True)
class Secrets:
    """What a wrap holds: the data key, and the authority seeds of the role."""

    data_key: bytes
    keys: AuthorityKeys = field(default_factory=AuthorityKeys)

    def pack(self) -> bytes:
        """``flags ‖ data key ‖ [admin seed] ‖ [supervisor seed]`` (flags: 1 admin, 2 supervisor)."""
        flags = (_HAS_ADMIN if self.keys.admin else 0) | (_HAS_SUPERVISOR if self.keys.supervisor else 0)
        return bytes([flags]) + self.data_key + (self.keys.admin or b"") + (self.keys.supervisor or b"")

    @classmethod
    def unpack(cls, raw: bytes, *, version: int) -> Secrets:
        if version == 1:  # a bare data key
            return cls(raw)
        flags, rest = raw[0], raw[1:]
        data_key, rest = rest[:32], rest[32:]
        admin = supervisor = None
        if flags & _HAS_ADMIN:
            admin, rest = rest[:32], rest[32:]
        if flags & _HAS_SUPERVISOR:
            supervisor, rest = rest[:32], rest[32:]
        return cls(data_key, AuthorityKeys(admin, supervisor))

    def for_role(self, role: str) -> Secrets:
        return Secrets(self.data_key, self.keys.for_role(role))


def wrap_context(username: str, *, first: bool) -> bytes:
    """What a version 2 wrap is bound to: its user name, and whether it is a first passphrase."""
    return f"{username}|first={int(first)}".encode()


def make_wrap(username: str, secrets: Secrets, passphrase: str, *, first: bool, kdf: KdfParams) -> str:
    wrap = wrap_key(secrets.pack(), passphrase, params=kdf, context=wrap_context(username, first=first))
    wrap["first"] = first
    return json.dumps(wrap)


def wrap_pin(wrap_text: str) -> str:
    """SHA-256 (hex) of a wrap's stored text: what a legacy account's grant pins."""
    return hashlib.sha256(wrap_text.encode("utf-8")).hexdigest()


# -- the authority, in meta -----------------------------------------------------------

def get_authority(conn: sqlite3.Connection) -> Authority | None:
    """The station's account authority; None for a store made before it existed."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (AUTHORITY_META,)).fetchone()
    if row is None:
        return None
    try:
        return Authority.from_json(json.loads(row[0]))
    except ValueError:
        return Authority(b"", b"", b"")  # damaged: nothing verifies against it


def set_authority(conn: sqlite3.Connection, authority: Authority) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (AUTHORITY_META, json.dumps(authority.to_json())))


def _grant_or_refuse(keys: AuthorityKeys, *, post: str, user: str, role: str, disabled: bool,
                     pin: str) -> str:
    grant = sign_grant(keys, post=post, user=user, role=role, disabled=disabled, pin=pin)
    if grant is None:
        raise PermissionDenied(
            "your account holds no key that may grant the role {role}; an administrator must "
            "reset your passphrase first", role=ROLE_NAMES[role])
    return json.dumps(grant.to_json())


def sign_all(conn: sqlite3.Connection, keys: AuthorityKeys, *, post: str) -> int:
    """Sign every row as it stands (a legacy store's upgrade): each legacy wrap is pinned."""
    rows = conn.execute("SELECT username, role, disabled, wrap FROM accounts").fetchall()
    for username, role, disabled, wrap in rows:
        pin = wrap_pin(wrap) if wrap_version(json.loads(wrap)) == 1 else ""
        conn.execute("UPDATE accounts SET grant_sig = ? WHERE username = ?",
                     (_grant_or_refuse(keys, post=post, user=username, role=role,
                                       disabled=bool(disabled), pin=pin), username))
    return len(rows)


def resign(conn: sqlite3.Connection, keys: AuthorityKeys, *, post: str, username: str) -> None:
    """Sign one row again as it stands (an administrator repairing their own after a replaced authority)."""
    role, disabled, wrap = conn.execute(
        "SELECT role, disabled, wrap FROM accounts WHERE username = ?", (username,)).fetchone()
    pin = wrap_pin(wrap) if wrap_version(json.loads(wrap)) == 1 else ""
    conn.execute("UPDATE accounts SET grant_sig = ? WHERE username = ?",
                 (_grant_or_refuse(keys, post=post, user=username, role=role,
                                   disabled=bool(disabled), pin=pin), username))


def check_row(conn: sqlite3.Connection, username: str, secrets: Secrets | None, *,
              post: str) -> str | None:
    """None if the row verifies (or the store has no authority yet); else a short code."""
    authority = get_authority(conn)
    if authority is None:
        return None
    row = conn.execute("SELECT role, disabled, wrap, grant_sig FROM accounts WHERE username = ?",
                       (username,)).fetchone()
    if row is None:
        return "account_missing"
    role, disabled, wrap_text, grant_text = row
    if grant_text is None:
        return "account_unsigned"
    try:
        grant = Grant.from_json(json.loads(grant_text))
    except ValueError:
        return "grant_malformed"
    if (grant.post, grant.user, grant.role, grant.disabled) != (post, username, role, bool(disabled)):
        return "account_fields_changed"
    problem = check_grant(authority, grant)
    if problem:
        return problem
    if wrap_version(json.loads(wrap_text)) == 1:
        return None if grant.pin == wrap_pin(wrap_text) else "wrap_replaced"
    held = secrets.keys if secrets else AuthorityKeys()
    if role == "admin" and held.public("admin") != authority.admin:
        return "wrap_lacks_authority"
    if role in ("admin", "supervisor") and held.public("supervisor") != authority.supervisor:
        return "wrap_lacks_authority"
    return None


def accounts_for_hq(conn: sqlite3.Connection) -> dict[str, Any] | None:
    """The batch manifest's ``accounts`` (docs/formats/batch.md §3); None without an authority.

    The authority's public keys as meta holds them and, for every row, its user
    name, role, disabled flag and signed grant as stored (None if the row has none
    or it is not a well-formed grant) — no wrap, no personal data. A store whose
    authority is missing (made before it existed) or damaged sends none: HQ then
    flags a missing authority if it pinned one.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (AUTHORITY_META,)).fetchone()
    if row is None:
        return None
    try:
        authority = Authority.from_json(json.loads(row[0]))
    except ValueError:
        return None
    grants = []
    for username, role, disabled, grant_text in conn.execute(
            "SELECT username, role, disabled, grant_sig FROM accounts ORDER BY username"):
        try:
            grant: dict[str, object] | None = Grant.from_json(json.loads(grant_text)).to_json()
        except (TypeError, ValueError):  # NULL, not JSON, or not a grant
            grant = None
        grants.append({"user": str(username), "role": str(role), "disabled": bool(disabled),
                       "grant": grant})
    return {"authority": authority.to_json(), "grants": grants}


# -- accounts -------------------------------------------------------------------------

_COLUMNS = "username, role, must_change, disabled, created_at, last_login, grant_sig IS NOT NULL"


def _account(row: tuple[object, ...]) -> Account:
    return Account(str(row[0]), str(row[1]), bool(row[2]), bool(row[3]), str(row[4]),
                   None if row[5] is None else str(row[5]), bool(row[6]))


def get_account(conn: sqlite3.Connection, username: str) -> Account:
    row = conn.execute(f"SELECT {_COLUMNS} FROM accounts WHERE username = ?", (username,)).fetchone()
    if row is None:
        raise NotFound("no user {username!r} at this station", username=username)
    return _account(row)


def list_accounts(conn: sqlite3.Connection) -> list[Account]:
    return [_account(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY username")]


def insert_account(
    conn: sqlite3.Connection, *, post: str, username: str, role: str, passphrase: str,
    secrets: Secrets, must_change: bool, created_by: str, now: datetime, kdf: KdfParams,
) -> None:
    """Add an account; ``secrets`` are the creator's (the new wrap gets what ``role`` needs).

    Once the station has an account authority the row is signed with the
    creator's key, so a creator who holds none that may grant ``role`` is refused.
    """
    check_username(username)
    check_role(role)
    check_passphrase(passphrase, username=username)
    if conn.execute("SELECT 1 FROM accounts WHERE username = ?", (username,)).fetchone():
        raise InvalidInput("user {username!r} already exists", username=username)
    grant = None
    if get_authority(conn) is not None:
        grant = _grant_or_refuse(secrets.keys, post=post, user=username, role=role, disabled=False, pin="")
    conn.execute(
        "INSERT INTO accounts (username, role, wrap, must_change, created_at, created_by, grant_sig)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (username, role, make_wrap(username, secrets.for_role(role), passphrase, first=must_change, kdf=kdf),
         int(must_change), iso_utc(now), created_by, grant),
    )


def rewrap(
    conn: sqlite3.Connection, *, username: str, passphrase: str, secrets: Secrets,
    must_change: bool, kdf: KdfParams,
) -> None:
    """A new wrap for ``username`` holding what its role needs of ``secrets`` (the caller's).

    Refused for a supervisor or an administrator when ``secrets`` lack the seeds
    their role needs: such a wrap would no longer verify at sign-in.
    """
    check_passphrase(passphrase, username=username)
    role = get_account(conn, username).role
    needed = secrets.for_role(role).keys
    if get_authority(conn) is not None and (
            (role == "admin" and needed.admin is None)
            or (role in ("admin", "supervisor") and needed.supervisor is None)):
        raise PermissionDenied(
            "your account holds no key that may grant the role {role}; an administrator must "
            "reset your passphrase first", role=ROLE_NAMES[role])
    conn.execute(
        "UPDATE accounts SET wrap = ?, must_change = ?, failed_attempts = 0, retry_after = NULL"
        " WHERE username = ?",
        (make_wrap(username, secrets.for_role(role), passphrase, first=must_change, kdf=kdf),
         int(must_change), username),
    )


def set_disabled(conn: sqlite3.Connection, username: str, disabled: bool, *, post: str,
                 keys: AuthorityKeys) -> None:
    """Disable an account (it can no longer unlock) or enable it again, signing the new grant."""
    conn.execute("UPDATE accounts SET disabled = ? WHERE username = ?", (int(disabled), username))
    if get_authority(conn) is not None:
        resign(conn, keys, post=post, username=username)


# -- signing in -----------------------------------------------------------------------
