"""The receiver's own state: one upload per batch, in files under ``HQDIR/uploads/``.

    store = UploadStore(hq.path)
    upload = store.create(batch_id, length=812_345, kid="57fabf4ce8e9eb34")   # same again: same
    store.offset(upload)          # bytes received so far (the .part file's size)
    path = store.complete(upload) # HQDIR/received/TGR1-000004-1a2b3c4d.frb, hash checked
    store.finish(upload, "imported", "")

An upload is named by post, sequence and the SHA-256 of the batch file
(:class:`fieldreg.sync.protocol.BatchId`), so the same bytes sent twice are the
same upload, and different bytes with the same sequence are another one (which
the importer then holds as a fork). ``<id>.part`` holds the bytes received so
far, and its size *is* the offset: a restarted receiver resumes from the disk.
``<id>.json`` says what the upload is and, once imported, what became of it.
Everything the registry must know goes through the importer; nothing here is
in the registry's database (so the registry may move to another server).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from pathlib import Path

from fieldreg.batches import batch_filename
from fieldreg.fsutil import atomic_write
from fieldreg.model import iso_utc, utcnow
from fieldreg.sync.protocol import RECEIVING, BatchId, parse_upload_id

UPLOADS_DIR = "uploads"
RECEIVED_DIR = "received"
# An upload no byte has reached for this long is dropped when the receiver starts: its post
# has long since made, or been told to make, other arrangements (a stick), and if it comes
# back it sends the batch again from the start. Finished uploads (a few hundred bytes each)
# stay: they answer a repeated upload at once.
ABANDONED_AFTER = timedelta(days=30)


@dataclass(frozen=True)
class Upload:
    post: str
    seq: int
    sha256: str  # hex
    length: int
    kid: str  # the post key that created it
    created_at: str
    status: str = RECEIVING
    message: str = ""

    @property
    def batch(self) -> BatchId:
        return BatchId(self.post, self.seq, bytes.fromhex(self.sha256))

    @property
    def id(self) -> str:
        return self.batch.upload_id


class HashMismatch(Exception):
    """The bytes received do not hash to what the post declared: they are discarded."""


class UploadStore:
    def __init__(self, hq_path: Path):
        self.root = hq_path / UPLOADS_DIR
        self.received = hq_path / RECEIVED_DIR
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.received.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _meta(self, upload_id: str) -> Path:
        return self.root / f"{upload_id}.json"

    def part(self, upload: Upload) -> Path:
        return self.root / f"{upload.id}.part"

    def get(self, upload_id: str) -> Upload | None:
        if parse_upload_id(upload_id) is None:
            return None
        try:
            data = json.loads(self._meta(upload_id).read_text("utf-8"))
            return Upload(**data)
        except FileNotFoundError:
            return None

    def create(self, batch: BatchId, *, length: int, kid: str) -> Upload:
        """The upload of this batch, made if new (an existing one is returned as it is)."""
        existing = self.get(batch.upload_id)
        if existing is not None:
            return existing
        upload = Upload(batch.post, batch.seq, batch.sha256.hex(), length, kid,
                        iso_utc(utcnow()))
        self.part(upload).touch(mode=0o600)
        self._save(upload)
        return upload

    def forget_abandoned(self, *, older_than: timedelta = ABANDONED_AFTER) -> int:
        """Delete unfinished uploads untouched for ``older_than``; returns how many."""
        cutoff = time.time() - older_than.total_seconds()
        forgotten = 0
        for meta in self.root.glob("*.json"):
            upload = self.get(meta.stem)
            if upload is None or upload.status != RECEIVING:
                continue
            part = self.part(upload)
            try:
                touched = part.stat().st_mtime
            except FileNotFoundError:
                touched = meta.stat().st_mtime
            if touched < cutoff:
                part.unlink(missing_ok=True)
                meta.unlink(missing_ok=True)
                forgotten += 1
        return forgotten

    def offset(self, upload: Upload) -> int:
        """Bytes received: the part file's size (all of them once complete or finished)."""
        if upload.status != RECEIVING or self.received_path(upload).exists():
            return upload.length
        try:
            return self.part(upload).stat().st_size
        except FileNotFoundError:
            return 0

    def complete(self, upload: Upload) -> Path:
        """Check the whole file's SHA-256 and move it to ``received/``; ``HashMismatch`` if wrong.

        Called again after a restart that came between the move and the import: the
        file is already there.
        """
        target = self.received_path(upload)
        if target.exists():
            return target
        part = self.part(upload)
        digest = hashlib.sha256()
        with part.open("rb") as src:
            while block := src.read(1 << 20):
                digest.update(block)
        if digest.hexdigest() != upload.sha256:
            part.unlink(missing_ok=True)
            self._meta(upload.id).unlink(missing_ok=True)
            raise HashMismatch(upload.id)
        os.replace(part, target)
        return target

    def received_path(self, upload: Upload) -> Path:
        stem = batch_filename(upload.post, upload.seq).removesuffix(".frb")
        return self.received / f"{stem}-{upload.sha256[:8]}.frb"

    def finish(self, upload: Upload, status: str, message: str) -> Upload:
        done = replace(upload, status=status, message=message)
        self._save(done)
        return done

    def _save(self, upload: Upload) -> None:
        atomic_write(self._meta(upload.id), json.dumps(asdict(upload), sort_keys=True).encode())
