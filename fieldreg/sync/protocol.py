"""The words both ends of the sync protocol use (docs/formats/sync.md says what each means).

A batch upload is identified by post, sequence and the SHA-256 of the batch
file's bytes: :func:`upload_id`. The upload itself is tus 1.0.0 core with the
creation extension; FieldReg adds a few headers and a result document.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

from fieldreg.regno import POST_ID_RE

API = "/v1"
TUS_VERSION = "1.0.0"
TUS_CONTENT_TYPE = "application/offset+octet-stream"
COSE_CONTENT_TYPE = "application/cose"

# Statuses of an upload's result (GET /v1/uploads/{id}, header FieldReg-Batch-Status)
RECEIVING = "receiving"
IMPORTING = "importing"  # every byte is there; HQ is importing it: ask again a little later
IMPORTED = "imported"
ALREADY_IMPORTED = "already_imported"
FORK = "fork"
REFUSED = "refused"
FINISHED = (IMPORTED, ALREADY_IMPORTED, FORK, REFUSED)

# Headers FieldReg adds to tus
BATCH_STATUS = "FieldReg-Batch-Status"
PROBLEM = "FieldReg-Problem"  # a protocol word for why a request was refused

_UPLOAD_ID = re.compile(r"^([A-Z][A-Z0-9]{1,7})-([0-9]{1,9})-([0-9a-f]{64})$")


@dataclass(frozen=True)
class BatchId:
    """What names a batch on the wire: post, sequence, SHA-256 of the file."""

    post: str
    seq: int
    sha256: bytes

    @property
    def upload_id(self) -> str:
        return f"{self.post}-{self.seq}-{self.sha256.hex()}"

    def metadata(self) -> str:
        """The tus ``Upload-Metadata`` value: ``key base64value`` pairs, comma-separated."""
        pairs = (("post", self.post.encode()), ("seq", str(self.seq).encode()),
                 ("sha256", self.sha256))
        return ",".join(f"{k} {base64.b64encode(v).decode('ascii')}" for k, v in pairs)


def parse_upload_id(text: str) -> BatchId | None:
    match = _UPLOAD_ID.match(text)
    if match is None or not POST_ID_RE.match(match.group(1)):
        return None
    return BatchId(match.group(1), int(match.group(2)), bytes.fromhex(match.group(3)))


def parse_metadata(text: str) -> BatchId | None:
    """``Upload-Metadata`` back into a :class:`BatchId`; None if anything is missing or wrong."""
    values: dict[str, bytes] = {}
    try:
        for pair in text.split(","):
            key, _, value = pair.strip().partition(" ")
            if key in values:
                return None
            values[key] = base64.b64decode(value, validate=True)
        post = values["post"].decode("ascii")
        seq_text = values["seq"].decode("ascii")
        sha = values["sha256"]
    except (KeyError, ValueError, UnicodeDecodeError):
        return None
    if (not POST_ID_RE.match(post) or not seq_text.isdigit() or len(seq_text) > 9
            or int(seq_text) < 1 or len(sha) != 32):
        return None
    return BatchId(post, int(seq_text), sha)
