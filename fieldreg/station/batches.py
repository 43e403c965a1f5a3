"""The post side of batches: the atomic export, re-export, HQ receipts (``session.batches``).

    result = session.batches.export(Path("/media/usb"), progress=show)  # None: nothing pending
    result = session.batches.export_again(4, Path("/media/usb"))         # the stick was lost
    changed = session.batches.load_receipt(data)                         # HQ's receipt-TGR1.cose
    for batch in session.batches.list(): ...

An export is a small state machine, built so that HQ can never receive two
different manifests with the same sequence number from this post:

1. **prepare** (only when no batch is already ``prepared``): the pending records
   are streamed, in one read snapshot of the store, into the encrypted batch
   ``<data dir>/batches/<POST>-<SEQ>.frb`` (temporary name, fsync, rename, fsync
   of the folder), and only then the ``prepared`` row (sequence, manifest hash,
   file hash and size, the ranges covered) is committed. The file is encrypted
   to HQ, so keeping it on the laptop leaks nothing; it is written once and
   never rewritten, so every copy of batch N is the same file.
2. **copy** (:func:`fieldreg.station.batch_files.copy_verified`): the local
   file is copied to the target folder under a name starting with ``.``,
   fsynced, renamed to ``<POST>-<SEQ>.frb``, the folder fsynced; then the copy
   is **read back** (past the page cache where the system allows) and its size
   and SHA-256 compared with the prepared row.
3. **mark**, in one transaction: the batch ``exported``, its outbox rows
   marked, an ``export`` audit entry.

Any failure in 2 (full or read-only stick, stick pulled, interruption) removes
the temporary file, marks nothing, and keeps the batch ``prepared``: running
the export again copies the very same file. A receipt from HQ then marks
batches ``acknowledged`` (sequence *and* manifest hash must match), and only
the outbox rows of acknowledged batches are ever deleted. Which rows a batch
covers, and every SQL statement of all this, are in :mod:`fieldreg.store.batches`.
"""

from __future__ import annotations

import builtins
import json
import os
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import pyrage

from fieldreg import __version__
from fieldreg.batches import (
    NO_PREVIOUS,
    BatchHeader,
    batch_filename,
    open_receipt,
    write_batch,
)
from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.fsutil import atomic_write_with, remove_temporaries
from fieldreg.messages import Message
from fieldreg.model import iso_utc, utcnow
from fieldreg.sqlitedb import transaction
from fieldreg.station.batch_files import copy_verified, export_lock
from fieldreg.station.service import Service
from fieldreg.station.tokens import current_post_key
from fieldreg.station.trust import ESCROW_META
from fieldreg.store.batches import (
    BatchInfo,
    BatchRow,
    every_batch,
    get_batch,
    insert_prepared,
    mark_acknowledged,
    mark_exported,
    next_batch,
    prepared_batch,
    prune_acknowledged,
    signing_key_loaded,
)
from fieldreg.store.db import SCHEMA_VERSION
from fieldreg.store.duplicates import store_hq_decision

__all__ = ["BATCHES_DIRNAME", "NOT_ENROLLED", "BatchInfo", "Batches", "ExportResult", "Progress",
           "ReceiptResult"]

BATCHES_DIRNAME = "batches"

NOT_ENROLLED = Message("this post is not enrolled with HQ, so it has no key to sign batches and no HQ "
                       "key to encrypt them to: load an enrollment file first ('fieldreg keys load FILE')")

Progress = Callable[[int, int], None]  # (records written, records in the batch)


@dataclass(frozen=True)
class ExportResult:
    batch: BatchInfo
    path: Path  # the verified copy in the target folder
    reused: bool  # the batch had been prepared by an earlier attempt that did not finish


@dataclass(frozen=True)
class ReceiptResult:
    post: str
    issued_at: datetime
    acknowledged: tuple[int, ...]  # newly acknowledged by this receipt
    already: tuple[int, ...]  # acknowledged before
    mismatched: tuple[int, ...]  # HQ holds a *different* batch with this number (a fork)
    unknown: tuple[int, ...]  # numbers HQ holds that this station never made
    pruned: int  # outbox rows deleted (their batches are acknowledged)
    decisions: int = 0  # HQ decisions on pairs of this post's members, new or newer than those kept


