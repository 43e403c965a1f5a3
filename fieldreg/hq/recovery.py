"""HQ's side of a post's recovery: answer a request, and keep a record of every answer issued.

    issued = answer_recovery(hq, request_bytes)      # issued.answer -> the stick, back to the post
    for line in issued_recoveries(hq): ...           # what HQ issued, for the record

The answer (fieldreg/keys/recovery.py) is bound to the post, its vault and its
request's nonce, and opens nothing elsewhere. ``HQDIR/recoveries.jsonl`` gets
one line per answer (post, vault id, nonce, request hash, time, no secret),
written before the answer is handed back, so HQ's record never misses one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.recovery import Issued, issue_answer
from fieldreg.model import iso_utc, utcnow

RECORD_FILE = "recoveries.jsonl"


def answer_recovery(hq: HqDir, request: bytes) -> Issued:
    """Answer a post's recovery request (``InvalidInput`` if it is not one for this HQ), recorded."""
    issued = issue_answer(hq, request)
    line = json.dumps({"post": issued.post, "vault": issued.vault, "nonce": issued.nonce,
                       "request_sha256": issued.request_sha256, "issued_at": iso_utc(utcnow())})
    path = Path(hq.path) / RECORD_FILE
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return issued


def issued_recoveries(hq: HqDir) -> list[dict[str, Any]]:
    """Every recovery answer this HQ issued, oldest first."""
    path = Path(hq.path) / RECORD_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
