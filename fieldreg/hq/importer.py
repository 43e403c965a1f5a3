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

The parts: ``staging.py`` (each record into the open transaction),
``checks.py`` (steps 6, 8 and 9, and the refusals), ``files.py`` (the held copy
and the receipt); this module runs them in order and makes the batch part of
the registry.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fieldreg.batches import BatchError, ReadBatch, read_records, verify_batch
from fieldreg.errors import StorageError
from fieldreg.hq.authority import describe_flags, record_accounts
from fieldreg.hq.checks import (
    AlreadyImported,
    Raced,
    Refusal,
    check_audit,
    check_key,
    check_sequence,
    refusal_of,
)
from fieldreg.hq.db import Db
from fieldreg.hq.files import hold, write_receipt
from fieldreg.hq.registry import Registry, describe_missing, describe_missing_numbers
from fieldreg.hq.staging import Staging, list_revocations
from fieldreg.hq.unreadable import finish as finish_unreadable
from fieldreg.keys.hqdir import HqDir
from fieldreg.model import iso_utc, utcnow

log = logging.getLogger("fieldreg.hq")


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
    held_records: int = 0  # records of an imported batch held for review (fieldreg hq held)
    gaps: str | None = None  # "post TGR1: batches 4–5 missing", numbers missing, alerts received,
    #                          accounts flagged (fieldreg/hq/authority.py)
    held: Path | None = None
    receipt: Path | None = None
    receipt_error: str | None = None  # the batch is imported; only its receipt is missing
    unreadable: int = 0  # versions the post could not open and named instead of sending

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    def line(self) -> str:
        where = f" (post {self.post}, batch {self.seq})" if self.post else ""
        if self.status == "imported":
            text = f"{self.file}: imported {self.records} records{where}"
            if self.held_records:
                text = (f"{text}; {self.held_records} of them held for review "
                        "(fieldreg hq held)")
        elif self.status == "already_imported":
            text = f"{self.file}: already imported{where}"
        else:
            text = f"{self.file}: refused: {self.message}"
        if self.unreadable:
            text = (f"{text}; the post could not open {self.unreadable} registration version"
                    f"{'s' if self.unreadable != 1 else ''} and kept "
                    f"{'them' if self.unreadable != 1 else 'it'} back (see 'fieldreg hq report')")
        for note in (self.gaps, self.receipt_error):
            if note:
                text = f"{text}; {note}"
        return text


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
    identity = hq.age_identity()
    try:
        with handle:
            try:
                read = verify_batch(handle, identity, hq_root_public=hq.root_public)
            except BatchError as err:
                raise refusal_of(err) from None
            check_key(hq, read)
            check_sequence(registry, read)
            handle.seek(0)
            try:
                with registry.db.transaction() as conn:
                    conn.execute("DELETE FROM staged_audit")
                    m = read.manifest
                    staging = Staging(registry, conn, progress, post=m.post, seq=m.seq,
                                      created_at=m.created_at)
                    try:
                        read_records(handle, identity, read, hq_root_public=hq.root_public,
                                     on_record=staging)
                        staging.finish()
                    except BatchError as err:
                        raise refusal_of(err) from None
                    except RecursionError:  # json.loads on a line nested thousands deep
                        raise Refusal("damaged", "damaged: a record is nested too deeply") from None
                    gaps = _check_and_apply(hq, registry, conn, read, staging, name)
                    reported = finish_unreadable(conn, read.manifest.seq)
            except Raced:
                # Rolled back: another import committed this batch number meanwhile. Decided
                # again against what it committed: the same batch (a replay), or a fork.
                check_sequence(registry, read)
                raise StorageError("post {post} batch {seq} changed in the registry during this "
                                   "import; import the file again", post=read.manifest.post,
                                   seq=read.manifest.seq) from None
    except AlreadyImported:
        assert read is not None
        return ImportResult(name, "already_imported", post=read.manifest.post,
                            seq=read.manifest.seq, records=read.records,
                            **write_receipt(hq, registry, read.manifest.post, receipts_dir))
    except Refusal as refusal:
        held = hold(hq, registry, source, read, refusal) if refusal.hold and read else refusal.held
        post, seq = (read.manifest.post, read.manifest.seq) if read else (None, None)
        return ImportResult(name, "refused", refusal.message, refusal.reason, post, seq, held=held)
    m = read.manifest
    if staging.held:
        log.warning("post %s batch %d: %d record(s) held for review", m.post, m.seq, staging.held)
    return ImportResult(name, "imported", post=m.post, seq=m.seq, records=read.records,
                        held_records=staging.held, gaps=gaps, unreadable=reported,
                        **write_receipt(hq, registry, m.post, receipts_dir))


