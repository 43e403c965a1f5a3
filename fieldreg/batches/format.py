"""The batch file format (docs/formats/batch.md): signed manifest, JSON Lines records, ustar, age.

Writing (post side)::

    written = write_batch(out_file, header, records, recipients=[hq_age, *escrow])
    written.manifest_hash     # SHA-256 of manifest.cose: the batch's identity at HQ

Reading (HQ side)::

    batch = read_batch(in_file, hq_identity, hq_root_public=root, on_record=stage)

``on_record`` sees each record as it streams out of the file, *before* the
manifest at the end has been verified: stage records, and commit nothing until
``read_batch`` returns. Trust-list, sequence, audit-chain and apply decisions
(format §5 steps 6, 8-10) are the importer's; this module checks the rest.

Both directions stream: memory does not grow with the batch.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

import pyrage

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys.certificate import Certificate
from fieldreg.keys.cose import MalformedCose, parse_sign1, strict_loads
from fieldreg.keys.documents import sign_document
from fieldreg.keys.ids import epoch, from_epoch, load_public
from fieldreg.keys.postkey import PostKey

FORMAT = "fieldreg-batch"
VERSION = 1
SUFFIX = ".frb"
MANIFEST_KIND = "manifest"
KINDS = ("registration", "correction", "void", "duplicate_decision", "token_revocation", "audit")
DATA_KINDS = KINDS[:-1]
CERTIFICATE_NAME = "certificate.cose"
MANIFEST_NAME = "manifest.cose"
RECORDS_CHUNK = 4 * 1024 * 1024
NO_PREVIOUS = bytes(32)


class BatchError(CorruptData):
    """A batch refused; ``reason`` is one of REASONS, the message one line for the user."""

    REASONS = ("not_for_this_hq", "damaged", "forged", "other_hq")

    def __init__(self, reason: str, template: str, /, **params: Any):
        assert reason in self.REASONS, reason
        self.reason = reason
        super().__init__(template, **params)


def batch_filename(post_id: str, seq: int) -> str:
    """``TGR1-000004.frb``: post and sequence only, never personal data."""
    return f"{post_id}-{seq:06d}{SUFFIX}"


def hq_id(root_public: bytes) -> bytes:
    """The manifest's ``hq`` field: SHA-256 of HQ's raw root public key."""
    return hashlib.sha256(root_public).digest()


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


@dataclass(frozen=True)
class Manifest:
    batch_id: bytes
    post: str
    kid: bytes
    seq: int
    prev: bytes
    hq: bytes
    created_at: datetime
    exporter: str
    app_version: str
    schema_version: int
    counts: dict[str, int]
    files: tuple[tuple[str, int, bytes], ...]
    tokens: tuple[bytes, ...]
    audit: tuple[int, int, bytes]


@dataclass(frozen=True)
class WrittenBatch:
    manifest: Manifest
    manifest_raw: bytes  # manifest.cose exactly as written
    manifest_hash: bytes  # SHA-256 of manifest_raw
    size: int  # bytes of the encrypted file
    sha256: bytes  # SHA-256 of the encrypted file (to verify a copy read back)


@dataclass(frozen=True)
class ReadBatch:
    manifest: Manifest
    manifest_raw: bytes
    manifest_hash: bytes
    certificate: Certificate
    records: int


def write_batch(
    out: BinaryIO,
    header: BatchHeader,
    records: Iterable[dict[str, Any]],
    *,
    recipients: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> WrittenBatch:
    """Stream ``records`` (dicts with ``kind``; ``n`` is assigned here) into an encrypted batch.

    Data records must come before audit records. Errors from ``records`` or
    from ``out`` (a full disk) propagate unchanged; ``out`` then holds garbage
    the caller must discard (export writes to a temporary file).
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


def read_batch(
    src: BinaryIO,
    identity: pyrage.x25519.Identity,
    *,
    hq_root_public: bytes,
    on_record: Callable[[dict[str, Any]], None],
) -> ReadBatch:
    """Decrypt and check a batch (format §5 steps 1-5 and 7); ``BatchError`` when refused.

    Errors raised by ``on_record`` propagate unchanged (after decryption stops).
    """
    sink = _ArchiveReader(hq_root_public, on_record)
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
    return sink.finish()


