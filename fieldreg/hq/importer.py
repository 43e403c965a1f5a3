"""Importing a post's batch at HQ: every check of docs/formats/batch.md §5, then one commit.

    with Registry.open(hq) as registry:
        result = import_batch(hq, registry, "E:/TGR1-000004.frb")
        print(result.line())   # "TGR1-000004.frb: imported 812 records (post TGR1, batch 4)"

``read_batch`` streams the records out of the file; each goes straight into the
registry *inside one open transaction* (household content sealed on the way).
Only after ``read_batch`` returned — the manifest verified, every file hash and
count matched — are the trust list (step 6), the batch sequence (8), the audit
chain (9) and conflicts (10) decided; any refusal rolls the transaction back,
so nothing of a refused batch is merged. A fork or a conflict is additionally
copied to ``HQDIR/held/`` and recorded for a person to decide. After an import
(or a replay of one already imported) HQ writes the post's signed receipt,
listing every batch it holds for that post.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldreg.batches import (
    DUPLICATE_DECISION,
    NO_PREVIOUS,
    TOKEN_REVOCATION,
    VERSIONED_KINDS,
    BatchError,
    ReadBatch,
    batch_filename,
    issue_receipt,
    read_batch,
    receipt_filename,
    record_problem,
)
from fieldreg.crypto.chain import GENESIS, entry_hash
from fieldreg.errors import StorageError
from fieldreg.fsutil import atomic_write, fsync_dir
from fieldreg.hq.registry import HELD_DIR, RECEIPTS_DIR, Registry, describe_missing
from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.ids import key_id_hex
from fieldreg.model import iso_utc, utcnow
from fieldreg.sqlitedb import transaction

PROGRESS_EVERY = 1000
_BATCH_ERROR_LABELS = {
    "not_for_this_hq": "not for this HQ", "damaged": "damaged", "forged": "forged",
    "other_hq": "for another HQ",
}


@dataclass(frozen=True)
class ImportResult:
    """What happened to one file; ``line()`` is what ``fieldreg hq import`` prints."""

    file: str
    status: str  # "imported" | "already_imported" | "refused"
    message: str = ""  # for a refusal: one line, "<what>: <why>"
    reason: str = ""  # for a refusal: not_for_this_hq, damaged, forged, other_hq, unknown_key,
    #                   revoked_key, fork, audit_chain, conflict, unreadable
    post: str | None = None
    seq: int | None = None
    records: int = 0
    gaps: str | None = None  # "post TGR1: batches 4–5 missing"
    held: Path | None = None
    receipt: Path | None = None
    receipt_error: str | None = None  # the batch is imported; only its receipt is missing

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    def line(self) -> str:
        where = f" (post {self.post}, batch {self.seq})" if self.post else ""
        if self.status == "imported":
            text = f"{self.file}: imported {self.records} records{where}"
        elif self.status == "already_imported":
            text = f"{self.file}: already imported{where}"
        else:
            text = f"{self.file}: refused: {self.message}"
        for note in (self.gaps, self.receipt_error):
            if note:
                text = f"{text}; {note}"
        return text


class _Refusal(Exception):
    def __init__(self, reason: str, message: str, *, hold: bool = False,
                 held: Path | None = None):
        super().__init__(message)
        self.reason, self.message, self.hold, self.held = reason, message, hold, held


class _AlreadyImported(Exception):
    pass


def import_batch(
    hq: HqDir,
    registry: Registry,
    path: str | os.PathLike[str],
    *,
    receipts_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check and merge one batch file; refusals are results, not exceptions.

    Raises only for the environment (``StorageError``: disk full, database
    busy) or an HQ that cannot issue lists (clock behind its last list).
    """
    source = Path(path)
    name = source.name
    try:
        handle = source.open("rb")
    except OSError as err:
        return ImportResult(name, "refused", f"cannot read the file ({err.strerror})", "unreadable")
    read: ReadBatch | None = None
    try:
        with handle, transaction(registry.db) as conn:
            conn.execute("DELETE FROM staged_audit")
            staging = _Staging(registry, conn, progress)
            try:
                read = read_batch(handle, hq.age_identity(), hq_root_public=hq.root_public,
                                  on_record=staging)
            except BatchError as err:
                raise _Refusal(err.reason, f"{_BATCH_ERROR_LABELS[err.reason]}: {err}") from None
            except RecursionError:  # json.loads on a line nested thousands deep
                raise _Refusal("damaged", "damaged: a record is nested too deeply") from None
            gaps = _check_and_apply(hq, registry, conn, read, staging, name)
    except _AlreadyImported:
        assert read is not None
        return ImportResult(name, "already_imported", post=read.manifest.post,
                            seq=read.manifest.seq, records=read.records,
                            **_write_receipt(hq, registry, read.manifest.post, receipts_dir))
    except _Refusal as refusal:
        held = _hold(hq, registry, source, read, refusal) if refusal.hold and read else refusal.held
        post, seq = (read.manifest.post, read.manifest.seq) if read else (None, None)
        return ImportResult(name, "refused", refusal.message, refusal.reason, post, seq, held=held)
    m = read.manifest
    return ImportResult(name, "imported", post=m.post, seq=m.seq, records=read.records, gaps=gaps,
                        **_write_receipt(hq, registry, m.post, receipts_dir))


