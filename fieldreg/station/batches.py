"""The post side of batches: what is pending, the atomic export, re-export, HQ receipts.

    result = export(session, Path("/media/usb"), progress=show)   # None when nothing is pending
    result = export_again(session, 4, Path("/media/usb"))          # the stick was lost
    changed = load_receipt(session, data)                          # HQ's receipt-TGR1.cose
    for batch in list_batches(session): ...

An export is a small state machine, built so that HQ can never receive two
different manifests with the same sequence number from this post:

1. **prepare** (only when no batch is already ``prepared``): the pending records
   are streamed, in one read snapshot of the store, into the encrypted batch
   ``<data dir>/batches/<POST>-<SEQ>.frb`` (temporary name, fsync, rename, fsync
   of the folder), and only then the ``prepared`` row (sequence, manifest hash,
   file hash and size, the ranges covered) is committed. The file is encrypted
   to HQ, so keeping it on the laptop leaks nothing; it is written once and
   never rewritten, so every copy of batch N is the same file.
2. **copy**: the local file is copied to the target folder under a name
   starting with ``.``, fsynced, renamed to ``<POST>-<SEQ>.frb``, the folder
   fsynced; then the copy is **read back** (past the page cache where the
   system allows) and its size and SHA-256 compared with the prepared row.
3. **mark**, in one transaction: the batch ``exported``, its outbox rows
   marked, an ``export`` audit entry.

Any failure in 2 (full or read-only stick, stick pulled, interruption) removes
the temporary file, marks nothing, and keeps the batch ``prepared``: running
the export again copies the very same file. A receipt from HQ then marks
batches ``acknowledged`` (sequence *and* manifest hash must match), and only
the outbox rows of acknowledged batches are ever deleted.

Which rows a batch covers: outbox rows by their ``batch`` column; duplicate
decisions, slip tokens issued and audit entries by ranges (``decisions_to``,
``tokens_to``, ``audit_to`` in ``batches``): a new batch starts after the
largest range already taken. Rows are numbered in commit order (writers are
serialised), so a range read in one snapshot is exactly what was committed.
The records themselves are read by :mod:`fieldreg.store.outbox`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyrage

from fieldreg import __version__
from fieldreg.batches import NO_PREVIOUS, BatchHeader, batch_filename, open_receipt, write_batch
from fieldreg.store.outbox import pending_ranges, pending_records
from fieldreg.errors import CorruptData, InvalidInput, NotFound, StorageError
from fieldreg.fsutil import fsync_dir, write_problem
from fieldreg.station.tokens import current_post_key
from fieldreg.messages import Message
from fieldreg.model import iso_utc, utcnow
from fieldreg.station.session import Session
from fieldreg.sqlitedb import transaction
from fieldreg.store.db import SCHEMA_VERSION

try:  # POSIX: one export at a time per station
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

BATCHES_DIRNAME = "batches"
_LOCK_NAME = ".export.lock"
_COPY_CHUNK = 1024 * 1024
_ESCROW_META = "escrow_recipients"


NOT_ENROLLED = Message("this post is not enrolled with HQ, so it has no key to sign batches and no HQ "
                       "key to encrypt them to: load an enrollment file first ('fieldreg keys load FILE')")

Progress = Callable[[int, int], None]  # (records written, records in the batch)


# -- what callers get back -------------------------------------------------------------------


@dataclass(frozen=True)
class BatchInfo:
    """One row of ``batches``: what ``fieldreg batches`` lists."""

    seq: int
    file_name: str
    batch_id: str  # hex
    manifest_hash: str  # hex
    file_sha256: str  # hex
    file_size: int
    records: int
    counts: dict[str, int]
    created_at: str
    exporter: str
    status: str  # prepared | exported | acknowledged
    exported_at: str | None
    acknowledged_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "file": self.file_name, "status": self.status,
            "created_at": self.created_at, "exporter": self.exporter, "records": self.records,
            "counts": self.counts, "exported_at": self.exported_at,
            "acknowledged_at": self.acknowledged_at, "batch_id": self.batch_id,
            "manifest_sha256": self.manifest_hash, "file_size": self.file_size,
            "file_sha256": self.file_sha256,
        }


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


# -- public operations -----------------------------------------------------------------------


def export(
    session: Session, target: Path, *, progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportResult | None:
    """Write the pending records to ``target`` as a verified batch; ``None`` if nothing is pending.

    A batch prepared by an earlier attempt that failed is copied again as it is.
    """
    session.require("export")
    _check_post(session)
    with _export_lock(session.store.data_dir):
        _remove_stale_temporaries(local_dir(session))
        row = _prepared(session.store.db)
        reused = row is not None
        if row is None:
            row = _prepare(session, progress=progress, now=now or utcnow())
            if row is None:
                return None
        path = _copy_verified(_local_path(session, row), Path(target), row,
                              hint=Message("the batch stays ready: run the export again"))
        return ExportResult(_mark_exported(session, row.seq, now=now), path, reused)


def export_again(session: Session, seq: int, target: Path) -> ExportResult:
    """Copy an exported batch's stored file to ``target`` again (a lost or broken stick)."""
    session.require("export")
    row = _batch(session.store.db, seq)
    if row.status == "prepared":
        raise InvalidInput("batch {seq} has not been exported yet: use 'fieldreg export --to DIR'", seq=seq)
    path = _copy_verified(_local_path(session, row), Path(target), row, hint=Message("nothing was changed"))
    with transaction(session.store.db) as conn:
        session.audit_on(conn).append(actor=session.user, action="export_again",
                                   subject=session.store.post_id, details={"seq": seq})
    return ExportResult(row, path, reused=True)


