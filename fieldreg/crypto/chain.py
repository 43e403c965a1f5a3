"""The audit log's hash chain: what links an entry to the one before it.

    digest = entry_hash(seq, at, actor, action, subject, details, prev_hash)
    prev_hash_of_entry_1 == GENESIS

Each entry's hash is SHA-256 over its canonical JSON, which includes the
previous entry's hash, so changing or removing any past entry breaks every
later link (docs/store.md, "Audit log"). The post extends and verifies its own
chain (fieldreg/store/audit.py, which adds a MAC only the post can make); HQ
checks the same chain as the entries arrive in batches (fieldreg/hq/importer.py).
It lives here, with the other primitives, because both sides need the one
definition and neither may depend on the other.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64  # the prev_hash of entry 1


def entry_hash(
    seq: int, at: str, actor: str, action: str, subject: str, details: dict[str, Any], prev: str
) -> str:
    """SHA-256 (hex) of the entry's canonical JSON: keys sorted, no spaces, UTF-8."""
    canonical = json.dumps(
        {"seq": seq, "at": at, "actor": actor, "action": action, "subject": subject,
         "details": details, "prev_hash": prev},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
