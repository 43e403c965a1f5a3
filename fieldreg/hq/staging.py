"""Staging a batch's records at HQ, as read_batch streams them, into the open transaction.

    with transaction(registry.db) as conn:
        staging = Staging(registry, conn, progress)
        read = read_batch(handle, identity, hq_root_public=root, on_record=staging)
        staging.damage, staging.conflicts, staging.audit_problem   # decided after the manifest

Each record is checked against the one record schema (fieldreg/batches/records.py)
and written with ``batch_seq = 0``; :func:`fieldreg.hq.importer.import_batch`
gives the rows their batch's number once every check has passed, or rolls the
transaction back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from fieldreg.batches import (
    DUPLICATE_DECISION,
    TOKEN_REVOCATION,
    UNREADABLE,
    VERSIONED_KINDS,
    record_problem,
)
from fieldreg.crypto.chain import entry_hash
from fieldreg.hq.registry import Registry
from fieldreg.hq.unreadable import stage as stage_unreadable
from fieldreg.model import iso_utc, utcnow

PROGRESS_EVERY = 1000


class Staging:
    """``on_record`` for read_batch: writes each record into the open transaction.

    Nothing here refuses the batch: problems are noted and decided only once the
    manifest is verified, so a forged batch is reported as forged, a replay as
    already imported, a fork as a fork. Staged rows carry ``batch_seq = 0``
    (real numbers start at 1) until the batch's number is known.
    """

    def __init__(self, registry: Registry, conn: sqlite3.Connection,
                 progress: Callable[[int], None] | None):
        self.registry = registry
        self.conn = conn
        self.progress = progress
        self.count = 0
        self.damage: str | None = None
        self.conflicts: list[str] = []
        self.audit_problem: str | None = None
        self.new_revocations: list[str] = []
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
        try:
            self._stage(record)
        except (ValueError, RecursionError):
            # Lone surrogates (not UTF-8), NaN or Infinity (not JSON), absurd nesting.
            self.damage = (f"record {record['n']} ({record['kind']}): holds text or numbers "
                           "that JSON cannot carry")

    def _stage(self, record: dict[str, Any]) -> None:
        kind = record["kind"]
        if kind in VERSIONED_KINDS:
            self._version(record)
        elif kind == DUPLICATE_DECISION:
            self.conn.execute(
                "INSERT INTO duplicate_decisions (post, member_a, member_b, decision, at, by_user,"
                " batch_seq) VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING",
                (self._post(record["member_a"]), record["member_a"], record["member_b"],
                 record["decision"], record["at"], record["by"]))
        elif kind == TOKEN_REVOCATION:
            token_id = record["token_id"]
            cursor = self.conn.execute(
                "INSERT INTO token_revocations (token_id, post, regno, serial, at, by_user, reason,"
                " batch_seq) VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(token_id) DO NOTHING",
                (token_id, self._post(record["regno"]), record["regno"], record["serial"],
                 record["at"], record["by"],
                 self.registry.seal_revocation_reason(token_id, record["reason"])))
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
            " members, content_mac, sealed, batch_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
            " ON CONFLICT(regno, version) DO NOTHING",
            (self._post(regno), regno, version, record["kind"], record["status"], record["at"],
             record["by"], len(record["household"]["members"]), mac,
             self.registry.seal_version(regno, version, record["household"],
                                        record.get("reason", ""))))
        if cursor.rowcount:
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
