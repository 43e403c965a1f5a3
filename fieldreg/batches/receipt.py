"""HQ's signed receipt: which of a post's batches HQ holds, and HQ's duplicate decisions
(docs/formats/batch.md §6).

    data = issue_receipt(hq, "TGR1", [(1, manifest_hash_1), (2, manifest_hash_2)],
                         decisions=[SettledPair("TGR1-26-000012-7/1", "NIA-26-000410-3/2", "same",
                                                decided_at, "mariam")])            # at HQ
    receipt = open_receipt(data, root_public=pinned_root)                            # at the post
    receipt.acknowledges(seq, manifest_hash)    # True only if both match
    receipt.decisions                           # HQ's newest decision on each pair touching the post

A receipt lists every batch of the post that HQ holds, so loading the newest
one is enough; a batch is acknowledged only if its sequence number *and* its
manifest hash match (a forked batch with the same number is not). Version 2
adds ``decisions``; a version 1 receipt (before HQ decided pairs) still opens,
with none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fieldreg.errors import CorruptData
from fieldreg.keys.documents import field, open_document
from fieldreg.keys.hqdir import HqDir
from fieldreg.keys.ids import epoch, from_epoch, load_public
from fieldreg.messages import Message
from fieldreg.model import utcnow

RECEIPT_KIND = "receipt"
RECEIPT_VERSION = 2
_FIELDS = {1: {"post", "issued_at", "batches"}, 2: {"post", "issued_at", "batches", "decisions"}}
DECISIONS = ("same", "different")


@dataclass(frozen=True)
class SettledPair:
    """HQ's newest decision on a pair of members (``<regno>/<member id>``, ``member_a`` < ``member_b``)."""

    member_a: str
    member_b: str
    decision: str  # "same" or "different"
    decided_at: datetime
    decided_by: str


@dataclass(frozen=True)
class Receipt:
    post: str
    issued_at: datetime
    batches: tuple[tuple[int, bytes], ...]
    decisions: tuple[SettledPair, ...] = ()

    def acknowledges(self, seq: int, manifest_hash: bytes) -> bool:
        return (seq, manifest_hash) in self.batches


def receipt_filename(post_id: str) -> str:
    return f"receipt-{post_id}.cose"


def issue_receipt(
    hq: HqDir, post_id: str, batches: list[tuple[int, bytes]], *,
    decisions: Iterable[SettledPair] = (), now: datetime | None = None,
) -> bytes:
    """Sign a receipt for ``post_id`` listing (seq, manifest SHA-256) of every batch HQ holds
    and HQ's decisions on pairs with a member of the post."""
    payload = {
        "post": post_id,
        "issued_at": epoch(now or utcnow()),
        "batches": [[seq, digest] for seq, digest in sorted(batches)],
        "decisions": [[d.member_a, d.member_b, d.decision, epoch(d.decided_at), d.decided_by]
                      for d in sorted(decisions, key=lambda d: (d.member_a, d.member_b))],
    }
    return hq.sign_document(RECEIPT_KIND, RECEIPT_VERSION, payload)


def open_receipt(data: bytes, *, root_public: bytes) -> Receipt:
    """Verify against the pinned HQ root; ``CorruptData`` with a one-line reason otherwise."""
    document = open_document(data, kind=RECEIPT_KIND, versions=set(_FIELDS),
                             public_key=load_public(root_public))
    where = Message("receipt")
    payload = document.payload
    if set(payload) != _FIELDS[document.version]:
        raise CorruptData("receipt has missing or unknown fields")
    issued = field(payload, "issued_at", int, where=where)
    batches: list[tuple[int, bytes]] = []
    for item in field(payload, "batches", list, where=where):
        if (not isinstance(item, list) or len(item) != 2 or type(item[0]) is not int
                or item[0] < 1 or not isinstance(item[1], bytes) or len(item[1]) != 32):
            raise CorruptData("receipt: a batch entry is not [sequence, SHA-256]")
        batches.append((item[0], item[1]))
    decisions = [_settled(item) for item in (field(payload, "decisions", list, where=where)
                                             if "decisions" in payload else ())]
    return Receipt(field(payload, "post", str, where=where), from_epoch(issued), tuple(batches),
                   tuple(decisions))


def _settled(item: object) -> SettledPair:
    if (not isinstance(item, list) or len(item) != 5 or not all(isinstance(x, str) for x in item[:3])
            or type(item[3]) is not int or not isinstance(item[4], str)
            or item[2] not in DECISIONS or not item[0] < item[1]
            or not all("/" in key for key in item[:2])):
        raise CorruptData("receipt: a decision entry is not [member a, member b, same|different, "
                          "time, who]")
    return SettledPair(item[0], item[1], item[2], from_epoch(item[3]), item[4])
