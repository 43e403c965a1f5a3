"""Writing a batch (docs/formats/batch.md): records streamed into a signed ustar, encrypted with age.

    written = write_batch(out_file, header, records, recipients=[hq_age, *escrow])
    written.manifest_hash     # SHA-256 of manifest.cose: the batch's identity at HQ

Memory does not grow with the batch: records are pulled from their iterator a
file's worth at a time (``RECORDS_CHUNK``), encrypted as they go, and the
manifest listing every file's hash is signed and written last. Each record is
checked against the record schema on the way (fieldreg/batches/records.py), so
a post never writes a batch HQ would refuse as damaged.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

import pyrage

from fieldreg.batches.manifest import (
    CERTIFICATE_NAME,
    MANIFEST_NAME,
    NO_PREVIOUS,
    Manifest,
    hq_id,
    records_name,
    sign_manifest,
)
from fieldreg.batches.reader import MAX_RECORD_BYTES, MAX_RECORDS
from fieldreg.batches.records import AUDIT, KINDS, record_problem, registrations
from fieldreg.batches.ustar import END_OF_ARCHIVE, file_header, padding
from fieldreg.errors import InvalidInput
from fieldreg.keys.ids import epoch, from_epoch
from fieldreg.keys.postkey import PostKey

RECORDS_CHUNK = 4 * 1024 * 1024  # bytes of records per file (a single bigger line stands alone)


@dataclass(frozen=True)
class BatchHeader:
    """What the post decides before writing a batch (everything in the manifest but the contents)."""

    batch_id: bytes
    post_key: PostKey
    seq: int
    prev: bytes
    hq_root_public: bytes
    created_at: datetime
    exporter: str
    app_version: str
    schema_version: int
    tokens: tuple[bytes, ...] = ()
    # The post's account authority and grants for HQ (docs/formats/batch.md §3 ``accounts``).
    accounts: dict[str, Any] | None = None


@dataclass(frozen=True)
class WrittenBatch:
    manifest: Manifest
    manifest_raw: bytes  # manifest.cose exactly as written
    manifest_hash: bytes  # SHA-256 of manifest_raw
    size: int  # bytes of the encrypted file
    sha256: bytes  # SHA-256 of the encrypted file (to verify a copy read back)


def write_batch(
    out: BinaryIO,
    header: BatchHeader,
    records: Iterable[dict[str, Any]],
    *,
    recipients: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> WrittenBatch:
    """Stream ``records`` (dicts with ``kind``; ``n`` is assigned here) into an encrypted batch.

    Data records must come before audit records. A record HQ would refuse (a
    field missing, of another post, audit entries not consecutive, NaN...) is a
    bug: ``ValueError``. Errors from ``records`` or from ``out`` (a full disk)
    propagate unchanged; ``out`` then holds garbage the caller must discard
    (export writes to a temporary file).
    """
    try:
        parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    except (pyrage.RecipientError, ValueError) as exc:
        raise InvalidInput("an age recipient is not valid ({problem})", problem=exc) from None
    if not parsed:
        raise InvalidInput("a batch needs at least HQ's age recipient")
    archive = _ArchiveWriter(header, records, progress)
    source = _ChunkReader(archive.chunks())
    sink = _HashingWriter(out)
    try:
        pyrage.encrypt_io(source, sink, parsed)
    except Exception:
        # pyrage wraps what our reader or writer raised; report the original.
        for error in (source.error, sink.error):
            if error is not None:
                raise error from None
        raise
    for error in (source.error, sink.error):
        if error is not None:
            raise error
    assert archive.written is not None
    manifest, raw = archive.written
    return WrittenBatch(manifest, raw, hashlib.sha256(raw).digest(), sink.size, sink.digest())


class _ChunkReader(io.RawIOBase):
    """A readable stream over an iterator of byte chunks (what pyrage.encrypt_io pulls from)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._pending = memoryview(b"")
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            while not self._pending:
                chunk = next(self._chunks, None)
                if chunk is None:
                    return 0
                self._pending = memoryview(chunk)
        except Exception as exc:  # kept and re-raised by write_batch
            self.error = exc
            raise
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _HashingWriter(io.RawIOBase):
    """Writes through to ``out``, counting and hashing (the copy read back is compared to this)."""

    def __init__(self, out: BinaryIO):
        self._out = out
        self._hash = hashlib.sha256()
        self.size = 0
        self.error: BaseException | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.error is not None:
            raise self.error
        try:
            self._out.write(data)
        except Exception as exc:  # kept and re-raised by write_batch
            self.error = exc
            raise
        self._hash.update(data)
        self.size += len(data)
        return len(data)

    def digest(self) -> bytes:
        return self._hash.digest()


