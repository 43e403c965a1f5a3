"""Reading a batch (docs/formats/batch.md §5): verify it whole first, then stream its records.

    verified = verify_batch(in_file, hq_identity, hq_root_public=root)      # pass 1: nothing parsed
    in_file.seek(0)
    read_records(in_file, hq_identity, verified, on_record=stage)          # pass 2: the records
    batch = read_batch(in_file, hq_identity, hq_root_public=root, on_record=stage)   # both

The manifest comes last in the file (the post writes in one pass), so HQ reads
a batch twice. **Pass 1** decrypts it and hashes every file without parsing a
record or keeping one in memory, then verifies the certificate, the manifest's
signature and every file's size and SHA-256: a forged, damaged or misdirected
batch is refused here, before anything is staged. **Pass 2** decrypts it again
and hands each record to ``on_record`` as it streams out, holding the archive
to the verified manifest file by file (a file changed between the passes is
refused as damaged before the next file starts; stage inside a transaction and
commit only once ``read_records`` returned). Trust-list, sequence, audit-chain
and apply decisions (format §5 steps 6, 8-10) and each record's fields
(``record_problem``) are the importer's; this module checks the rest.

Memory does not grow with the batch: the limits below bound what a hostile file
can make HQ hold (one record line, the list of files) and how long it can keep
HQ decrypting (the total size); a batch past them is refused as damaged. The
writer keeps to the same limits, so no genuine post makes such a batch.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyrage

from fieldreg.batches.manifest import (
    CERTIFICATE_NAME,
    MANIFEST_NAME,
    NO_PREVIOUS,
    BatchError,
    Manifest,
    hq_id,
    open_manifest,
    records_name,
)
from fieldreg.batches.records import AUDIT, KINDS, registrations
from fieldreg.batches.ustar import BLOCKSIZE, is_regular, padding, parse_header
from fieldreg.errors import CorruptData
from fieldreg.keys.certificate import Certificate

# Generous bounds: a certificate is ~250 bytes, a manifest ~100 bytes + 17 per token
# (+ 50 per file).
_MAX_SMALL_FILE = 16 * 1024 * 1024
# One record line: the largest household a post accepts (40 members, each with a 256 KiB
# photo: 13.7 MB in base64) with room to spare.
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_RECORDS = 5_000_000  # records in one batch (a post registers a few hundred a day)
MAX_BATCH_BYTES = 8 * 1024 * 1024 * 1024  # the decrypted archive
MAX_RECORD_FILES = 4096  # records-*.jsonl files (4 MiB each: 16 GiB)


@dataclass(frozen=True)
class ReadBatch:
    manifest: Manifest
    manifest_raw: bytes
    manifest_hash: bytes
    certificate: Certificate
    records: int


def verify_batch(
    src: BinaryIO, identity: pyrage.x25519.Identity, *, hq_root_public: bytes,
) -> ReadBatch:
    """Pass 1: decrypt, hash every file, verify the manifest (format §5 steps 1-5, 7's sizes
    and hashes); ``BatchError`` when refused. No record is parsed; ``records`` is the
    manifest's count, which pass 2 checks against the records."""
    sink = _decrypt(src, identity, _ArchiveReader(hq_root_public, None, None))
    return sink.finish()


def read_records(
    src: BinaryIO, identity: pyrage.x25519.Identity, verified: ReadBatch, *,
    hq_root_public: bytes, on_record: Callable[[dict[str, Any]], None],
) -> int:
    """Pass 2: decrypt again and give each record to ``on_record``; the number of records.

    ``src`` must hold the very batch ``verify_batch`` verified (``BatchError``
    "damaged" as soon as a file differs). Errors raised by ``on_record``
    propagate unchanged (after decryption stops).
    """
    sink = _decrypt(src, identity, _ArchiveReader(hq_root_public, on_record, verified))
    return sink.finish().records


def read_batch(
    src: BinaryIO,
    identity: pyrage.x25519.Identity,
    *,
    hq_root_public: bytes,
    on_record: Callable[[dict[str, Any]], None],
) -> ReadBatch:
    """Both passes over a seekable ``src``: ``on_record`` sees records of a verified batch only."""
    verified = verify_batch(src, identity, hq_root_public=hq_root_public)
    src.seek(0)
    read_records(src, identity, verified, hq_root_public=hq_root_public, on_record=on_record)
    return verified


def _decrypt(src: BinaryIO, identity: pyrage.x25519.Identity, sink: _ArchiveReader) -> _ArchiveReader:
    try:
        pyrage.decrypt_io(src, sink, [identity])
    except Exception as exc:
        if sink.error is not None:
            raise sink.error from None
        if isinstance(exc, pyrage.DecryptError) and "no matching keys" in str(exc).lower():
            raise BatchError("not_for_this_hq", "not encrypted for this HQ (no recipient matches its key)") from None
        if isinstance(exc, (pyrage.DecryptError, OSError, ValueError)):
            raise BatchError("damaged", "the file is damaged or incomplete (decryption failed)") from None
        raise
    if sink.error is not None:
        raise sink.error
    return sink


