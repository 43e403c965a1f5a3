"""The append-only, hash-chained audit log.

Each entry's ``hash`` is SHA-256 over its canonical JSON, which includes the
previous entry's hash (the chain is fieldreg/crypto/chain.py, which HQ checks
too), so changing or removing any past entry breaks every later link. Because
anyone who copies the database could recompute a plain hash chain, each hash
is also authenticated with an HMAC under a key derived from the post's data
key (only users who can unlock can extend the log), and the newest entry is
recorded separately (``meta.audit_head``) so deleting entries at the end is
detected too. Entries name actions, registration numbers
and staff user names — never a registered person's data.

    log.append(conn, actor="awa", action="register", subject="MLI01-26-000001-7",
               details={"members": 3})
    problem = log.verify()   # None, or "entry 17: its content was changed"
"""

from __future__ import annotations

import hmac
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.crypto.chain import GENESIS, entry_hash
from fieldreg.model import iso_utc, utcnow

ALERT = "audit_alert"  # the action of an alert entry (docs/store.md, "Audit trail and records")
ALERT_CODE_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _plain_fact(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(v, (str, int)) for v in value)
    return value is None or isinstance(value, (str, int, bool))


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "at": self.at, "actor": self.actor, "action": self.action,
            "subject": self.subject, "details": self.details, "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def derive_audit_key(data_key: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"fieldreg audit mac v1"
    ).derive(data_key)


class AuditLog:
    def __init__(self, conn: sqlite3.Connection, data_key: bytes, *, mac_key: bytes | None = None):
        """``mac_key`` (from :func:`derive_audit_key`) spares callers that append often the HKDF."""
        self._conn = conn
        self._mac_key = mac_key or derive_audit_key(data_key)

    def _mac(self, digest: str) -> str:
        return hmac.digest(self._mac_key, digest.encode(), "sha256").hex()  # one call into OpenSSL

    def append(
        self, *, actor: str, action: str, subject: str = "", details: dict[str, Any] | None = None
    ) -> AuditEntry:
        """Append an entry. Call inside the transaction of the action it records."""
        details = details or {}
        last = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
        at = iso_utc(utcnow())
        digest = entry_hash(seq, at, actor, action, subject, details, prev)
        self._conn.execute(
            "INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash, mac)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, actor, action, subject,
             json.dumps(details, sort_keys=True, ensure_ascii=False), prev, digest,
             self._mac(digest)),
        )
        head = json.dumps({"seq": seq, "hash": digest, "mac": self._mac(f"head:{seq}:{digest}")})
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (head,),
        )
        return AuditEntry(seq, at, actor, action, subject, details, prev, digest)

    def alert(self, *, actor: str, code: str, facts: dict[str, Any] | None = None) -> AuditEntry:
        """Record a detected tampering: an ``audit_alert`` entry, subject ``code``.

        ``facts`` are non-personal (numbers, counts, registration numbers, user
        names): plain JSON values, lists of them. Call inside a write transaction.
        """
        if not ALERT_CODE_RE.fullmatch(code):
            raise ValueError(f"alert code {code!r}: lowercase letters, digits and _ only")
        details = {"code": code, **(facts or {})}
        if any(not _plain_fact(v) for v in details.values()):
            raise ValueError("alert facts are plain values or lists of them")
        return self.append(actor=actor, action=ALERT, subject=code, details=details)

    def alerts(self) -> list[AuditEntry]:
        """Every ``audit_alert`` entry, oldest first."""
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit"
            " WHERE action = ? ORDER BY seq", (ALERT,))
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7])
                for r in rows]

    def last_alert(self, code: str) -> dict[str, Any] | None:
        """The details of the newest alert of ``code``, if any."""
        row = self._conn.execute(
            "SELECT details FROM audit WHERE action = ? AND subject = ? ORDER BY seq DESC LIMIT 1",
            (ALERT, code)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def check_head(self) -> dict[str, Any] | None:
        """Does the head (``meta.audit_head``) name the last entry? None, or facts for an alert.

        Cheap enough for every sign-in: the head's MAC, the last row's hash and MAC.
        An append rewrites the head, so sign-in runs this *before* its own entry; a
        mismatch is kept in the chain as an alert, which later appends cannot hide.
        """
        last = self._conn.execute(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash, mac FROM audit"
            " ORDER BY seq DESC LIMIT 1").fetchone()
        head_row = self._conn.execute(
            "SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        last_seq = 0 if last is None else int(last[0])
        if head_row is None:
            return None if last is None else {"problem": "head_missing", "last_seq": last_seq}
        try:
            head = json.loads(head_row[0])
            head_seq, head_hash, head_mac = int(head["seq"]), str(head["hash"]), str(head["mac"])
        except (ValueError, KeyError, TypeError):
            return {"problem": "head_unreadable", "last_seq": last_seq}
        if not hmac.compare_digest(self._mac(f"head:{head_seq}:{head_hash}"), head_mac):
            return {"problem": "head_forged", "last_seq": last_seq}
        if last is None or head_seq != last_seq or head_hash != last[7]:
            problem = "entries_deleted" if head_seq > last_seq else "entries_replaced"
            return {"problem": problem, "head_seq": head_seq, "last_seq": last_seq}
        seq, at, actor, action, subject, details, prev_hash, digest, mac = last
        try:
            recomputed = entry_hash(seq, at, actor, action, subject, json.loads(details), prev_hash)
        except ValueError:
            recomputed = ""
        if recomputed != digest or not hmac.compare_digest(self._mac(digest), mac):
            return {"problem": "last_entry_changed", "last_seq": last_seq}
        return None

    def entries(self, *, after: int = 0) -> list[AuditEntry]:
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit"
            " WHERE seq > ? ORDER BY seq", (after,)
        )
        return [
            AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows
        ]

    def verify(self) -> tuple[int, str | None]:
        """Check the whole chain: (entries checked, first problem or None)."""
        expected_seq, prev = 1, GENESIS
        count = 0
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, subject, details, prev_hash, hash, mac"
            " FROM audit ORDER BY seq"
        )
        for seq, at, actor, action, subject, details, prev_hash, digest, mac in rows:
            count += 1
            if seq != expected_seq:
                return count, f"entry {expected_seq} is missing (the log jumps to entry {seq})"
            if prev_hash != prev:
                return count, f"entry {seq} does not follow entry {seq - 1} (an entry was removed or replaced)"
            try:
                parsed = json.loads(details)
            except json.JSONDecodeError:
                return count, f"entry {seq}: its details are not valid JSON (edited)"
            if entry_hash(seq, at, actor, action, subject, parsed, prev_hash) != digest:
                return count, f"entry {seq}: its content was changed after it was written"
            if not hmac.compare_digest(self._mac(digest), mac):
                return count, f"entry {seq}: its authentication code is wrong (forged or rewritten)"
            expected_seq, prev = seq + 1, digest
        head_row = self._conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
        if head_row is None:
            return count, (None if count == 0 else "the record of the newest entry is missing")
        head = json.loads(head_row[0])
        if not hmac.compare_digest(self._mac(f"head:{head['seq']}:{head['hash']}"), head["mac"]):
            return count, "the record of the newest entry was tampered with"
        if head["seq"] != expected_seq - 1 or head["hash"] != prev:
            if head["seq"] > expected_seq - 1:
                deleted = (f"entry {expected_seq} was" if head["seq"] == expected_seq
                           else f"entries {expected_seq}-{head['seq']} were")
                return count, f"{deleted} deleted from the end"
            return count, "the log does not end where it should (entries added or replaced)"
        return count, None
