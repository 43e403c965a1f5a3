"""HQ's signed receipt: which of a post's batches HQ holds (docs/formats/batch.md §6).

    data = issue_receipt(hq, "TGR1", [(1, manifest_hash_1), (2, manifest_hash_2)])   # at HQ
    receipt = open_receipt(data, root_public=pinned_root)                            # at the post
    receipt.acknowledges(seq, manifest_hash)    # True only if both match

A receipt lists every batch of the post that HQ holds, so loading the newest
one is enough; a batch is acknowledged only if its sequence number *and* its
manifest hash match (a forked batch with the same number is not).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fieldreg.errors import CorruptData
from fieldreg.keys.documents import field, open_document
from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.ids import epoch, from_epoch, load_public
from fieldreg.messages import Message
from fieldreg.model import utcnow

RECEIPT_KIND = "receipt"
RECEIPT_VERSION = 1


@dataclass(frozen=True)
class Receipt:
    post: str
    issued_at: datetime
    batches: tuple[tuple[int, bytes], ...]

    def acknowledges(self, seq: int, manifest_hash: bytes) -> bool:
        return (seq, manifest_hash) in self.batches


def receipt_filename(post_id: str) -> str:
    return f"receipt-{post_id}.cose"


def issue_receipt(
    hq: HqDir, post_id: str, batches: list[tuple[int, bytes]], *, now: datetime | None = None
) -> bytes:
    """Sign a receipt for ``post_id`` listing (seq, manifest SHA-256) of every batch HQ holds."""
    payload = {
        "post": post_id,
        "issued_at": epoch(now or utcnow()),
        "batches": [[seq, digest] for seq, digest in sorted(batches)],
    }
    return hq.sign_document(RECEIPT_KIND, RECEIPT_VERSION, payload)


def open_receipt(data: bytes, *, root_public: bytes) -> Receipt:
    """Verify against the pinned HQ root; ``CorruptData`` with a one-line reason otherwise."""
    document = open_document(data, kind=RECEIPT_KIND, versions={RECEIPT_VERSION},
                             public_key=load_public(root_public))
    where = Message("receipt")
    payload = document.payload
    if set(payload) != {"post", "issued_at", "batches"}:
        raise CorruptData("receipt has missing or unknown fields")
    issued = field(payload, "issued_at", int, where=where)
    batches: list[tuple[int, bytes]] = []
    for item in field(payload, "batches", list, where=where):
        if (not isinstance(item, list) or len(item) != 2 or type(item[0]) is not int
                or item[0] < 1 or not isinstance(item[1], bytes) or len(item[1]) != 32):
            raise CorruptData("receipt: a batch entry is not [sequence, SHA-256]")
        batches.append((item[0], item[1]))
    return Receipt(field(payload, "post", str, where=where), from_epoch(issued), tuple(batches))
