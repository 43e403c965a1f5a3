"""Receiving a batch's bytes and importing it: serially per post, in parallel across posts.

    receiver = Receiver(hq)
    offset = await receiver.append(upload, offset, request.stream())   # the bytes of one PATCH
    upload = await receiver.settle(upload)   # all there: hash checked, imported, result kept

The import is the same function a USB stick's batch goes through
(:func:`fieldreg.hq.import_batch`): the same checks, the same registry, the same
receipt; a batch that came both ways is imported once (the second time it is
"already imported"). It runs in a worker thread with its own registry
connection, under one lock per post, and cannot be cancelled half-way: a
receiver told to stop (SIGTERM) finishes the imports it started.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
from collections.abc import AsyncIterator

import anyio
from starlette.requests import ClientDisconnect

from fieldreg.errors import StorageError
from fieldreg.hq.importer import ImportResult, import_batch
from fieldreg.hq.registry import Registry
from fieldreg.hq.server.guard import Refuse
from fieldreg.hq.server.uploads import HashMismatch, Upload, UploadStore
from fieldreg.keys.hqdir import HqDir
from fieldreg.sync.protocol import ALREADY_IMPORTED, FORK, IMPORTED, RECEIVING, REFUSED

log = logging.getLogger("fieldreg.hq.receiver")

_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
WRITE_SLICE = 16 * 1024
RETRY_AFTER_STORAGE = 60  # seconds a post waits when HQ's disk or database failed


class Receiver:
    def __init__(self, hq: HqDir):
        self.hq = hq
        self.uploads = UploadStore(hq.path)
        self._post_locks: dict[str, asyncio.Lock] = {}
        self._upload_locks: dict[str, asyncio.Lock] = {}
        self.importing = 0

    def upload_lock(self, upload: Upload) -> asyncio.Lock:
        return self._upload_locks.setdefault(upload.id, asyncio.Lock())

    async def append(self, upload: Upload, offset: int, body: AsyncIterator[bytes]) -> int:
        """Write a PATCH's bytes at ``offset`` (the current end); what arrived before a cut stays."""
        part = self.uploads.part(upload)
        good = offset
        try:
            with part.open("r+b") as out:
                out.seek(offset)
                try:
                    async for piece in body:
                        if good + len(piece) > upload.length:
                            raise Refuse(400, "too_long", "more bytes than Upload-Length")
                        view = memoryview(piece)
                        for start in range(0, len(view), WRITE_SLICE):  # a full disk keeps
                            out.write(view[start:start + WRITE_SLICE])  # all but one slice
                            out.flush()
                            good += len(view[start:start + WRITE_SLICE])
                except ClientDisconnect:
                    pass  # a cut: keep what arrived, the post resumes from here
                finally:
                    out.truncate(good)
                    out.flush()
                    os.fsync(out.fileno())
        except OSError as err:
            with part.open("r+b") as out:  # nothing half-written stays past the last good byte
                out.truncate(good)
            if err.errno in _DISK_FULL:
                log.error("HQ's disk is full: upload %s kept at %d bytes", upload.id, good)
                raise Refuse(507, "hq_disk_full", "HQ's disk is full: the post tries again later",
                             headers={"Retry-After": str(RETRY_AFTER_STORAGE)}) from None
            raise
        return good

    async def settle(self, upload: Upload) -> Upload:
        """If every byte is there and the batch is not imported yet: check, import, keep the result."""
        lock = self._post_locks.setdefault(upload.post, asyncio.Lock())
        async with lock:
            current = self.uploads.get(upload.id) or upload
            if current.status != RECEIVING or self.uploads.offset(current) < current.length:
                return current
            try:
                path = self.uploads.complete(current)
            except HashMismatch:
                raise Refuse(460, "checksum", "the bytes received do not have the SHA-256 the "
                             "post declared: they were discarded, upload the batch again") from None
            self.importing += 1
            try:
                with anyio.CancelScope(shield=True):  # SIGTERM: finish what was started
                    result = await anyio.to_thread.run_sync(self._import, path)
            finally:
                self.importing -= 1
            status, message = outcome(result)
            log.info("post %s batch %d: %s", current.post, current.seq, status)
            return self.uploads.finish(current, status, message)

    def _import(self, path: os.PathLike[str]) -> ImportResult:
        try:
            with Registry.open(self.hq) as registry:
                return import_batch(self.hq, registry, path)
        except StorageError as err:
            log.error("import of %s failed: %s", os.fspath(path), err)
            raise Refuse(503, "hq_storage", f"HQ could not import the batch now ({err}); "
                         "the post tries again later",
                         headers={"Retry-After": str(RETRY_AFTER_STORAGE)}) from None


def outcome(result: ImportResult) -> tuple[str, str]:
    """(status, one line) of an import, as the protocol names them."""
    if result.status == "imported":
        return IMPORTED, result.line()
    if result.status == "already_imported":
        return ALREADY_IMPORTED, result.line()
    if result.reason == "fork":
        return FORK, result.message
    return REFUSED, result.message
