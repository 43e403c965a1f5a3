"""Staging a verified batch's records at HQ, as read_records streams them, into the open transaction.

    with registry.db.transaction() as conn:
        staging = Staging(registry, conn, progress, post=m.post, seq=m.seq, created_at=m.created_at)
        read_records(handle, identity, verified, hq_root_public=root, on_record=staging)
        staging.finish()                                     # the rows still buffered
        staging.damage, staging.conflicts, staging.audit_problem, staging.held   # then decided

Each record is checked against the one record schema (fieldreg/batches/records.py)
— a record that fails it makes the batch damaged — then each data record against
the post's own validation (fieldreg/hq/validate.py): one that fails is *held*
(table ``hq_held_records``, sealed as received) instead of applied. Rows are
written with the batch's number; :func:`fieldreg.hq.importer.import_batch`
commits once every check has passed, or rolls the transaction back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fieldreg.batches import (
    AUDIT,
    DUPLICATE_DECISION,
    TOKEN_REVOCATION,
    UNREADABLE,
    VERSIONED_KINDS,
    record_problem,
)
from fieldreg.crypto.chain import entry_hash
from fieldreg.hq.counted import CountingRows
from fieldreg.hq.db import Db
from fieldreg.hq.registry import Registry
from fieldreg.hq.unreadable import stage as stage_unreadable
from fieldreg.hq.validate import HeldProblem, record_problems
from fieldreg.keys.hqdir import HqDir
from fieldreg.model import iso_utc, utcnow
from fieldreg.regno import is_canonical_regno

PROGRESS_EVERY = 1000


class Staging:
    """``on_record`` for read_batch: writes each record into the open transaction.

    Nothing here refuses the batch: problems are noted and decided once every
    record was read. A record failing validation is held (``held`` counts them).
    """

    def __init__(self, registry: Registry, conn: Db,
                 progress: Callable[[int], None] | None, *, post: str, seq: int,
                 created_at: datetime):
        self.registry = registry
        self.conn = conn
        self.progress = progress
        self.post, self.seq, self.created_at = post, seq, created_at
        self.count = 0
        self.held = 0
        self.damage: str | None = None
        self.conflicts: list[str] = []
        self.audit_problem: str | None = None
        self.new_revocations: list[str] = []
        self.counting = CountingRows(conn)  # the national figures' rows (written by finish())
        self._posts: set[str] = set()
        self._last_audit: tuple[int, str] | None = None

    def __call__(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.progress is not None and self.count % PROGRESS_EVERY == 0:
            self.progress(self.count)
        if self.damage is not None:
            return
        problem = record_problem(record)
        if problem is not None:
            self.damage = problem
            return
        if record["kind"] != AUDIT:
            held = record_problems(record, post=self.post, created_at=self.created_at)
            if held:
                self._hold(record, held)
                return
        try:
            self.apply(record)
        except (ValueError, RecursionError):
            # Lone surrogates (not UTF-8), NaN or Infinity (not JSON), absurd nesting.
            self.damage = (f"record {record['n']} ({record['kind']}): holds text or numbers "
                           "that JSON cannot carry")

    def finish(self) -> None:
        """Write what is still buffered: call once every record is in, before the commit."""
        self.counting.flush()

    def _hold(self, record: dict[str, Any], problems: list[HeldProblem]) -> None:
        """Keep the record as received, sealed, for a person to decide (``fieldreg hq held``)."""
        post, n = self.post, record["n"]
        regno = record.get("regno")
        if not (isinstance(regno, str) and is_canonical_regno(regno) and regno.startswith(f"{post}-")):
            regno = None
        # ensure_ascii: a lone surrogate (JSON escapes allow one) is kept as its escape.
        plain = json.dumps(record, ensure_ascii=True, allow_nan=False).encode("ascii")
        self._post(post)
        self.conn.execute(
            "INSERT INTO hq_held_records (post, batch_seq, n, kind, regno, version, problems, size,"
            " sealed, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (post, self.seq, n, record["kind"], regno, record.get("version"),
             json.dumps([p.to_json() for p in problems]), len(plain),
             self.registry.seal_held(post, self.seq, n, plain), iso_utc(utcnow())))
        self.held += 1

    def apply(self, record: dict[str, Any]) -> None:
        """Write one checked record (a held one too, when a person releases it)."""
        kind = record["kind"]
        if kind in VERSIONED_KINDS:
            self._version(record)
        elif kind == DUPLICATE_DECISION:
            self.conn.execute(
                "INSERT INTO duplicate_decisions (post, member_a, member_b, decision, at, by_user,"
                " batch_seq) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (self._post(record["member_a"]), record["member_a"], record["member_b"],
                 record["decision"], record["at"], record["by"], self.seq))
        elif kind == TOKEN_REVOCATION:
            token_id = record["token_id"]
            cursor = self.conn.execute(
                "INSERT INTO token_revocations (token_id, post, regno, serial, at, by_user, reason,"
                " batch_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(token_id) DO NOTHING",
                (token_id, self._post(record["regno"]), record["regno"], record["serial"],
                 record["at"], record["by"],
                 self.registry.seal_revocation_reason(token_id, record["reason"]), self.seq))
            if cursor.rowcount:
                self.new_revocations.append(token_id)
        elif kind == UNREADABLE:
            stage_unreadable(self.conn, self._post(record["regno"]), record)
        else:
            self._audit(record)

    def _post(self, regno: str) -> str:
        # read_batch has checked that every registration number starts with "<post>-".
        post = regno.partition("-")[0]
        if post not in self._posts:
            self.conn.execute("INSERT INTO posts (post, first_seen_at) VALUES (?, ?)"
                              " ON CONFLICT DO NOTHING", (post, iso_utc(utcnow())))
            self._posts.add(post)
        return post

    def _version(self, record: dict[str, Any]) -> None:
        regno, version = record["regno"], record["version"]
        mac = self.registry.content_mac(record)
        cursor = self.conn.execute(
            "INSERT INTO household_versions (post, regno, version, kind, status, at, by_user,"
            " members, content_mac, sealed, batch_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(regno, version) DO NOTHING",
            (self._post(regno), regno, version, record["kind"], record["status"], record["at"],
             record["by"], len(record["household"]["members"]), mac,
             self.registry.seal_version(regno, version, record["household"],
                                        record.get("reason", "")), self.seq))
        if cursor.rowcount:
            self.counting.add(regno, version, record["status"], self._post(regno), record["household"])
            return
        held = self.conn.execute("SELECT content_mac FROM household_versions"
                                 " WHERE regno = ? AND version = ?", (regno, version)).fetchone()
        if held[0] != mac:  # the same version again with the same content changes nothing
            self.conflicts.append(f"{regno} version {version}")

    def _audit(self, record: dict[str, Any]) -> None:
        seq, digest, prev = record["seq"], record["hash"], record["prev_hash"]
        if self.audit_problem is None:
            expected = entry_hash(seq, record["at"], record["actor"], record["action"],
                                  record["subject"], record["details"], prev)
            if expected != digest:
                self.audit_problem = f"audit entry {seq}: its hash does not match its content"
            elif self._last_audit is not None and prev != self._last_audit[1]:
                self.audit_problem = f"audit entry {seq} does not follow entry {seq - 1}"
        self._last_audit = (seq, digest)
        self.conn.execute(
            "INSERT INTO staged_audit (seq, at, actor, action, subject, details, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, record["at"], record["actor"], record["action"], record["subject"],
             json.dumps(record["details"], sort_keys=True, ensure_ascii=False, allow_nan=False),
             prev, digest))


def list_revocations(hq: HqDir, conn: Db, token_ids: list[str]) -> None:
    """Put slips a post revoked on HQ's revocation list (a new version if any id is new).

    Before the commit: if the commit then failed, the list holds ids of records
    that passed every check and will be applied again (revoking twice changes nothing).
    """
    if not token_ids:
        return
    listed = hq.revocation_list()
    new = [bytes.fromhex(t) for t in token_ids]
    if any(t not in listed for t in new):
        listed = hq.revoke_tokens(new)
    conn.executemany("UPDATE token_revocations SET list_version = ? WHERE token_id = ?",
                     [(listed.version, t) for t in token_ids])