def _check_and_apply(hq: HqDir, registry: Registry, conn: Db, read: ReadBatch,
                     staging: Staging, name: str) -> str | None:
    """Steps 6, 8, 9, 10 in order, then the writes that make the batch part of the registry."""
    m = read.manifest
    if staging.damage is not None:
        raise Refusal("damaged", f"damaged: {staging.damage}")
    check_key(hq, read)  # again, inside the transaction (decided before staging too)
    check_sequence(registry, read)
    check_audit(conn, registry, m.post, m.seq, staging)
    if staging.conflicts:
        more = f" (and {len(staging.conflicts) - 1} more)" if len(staging.conflicts) > 1 else ""
        raise Refusal("conflict", f"conflict: {staging.conflicts[0]}{more} differs from what HQ "
                      "already holds; the file is held for review", hold=True)
    now = iso_utc(utcnow())
    conn.execute("INSERT INTO posts (post, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                 (m.post, now))
    conn.execute(
        "INSERT INTO audit (post, seq, at, actor, action, subject, details, prev_hash, hash,"
        " batch_seq) SELECT ?, seq, at, actor, action, subject, details, prev_hash, hash, ?"
        " FROM staged_audit WHERE true ON CONFLICT(post, seq) DO NOTHING", (m.post, m.seq))
    conn.execute("DELETE FROM staged_audit")
    # The database, not this process, makes the batch imported once: of two imports of the
    # same batch at the same moment, the second's insert waits for the first's commit, then
    # inserts nothing (PostgreSQL; SQLite runs one write transaction at a time).
    added = conn.execute(
        "INSERT INTO batches (post, seq, batch_id, manifest_hash, prev, kid, created_at,"
        " imported_at, file_name, exporter, app_version, schema_version, records, counts,"
        " audit_first, audit_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (m.post, m.seq, m.batch_id, read.manifest_hash, m.prev, m.kid, iso_utc(m.created_at), now,
         name, m.exporter, m.app_version, m.schema_version, read.records,
         json.dumps(m.counts, sort_keys=True), m.audit[0], m.audit[1])).rowcount
    if not added:
        raise Raced()
    conn.executemany("INSERT INTO issued_tokens (token_id, post, batch_seq) VALUES (?, ?, ?)"
                     " ON CONFLICT DO NOTHING", [(t.hex(), m.post, m.seq) for t in m.tokens])
    list_revocations(hq, conn, staging.new_revocations)
    flags = record_accounts(conn, post=m.post, seq=m.seq, accounts=m.accounts, now=now)
    if flags:
        log.warning("post %s batch %d: %d account flag(s)", m.post, m.seq, len(flags))
    notes = [describe_missing(m.post, registry.missing(m.post)),
             describe_missing_numbers(m.post, registry.missing_numbers(m.post))]
    if alerts := conn.execute("SELECT COUNT(*) FROM audit WHERE post = ? AND batch_seq = ?"
                              " AND action = 'audit_alert'", (m.post, m.seq)).fetchone()[0]:
        notes.append(f"post {m.post}: {alerts} tampering alert{'s' if alerts != 1 else ''}"
                     " in this batch (fieldreg hq report)")
    notes.append(describe_flags(m.post, flags))
    return "; ".join(n for n in notes if n) or None