class Batches(Service):
    """A post's batches for HQ: supervisors and administrators only."""

    permissions: ClassVar[Mapping[str, str]] = {
        "export": "export", "export_again": "export", "list": "export",
        # What the network outbox (station/sync.py) uses, in any user's session.
        "load_receipt": "sync", "local_dir": "sync", "prepare": "sync"}

    def export(
        self, target: Path, *, progress: Progress | None = None, now: datetime | None = None,
    ) -> ExportResult | None:
        """Write the pending records to ``target`` as a verified batch; ``None`` if nothing is pending.

        A batch prepared by an earlier attempt that failed is copied again as it is.
        """
        self._check_post()
        directory = self._local_dir
        with export_lock(directory):
            remove_temporaries(directory)  # of exports that were killed: nobody else writes here
            row = prepared_batch(self._conn)
            reused = row is not None
            if row is None:
                row = self._prepare(progress=progress, now=now or utcnow())
                if row is None:
                    return None
            path = copy_verified(directory / row.file_name, Path(target), row,
                                 hint=Message("the batch stays ready: run the export again"))
            return ExportResult(self._mark_exported(row.seq, now=now), path, reused)

    def prepare(self, *, now: datetime | None = None) -> BatchInfo | None:
        """The batch waiting to travel, made from the pending records if there is none (sync).

        The same state machine as :meth:`export` without the stick: the file stays in
        :meth:`local_dir` and the batch ``prepared`` until HQ's receipt acknowledges it.
        ``None`` when no batch waits and no record is pending.
        """
        self._check_post()
        directory = self._local_dir
        with export_lock(directory):
            remove_temporaries(directory)
            row = prepared_batch(self._conn)
            return row if row is not None else self._prepare(progress=None, now=now or utcnow())

    def export_again(self, seq: int, target: Path) -> ExportResult:
        """Copy an exported batch's stored file to ``target`` again (a lost or broken stick)."""
        session = self._session
        row = get_batch(self._conn, seq)
        if row.status == "prepared":
            raise InvalidInput("batch {seq} has not been exported yet: use 'fieldreg export --to DIR'", seq=seq)
        path = copy_verified(self._local_dir / row.file_name, Path(target), row,
                             hint=Message("nothing was changed"))
        with transaction(session.store.db) as conn:
            session.audit_on(conn).append(actor=session.user, action="export_again",
                                          subject=session.store.post_id, details={"seq": seq})
        return ExportResult(row, path, reused=True)

    def load_receipt(self, data: bytes, *, now: datetime | None = None) -> ReceiptResult:
        """Check HQ's receipt, mark the batches it acknowledges, prune their outbox rows."""
        session, store = self._session, self._session.store
        if store.kind != "post":
            raise InvalidInput("this station is a camp: receipts are for border posts")
        root = store.meta_or("hq_root")
        if root is None:
            raise InvalidInput(NOT_ENROLLED)
        receipt = open_receipt(data, root_public=bytes.fromhex(root))
        post_id = store.post_id
        if receipt.post != post_id:
            raise InvalidInput(
                "this receipt is for post {post}, but this station is post {post_id}; nothing was changed",
                post=receipt.post, post_id=post_id
            )
        at = iso_utc(now or utcnow())
        held = {seq: digest for seq, digest in receipt.batches}
        newly: list[int] = []
        already: list[int] = []
        mismatched: list[int] = []
        with transaction(store.db) as conn:
            ours = {row.seq: row for row in every_batch(conn)}
            for seq in sorted(held):
                row = ours.get(seq)
                if row is None:
                    continue
                if not receipt.acknowledges(seq, bytes.fromhex(row.manifest_hash)):
                    mismatched.append(seq)
                elif row.status == "acknowledged":
                    already.append(seq)
                else:
                    if row.status == "prepared":
                        # The copy reached HQ although this station never saw it verified
                        # (interrupted after the rename): HQ holds exactly this file.
                        mark_exported(conn, row, at=at)
                    mark_acknowledged(conn, seq, at=at)
                    newly.append(seq)
            pruned = prune_acknowledged(conn)
            unknown = sorted(set(held) - set(ours))
            # HQ's decisions: the post's duplicate review stops proposing those pairs.
            decisions = sum(store_hq_decision(conn, d.member_a, d.member_b, d.decision,
                                              at=iso_utc(d.decided_at), by=d.decided_by, received_at=at)
                            for d in receipt.decisions)
            session.audit_on(conn).append(
                actor=session.user, action="receipt_load", subject=post_id,
                details={"acknowledged": newly, "pruned": pruned, "mismatched": mismatched,
                         "unknown": unknown, "hq_decisions": decisions})
        return ReceiptResult(receipt.post, receipt.issued_at, tuple(newly), tuple(already),
                             tuple(mismatched), tuple(unknown), pruned, decisions)

    def list(self) -> builtins.list[BatchInfo]:
        """Every batch this post made, oldest first."""
        return list(every_batch(self._conn))

    def local_dir(self) -> Path:
        """Where the post keeps its own copy of every batch (encrypted to HQ)."""
        return self._local_dir

    # -- checks and settings -------------------------------------------------------------

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._session.store.db

    @property
    def _local_dir(self) -> Path:
        return self._session.store.data_dir / BATCHES_DIRNAME

    def _check_post(self) -> None:
        store = self._session.store
        if store.kind != "post":
            raise InvalidInput("this station is a camp: camps hold no registrations and export "
                               "no batches")
        if store.meta_or("hq_root") is None or store.meta_or("hq_age_recipient") is None:
            raise InvalidInput(NOT_ENROLLED)
        if not signing_key_loaded(self._conn):
            raise InvalidInput(NOT_ENROLLED)

    def _recipients(self) -> builtins.list[str]:
        """HQ's age recipient, then HQ's escrow recipients (set at enrollment), checked."""
        store = self._session.store
        recipients = [store.meta("hq_age_recipient")]
        escrow = store.meta_or(ESCROW_META)
        if escrow:
            try:
                extra = json.loads(escrow)
            except json.JSONDecodeError:
                extra = None
            if not isinstance(extra, list) or not all(isinstance(r, str) for r in extra):
                raise CorruptData(
                    "this station's setting {setting!r} is damaged; reload the enrollment file",
                    setting=ESCROW_META
                )
            recipients += [r for r in extra if r not in recipients]
        for recipient in recipients:
            try:
                pyrage.x25519.Recipient.from_str(recipient)
            except (pyrage.RecipientError, ValueError):
                raise CorruptData("an HQ encryption key in this station's settings is not a valid "
                                  "age recipient; reload the enrollment file") from None
        return recipients

    # -- prepare and mark ----------------------------------------------------------------

    def _prepare(self, *, progress: Progress | None, now: datetime) -> BatchRow | None:
        """Write the next batch to the local copy and record it as ``prepared``; None if nothing."""
        session, store = self._session, self._session.store
        post_key = current_post_key(session, now=now)
        recipients = self._recipients()
        with next_batch(store.db, session.cipher) as batch:
            if batch is None:
                return None
            header = BatchHeader(
                batch_id=os.urandom(16), post_key=post_key, seq=batch.seq,
                prev=bytes.fromhex(batch.prev_manifest_hash) if batch.prev_manifest_hash
                else NO_PREVIOUS,
                hq_root_public=bytes.fromhex(store.meta("hq_root")), created_at=now,
                exporter=session.user, app_version=__version__, schema_version=SCHEMA_VERSION,
                tokens=batch.tokens, accounts=batch.accounts,
            )
            total = batch.pending.total
            report = None if progress is None else (lambda n: progress(n, total))
            # A file left under this name by an attempt that died before its row was
            # committed was never copied anywhere (copies are made from rows): it is replaced.
            written = atomic_write_with(
                self._local_dir / batch_filename(store.post_id, batch.seq),
                lambda out: write_batch(out, header, batch.records, recipients=recipients,
                                        progress=report))
        with transaction(store.db) as conn:
            insert_prepared(
                conn, batch, batch_id=header.batch_id.hex(),
                manifest_hash=written.manifest_hash.hex(), file_sha256=written.sha256.hex(),
                file_size=written.size, counts=written.manifest.counts, created_at=iso_utc(now),
                exporter=session.user)
        row = prepared_batch(store.db)
        assert row is not None and row.seq == batch.seq
        return row

    def _mark_exported(self, seq: int, *, now: datetime | None) -> BatchInfo:
        session = self._session
        with transaction(session.store.db) as conn:
            row = get_batch(conn, seq)
            if row.status == "prepared":
                mark_exported(conn, row, at=iso_utc(now or utcnow()))
                session.audit_on(conn).append(
                    actor=session.user, action="export", subject=session.store.post_id,
                    details={"seq": seq, "records": row.records, "counts": row.counts})
            return get_batch(conn, seq)
