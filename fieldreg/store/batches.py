"""The ``batches`` table: each batch a post made for HQ, from prepared to acknowledged.

    with next_batch(conn, cipher) as batch:        # one read snapshot; None if nothing is pending
        ... stream batch.records into the file ...
    insert_prepared(conn, batch, batch_id=..., manifest_hash=..., ...)   # in a transaction
    row = prepared_batch(conn)                     # the one batch waiting to be copied, if any
    mark_exported(conn, row, at=now)               # the copy was read back: its outbox rows too
    mark_acknowledged(conn, 4, at=now); prune_acknowledged(conn)   # HQ's receipt

A row's ``status`` moves ``prepared`` -> ``exported`` -> ``acknowledged`` and
never back (docs/store.md, "Batches and the outbox"). Which rows a batch covers:
outbox rows by their ``batch`` column; duplicate decisions, slip tokens issued
and audit entries by ranges (``decisions_to``, ``tokens_to``, ``audit_to``): a
new batch starts after the largest range already taken. Rows are numbered in
commit order (writers are serialised), so a range read in one snapshot is
exactly what was committed. The records themselves are read by
:mod:`fieldreg.store.outbox`; the export's state machine is
:mod:`fieldreg.station.batches`.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from fieldreg.batches import batch_filename
from fieldreg.errors import NotFound
from fieldreg.model import Unreadable
from fieldreg.store.accounts import accounts_for_hq
from fieldreg.store.fields import FieldCipher
from fieldreg.store.outbox import Pending, pending_ranges, pending_records

_COLUMNS = ("seq", "batch_id", "manifest_hash", "file_sha256", "file_size", "records", "counts",
            "created_at", "exporter", "status", "exported_at", "acknowledged_at")


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
    # Versions left out because they could not be opened (reported to HQ in the batch;
    # their outbox rows stay pending).
    unreadable: tuple[Unreadable, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "file": self.file_name, "status": self.status,
            "created_at": self.created_at, "exporter": self.exporter, "records": self.records,
            "counts": self.counts, "exported_at": self.exported_at,
            "acknowledged_at": self.acknowledged_at, "batch_id": self.batch_id,
            "manifest_sha256": self.manifest_hash, "file_size": self.file_size,
            "file_sha256": self.file_sha256,
            "unreadable": [{"regno": u.regno, "version": u.version, "part": u.part, "lost": u.lost}
                           for u in self.unreadable],
        }


@dataclass(frozen=True)
class BatchRow(BatchInfo):
    """A row as the export needs it: also the last outbox row the batch covers."""

    outbox_to: int = 0
    held: tuple[int, ...] = ()  # the outbox seqs of ``unreadable``, left pending

    @property
    def sha256(self) -> bytes:
        return bytes.fromhex(self.file_sha256)


@dataclass(frozen=True)
class NextBatch:
    """What the next batch holds, read in one snapshot (:func:`next_batch`)."""

    seq: int
    prev_manifest_hash: str | None  # hex; None for a post's first batch
    tokens: tuple[bytes, ...]  # the slip tokens issued since the last batch, in order
    pending: Pending  # the ranges it covers
    records: Generator[dict[str, Any], None, None]  # read lazily, inside the snapshot
    # (outbox seq, what) of each version that could not be opened, filled as records are read
    unreadable: list[tuple[int, Unreadable]]
    # The account authority and grants for HQ (store/accounts.py ``accounts_for_hq``), or None
    accounts: dict[str, Any] | None = None


# -- reading -----------------------------------------------------------------------------------


def every_batch(conn: sqlite3.Connection) -> list[BatchRow]:
    """Every batch this post made, oldest first."""
    return _rows(conn, "")


def prepared_batch(conn: sqlite3.Connection) -> BatchRow | None:
    """The batch written locally but not yet copied (at most one: a unique index)."""
    found = _rows(conn, "WHERE status = 'prepared'")
    return found[0] if found else None


def get_batch(conn: sqlite3.Connection, seq: int) -> BatchRow:
    found = _rows(conn, "WHERE seq = ?", (seq,))
    if not found:
        raise NotFound("this post has no batch {seq} (see 'fieldreg batches')", seq=seq)
    return found[0]


def signing_key_loaded(conn: sqlite3.Connection) -> bool:
    """Whether this post holds a current key to sign batches with (not opened here)."""
    return conn.execute("SELECT 1 FROM post_keys WHERE current = 1").fetchone() is not None


def _rows(conn: sqlite3.Connection, where: str, params: tuple[Any, ...] = ()) -> list[BatchRow]:
    post = conn.execute("SELECT value FROM meta WHERE key = 'post_id'").fetchone()[0]
    rows = conn.execute(
        f"SELECT {', '.join(_COLUMNS)}, outbox_to, held FROM batches {where} ORDER BY seq", params)
    out = []
    for r in rows:
        values = dict(zip(_COLUMNS, r, strict=False))  # r ends with outbox_to, held
        values["counts"] = json.loads(values["counts"])
        held = json.loads(r[-1])
        out.append(BatchRow(file_name=batch_filename(post, values["seq"]), outbox_to=r[-2],
                            held=tuple(h[0] for h in held),
                            unreadable=tuple(Unreadable(h[1], h[3], h[2], h[4]) for h in held),
                            **values))
    return out


def still_unreadable(conn: sqlite3.Connection) -> list[Unreadable]:
    """What the latest batch left out as unreadable and nothing has replaced since
    (the registration is still at that version); lost versions are not listed."""
    row = conn.execute("SELECT held FROM batches ORDER BY seq DESC LIMIT 1").fetchone()
    out = []
    for _, regno, version, part, lost in json.loads(row[0]) if row else ():
        now = conn.execute("SELECT version FROM households WHERE regno = ?", (regno,)).fetchone()
        if not lost and now is not None and now[0] == version:
            out.append(Unreadable(regno, part, version))
    return out


@contextlib.contextmanager
def next_batch(conn: sqlite3.Connection, cipher: FieldCipher) -> Iterator[NextBatch | None]:
    """The next batch's number, ranges and records, all read in one snapshot; None if nothing.

    The snapshot (a read transaction) lasts while the ``with`` block streams the
    records, so they agree with the ranges whatever is saved meanwhile.
    """
    conn.execute("BEGIN")  # deferred: a read snapshot from the first SELECT
    try:
        pending = pending_ranges(conn)
        if not pending.any_data:
            yield None
            return
        seq, prev = conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1, (SELECT manifest_hash FROM batches"
            " ORDER BY seq DESC LIMIT 1) FROM batches").fetchone()
        tokens = tuple(bytes.fromhex(r[0]) for r in conn.execute(
            "SELECT token_id FROM tokens WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
            (pending.tokens_from, pending.tokens_to)))
        unreadable: list[tuple[int, Unreadable]] = []
        records = pending_records(conn, cipher, pending, unreadable)
        try:
            yield NextBatch(seq, prev, tokens, pending, records, unreadable,
                            accounts_for_hq(conn))
        finally:
            records.close()
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")  # a read-only transaction: nothing to commit


# -- writing (inside the caller's transaction) -------------------------------------------------


def insert_prepared(
    conn: sqlite3.Connection, batch: NextBatch, *, batch_id: str, manifest_hash: str,
    file_sha256: str, file_size: int, counts: dict[str, int], created_at: str, exporter: str,
) -> None:
    """Record ``batch``, written to the local file whose hashes and size are given, as prepared."""
    pending = batch.pending
    conn.execute(
        "INSERT INTO batches (seq, batch_id, manifest_hash, file_sha256, file_size, outbox_to,"
        " decisions_to, audit_from, audit_to, tokens_to, records, counts, created_at,"
        " exporter, status, held) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'prepared', ?)",
        (batch.seq, batch_id, manifest_hash, file_sha256, file_size, pending.outbox_to,
         pending.decisions_to,
         pending.audit_from + 1 if pending.audit_to > pending.audit_from else 0,
         pending.audit_to, pending.tokens_to, sum(counts.values()), json.dumps(counts),
         created_at, exporter,
         json.dumps([[seq, u.regno, u.version, u.part, u.lost] for seq, u in batch.unreadable])))


def mark_exported(conn: sqlite3.Connection, row: BatchRow, *, at: str) -> None:
    """The batch reached a medium (or HQ): it and the outbox rows it covers are exported."""
    conn.execute("UPDATE batches SET status = 'exported', exported_at = ? WHERE seq = ?",
                 (at, row.seq))
    # A version left out as unreadable stays pending, for a later batch once repaired;
    # one whose content is lost (replaced while unreadable) was reported, and is done.
    kept = [seq for seq, u in zip(row.held, row.unreadable, strict=True) if not u.lost]
    conn.execute("UPDATE outbox SET batch = ? WHERE batch IS NULL AND seq <= ?"
                 " AND seq NOT IN (SELECT value FROM json_each(?))",
                 (row.seq, row.outbox_to, json.dumps(kept)))


def mark_acknowledged(conn: sqlite3.Connection, seq: int, *, at: str) -> None:
    conn.execute("UPDATE batches SET status = 'acknowledged', acknowledged_at = ? WHERE seq = ?",
                 (at, seq))


def prune_acknowledged(conn: sqlite3.Connection) -> int:
    """Delete the outbox rows of acknowledged batches (HQ holds them); how many were deleted."""
    return conn.execute(
        "DELETE FROM outbox WHERE batch IN"
        " (SELECT seq FROM batches WHERE status = 'acknowledged')").rowcount


def waiting_households(conn: sqlite3.Connection) -> tuple[int, str | None]:
    """Households with a version HQ has not acknowledged yet, and the oldest one's creation time.

    Outbox rows leave only when a receipt acknowledges their batch, so every
    registration row left is waiting, whether or not it is in a batch already.
    """
    count, oldest = conn.execute(
        "SELECT COUNT(DISTINCT o.subject), MIN(h.created_at) FROM outbox o"
        " JOIN households h ON h.regno = o.subject WHERE o.kind = 'registration'").fetchone()
    return int(count), oldest