# -- writing --------------------------------------------------------------------------------


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
        except Exception as exc:  # noqa: BLE001 - kept and re-raised by write_batch
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
        except Exception as exc:  # noqa: BLE001 - kept and re-raised by write_batch
            self.error = exc
            raise
        self._hash.update(data)
        self.size += len(data)
        return len(data)

    def digest(self) -> bytes:
        return self._hash.digest()


def _tar_header(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.type = size, 0o600, mtime, tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="ascii", errors="strict")


def _padding(size: int) -> bytes:
    return bytes(-size % tarfile.BLOCKSIZE)


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
        self.files: list[tuple[str, int, bytes]] = []
        self.counts = dict.fromkeys(KINDS, 0)
        self.audit: tuple[int, int, bytes] = (0, 0, NO_PREVIOUS)
        self.written: tuple[Manifest, bytes] | None = None

    def _file(self, name: str, content: bytes) -> Iterator[bytes]:
        if name != MANIFEST_NAME:
            self.files.append((name, len(content), hashlib.sha256(content).digest()))
        yield _tar_header(name, len(content), self.mtime)
        yield content
        yield _padding(len(content))

    def chunks(self) -> Iterator[bytes]:
        yield from self._file(CERTIFICATE_NAME, self.header.post_key.certificate.raw)
        buffer = bytearray()
        number = 0
        for n, record in enumerate(self.records, 1):
            line = self._line(n, record)
            if buffer and len(buffer) + len(line) > RECORDS_CHUNK:
                number += 1
                yield from self._file(_records_name(number), bytes(buffer))
                buffer.clear()
            buffer += line
            if self.progress is not None and n % 1000 == 0:
                self.progress(n)
        if buffer:
            number += 1
            yield from self._file(_records_name(number), bytes(buffer))
        manifest, raw = self._sign()
        yield from self._file(MANIFEST_NAME, raw)
        yield bytes(2 * tarfile.BLOCKSIZE)
        self.written = (manifest, raw)

    def _line(self, n: int, record: dict[str, Any]) -> bytes:
        kind = record.get("kind")
        if kind not in KINDS:
            raise ValueError(f"record kind {kind!r} is not one of {KINDS}")
        if kind != "audit" and self.counts["audit"]:
            raise ValueError("data records must come before audit records")
        self.counts[kind] += 1
        if kind == "audit":
            first = self.audit[0] or record["seq"]
            self.audit = (first, record["seq"], bytes.fromhex(record["hash"]))
        body = {"kind": kind, "n": n, **{k: v for k, v in record.items() if k not in ("kind", "n")}}
        return (json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    def _sign(self) -> tuple[Manifest, bytes]:
        h = self.header
        manifest = Manifest(
            batch_id=h.batch_id, post=h.post_key.post_id, kid=h.post_key.key_id, seq=h.seq,
            prev=h.prev, hq=hq_id(h.hq_root_public), created_at=from_epoch(self.mtime),
            exporter=h.exporter, app_version=h.app_version, schema_version=h.schema_version,
            counts=dict(self.counts), files=tuple(self.files), tokens=tuple(h.tokens),
            audit=self.audit,
        )
        raw = sign_document(MANIFEST_KIND, VERSION, _manifest_payload(manifest), h.post_key.private_key)
        return manifest, raw


def _records_name(number: int) -> str:
    return f"records-{number:06d}.jsonl"


def _manifest_payload(m: Manifest) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": VERSION, "batch_id": m.batch_id, "post": m.post, "kid": m.kid,
        "seq": m.seq, "prev": m.prev, "hq": m.hq, "created_at": epoch(m.created_at),
        "exporter": m.exporter, "app_version": m.app_version, "schema_version": m.schema_version,
        "counts": m.counts, "files": [list(f) for f in m.files], "tokens": list(m.tokens),
        "audit": list(m.audit),
    }


# -- reading --------------------------------------------------------------------------------

