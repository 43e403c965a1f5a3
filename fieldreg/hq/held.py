"""Records HQ held for a person to decide: list them, look at one, release or reject it.

    records = held_records(registry)                 # [HeldRecord, ...], undecided ones
    record = held_content(registry, 7)               # the record as the post sent it
    release(hq, registry, 7)                         # applied as if it had passed
    reject(registry, 7)                              # kept, never applied

An import holds a data record that fails the post's own validation
(fieldreg/hq/validate.py) and applies the rest of its batch; the post's
receipt acknowledges the batch all the same (the post keeps its own copy of
every record). The held record stays sealed in ``hq_held_records`` until a
person decides. Releasing applies it exactly as the import would have (a
version HQ already holds with other content is refused as a conflict; a slip
revocation goes on the revocation list); rejecting keeps it, never applied.
Either decision is recorded in the row (``decision``, ``decided_at``) and in
HQ's log, with the record's place and problem codes only. A record whose
registration number is malformed has no place in the registry: it can only be
rejected. ``fieldreg hq held`` is the command line.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.hq.registry import Registry
from fieldreg.hq.staging import Staging, list_revocations
from fieldreg.hq.validate import HeldProblem
from fieldreg.keys.hqdir import HqDir
from fieldreg.model import iso_utc, utcnow

log = logging.getLogger("fieldreg.hq")

_COLUMNS = ("id, post, batch_seq, n, kind, regno, version, problems, size, held_at, decision,"
            " decided_at")


@dataclass(frozen=True)
class HeldRecord:
    id: int
    post: str
    batch_seq: int
    n: int  # the record's number in its batch
    kind: str
    regno: str | None  # None when what the record names is not a registration number of its post
    version: int | None
    problems: tuple[HeldProblem, ...]
    size: int  # bytes of the record as received
    held_at: str
    decision: str | None  # None (held), "released" or "rejected"
    decided_at: str | None

    def line(self) -> str:
        """``7  TGR1 batch 3 record 12  registration TGR1-26-000004-B v1  too_large (members)``."""
        what = " ".join(str(p) for p in (self.kind, self.regno or "(malformed number)",
                                          f"v{self.version}" if self.version else "") if p)
        state = f"  [{self.decision} {self.decided_at}]" if self.decision else ""
        return (f"{self.id}  {self.post} batch {self.batch_seq} record {self.n}  {what}  "
                f"{'; '.join(map(str, self.problems))}{state}")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "post": self.post, "batch": self.batch_seq, "record": self.n,
                "kind": self.kind, "regno": self.regno, "version": self.version,
                "problems": [p.to_json() for p in self.problems], "size": self.size,
                "held_at": self.held_at, "decision": self.decision, "decided_at": self.decided_at}


def held_records(registry: Registry, *, post: str | None = None,
                 decided: bool = False) -> list[HeldRecord]:
    """Held records, oldest first: undecided ones, or every one with ``decided``."""
    where = [] if decided else ["decision IS NULL"]
    args: list[Any] = []
    if post:
        where.append("post = ?")
        args.append(post)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = registry.db.execute(f"SELECT {_COLUMNS} FROM hq_held_records {clause} ORDER BY id",
                               args).fetchall()
    return [_row(r) for r in rows]


def held_record(registry: Registry, record_id: int) -> HeldRecord:
    row = registry.db.execute(f"SELECT {_COLUMNS} FROM hq_held_records WHERE id = ?",
                              (record_id,)).fetchone()
    if row is None:
        raise NotFound("no held record {record_id}", record_id=record_id)
    return _row(row)


def held_content(registry: Registry, record_id: int) -> dict[str, Any]:
    """The record as the post sent it (unsealed)."""
    held = held_record(registry, record_id)
    sealed = registry.db.execute("SELECT sealed FROM hq_held_records WHERE id = ?",
                                 (record_id,)).fetchone()[0]
    content: dict[str, Any] = json.loads(registry.open_held(held.post, held.batch_seq, held.n, sealed))
    return content


def release(hq: HqDir, registry: Registry, record_id: int) -> HeldRecord:
    """Apply a held record as the import would have; ``InvalidInput`` when it cannot be."""
    held = _undecided(registry, record_id)
    if any(p.code == "bad_regno" for p in held.problems):
        raise InvalidInput("held record {record_id} names no registration number of post {post}; "
                           "it cannot be released, only rejected", record_id=record_id, post=held.post)
    record = held_content(registry, record_id)
    with registry.db.transaction() as conn:
        staging = Staging(registry, conn, None, post=held.post, seq=held.batch_seq,
                          created_at=datetime.now(UTC))
        try:
            staging.apply(record)
            staging.finish()
        except (ValueError, RecursionError):
            raise InvalidInput("held record {record_id} holds text or numbers the registry cannot "
                               "store; it can only be rejected", record_id=record_id) from None
        if staging.conflicts:
            raise InvalidInput("held record {record_id}: HQ already holds {what} with other "
                               "content; reject it", record_id=record_id, what=staging.conflicts[0])
        list_revocations(hq, conn, staging.new_revocations)
        _decide(conn, record_id, "released")
    log.info("held record %d (post %s batch %d record %d) released", record_id, held.post,
             held.batch_seq, held.n)
    return held_record(registry, record_id)


def reject(registry: Registry, record_id: int) -> HeldRecord:
    """Never apply a held record; it stays in the registry, sealed, marked rejected."""
    held = _undecided(registry, record_id)
    with registry.db.transaction() as conn:
        _decide(conn, record_id, "rejected")
    log.info("held record %d (post %s batch %d record %d) rejected", record_id, held.post,
             held.batch_seq, held.n)
    return held_record(registry, record_id)


def _undecided(registry: Registry, record_id: int) -> HeldRecord:
    held = held_record(registry, record_id)
    if held.decision is not None:
        raise InvalidInput("held record {record_id} was already {decision} on {at}",
                           record_id=record_id, decision=held.decision, at=held.decided_at)
    return held


def _decide(conn: Any, record_id: int, decision: str) -> None:
    cursor = conn.execute("UPDATE hq_held_records SET decision = ?, decided_at = ?"
                          " WHERE id = ? AND decision IS NULL",
                          (decision, iso_utc(utcnow()), record_id))
    if cursor.rowcount != 1:  # decided meanwhile by another HQ process
        raise InvalidInput("held record {record_id} was decided meanwhile", record_id=record_id)


def _row(r: tuple[Any, ...]) -> HeldRecord:
    problems = tuple(HeldProblem(p["code"], p["member"], p["field"]) for p in json.loads(r[7]))
    return HeldRecord(r[0], r[1], r[2], r[3], r[4], r[5], r[6], problems, r[8], r[9], r[10], r[11])


def abridged(value: Any, *, text: int = 200, items: int = 20) -> Any:
    """``value`` cut to a readable size: long strings and lists shortened, saying by how much.

    A held record may be what it is held for: 10 MB of notes, 40,000 members.
    """
    if isinstance(value, str) and len(value) > text:
        return f"{value[:text]}… ({len(value)} characters)"
    if isinstance(value, list):
        shown = [abridged(v, text=text, items=items) for v in value[:items]]
        return [*shown, f"… ({len(value)} items)"] if len(value) > items else shown
    if isinstance(value, dict):
        out = {k: abridged(v, text=text, items=items) for k, v in list(value.items())[:items]}
        if len(value) > items:
            out["…"] = f"({len(value)} keys)"
        return out
    return value
