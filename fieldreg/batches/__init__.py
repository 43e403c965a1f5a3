"""Batches: the wire format of a post's records carried to HQ, signed then encrypted.

    written = write_batch(out, header, records, recipients=[hq_age])                # at the post
    read = read_batch(source, hq_identity, hq_root_public=root, on_record=stage)    # at HQ
    verified = verify_batch(source, hq_identity, hq_root_public=root)              # or in two
    read_records(source, hq_identity, verified, hq_root_public=root, on_record=stage)
    receipt = open_receipt(data, root_public=root)                                  # back at the post
    record = make_record(REGISTRATION, regno=..., version=1, ...)                   # one record
    problem = record_problem(record)                                                # as HQ checks it

The format is docs/formats/batch.md, one module per part: ``records`` (the
record kinds and their fields, §4), ``manifest`` (§3), ``writer`` and
``reader`` (the archive, §1-2 and §5), ``receipt`` (§6), ``ustar`` (the
archive's blocks). What a post puts in a batch (its outbox) is the store's
(fieldreg/store/outbox.py); the export's state machine is the station's
(fieldreg/station/batches.py); the import is HQ's (fieldreg/hq/).
"""

from fieldreg.batches.manifest import NO_PREVIOUS, BatchError, Manifest, batch_filename
from fieldreg.batches.reader import (
    MAX_BATCH_BYTES,
    MAX_RECORD_BYTES,
    MAX_RECORDS,
    ReadBatch,
    read_batch,
    read_records,
    verify_batch,
)
from fieldreg.batches.receipt import (
    Receipt,
    SettledPair,
    issue_receipt,
    open_receipt,
    receipt_filename,
)
from fieldreg.batches.records import (
    AUDIT,
    CORRECTION,
    DATA_KINDS,
    DUPLICATE_DECISION,
    FIELDS,
    KINDS,
    REGISTRATION,
    TOKEN_REVOCATION,
    UNREADABLE,
    VERSIONED_KINDS,
    VOID,
    make_record,
    record_problem,
)
from fieldreg.batches.writer import BatchHeader, WrittenBatch, write_batch

__all__ = [
    "AUDIT",
    "CORRECTION",
    "DATA_KINDS",
    "DUPLICATE_DECISION",
    "FIELDS",
    "KINDS",
    "MAX_BATCH_BYTES",
    "MAX_RECORDS",
    "MAX_RECORD_BYTES",
    "NO_PREVIOUS",
    "REGISTRATION",
    "TOKEN_REVOCATION",
    "UNREADABLE",
    "VERSIONED_KINDS",
    "VOID",
    "BatchError",
    "BatchHeader",
    "Manifest",
    "ReadBatch",
    "Receipt",
    "SettledPair",
    "WrittenBatch",
    "batch_filename",
    "issue_receipt",
    "make_record",
    "open_receipt",
    "read_batch",
    "read_records",
    "receipt_filename",
    "record_problem",
    "verify_batch",
    "write_batch",
]