# Generous bounds: a certificate is ~250 bytes, a manifest ~100 bytes + 17 per token.
_MAX_SMALL_FILE = 16 * 1024 * 1024
_MAX_LINE = 64 * 1024 * 1024


class _ArchiveReader(io.RawIOBase):
    """A push parser: pyrage.decrypt_io writes plaintext here; ustar is parsed as it arrives."""

    def __init__(self, hq_root_public: bytes, on_record: Callable[[dict[str, Any]], None]):
        self.hq_root_public = hq_root_public
        self.on_record = on_record
        self.error: BaseException | None = None
        self._buffer = bytearray()
        self._state = "header"  # header | content | padding | end
        self._name = ""
        self._remaining = 0
        self._padding = 0
        self._hash = hashlib.sha256()
        self._content = bytearray()  # certificate / manifest / the current partial line
        self._size = 0
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
            self._buffer += data
            self._parse()
        except Exception as exc:  # noqa: BLE001 - kept and re-raised by read_batch
            self.error = exc
            raise
        return len(data)

    # The archive, block by block.
    def _parse(self) -> None:
        while True:
            if self._state == "header":
                if len(self._buffer) < tarfile.BLOCKSIZE:
                    return
                block = bytes(self._buffer[: tarfile.BLOCKSIZE])
                del self._buffer[: tarfile.BLOCKSIZE]
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
            info = tarfile.TarInfo.frombuf(block, "ascii", "strict")
        except (tarfile.HeaderError, UnicodeDecodeError):
            raise BatchError("damaged", "an archive header is damaged") from None
        expected = CERTIFICATE_NAME if self.certificate is None else None
        name = info.name
        if info.type != tarfile.REGTYPE:
            raise BatchError("damaged", "unexpected archive entry type for {name!r}", name=name)
        if expected is not None and name != expected:
            raise BatchError("damaged", "the archive must start with {certificate_name}", certificate_name=CERTIFICATE_NAME)
        if expected is None and name not in (MANIFEST_NAME, _records_name(self._next_records)):
            raise BatchError("damaged", "unexpected file {name!r} in the archive", name=name)
        if name in (CERTIFICATE_NAME, MANIFEST_NAME) and info.size > _MAX_SMALL_FILE:
            raise BatchError("damaged", "{name} is too large", name=name)
        self._name, self._remaining, self._size = name, info.size, info.size
        self._padding = -info.size % tarfile.BLOCKSIZE
        self._hash = hashlib.sha256()
        self._content.clear()
        self._state = "content" if info.size else "padding"
        if info.size == 0:
            self._end_of_file()

    def _content_bytes(self, data: bytes) -> None:
        self._hash.update(data)
        self._content += data
        if self._name in (CERTIFICATE_NAME, MANIFEST_NAME):
            return
        # Records: hand over every complete line as it arrives.
        start = 0
        while (end := self._content.find(b"\n", start)) != -1:
            self._record(bytes(self._content[start:end]))
            start = end + 1
        del self._content[:start]
        if len(self._content) > _MAX_LINE:
            raise BatchError("damaged", "a record line is too long")

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
        if kind != "audit" and self.counts["audit"]:
            raise BatchError("damaged", "record {n}: data records must come before audit entries", n=self.n)
        self._check_post(record)
        self.counts[kind] += 1
        if kind == "audit":
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
        post = self.certificate.key.post_id
        subjects = [record.get("regno")] if "regno" in record else []
        if record["kind"] == "duplicate_decision":
            subjects = [str(record.get(k, "")).partition("/")[0] for k in ("member_a", "member_b")]
        for regno in subjects:
            if not isinstance(regno, str) or not regno.startswith(f"{post}-"):
                raise BatchError("damaged", "record {n} names a registration of another post", n=self.n)

    def finish(self) -> ReadBatch:
        if self._state != "end" or self._buffer or self.manifest_raw is None or self.certificate is None:
            raise BatchError("damaged", "the archive is incomplete")
        manifest = self._manifest(self.manifest_raw, self.certificate)
        if manifest.hq != hq_id(self.hq_root_public):
            raise BatchError("other_hq", "this batch was made for another HQ")
        observed = (tuple(self.files), self.counts, self.audit)
        if (manifest.files, manifest.counts, manifest.audit) != observed:
            raise BatchError("damaged", "the contents do not match the manifest (a file was changed or swapped)")
        digest = hashlib.sha256(self.manifest_raw).digest()
        return ReadBatch(manifest, self.manifest_raw, digest, self.certificate, self.n)

    @staticmethod
    def _manifest(raw: bytes, certificate: Certificate) -> Manifest:
        try:
            message = parse_sign1(raw, require_canonical=False)
        except MalformedCose:
            raise BatchError("damaged", "the manifest is not a signed document") from None
        if message.content_type != f"fieldreg/{MANIFEST_KIND}/{VERSION}":
            raise BatchError("damaged", "the manifest has content type {content_type!r}", content_type=message.content_type)
        if message.kid != certificate.key.key_id or not message.verify(load_public(certificate.key.public_key)):
            raise BatchError("forged", "the manifest is not signed by the post key in the batch")
        try:
            return _parse_manifest(message.payload, certificate)
        except (CorruptData, KeyError, TypeError, ValueError) as exc:
            raise BatchError("damaged", "the manifest is malformed ({problem})", problem=exc) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (RFC 8259)")


