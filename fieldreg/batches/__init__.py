"""Batches: the wire format of a post's records carried to HQ, signed then encrypted.

    written = write_batch(out, header, records, post_key=key, recipients=[hq_age])   # at the post
    read = read_batch(source, identity=hq_identity, hq_root_public=root)              # at HQ
    receipt = open_receipt(data, root_public=root)                                    # back at the post

The format is docs/formats/batch.md. What a post puts in a batch (its outbox)
is the store's (fieldreg/store/outbox.py); the export's state machine is the
station's (fieldreg/station/batches.py); the import is HQ's (fieldreg/hq/).
"""

from fieldreg.batches.format import (
    NO_PREVIOUS,
    BatchError,
    BatchHeader,
    ReadBatch,
    WrittenBatch,
    batch_filename,
    read_batch,
    write_batch,
)
from fieldreg.batches.receipt import Receipt, issue_receipt, open_receipt, receipt_filename

__all__ = [
    "NO_PREVIOUS", "BatchError", "BatchHeader", "ReadBatch", "Receipt", "WrittenBatch",
    "batch_filename", "issue_receipt", "open_receipt", "read_batch", "receipt_filename",
    "write_batch",
]
