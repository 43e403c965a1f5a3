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
from fieldreg.keys.documents import open_document, sign_document
from fieldreg.keys.ids import epoch, from_epoch, load_public
from fieldreg.keys.postkey import PostKey

FORMAT = "fieldreg-batch"
VERSION = 1
SUFFIX = ".frb"
MANIFEST_KIND = "batch-manifest"
KINDS = ("registration", "correction", "void", "duplicate_decision", "token_revocation", "audit")
DATA_KINDS = KINDS[:-1]
CERTIFICATE_NAME = "certificate.cose"
MANIFEST_NAME = "manifest.cose"
RECORDS_CHUNK = 4 * 1024 * 1024
NO_PREVIOUS = bytes(32)


class BatchError(CorruptData):
    """A batch refused; ``reason`` is one of REASONS, the message one line for the user."""

    REASONS = ("not_for_this_hq", "damaged", "forged", "other_hq")

    def __init__(self, reason: str, message: str):
        assert reason in self.REASONS, reason
        self.reason = reason
        super().__init__(message)


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
    """Stream ``records`` (dicts with ``kind``; ``n`` is assigned here) into an encrypted batch."""
    raise NotImplementedError


def read_batch(
    src: BinaryIO,
    identity: pyrage.x25519.Identity,
    *,
    hq_root_public: bytes,
    on_record: Callable[[dict[str, Any]], None],
) -> ReadBatch:
    """Decrypt and check a batch (format §5 steps 1-5 and 7); ``BatchError`` when refused."""
    raise NotImplementedError