class _Staging:
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


def _check_and_apply(hq: HqDir, registry: Registry, conn: sqlite3.Connection, read: ReadBatch,
                     staging: _Staging, name: str) -> str | None:
    """Steps 6, 8, 9, 10 in order, then the writes that make the batch part of the registry."""
    m = read.manifest
    if staging.damage is not None:
        raise _Refusal("damaged", f"damaged: {staging.damage}")
    _check_key(hq, read)
    _check_sequence(registry, read)
    _check_audit(conn, registry, m.post, m.seq, staging)
    if staging.conflicts:
        more = f" (and {len(staging.conflicts) - 1} more)" if len(staging.conflicts) > 1 else ""
        raise _Refusal("conflict", f"conflict: {staging.conflicts[0]}{more} differs from what HQ "
                       "already holds; the file is held for review", hold=True)
    now = iso_utc(utcnow())
    conn.execute("INSERT INTO posts (post, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                 (m.post, now))
    for table in ("household_versions", "duplicate_decisions", "token_revocations"):
        conn.execute(f"UPDATE {table} SET batch_seq = ? WHERE batch_seq = 0", (m.seq,))
    conn.execute(
        "INSERT INTO audit (post, seq, at, actor, action, subject, details, prev_hash, hash,"
        " batch_seq) SELECT ?, seq, at, actor, action, subject, details, prev_hash, hash, ?"
        " FROM staged_audit WHERE true ON CONFLICT(post, seq) DO NOTHING", (m.post, m.seq))
    conn.execute("DELETE FROM staged_audit")
    conn.execute(
        "INSERT INTO batches (post, seq, batch_id, manifest_hash, prev, kid, created_at,"
        " imported_at, file_name, exporter, app_version, schema_version, records, counts,"
        " audit_first, audit_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.post, m.seq, m.batch_id, read.manifest_hash, m.prev, m.kid, iso_utc(m.created_at), now,
         name, m.exporter, m.app_version, m.schema_version, read.records,
         json.dumps(m.counts, sort_keys=True), m.audit[0], m.audit[1]))
    conn.executemany("INSERT INTO issued_tokens (token_id, post, batch_seq) VALUES (?, ?, ?)"
                     " ON CONFLICT DO NOTHING", [(t.hex(), m.post, m.seq) for t in m.tokens])
    if staging.new_revocations:
        # Before the commit: if the commit then failed, the list holds ids of a batch that
        # passed every check and will be imported again (revoking twice changes nothing).
        listed = hq.revocation_list()
        new = [bytes.fromhex(t) for t in staging.new_revocations]
        if any(t not in listed for t in new):
            listed = hq.revoke_tokens(new)
        conn.executemany("UPDATE token_revocations SET list_version = ? WHERE token_id = ?",
                         [(listed.version, t) for t in staging.new_revocations])
    return describe_missing(m.post, registry.missing(m.post))


def _check_key(hq: HqDir, read: ReadBatch) -> None:
    """Step 6: the signing key is in HQ's trust list, not revoked, and valid when it signed."""
    m = read.manifest
    entry = hq.trust_list().find(m.kid)
    kid = key_id_hex(m.kid)
    if entry is None or entry.post_id != m.post:
        raise _Refusal("unknown_key", f"unknown key: key {kid} of post {m.post} is not in HQ's "
                       "trust list")
    if entry.revoked_at is not None:
        raise _Refusal("revoked_key", f"revoked key: key {kid} of post {m.post} was revoked on "
                       f"{entry.revoked_at:%Y-%m-%d}")
    if not entry.could_sign_at(m.created_at):
        raise _Refusal("unknown_key", f"unknown key: key {kid} of post {m.post} could not sign on "
                       f"{m.created_at:%Y-%m-%d %H:%M} UTC (outside its validity)")


def _check_sequence(registry: Registry, read: ReadBatch) -> None:
    """Step 8: replay, fork, and the ``prev`` links with the neighbours HQ holds."""
    m = read.manifest
    what = f"post {m.post} batch {m.seq}"
    held = [h for h in registry.held(m.post) if h.manifest_hash == read.manifest_hash]
    if held:
        raise _Refusal(held[0].reason, f"{held[0].reason}: {what} is already held for review "
                       f"({held[0].path})", held=registry.path.parent / held[0].path)
    existing = registry.batch(m.post, m.seq)
    if existing is not None:
        if existing.manifest_hash == read.manifest_hash:
            raise _AlreadyImported()
        raise _Refusal("fork", f"fork: HQ already holds a different {what} (a cloned laptop or "
                       "a restored backup?); the file is held for review", hold=True)
    if m.seq == 1 and m.prev != NO_PREVIOUS:
        raise _Refusal("damaged", f"damaged: {what} names a previous batch")
    before = registry.batch(m.post, m.seq - 1)
    if before is not None and m.prev != before.manifest_hash:
        raise _Refusal("fork", f"fork: {what} does not follow the batch {m.seq - 1} HQ holds; "
                       "the file is held for review", hold=True)
    after = registry.batch(m.post, m.seq + 1)
    if after is not None and after.prev != read.manifest_hash:
        raise _Refusal("fork", f"fork: the batch {m.seq + 1} HQ holds does not follow {what}; "
                       "the file is held for review", hold=True)


