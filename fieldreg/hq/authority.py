"""A post's account authority as HQ sees it: pinned at first sight, every later batch checked.

    flags = record_accounts(conn, post="TGR1", seq=4, accounts=manifest.accounts, now=now)
    note = describe_flags("TGR1", flags)     # the import line's note, None if no flag
    rows = account_flags(registry.db, "TGR1") # for ``fieldreg hq report``
    why = grant_problem("TGR1", entry, authority)   # one account entry under an authority

Each batch may carry the post's account authority (its public keys) and every
account's signed grant (docs/formats/batch.md §3 ``accounts``). An officer who
holds the data key can replace the authority in the post's store — new keys,
every row re-signed, themselves administrator — and the laptop cannot prevent
it until a real administrator signs in (docs/store.md, "Accounts and sign-in").
HQ therefore pins the first authority it receives from a post and flags, on
every later batch: an authority that differs from the pinned one
(``authority_changed``), none after one was pinned (``authority_missing``), one
that cannot be read (``authority_malformed``), a grant that does not verify
under the pinned authority (``grant_invalid``), and any administrator or
supervisor grant that was not in the post's previous batch (``new_privileged``:
worth a person's look even when genuine). A flag never refuses the batch: a
forger at the post must not be able to cut it off from HQ; HQ's people decide.
Flags are kept in ``hq_account_flags``; staff user names and roles only, never
a registered person's data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from fieldreg.hq.db import Db
from fieldreg.keys.authority import Authority, Grant, check_grant

CODES = ("authority_changed", "authority_missing", "authority_malformed", "grant_invalid",
         "new_privileged")
PRIVILEGED = ("admin", "supervisor")
_SHOWN = 12  # user names named in one import line note


def migrate_step(db: Db) -> None:
    """The schema step ``0004_hq_post_authority``."""
    # The first authority HQ received from each post (JSON {"admin", "supervisor",
    # "certificate"}, hex, as the manifest carried it) and the batch that brought it.
    db.ddl(
        """CREATE TABLE hq_post_authority (
            post TEXT PRIMARY KEY REFERENCES posts(post),
            authority TEXT NOT NULL,
            pinned_batch INTEGER NOT NULL,
            pinned_at TEXT NOT NULL)"""
    )
    # Each batch's ``accounts`` as received (JSON): what "new since the previous batch" is
    # decided against. Staff user names, roles and signatures only.
    db.ddl(
        """CREATE TABLE hq_post_grants (
            post TEXT NOT NULL REFERENCES posts(post),
            batch_seq INTEGER NOT NULL,
            accounts TEXT NOT NULL,
            PRIMARY KEY (post, batch_seq))"""
    )
    codes = ", ".join(f"'{c}'" for c in CODES)
    db.ddl(
        f"""CREATE TABLE hq_account_flags (
            id {{id}},
            post TEXT NOT NULL REFERENCES posts(post),
            batch_seq INTEGER NOT NULL,
            code TEXT NOT NULL CHECK (code IN ({codes})),
            "user" TEXT,
            detail TEXT NOT NULL,
            flagged_at TEXT NOT NULL)"""
    )
    db.ddl("CREATE INDEX hq_account_flags_post ON hq_account_flags (post, batch_seq)")


@dataclass(frozen=True)
class AccountFlag:
    post: str
    batch: int
    code: str  # one of CODES
    user: str | None  # the account it is about (grant_invalid, new_privileged)
    detail: dict[str, Any]  # role, why, pinned_batch, fingerprints: never personal data

    def text(self) -> str:
        """One line for ``fieldreg hq report`` (user names as the post sent them, escaped by the CLI)."""
        d = self.detail
        if self.code == "authority_changed":
            return (f"batch {self.batch}: the account authority changed (fingerprint "
                    f"{d.get('received')}, HQ pinned {d.get('pinned')} at batch {d.get('pinned_batch')})")
        if self.code == "authority_missing":
            return (f"batch {self.batch}: no account authority, although HQ pinned one at batch "
                    f"{d.get('pinned_batch')}")
        if self.code == "authority_malformed":
            return f"batch {self.batch}: the account authority cannot be read"
        if self.code == "grant_invalid":
            return (f"batch {self.batch}: the grant of {self.user} ({d.get('role')}) does not verify "
                    f"under the pinned authority ({d.get('why')})")
        return f"batch {self.batch}: new {d.get('role')} grant: {self.user}"

    def to_json(self) -> dict[str, Any]:
        return {"batch": self.batch, "code": self.code, "user": self.user, "detail": self.detail}


def fingerprint(authority: Authority) -> str:
    """16 hex digits naming an authority in flags and the report."""
    return hashlib.sha256(authority.admin + authority.supervisor).hexdigest()[:16]


def grant_problem(post: str, entry: dict[str, Any], authority: Authority) -> str | None:
    """None if ``entry`` (``{"user", "role", "disabled", "grant"}``) verifies under ``authority``.

    Else a short code: ``account_unsigned``, ``grant_malformed``,
    ``account_fields_changed`` (the grant names another post, user, role or
    disabled flag than its row), or what :func:`check_grant` says.
    """
    if entry.get("grant") is None:
        return "account_unsigned"
    try:
        grant = Grant.from_json(entry["grant"])
    except (KeyError, TypeError, ValueError):
        return "grant_malformed"
    if (grant.post, grant.user, grant.role, grant.disabled) != (
            post, entry.get("user"), entry.get("role"), entry.get("disabled")):
        return "account_fields_changed"
    return check_grant(authority, grant)


def privileged(accounts: dict[str, Any]) -> set[tuple[str, str]]:
    """(user, role) of every enabled administrator and supervisor in ``accounts``."""
    return {(e["user"], e["role"]) for e in accounts["grants"]
            if e["role"] in PRIVILEGED and not e["disabled"]}


def check_accounts(post: str, accounts: dict[str, Any] | None, *, pinned: tuple[Authority, int] | None,
                   previous: dict[str, Any] | None) -> tuple[list[tuple[str, str | None, dict[str, Any]]],
                                                           Authority | None]:
    """The flags for one batch (code, user, detail) and the authority to pin if none is.

    ``pinned`` is the authority HQ pinned and its batch; ``previous`` the
    ``accounts`` of the post's previous batch that carried some (None: this is
    the first, whose administrators and supervisors are the baseline).
    """
    flags: list[tuple[str, str | None, dict[str, Any]]] = []
    if accounts is None:
        if pinned is not None:
            flags.append(("authority_missing", None, {"pinned_batch": pinned[1]}))
        return flags, None
    try:
        received: Authority | None = Authority.from_json(accounts["authority"])
    except ValueError:
        received = None
        flags.append(("authority_malformed", None, {}))
    to_pin = received if pinned is None else None
    against = pinned[0] if pinned is not None else received
    if pinned is not None and received is not None and received != pinned[0]:
        flags.append(("authority_changed", None, {
            "pinned_batch": pinned[1], "pinned": fingerprint(pinned[0]),
            "received": fingerprint(received)}))
    if against is not None:
        for entry in accounts["grants"]:
            why = grant_problem(post, entry, against)
            if why is not None:
                flags.append(("grant_invalid", entry["user"], {"role": entry["role"], "why": why}))
    if previous is not None:
        for user, role in sorted(privileged(accounts) - privileged(previous)):
            flags.append(("new_privileged", user, {"role": role}))
    return flags, to_pin


def record_accounts(conn: Db, *, post: str, seq: int,
                    accounts: dict[str, Any] | None, now: str) -> list[AccountFlag]:
    """Check one imported batch's accounts, pin or keep, record its flags (in the import's
    transaction, after the batch passed every check)."""
    row = conn.execute("SELECT authority, pinned_batch FROM hq_post_authority WHERE post = ?",
                       (post,)).fetchone()
    pinned = (Authority.from_json(json.loads(row[0])), row[1]) if row else None
    before = conn.execute("SELECT accounts FROM hq_post_grants WHERE post = ? AND batch_seq < ?"
                          " ORDER BY batch_seq DESC LIMIT 1", (post, seq)).fetchone()
    found, to_pin = check_accounts(post, accounts, pinned=pinned,
                                   previous=json.loads(before[0]) if before else None)
    if to_pin is not None:
        conn.execute("INSERT INTO hq_post_authority (post, authority, pinned_batch, pinned_at)"
                     " VALUES (?, ?, ?, ?)", (post, json.dumps(to_pin.to_json()), seq, now))
    if accounts is not None:
        conn.execute("INSERT INTO hq_post_grants (post, batch_seq, accounts) VALUES (?, ?, ?)",
                     (post, seq, json.dumps(accounts, sort_keys=True)))
    conn.executemany(
        'INSERT INTO hq_account_flags (post, batch_seq, code, "user", detail, flagged_at)'
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(post, seq, code, user, json.dumps(detail, sort_keys=True), now)
         for code, user, detail in found])
    return [AccountFlag(post, seq, code, user, detail) for code, user, detail in found]


def account_flags(db: Db, post: str | None = None) -> list[AccountFlag]:
    """Every flag HQ recorded (for ``post``, if given), by post and batch."""
    rows = db.execute(
        'SELECT post, batch_seq, code, "user", detail FROM hq_account_flags'
        " WHERE (CAST(? AS TEXT) IS NULL OR post = ?) ORDER BY post, batch_seq, id", (post, post))
    return [AccountFlag(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def pinned_batch(db: Db, post: str) -> int | None:
    """The batch whose authority HQ pinned for ``post`` (None: none yet)."""
    row = db.execute("SELECT pinned_batch FROM hq_post_authority WHERE post = ?", (post,)).fetchone()
    return None if row is None else int(row[0])


def describe_flags(post: str, flags: list[AccountFlag]) -> str | None:
    """The import line's note: ``"post TGR1: accounts flagged: ..."`` (None when no flag)."""
    if not flags:
        return None
    parts = []
    by_code: dict[str, list[AccountFlag]] = {}
    for flag in flags:
        by_code.setdefault(flag.code, []).append(flag)
    if "authority_changed" in by_code:
        parts.append(f"the account authority changed since HQ pinned it at batch "
                     f"{by_code['authority_changed'][0].detail.get('pinned_batch')}")
    if "authority_missing" in by_code:
        parts.append("the account authority is missing")
    if "authority_malformed" in by_code:
        parts.append("the account authority cannot be read")
    if bad := by_code.get("grant_invalid"):
        parts.append(f"{len(bad)} grant{'s' if len(bad) != 1 else ''} not signed by the pinned "
                     f"authority ({_names(bad)})")
    if new := by_code.get("new_privileged"):
        for role in PRIVILEGED:
            if of_role := [f for f in new if f.detail.get("role") == role]:
                parts.append(f"new {role} grant{'s' if len(of_role) != 1 else ''}: {_names(of_role)}")
    return f"post {post}: accounts flagged: {'; '.join(parts)} (fieldreg hq report)"


def _names(flags: list[AccountFlag]) -> str:
    names = [f.user or "?" for f in flags]
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return ", ".join(names[:_SHOWN]) + more
