"""The checks of docs/formats/batch.md §5 that need what HQ holds: key (6), sequence (8), audit chain (9).

    check_key(hq, read)                                # Refusal("unknown_key" | "revoked_key", ...)
    check_sequence(registry, read)                     # AlreadyImported, or Refusal("fork", ..., hold=True)
    check_audit(conn, registry, post, seq, staging)    # Refusal("audit_chain", ...)

Each runs after read_batch has verified the manifest and the staged records
are in the open transaction; a refusal is raised, and
:func:`fieldreg.hq.importer.import_batch` turns it into a refused
``ImportResult`` (holding the file when ``hold`` is set).
"""

from __future__ import annotations

from pathlib import Path

from fieldreg.batches import NO_PREVIOUS, BatchError, ReadBatch
from fieldreg.crypto.chain import GENESIS
from fieldreg.hq.db import Db
from fieldreg.hq.registry import Registry
from fieldreg.hq.staging import Staging
from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.ids import key_id_hex

_BATCH_ERROR_LABELS = {
    "not_for_this_hq": "not for this HQ", "damaged": "damaged", "forged": "forged",
    "other_hq": "for another HQ",
}


class Refusal(Exception):
    """The batch is refused: ``reason`` (a code), ``message`` (one line); ``hold``: keep a copy."""

    def __init__(self, reason: str, message: str, *, hold: bool = False,
                 held: Path | None = None):
        super().__init__(message)
        self.reason, self.message, self.hold, self.held = reason, message, hold, held


class AlreadyImported(Exception):
    """The very batch HQ holds already: a replay, answered with a fresh receipt."""


class Raced(Exception):
    """Another import committed the same batch number after this one checked it."""


def refusal_of(err: BatchError) -> Refusal:
    """What read_batch found wrong with the file itself, as a refusal."""
    return Refusal(err.reason, f"{_BATCH_ERROR_LABELS[err.reason]}: {err}")


def check_key(hq: HqDir, read: ReadBatch) -> None:
    """Step 6: the signing key is in HQ's trust list, not revoked, and valid when it signed."""
    m = read.manifest
    entry = hq.trust_list().find(m.kid)
    kid = key_id_hex(m.kid)
    if entry is None or entry.post_id != m.post:
        raise Refusal("unknown_key", f"unknown key: key {kid} of post {m.post} is not in HQ's "
                      "trust list")
    if entry.revoked_at is not None:
        raise Refusal("revoked_key", f"revoked key: key {kid} of post {m.post} was revoked on "
                      f"{entry.revoked_at:%Y-%m-%d}")
    if not entry.could_sign_at(m.created_at):
        raise Refusal("unknown_key", f"unknown key: key {kid} of post {m.post} could not sign on "
                      f"{m.created_at:%Y-%m-%d %H:%M} UTC (outside its validity)")


def check_sequence(registry: Registry, read: ReadBatch) -> None:
    """Step 8: replay, fork, and the ``prev`` links with the neighbours HQ holds."""
    m = read.manifest
    what = f"post {m.post} batch {m.seq}"
    held = [h for h in registry.held(m.post) if h.manifest_hash == read.manifest_hash]
    if held:
        raise Refusal(held[0].reason, f"{held[0].reason}: {what} is already held for review "
                      f"({held[0].path})", held=registry.hq_path / held[0].path)
    existing = registry.batch(m.post, m.seq)
    if existing is not None:
        if existing.manifest_hash == read.manifest_hash:
            raise AlreadyImported()
        raise Refusal("fork", f"fork: HQ already holds a different {what} (a cloned laptop or "
                      "a restored backup?); the file is held for review", hold=True)
    if m.seq == 1 and m.prev != NO_PREVIOUS:
        raise Refusal("damaged", f"damaged: {what} names a previous batch")
    before = registry.batch(m.post, m.seq - 1)
    if before is not None and m.prev != before.manifest_hash:
        raise Refusal("fork", f"fork: {what} does not follow the batch {m.seq - 1} HQ holds; "
                      "the file is held for review", hold=True)
    after = registry.batch(m.post, m.seq + 1)
    if after is not None and after.prev != read.manifest_hash:
        raise Refusal("fork", f"fork: the batch {m.seq + 1} HQ holds does not follow {what}; "
                      "the file is held for review", hold=True)


def check_audit(conn: Db, registry: Registry, post: str, seq: int,
                staging: Staging) -> None:
    """Step 9: hashes, links inside the batch and with the entries HQ already holds."""
    def broken(why: str) -> Refusal:
        return Refusal("audit_chain", f"audit chain broken: {why}")

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
