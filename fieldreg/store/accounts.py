"""Staff accounts: roles, passphrases, and the growing delay after wrong guesses.

Every account wraps the same random data key under a key derived from its own
passphrase (see :mod:`fieldreg.crypto.kdf`); changing a passphrase re-wraps
that key and never touches the data.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from fieldreg.crypto.kdf import KdfParams, unwrap_key, wrap_key
from fieldreg.errors import (
    AccountDisabled,
    AuthError,
    InvalidInput,
    LockedOut,
    NotFound,
    PassphraseIsUserName,
    PassphraseTooShort,
    UnknownUser,
    WrongPassphrase,
)
from fieldreg.messages import Message
from fieldreg.model import iso_utc, parse_iso_utc

ROLES = ("officer", "supervisor", "admin")
MIN_PASSPHRASE = 10
FREE_ATTEMPTS = 3  # wrong passphrases allowed before the delay starts
MAX_DELAY_S = 300
USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")

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


_COLUMNS = "username, role, must_change, disabled, created_at, last_login"


def _account(row: tuple[object, ...]) -> Account:
    return Account(str(row[0]), str(row[1]), bool(row[2]), bool(row[3]), str(row[4]),
                   None if row[5] is None else str(row[5]))


def get_account(conn: sqlite3.Connection, username: str) -> Account:
    row = conn.execute(f"SELECT {_COLUMNS} FROM accounts WHERE username = ?", (username,)).fetchone()
    if row is None:
        raise NotFound("no user {username!r} at this station", username=username)
    return _account(row)


def list_accounts(conn: sqlite3.Connection) -> list[Account]:
    return [_account(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM accounts ORDER BY username")]


def insert_account(
    conn: sqlite3.Connection, *, username: str, role: str, passphrase: str, data_key: bytes,
    must_change: bool, created_by: str, now: datetime, kdf: KdfParams,
) -> None:
    check_username(username)
    check_role(role)
    check_passphrase(passphrase, username=username)
    if conn.execute("SELECT 1 FROM accounts WHERE username = ?", (username,)).fetchone():
        raise InvalidInput("user {username!r} already exists", username=username)
    conn.execute(
        "INSERT INTO accounts (username, role, wrap, must_change, created_at, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (username, role, json.dumps(wrap_key(data_key, passphrase, params=kdf)),
         int(must_change), iso_utc(now), created_by),
    )


def rewrap(
    conn: sqlite3.Connection, *, username: str, passphrase: str, data_key: bytes,
    must_change: bool, kdf: KdfParams,
) -> None:
    check_passphrase(passphrase, username=username)
    conn.execute(
        "UPDATE accounts SET wrap = ?, must_change = ?, failed_attempts = 0, retry_after = NULL"
        " WHERE username = ?",
        (json.dumps(wrap_key(data_key, passphrase, params=kdf)), int(must_change), username),
    )


def set_disabled(conn: sqlite3.Connection, username: str, disabled: bool) -> None:
    """Disable an account (it can no longer unlock) or enable it again."""
    conn.execute("UPDATE accounts SET disabled = ? WHERE username = ?", (int(disabled), username))


def try_unlock(
    conn: sqlite3.Connection, username: str, passphrase: str, *, now: datetime
) -> tuple[Account, bytes, int]:
    """Check a passphrase: (account, data key, wrong attempts since the last login).

    A wrong passphrase is counted (in its own committed transaction, so that
    a killed process does not reset the count) and, after a few, makes the
    account refuse attempts for a delay that doubles each time.
    """
    row = conn.execute(
        "SELECT wrap, disabled, failed_attempts, retry_after FROM accounts WHERE username = ?",
        (username,),
    ).fetchone()
    if row is None:
        raise UnknownUser("unknown user {username!r}", username=username)
    wrap, disabled, failed, retry_after = row
    if disabled:
        raise AccountDisabled("the account {username!r} is disabled; ask a supervisor", username=username)
    if retry_after and parse_iso_utc(retry_after) > now:
        wait = int((parse_iso_utc(retry_after) - now).total_seconds()) + 1
        raise LockedOut("too many wrong passphrases for {username!r}; try again in {seconds} s",
                        username=username, seconds=wait)
    try:
        data_key = unwrap_key(json.loads(wrap), passphrase)
    except AuthError:
        failed += 1
        delay = retry_delay(failed)
        conn.execute(
            "UPDATE accounts SET failed_attempts = ?, retry_after = ? WHERE username = ?",
            (failed, iso_utc(now + delay) if delay else None, username),
        )
        if delay:
            raise WrongPassphrase("wrong passphrase for {username!r}; wait {seconds} s before trying again",
                            username=username, seconds=int(delay.total_seconds())) from None
        raise WrongPassphrase("wrong passphrase for {username!r}", username=username) from None
    conn.execute(
        "UPDATE accounts SET failed_attempts = 0, retry_after = NULL, last_login = ?"
        " WHERE username = ?",
        (iso_utc(now), username),
    )
    return get_account(conn, username), data_key, failed