_MANIFEST_FIELDS = {
    "format": str, "version": int, "batch_id": bytes, "post": str, "kid": bytes, "seq": int,
    "prev": bytes, "hq": bytes, "created_at": int, "exporter": str, "app_version": str,
    "schema_version": int, "counts": dict, "files": list, "tokens": list, "audit": list,
}


def _parse_manifest(payload: bytes, certificate: Certificate) -> Manifest:
    data = strict_loads(payload)
    if not isinstance(data, dict) or set(data) != set(_MANIFEST_FIELDS):
        raise ValueError("missing or unknown fields")
    for name, kind in _MANIFEST_FIELDS.items():
        if type(data[name]) is not kind:
            raise ValueError(f"field {name!r} is not {kind.__name__}")
    if data["format"] != FORMAT or data["version"] != VERSION:
        raise ValueError(f"format {data['format']!r} version {data['version']!r} is not supported")
    if data["post"] != certificate.key.post_id or data["kid"] != certificate.key.key_id:
        raise ValueError("post or key id differ from the certificate")
    if len(data["batch_id"]) != 16 or len(data["prev"]) != 32 or len(data["hq"]) != 32 or data["seq"] < 1:
        raise ValueError("batch id, prev, hq or seq out of range")
    if data["seq"] == 1 and data["prev"] != NO_PREVIOUS:
        raise ValueError("batch 1 has no previous batch")
    counts = data["counts"]
    if set(counts) != set(KINDS) or any(type(v) is not int or v < 0 for v in counts.values()):
        raise ValueError("counts must give every record kind")
    files = []
    for item in data["files"]:
        if (type(item) is not list or len(item) != 3 or type(item[0]) is not str
                or type(item[1]) is not int or type(item[2]) is not bytes):
            raise ValueError("a file entry is not [name, size, sha256]")
        files.append((item[0], item[1], item[2]))
    tokens = data["tokens"]
    if any(type(t) is not bytes or len(t) != 16 for t in tokens):
        raise ValueError("a token id is not 16 bytes")
    audit = data["audit"]
    if (len(audit) != 3 or type(audit[0]) is not int or type(audit[1]) is not int
            or type(audit[2]) is not bytes or len(audit[2]) != 32):
        raise ValueError("audit is not [first, last, hash]")
    return Manifest(
        batch_id=data["batch_id"], post=data["post"], kid=data["kid"], seq=data["seq"],
        prev=data["prev"], hq=data["hq"], created_at=from_epoch(data["created_at"]),
        exporter=data["exporter"], app_version=data["app_version"],
        schema_version=data["schema_version"], counts=dict(counts), files=tuple(files),
        tokens=tuple(tokens), audit=(audit[0], audit[1], audit[2]),
    )
