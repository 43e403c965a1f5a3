"""Receiving a batch's bytes and importing it: serially per post, in parallel across posts.

    receiver = Receiver(hq, max_imports=2)
    offset = await receiver.append(upload, offset, request.stream())   # the bytes of one PATCH
    upload = await receiver.settle(upload)   # all there: hash checked, imported, result kept
    await receiver.finish_imports()          # at shutdown (the app's lifespan)

The import is the same function a USB stick's batch goes through
(:func:`fieldreg.hq.import_batch`): the same checks, the same registry, the same
receipt; a batch that came both ways is imported once (the second time it is
"already imported"). It runs as a task of its own, in a worker thread with its
own registry connection, under one lock per post and at most ``max_imports``
at once (SQLite serialises writers anyway: waiting here, not on its busy
timeout); the request that brought the last byte waits for it up to
``IMPORT_WAIT`` seconds, then answers "importing" and the post asks again. An
import cannot be cancelled half-way: a receiver told to stop (SIGTERM) awaits
the imports it started (:meth:`Receiver.finish_imports`).
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
from fieldreg.hq.server.uploads import ABANDONED_AFTER, HashMismatch, Upload, UploadStore
from fieldreg.keys.hqdir import HqDir
from fieldreg.sync.protocol import ALREADY_IMPORTED, FORK, IMPORTED, RECEIVING, REFUSED

log = logging.getLogger("fieldreg.hq.receiver")

_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
WRITE_SLICE = 16 * 1024
IMPORT_WAIT = 20.0  # seconds the last PATCH waits for the import before answering "importing"
RETRY_AFTER_STORAGE = 60  # seconds a post waits when HQ's disk or database failed


class Receiver:
    def __init__(self, hq: HqDir, *, max_imports: int = 2, import_wait: float = IMPORT_WAIT):
        self.hq = hq
        self.uploads = UploadStore(hq.path)
        if forgotten := self.uploads.forget_abandoned():
            log.info("dropped %d upload(s) untouched for %d days", forgotten, ABANDONED_AFTER.days)
        self.import_wait = import_wait
        self._post_locks: dict[str, asyncio.Lock] = {}
        self._upload_locks: dict[str, asyncio.Lock] = {}
        self._imports: dict[str, asyncio.Task[Upload]] = {}
        self._slots = asyncio.Semaphore(max_imports)
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
        """All bytes there and not imported yet: start (or join) its import, wait a while for it.

        Returns the upload as it stands: finished, or still ``receiving`` with every
        byte (the import goes on; the status word on the wire is "importing").
        """
        current = self.uploads.get(upload.id) or upload
        if current.status != RECEIVING or self.uploads.offset(current) < current.length:
            return current
        task = self._imports.get(current.id)
        if task is None:
            task = asyncio.create_task(self._run_import(current))
            task.add_done_callback(_retrieved)  # a failure is answered at the next request
            self._imports[current.id] = task
        done, _ = await asyncio.wait({task}, timeout=self.import_wait)
        if not done:
            return current
        self._imports.pop(current.id, None)
        return task.result()  # a Refuse (hash, storage) is raised here, and the next try starts anew

    async def finish_imports(self) -> None:
        """Wait for every import started (the receiver is stopping)."""
        if self._imports:
            log.info("waiting for %d import(s) to finish", len(self._imports))
            await asyncio.wait(list(self._imports.values()))

    async def _run_import(self, upload: Upload) -> Upload:
        async with self._post_locks.setdefault(upload.post, asyncio.Lock()), self._slots:
            current = self.uploads.get(upload.id) or upload
            if current.status != RECEIVING:
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


def _retrieved(task: asyncio.Task[Upload]) -> None:
    if not task.cancelled():
        task.exception()


def outcome(result: ImportResult) -> tuple[str, str]:
    """(status, one line) of an import, as the protocol names them."""
    if result.status == "imported":
        return IMPORTED, result.line()
    if result.status == "already_imported":
        return ALREADY_IMPORTED, result.line()
    if result.reason == "fork":
        return FORK, result.message
    return REFUSED, result.message