def load_receipt(session: Session, data: bytes, *, now: datetime | None = None) -> ReceiptResult:
    """Check HQ's receipt, mark the batches it acknowledges, prune their outbox rows."""
    session.require("export")
    if session.store.kind != "post":
        raise InvalidInput("this station is a camp: receipts are for border posts")
    root = session.store.meta_or("hq_root")
    if root is None:
        raise InvalidInput(NOT_ENROLLED)
    receipt = open_receipt(data, root_public=bytes.fromhex(root))
    post_id = session.store.post_id
    if receipt.post != post_id:
        raise InvalidInput("this receipt is for post {post}, but this station is post {post_id}; nothing was changed", post=receipt.post, post_id=post_id)
    at = iso_utc(now or utcnow())
    held = {seq: digest for seq, digest in receipt.batches}
    newly: list[int] = []
    already: list[int] = []
    mismatched: list[int] = []
    with transaction(session.store.db) as conn:
        ours = {row.seq: row for row in _rows(conn, "")}
        for seq, digest in sorted(held.items()):
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
                    _set_exported(conn, row, at)
                conn.execute("UPDATE batches SET status = 'acknowledged', acknowledged_at = ?"
                             " WHERE seq = ?", (at, seq))
                newly.append(seq)
        pruned = conn.execute(
            "DELETE FROM outbox WHERE batch IN"
            " (SELECT seq FROM batches WHERE status = 'acknowledged')").rowcount
        unknown = sorted(set(held) - set(ours))
        session.audit_on(conn).append(
            actor=session.user, action="receipt_load", subject=post_id,
            details={"acknowledged": newly, "pruned": pruned, "mismatched": mismatched,
                     "unknown": unknown})
    return ReceiptResult(receipt.post, receipt.issued_at, tuple(newly), tuple(already),
                         tuple(mismatched), tuple(unknown), pruned)


def list_batches(session: Session) -> list[BatchInfo]:
    """Every batch this post made, oldest first."""
    session.require("export")
    found: list[BatchInfo] = list(_rows(session.store.db, ""))
    return found


def local_dir(session: Session) -> Path:
    """Where the post keeps its own copy of every batch (encrypted to HQ)."""
    return session.store.data_dir / BATCHES_DIRNAME


# -- checks and settings ---------------------------------------------------------------------


def _check_post(session: Session) -> None:
    store = session.store
    if store.kind != "post":
        raise InvalidInput("this station is a camp: camps hold no registrations and export "
                           "no batches")
    if store.meta_or("hq_root") is None or store.meta_or("hq_age_recipient") is None:
        raise InvalidInput(NOT_ENROLLED)
    if store.db.execute("SELECT 1 FROM post_keys WHERE current = 1").fetchone() is None:
        raise InvalidInput(NOT_ENROLLED)