def _check_audit(conn: sqlite3.Connection, registry: Registry, post: str, seq: int,
                 staging: _Staging) -> None:
    """Step 9: hashes, links inside the batch and with the entries HQ already holds."""
    def broken(why: str) -> _Refusal:
        return _Refusal("audit_chain", f"audit chain broken: {why}")

    if staging.audit_problem is not None:
        raise broken(staging.audit_problem)
    first = conn.execute("SELECT seq, prev_hash FROM staged_audit ORDER BY seq LIMIT 1").fetchone()
    if first is None:
        return
    last = conn.execute("SELECT seq, hash FROM staged_audit ORDER BY seq DESC LIMIT 1").fetchone()
    if first[0] == 1 and first[1] != GENESIS:
        raise broken("entry 1 names a previous entry")
    before = conn.execute("SELECT hash FROM audit WHERE post = ? AND seq = ?",
                          (post, first[0] - 1)).fetchone()
    if before is not None and before[0] != first[1]:
        raise broken(f"entry {first[0]} does not follow the entry {first[0] - 1} HQ holds")
    after = conn.execute("SELECT prev_hash FROM audit WHERE post = ? AND seq = ?",
                         (post, last[0] + 1)).fetchone()
    if after is not None and after[0] != last[1]:
        raise broken(f"the entry {last[0] + 1} HQ holds does not follow entry {last[0]}")
    changed = conn.execute(
        "SELECT s.seq FROM staged_audit s JOIN audit a ON a.post = ? AND a.seq = s.seq"
        " WHERE a.hash != s.hash ORDER BY s.seq LIMIT 1", (post,)).fetchone()
    if changed is not None:
        raise broken(f"entry {changed[0]} differs from the one HQ holds")
    # With every batch of the post present, the entries must run without a hole: a post
    # cannot leave entries out of its batches unnoticed.
    have = {b.seq for b in registry.batches(post)} | {seq}
    if len(have) != max(have):
        return  # batches are missing: their entries will be checked when they arrive
    hole = conn.execute(
        "WITH s AS (SELECT seq FROM audit WHERE post = ? UNION SELECT seq FROM staged_audit)"
        " SELECT MIN(seq) + 1 FROM s WHERE seq + 1 NOT IN (SELECT seq FROM s)"
        " AND seq < (SELECT MAX(seq) FROM s)", (post,)).fetchone()
    if hole[0] is not None:
        raise broken(f"entry {hole[0]} is missing between batches")


def _hold(hq: HqDir, registry: Registry, source: Path, read: ReadBatch, refusal: _Refusal) -> Path:
    """Copy a fork or conflict to ``HQDIR/held/`` and record it (the registry is not merged)."""
    m = read.manifest
    stem = batch_filename(m.post, m.seq).removesuffix(".frb")
    relative = f"{HELD_DIR}/{stem}-{read.manifest_hash[:4].hex()}.frb"
    target = hq.path / relative
    _copy_durably(source, target)
    with transaction(registry.db) as conn:
        conn.execute("INSERT INTO posts (post, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     (m.post, iso_utc(utcnow())))
        conn.execute(
            "INSERT INTO held (post, seq, manifest_hash, reason, detail, path, file_name, held_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(manifest_hash) DO NOTHING",
            (m.post, m.seq, read.manifest_hash, refusal.reason, refusal.message, relative,
             source.name, iso_utc(utcnow())))
    return target


def _copy_durably(source: Path, target: Path, *, chunk: int = 1 << 20) -> None:
    """A streamed copy with atomic_write's guarantees (temp file, fsync, rename, fsync dir)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
    try:
        with source.open("rb") as src, open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                                                    | getattr(os, "O_BINARY", 0), 0o600),
                                            "wb") as out:
            while block := src.read(chunk):
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            "cannot keep a copy of {name} in {parent}: {reason}",
            name=source.name, parent=target.parent, reason=err.strerror or err
        ) from err


def _write_receipt(hq: HqDir, registry: Registry, post: str,
                   receipts_dir: str | os.PathLike[str] | None) -> dict[str, Any]:
    """``receipt=`` the file written, or ``receipt_error=`` why not (a stick pulled out...)."""
    directory = Path(receipts_dir) if receipts_dir is not None else hq.path / RECEIPTS_DIR
    target = directory / receipt_filename(post)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(target, issue_receipt(hq, post, registry.receipt_batches(post)))
    except OSError as err:
        return {"receipt_error": f"receipt not written: cannot create {directory} "
                                 f"({err.strerror or err})"}
    except StorageError as err:
        return {"receipt_error": f"receipt not written: {err}"}
    return {"receipt": target}
