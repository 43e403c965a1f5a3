"""What an import writes beside the registry: a held batch, the post's receipt.

    held = hold(hq, registry, source, read, refusal)      # HQDIR/held/TGR1-000004-1a2b.frb, recorded
    written = write_receipt(hq, registry, "TGR1", None)   # {"receipt": path} or {"receipt_error": why}

A fork or a conflict is copied to ``HQDIR/held/`` (durably, through
:func:`fieldreg.fsutil.atomic_file`) and recorded for a person to decide; the
registry itself is not merged. The receipt lists every batch HQ holds for the
post and HQ's newest decision on each pair with a member of the post
(fieldreg/hq/decisions.py); a receipt that cannot be written does not undo the
import. ``write_receipts`` writes them again after HQ decides a pair.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from fieldreg.batches import ReadBatch, SettledPair, batch_filename, issue_receipt, receipt_filename
from fieldreg.errors import StorageError
from fieldreg.fsutil import atomic_file, atomic_write
from fieldreg.hq.checks import Refusal
from fieldreg.hq.decisions import for_post
from fieldreg.hq.registry import HELD_DIR, RECEIPTS_DIR, Registry
from fieldreg.keys.hqdir import HqDir
from fieldreg.model import iso_utc, utcnow


def hold(hq: HqDir, registry: Registry, source: Path, read: ReadBatch, refusal: Refusal) -> Path:
    """Copy a fork or conflict to ``HQDIR/held/`` and record it (the registry is not merged)."""
    m = read.manifest
    stem = batch_filename(m.post, m.seq).removesuffix(".frb")
    relative = f"{HELD_DIR}/{stem}-{read.manifest_hash[:4].hex()}.frb"
    target = hq.path / relative
    _copy_durably(source, target)
    with registry.db.transaction() as conn:
        conn.execute("INSERT INTO posts (post, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     (m.post, iso_utc(utcnow())))
        conn.execute(
            "INSERT INTO held (post, seq, manifest_hash, reason, detail, path, file_name, held_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(manifest_hash) DO NOTHING",
            (m.post, m.seq, read.manifest_hash, refusal.reason, refusal.message, relative,
             source.name, iso_utc(utcnow())))
    return target


def _copy_durably(source: Path, target: Path, *, chunk: int = 1 << 20) -> None:
    """A streamed copy, written whole or not at all (fsutil.atomic_file)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        with source.open("rb") as src, atomic_file(target) as out:
            while block := src.read(chunk):
                out.write(block)
    except OSError as err:
        raise StorageError(
            "cannot keep a copy of {name} in {parent}: {reason}",
            name=source.name, parent=target.parent, reason=err.strerror or err
        ) from err


def write_receipt(hq: HqDir, registry: Registry, post: str,
                  receipts_dir: str | os.PathLike[str] | None) -> dict[str, Any]:
    """``receipt=`` the file written, or ``receipt_error=`` why not (a stick pulled out...)."""
    directory = Path(receipts_dir) if receipts_dir is not None else hq.path / RECEIPTS_DIR
    target = directory / receipt_filename(post)
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(target, issue_receipt(hq, post, registry.receipt_batches(post),
                                           decisions=_settled_pairs(registry, post)))
    except OSError as err:
        return {"receipt_error": f"receipt not written: cannot create {directory} "
                                 f"({err.strerror or err})"}
    except StorageError as err:
        return {"receipt_error": f"receipt not written: {err}"}
    return {"receipt": target}


def write_receipts(hq: HqDir, registry: Registry, posts: Iterable[str]) -> list[str]:
    """Write each post's receipt again in ``HQDIR/receipts`` (after HQ decided a pair of its
    members): one line per post saying where, or why not."""
    lines = []
    for post in sorted(posts):
        written = write_receipt(hq, registry, post, None)
        lines.append(f"receipt for {post}: {written['receipt']}" if "receipt" in written
                     else f"post {post}: {written['receipt_error']}")
    return lines


def _settled_pairs(registry: Registry, post: str) -> list[SettledPair]:
    return [SettledPair(d.member_a, d.member_b, d.decision, datetime.fromisoformat(d.decided_at),
                        d.decided_by) for d in for_post(registry, post)]