def _recipients(session: Session) -> list[str]:
    """HQ's age recipient, then HQ's escrow recipients (set at enrollment), checked."""
    recipients = [session.store.meta("hq_age_recipient")]
    escrow = session.store.meta_or(_ESCROW_META)
    if escrow:
        try:
            extra = json.loads(escrow)
        except json.JSONDecodeError:
            extra = None
        if not isinstance(extra, list) or not all(isinstance(r, str) for r in extra):
            raise CorruptData("this station's setting {setting!r} is damaged; reload the enrollment file", setting=_ESCROW_META)
        recipients += [r for r in extra if r not in recipients]
    for recipient in recipients:
        try:
            pyrage.x25519.Recipient.from_str(recipient)
        except (pyrage.RecipientError, ValueError):
            raise CorruptData("an HQ encryption key in this station's settings is not a valid "
                              "age recipient; reload the enrollment file") from None
    return recipients


@contextlib.contextmanager
def _export_lock(data_dir: Path) -> Iterator[None]:
    """One export at a time per station (two would prepare the same number)."""
    directory = data_dir / BATCHES_DIRNAME
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(directory / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StorageError(write_problem(exc, directory)) from exc
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise InvalidInput("another export is running on this station; wait for it to "
                                   "finish, then run it again") from None
        yield
    finally:
        os.close(fd)  # releases the lock


def _remove_stale_temporaries(directory: Path) -> None:
    """Temporary files of exports that were killed (holding the lock, nobody else writes here)."""
    for stale in directory.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


# -- the batches table -----------------------------------------------------------------------

_COLUMNS = ("seq", "batch_id", "manifest_hash", "file_sha256", "file_size", "records", "counts",
            "created_at", "exporter", "status", "exported_at", "acknowledged_at")


@dataclass(frozen=True)
class _Row(BatchInfo):
    outbox_to: int = 0

    @property
    def sha256(self) -> bytes:
        return bytes.fromhex(self.file_sha256)


def _rows(conn: sqlite3.Connection, where: str, params: tuple[Any, ...] = ()) -> list[_Row]:
    post = conn.execute("SELECT value FROM meta WHERE key = 'post_id'").fetchone()[0]
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)}, outbox_to FROM batches {where} ORDER BY seq", params)
    out = []
    for r in rows:
        values = dict(zip(_COLUMNS, r))
        values["counts"] = json.loads(values["counts"])
        out.append(_Row(file_name=batch_filename(post, values["seq"]), outbox_to=r[-1], **values))
    return out


def _prepared(conn: sqlite3.Connection) -> _Row | None:
    found = _rows(conn, "WHERE status = 'prepared'")
    return found[0] if found else None


def _batch(conn: sqlite3.Connection, seq: int) -> _Row:
    found = _rows(conn, "WHERE seq = ?", (seq,))
    if not found:
        raise NotFound("this post has no batch {seq} (see 'fieldreg batches')", seq=seq)
    return found[0]


def _local_path(session: Session, row: BatchInfo) -> Path:
    return local_dir(session) / row.file_name


def _set_exported(conn: sqlite3.Connection, row: _Row, at: str) -> None:
    conn.execute("UPDATE batches SET status = 'exported', exported_at = ? WHERE seq = ?",
                 (at, row.seq))
    conn.execute("UPDATE outbox SET batch = ? WHERE batch IS NULL AND seq <= ?",
                 (row.seq, row.outbox_to))


def _mark_exported(session: Session, seq: int, *, now: datetime | None) -> BatchInfo:
    with transaction(session.store.db) as conn:
        row = _batch(conn, seq)
        if row.status == "prepared":
            _set_exported(conn, row, iso_utc(now or utcnow()))
            session.audit_on(conn).append(
                actor=session.user, action="export", subject=session.store.post_id,
                details={"seq": seq, "records": row.records, "counts": row.counts})
        return _batch(conn, seq)


# -- prepare: the pending records, written once to the local copy ----------------------------