class _ArchiveWriter:
    """Produces the inner ustar archive as byte chunks, then signs the manifest."""

    def __init__(
        self, header: BatchHeader, records: Iterable[dict[str, Any]],
        progress: Callable[[int], None] | None,
    ):
        self.header = header
        self.records = records
        self.progress = progress
        self.mtime = epoch(header.created_at)
        self.post_prefix = f"{header.post_key.post_id}-"
        self.files: list[tuple[str, int, bytes]] = []
        self.counts = dict.fromkeys(KINDS, 0)
        self.audit: tuple[int, int, bytes] = (0, 0, NO_PREVIOUS)
        self.written: tuple[Manifest, bytes] | None = None

    def _file(self, name: str, content: bytes) -> Iterator[bytes]:
        if name != MANIFEST_NAME:
            self.files.append((name, len(content), hashlib.sha256(content).digest()))
        yield file_header(name, len(content), self.mtime)
        yield content
        yield padding(len(content))

    def chunks(self) -> Iterator[bytes]:
        yield from self._file(CERTIFICATE_NAME, self.header.post_key.certificate.raw)
        buffer = bytearray()
        number = 0
        for n, record in enumerate(self.records, 1):
            line = self._line(n, record)
            if buffer and len(buffer) + len(line) > RECORDS_CHUNK:
                number += 1
                yield from self._file(records_name(number), bytes(buffer))
                buffer.clear()
            buffer += line
            if self.progress is not None and n % 1000 == 0:
                self.progress(n)
        if buffer:
            number += 1
            yield from self._file(records_name(number), bytes(buffer))
        manifest, raw = self._sign()
        yield from self._file(MANIFEST_NAME, raw)
        yield END_OF_ARCHIVE
        self.written = (manifest, raw)

    def _line(self, n: int, record: dict[str, Any]) -> bytes:
        kind = record.get("kind")
        if kind not in KINDS:
            raise ValueError(f"record kind {kind!r} is not one of {KINDS}")
        if kind != AUDIT and self.counts[AUDIT]:
            raise ValueError("data records must come before audit records")
        body = {"kind": kind, "n": n, **{k: v for k, v in record.items() if k not in ("kind", "n")}}
        self._check(n, body)
        self.counts[kind] += 1
        if kind == AUDIT:
            self.audit = (self.audit[0] or body["seq"], body["seq"], bytes.fromhex(body["hash"]))
        # allow_nan=False: NaN and Infinity are not JSON (RFC 8259), HQ's reader refuses them.
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        line = text.encode("utf-8")  # UnicodeEncodeError for a lone surrogate
        if len(line) > MAX_RECORD_BYTES or n > MAX_RECORDS:  # HQ's reader refuses it
            raise ValueError(f"record {n} is over the batch limits ({len(line)} bytes; at most "
                             f"{MAX_RECORDS} records of {MAX_RECORD_BYTES} bytes)")
        return line + b"\n"

    def _check(self, n: int, body: dict[str, Any]) -> None:
        """The checks HQ makes of each record on its own (record_problem, its post, the audit
        sequence): a post never writes a batch that HQ refuses as damaged for a record."""
        problem = record_problem(body)
        if problem is not None:
            raise ValueError(problem)
        if not all(regno.startswith(self.post_prefix) for regno in registrations(body)):
            raise ValueError(f"record {n} names a registration of another post")
        if body["kind"] == AUDIT and self.audit[1] and body["seq"] != self.audit[1] + 1:
            raise ValueError(f"record {n}: audit entries are not consecutive")

    def _sign(self) -> tuple[Manifest, bytes]:
        h = self.header
        manifest = Manifest(
            batch_id=h.batch_id, post=h.post_key.post_id, kid=h.post_key.key_id, seq=h.seq,
            prev=h.prev, hq=hq_id(h.hq_root_public), created_at=from_epoch(self.mtime),
            exporter=h.exporter, app_version=h.app_version, schema_version=h.schema_version,
            counts=dict(self.counts), files=tuple(self.files), tokens=tuple(h.tokens),
            audit=self.audit, accounts=h.accounts,
        )
        return manifest, sign_manifest(manifest, h.post_key.private_key)