class _ArchiveReader(io.RawIOBase):
    """A push parser: pyrage.decrypt_io writes plaintext here; ustar is parsed as it arrives.

    Without ``on_record`` (pass 1) record files are only hashed; with it (pass 2)
    their lines are parsed and handed over, and every file is held to
    ``verified``'s manifest as it arrives.
    """

    def __init__(self, hq_root_public: bytes, on_record: Callable[[dict[str, Any]], None] | None,
                 verified: ReadBatch | None):
        self.hq_root_public = hq_root_public
        self.on_record = on_record
        self.verified = verified
        self.error: BaseException | None = None
        self._buffer = bytearray()
        self._state = "header"  # header | content | padding | end
        self._name = ""
        self._remaining = 0
        self._padding = 0
        self._hash = hashlib.sha256()
        self._content = bytearray()  # certificate / manifest / the current partial line
        self._size = 0
        self._total = 0
        self._next_records = 1
        self.certificate: Certificate | None = None
        self.manifest_raw: bytes | None = None
        self.files: list[tuple[str, int, bytes]] = []
        self.counts = dict.fromkeys(KINDS, 0)
        self.audit: tuple[int, int, bytes] = (0, 0, NO_PREVIOUS)
        self.n = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.error is not None:  # pyrage may retry a failed write: keep the first reason
            raise self.error
        try:
            self._total += len(data)
            if self._total > MAX_BATCH_BYTES:
                raise BatchError("damaged", "the batch is larger than {most} bytes, more than any post writes",
                                 most=MAX_BATCH_BYTES)
            self._buffer += data
            self._parse()
        except Exception as exc:  # kept and re-raised by read_batch
            self.error = exc
            raise
        return len(data)

    # The archive, block by block.
    def _parse(self) -> None:
        while True:
            if self._state == "header":
                if len(self._buffer) < BLOCKSIZE:
                    return
                block = bytes(self._buffer[: BLOCKSIZE])
                del self._buffer[: BLOCKSIZE]
                self._header(block)
            elif self._state == "content":
                if not self._buffer:
                    return
                data = bytes(self._buffer[: self._remaining])
                del self._buffer[: len(data)]
                self._remaining -= len(data)
                self._content_bytes(data)
                if self._remaining == 0:
                    self._end_of_file()
            elif self._state == "padding":
                take = min(self._padding, len(self._buffer))
                if any(self._buffer[:take]):
                    raise BatchError("damaged", "non-zero padding in the archive")
                del self._buffer[:take]
                self._padding -= take
                if self._padding:
                    return
                self._state = "header"
            else:  # end: only zero blocks may follow the manifest
                if any(self._buffer):
                    raise BatchError("damaged", "unexpected data after the manifest")
                self._buffer.clear()
                return

    def _header(self, block: bytes) -> None:
        if not any(block):
            if self.manifest_raw is None:
                raise BatchError("damaged", "the archive ends before its manifest")
            self._state = "end"
            return
        if self.manifest_raw is not None:
            raise BatchError("damaged", "unexpected file after the manifest")
        try:
            info = parse_header(block)
        except ValueError:
            raise BatchError("damaged", "an archive header is damaged") from None
        expected = CERTIFICATE_NAME if self.certificate is None else None
        name = info.name
        if not is_regular(info):
            raise BatchError("damaged", "unexpected archive entry type for {name!r}", name=name)
        if expected is not None and name != expected:
            raise BatchError("damaged", "the archive must start with {certificate_name}",
                             certificate_name=CERTIFICATE_NAME)
        if expected is None and name not in (MANIFEST_NAME, records_name(self._next_records)):
            raise BatchError("damaged", "unexpected file {name!r} in the archive", name=name)
        if name in (CERTIFICATE_NAME, MANIFEST_NAME) and info.size > _MAX_SMALL_FILE:
            raise BatchError("damaged", "{name} is too large", name=name)
        if self._next_records > MAX_RECORD_FILES:
            raise BatchError("damaged", "the batch has more than {most} record files", most=MAX_RECORD_FILES)
        if self.verified is not None:
            self._expect(name, info.size)
        self._name, self._remaining, self._size = name, info.size, info.size
        self._padding = len(padding(info.size))
        self._hash = hashlib.sha256()
        self._content.clear()
        self._state = "content" if info.size else "padding"
        if info.size == 0:
            self._end_of_file()

    def _expect(self, name: str, size: int) -> None:
        """Pass 2: the next file is the one the verified manifest lists next (name and size)."""
        assert self.verified is not None
        files = self.verified.manifest.files
        index = len(self.files)
        expected = (files[index][0], files[index][1]) if index < len(files) else (
            MANIFEST_NAME, len(self.verified.manifest_raw))
        if (name, size) != expected:
            raise BatchError("damaged", "the file changed after it was verified ({name})", name=name)

    def _content_bytes(self, data: bytes) -> None:
        self._hash.update(data)
        if self._name in (CERTIFICATE_NAME, MANIFEST_NAME):
            self._content += data
            return
        if self.on_record is None:  # pass 1: records are only hashed
            return
        self._content += data
        # Records: hand over every complete line as it arrives.
        start = 0
        while (end := self._content.find(b"\n", start)) != -1:
            self._record(bytes(self._content[start:end]))
            start = end + 1
        del self._content[:start]
        if len(self._content) > MAX_RECORD_BYTES:
            raise BatchError("damaged", "record {number} is longer than {most} bytes",
                             number=self.n + 1, most=MAX_RECORD_BYTES)

    def _end_of_file(self) -> None:
        content = bytes(self._content)
        if self._name == CERTIFICATE_NAME:
            self.certificate = self._certificate(content)
        elif self._name == MANIFEST_NAME:
            self.manifest_raw = content
        else:
            if content:
                raise BatchError("damaged", "{name} does not end with a complete line", name=self._name)
            self._next_records += 1
        if self._name != MANIFEST_NAME:
            self.files.append((self._name, self._size, self._hash.digest()))
            if self.verified is not None and self.files[-1] != self.verified.manifest.files[len(self.files) - 1]:
                raise BatchError("damaged", "the file changed after it was verified ({name})", name=self._name)
        elif self.verified is not None and content != self.verified.manifest_raw:
            raise BatchError("damaged", "the file changed after it was verified ({name})", name=self._name)
        self._content.clear()
        self._state = "padding" if self._padding else "header"

    def _certificate(self, data: bytes) -> Certificate:
        try:
            return Certificate.from_bytes(data, root_public=self.hq_root_public)
        except CorruptData:
            raise BatchError(
                "other_hq", "the post key's certificate was not issued by this HQ"
            ) from None

    def _record(self, line: bytes) -> None:
        assert self.on_record is not None
        if self.n >= MAX_RECORDS:
            raise BatchError("damaged", "the batch has more than {most} records", most=MAX_RECORDS)
        try:
            record = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):  # NaN/Infinity and absurd nesting too
            raise BatchError("damaged", "record {number} is not valid JSON", number=self.n + 1) from None
        self.n += 1
        if not isinstance(record, dict) or record.get("n") != self.n:
            raise BatchError("damaged", "record {n} is out of order or has no number", n=self.n)
        kind = record.get("kind")
        if kind not in KINDS:
            raise BatchError("damaged", "record {n} has an unknown kind {kind!r}", n=self.n, kind=kind)
        if kind != AUDIT and self.counts[AUDIT]:
            raise BatchError("damaged", "record {n}: data records must come before audit entries", n=self.n)
        self._check_post(record)
        self.counts[kind] += 1
        if kind == AUDIT:
            seq, digest = record.get("seq"), record.get("hash")
            if type(seq) is not int or not isinstance(digest, str) or len(digest) != 64:
                raise BatchError("damaged", "record {n}: audit entry without sequence or hash", n=self.n)
            if self.audit[1] and seq != self.audit[1] + 1:
                raise BatchError("damaged", "record {n}: audit entries are not consecutive", n=self.n)
            try:
                self.audit = (self.audit[0] or seq, seq, bytes.fromhex(digest))
            except ValueError:
                raise BatchError("damaged", "record {n}: audit hash is not hexadecimal", n=self.n) from None
        self.on_record(record)

    def _check_post(self, record: dict[str, Any]) -> None:
        assert self.certificate is not None  # the archive starts with it
        prefix = f"{self.certificate.key.post_id}-"
        for regno in registrations(record):
            if not isinstance(regno, str) or not regno.startswith(prefix):
                raise BatchError("damaged", "record {n} names a registration of another post", n=self.n)

    def finish(self) -> ReadBatch:
        if self._state != "end" or self._buffer or self.manifest_raw is None or self.certificate is None:
            raise BatchError("damaged", "the archive is incomplete")
        if self.verified is not None:  # pass 2: every file matched the verified manifest
            manifest = self.verified.manifest
            if (manifest.counts, manifest.audit) != (self.counts, self.audit):
                raise BatchError("damaged", "the records do not match the manifest's counts or audit range")
            return ReadBatch(manifest, self.manifest_raw, self.verified.manifest_hash, self.certificate, self.n)
        manifest = open_manifest(self.manifest_raw, self.certificate)
        if manifest.hq != hq_id(self.hq_root_public):
            raise BatchError("other_hq", "this batch was made for another HQ")
        if manifest.files != tuple(self.files):
            raise BatchError("damaged", "the contents do not match the manifest (a file was changed or swapped)")
        records = sum(manifest.counts.values())
        if records > MAX_RECORDS:
            raise BatchError("damaged", "the batch has more than {most} records", most=MAX_RECORDS)
        digest = hashlib.sha256(self.manifest_raw).digest()
        return ReadBatch(manifest, self.manifest_raw, digest, self.certificate, records)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (RFC 8259)")