def _prepare(session: Session, *, progress: Progress | None, now: datetime) -> _Row | None:
    """Write the next batch to the local copy and record it as ``prepared``; None if nothing."""
    conn = session.store.db
    post_id = session.store.post_id
    post_key = current_post_key(session, now=now)
    recipients = _recipients(session)
    directory = local_dir(session)
    conn.execute("BEGIN")  # one read snapshot for the ranges and every record
    try:
        pending = pending_ranges(conn)
        if not pending.any_data:
            return None
        seq, prev = conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1, (SELECT manifest_hash FROM batches"
            " ORDER BY seq DESC LIMIT 1) FROM batches").fetchone()
        tokens = tuple(bytes.fromhex(r[0]) for r in conn.execute(
            "SELECT token_id FROM tokens WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
            (pending.tokens_from, pending.tokens_to)))
        header = BatchHeader(
            batch_id=os.urandom(16), post_key=post_key, seq=seq,
            prev=bytes.fromhex(prev) if prev else NO_PREVIOUS,
            hq_root_public=bytes.fromhex(session.store.meta("hq_root")), created_at=now,
            exporter=session.user, app_version=__version__, schema_version=SCHEMA_VERSION,
            tokens=tokens,
        )
        records = pending_records(conn, session.cipher, pending)
        report = None if progress is None else (lambda n: progress(n, pending.total))
        final = directory / batch_filename(post_id, seq)
        try:
            written = _write_new(final, lambda out: write_batch(
                out, header, records, recipients=recipients, progress=report))
        finally:
            records.close()
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")  # a read-only transaction: nothing to commit
    with transaction(session.store.db) as wconn:
        wconn.execute(
            "INSERT INTO batches (seq, batch_id, manifest_hash, file_sha256, file_size, outbox_to,"
            " decisions_to, audit_from, audit_to, tokens_to, records, counts, created_at,"
            " exporter, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'prepared')",
            (seq, header.batch_id.hex(), written.manifest_hash.hex(), written.sha256.hex(),
             written.size, pending.outbox_to, pending.decisions_to,
             pending.audit_from + 1 if pending.audit_to > pending.audit_from else 0,
             pending.audit_to, pending.tokens_to, sum(written.manifest.counts.values()),
             json.dumps(written.manifest.counts), iso_utc(now), session.user))
    row = _prepared(conn)
    assert row is not None and row.seq == seq
    return row


def _write_new(final: Path, write: Callable[[Any], Any]) -> Any:
    """Write a new file through ``write(fileobj)``: temporary name, fsync, rename, fsync folder.

    A file left under the final name by an attempt that died before its row was
    committed was never copied anywhere (copies are made from rows): it is replaced.
    """
    tmp = final.parent / f".{final.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise StorageError(write_problem(exc, final)) from exc
        raise
    return result


# -- copy to the medium, read back -----------------------------------------------------------


def _copy_verified(source: Path, target_dir: Path, row: _Row, *, hint: Message) -> Path:
    """Copy the local batch file to ``target_dir`` atomically and check it by reading it back."""
    final = target_dir / row.file_name
    expected = (row.file_size, row.sha256)
    if os.path.lexists(final):
        if final.is_file() and _digest(final) == expected:
            return final  # already there, identical (a copy verified earlier)
        raise InvalidInput("{final} already exists and is a different file; nothing was written (move it away or choose another folder)", final=final)
    if not target_dir.is_dir():
        raise StorageError("cannot write to {target_dir}: the folder does not exist (medium removed?); {hint}",
                           target_dir=target_dir, hint=hint)
    for stale in target_dir.glob(f".{final.name}.*.tmp"):  # left by a copy that was killed
        with contextlib.suppress(OSError):
            stale.unlink()
    if not source.is_file():
        raise CorruptData("this station's copy of batch {seq} ({source}) is missing; restore it from a backup", seq=row.seq, source=source)
    tmp = target_dir / f".{final.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    renamed = False
    try:
        with open(source, "rb") as src:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o600)
            with os.fdopen(fd, "wb") as out:
                size, digest = 0, hashlib.sha256()
                while chunk := src.read(_COPY_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        if (size, digest.digest()) != expected:
            raise CorruptData("this station's copy of batch {seq} ({source}) is damaged (it does not match what was recorded); restore it from a backup", seq=row.seq, source=source)
        os.replace(tmp, final)
        renamed = True
        fsync_dir(target_dir)
        if _digest(final) != expected:
            raise StorageError(
                "the copy on {target_dir} does not read back correctly (faulty medium?) and was removed; {hint}",
                target_dir=target_dir, hint=hint)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if renamed:  # never leave a *.frb that was not verified
            with contextlib.suppress(OSError):
                os.unlink(final)
                fsync_dir(target_dir)
        if isinstance(exc, OSError):
            raise StorageError("{problem}; {hint}", problem=write_problem(exc, final), hint=hint) from exc
        raise
    return final


def _digest(path: Path) -> tuple[int, bytes]:
    """Size and SHA-256 of the file as the medium returns it (page cache dropped first)."""
    with open(path, "rb") as f:
        fadvise = getattr(os, "posix_fadvise", None)
        if fadvise is not None:
            with contextlib.suppress(OSError):
                fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        size, digest = 0, hashlib.sha256()
        while chunk := f.read(_COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.digest()
