"""The records of a batch (docs/formats/batch.md §4), read from the post's store lazily.

    queue_registration(conn, regno, version=1)          # in the save's own transaction
    pending = pending_ranges(conn)                      # what the next batch covers
    for record in pending_records(conn, cipher, pending, unreadable): ...

Both run inside the one read snapshot the export takes, so the ranges and the
records agree. Each record is made by ``fieldreg.batches.make_record``: the kinds
and their fields are the record schema's (fieldreg/batches/records.py), not
ours. Records come a few hundred outbox rows at a time (a handful of bulk
SELECTs each), so memory does not grow with the batch.
"""

from __future__ import annotations

import base64
import heapq
import json
import sqlite3
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any

from fieldreg.batches import (
    AUDIT,
    CORRECTION,
    DUPLICATE_DECISION,
    REGISTRATION,
    TOKEN_REVOCATION,
    UNREADABLE,
    VOID,
    make_record,
)
from fieldreg.errors import CorruptData, UnreadableRecord
from fieldreg.model import Unreadable
from fieldreg.store.fields import FieldCipher
from fieldreg.store.registry import MEMBER_SEALED, record_of
from fieldreg.store.seals import SEALED_COLUMNS, CorruptRecord
from fieldreg.store.tokens import OUTBOX_TOKEN_REVOCATION

_SQL_CHUNK = 500  # outbox rows decrypted per round of bulk SELECTs
_OUTBOX_REGISTRATION = "registration"
_KINDS_BY_ACTION = {"correct": CORRECTION, "void": VOID}  # history.action -> record kind
_MEMBER_NOT_TEXT = frozenset({"documents", "photo"})  # JSON and raw bytes


@dataclass(frozen=True)
class Pending:
    outbox_to: int
    decisions_from: int  # exclusive
    decisions_to: int
    tokens_from: int  # exclusive (tokens rowid)
    tokens_to: int
    audit_from: int  # exclusive
    audit_to: int
    total: int  # records

    @property
    def any_data(self) -> bool:
        """Audit entries alone (every login writes one) do not make a batch."""
        return self.total > self.audit_to - self.audit_from or self.tokens_to > self.tokens_from


def pending_ranges(conn: sqlite3.Connection) -> Pending:
    """What the next batch covers, read inside the snapshot the records are read in."""
    decisions_from, audit_from, tokens_from = conn.execute(
        "SELECT COALESCE(MAX(decisions_to), 0), COALESCE(MAX(audit_to), 0),"
        " COALESCE(MAX(tokens_to), 0) FROM batches").fetchone()
    outbox_to, outbox_n = conn.execute(
        "SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM outbox WHERE batch IS NULL").fetchone()
    decisions_to, decisions_n = conn.execute(
        "SELECT COALESCE(MAX(id), ?), COUNT(*) FROM duplicate_decisions WHERE id > ?",
        (decisions_from, decisions_from)).fetchone()
    audit_to = conn.execute("SELECT COALESCE(MAX(seq), ?) FROM audit WHERE seq > ?",
                            (audit_from, audit_from)).fetchone()[0]
    tokens_to = conn.execute("SELECT COALESCE(MAX(rowid), ?) FROM tokens WHERE rowid > ?",
                             (tokens_from, tokens_from)).fetchone()[0]
    total = outbox_n + decisions_n + (audit_to - audit_from)
    return Pending(outbox_to, decisions_from, decisions_to, tokens_from, tokens_to,
                    audit_from, audit_to, total)


# -- the records (docs/formats/batch.md §4), generated lazily ----------------------------------


def pending_records(
    conn: sqlite3.Connection, cipher: FieldCipher, pending: Pending,
    unreadable: list[tuple[int, Unreadable]],
) -> Generator[dict[str, Any], None, None]:
    """Data records in the order they were made, then the audit entries, one at a time.

    Each version that cannot be opened is an ``unreadable`` record instead, and is
    appended to ``unreadable`` with its outbox seq as the records are read.
    """
    outbox = _outbox_records(conn, cipher, pending.outbox_to, unreadable)
    decisions = _decision_records(conn, pending.decisions_from, pending.decisions_to)
    # Each source is already in the order it was made; merging by time keeps that order.
    yield from heapq.merge(outbox, decisions, key=lambda record: str(record["at"]))
    yield from _audit_records(conn, pending.audit_from, pending.audit_to)


def _decision_records(conn: sqlite3.Connection, after: int, upto: int) -> Iterator[dict[str, Any]]:
    for member_a, member_b, decision, at, by in conn.execute(
        "SELECT member_a, member_b, decision, decided_at, decided_by FROM duplicate_decisions"
        " WHERE id > ? AND id <= ? ORDER BY id", (after, upto),
    ):
        yield make_record(DUPLICATE_DECISION, member_a=member_a, member_b=member_b,
                          decision=decision, at=at, by=by)


def _audit_records(conn: sqlite3.Connection, after: int, upto: int) -> Iterator[dict[str, Any]]:
    for seq, at, actor, action, subject, details, prev_hash, digest in conn.execute(
        "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit"
        " WHERE seq > ? AND seq <= ? ORDER BY seq", (after, upto),
    ):
        yield make_record(AUDIT, seq=seq, at=at, actor=actor, action=action, subject=subject,
                          details=json.loads(details), prev_hash=prev_hash, hash=digest)


def _outbox_records(conn: sqlite3.Connection, cipher: FieldCipher, upto: int,
                    unreadable: list[tuple[int, Unreadable]]) -> Iterator[dict[str, Any]]:
    cursor = conn.execute("SELECT seq, kind, subject, version FROM outbox"
                          " WHERE batch IS NULL AND seq <= ? ORDER BY seq", (upto,))
    while chunk := cursor.fetchmany(_SQL_CHUNK):
        yield from _chunk_records(conn, cipher, chunk, unreadable)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunk_records(conn: sqlite3.Connection, cipher: FieldCipher,
                   chunk: list[tuple[int, str, str, int]],
                   unreadable: list[tuple[int, Unreadable]]) -> Iterator[dict[str, Any]]:
    """The records of a few hundred outbox rows, read with a handful of bulk SELECTs.

    A version that cannot be opened becomes an ``unreadable`` record naming it (and
    is appended to ``unreadable`` with its outbox seq): the rest of the batch is
    not affected.
    """
    unknown = {kind for _, kind, _, _ in chunk} - {_OUTBOX_REGISTRATION, OUTBOX_TOKEN_REVOCATION}
    if unknown:
        raise CorruptData(
            "the outbox holds rows of an unknown kind ({kinds}): this FieldReg is older than the store",
            kinds=', '.join(sorted(unknown))
        )
    regnos = sorted({s for _, kind, s, _ in chunk if kind == _OUTBOX_REGISTRATION})
    households = _households(conn, cipher, regnos)
    current: list[tuple[int, str]] = []  # (household id, regno) whose current content is needed
    history_keys: set[tuple[int, int]] = set()  # (household id, version)
    for _, kind, regno, version in chunk:
        if kind != _OUTBOX_REGISTRATION:
            continue
        hh = households.get(regno)
        if hh is None:
            raise CorruptData("the outbox names {regno}, which is not in this store", regno=regno)
        if version == hh["version"]:
            current.append((hh["id"], regno))
        elif 1 <= version < hh["version"]:
            history_keys.add((hh["id"], version))
        else:
            raise CorruptData(
                "the outbox names version {version} of {regno}, which does not exist",
                version=version, regno=regno
            )
        if version >= 2:
            history_keys.add((hh["id"], version - 1))
    contents, broken = _readable_contents(conn, cipher, households, current)
    history = _history(conn, sorted(history_keys))
    tokens = _revoked_tokens(conn, cipher, [s for _, kind, s, _ in chunk
                                            if kind == OUTBOX_TOKEN_REVOCATION])
    for seq, kind, subject, version in chunk:
        if kind == OUTBOX_TOKEN_REVOCATION:
            yield tokens[subject]
            continue
        hh = households[subject]
        hid = hh["id"]
        change = history.get((hid, version - 1)) if version >= 2 else None
        at = hh["created_at"] if change is None else change[0]
        try:
            record = _version_record(cipher, hh, version, contents, broken, history, change)
        except UnreadableRecord as err:
            lost = err.part.startswith(_LOST)
            found = Unreadable(subject, err.part.removeprefix(_LOST), version, lost)
            unreadable.append((seq, found))
            yield make_record(UNREADABLE, regno=subject, version=version, at=at,
                              part=found.part, lost=lost)
            continue
        yield record


_LOST = "lost:"  # marks the part of a version replaced while unreadable (see _version_record)


def _version_record(cipher: FieldCipher, hh: dict[str, Any], version: int,
                    contents: dict[int, dict[str, Any]], broken: dict[int, UnreadableRecord],
                    history: dict[tuple[int, int], _HistoryRow],
                    change: _HistoryRow | None) -> dict[str, Any]:
    """The registration, correction or void record of one version; ``UnreadableRecord``
    (its part prefixed with ``lost:`` for a version replaced while unreadable) if it does
    not open."""
    subject, hid = hh["regno"], hh["id"]
    if hh["altered"]:
        raise CorruptRecord(subject)
    if version == hh["version"]:
        if hid in broken:
            raise broken[hid]
        status, household = hh["status"], contents[hid]
    else:
        snapshot = dict(_open_history(cipher, subject, history[(hid, version)], "previous"))
        if "unreadable" in snapshot:  # replaced by a correction while it could not be opened
            raise UnreadableRecord(subject, part=_LOST + str(snapshot["unreadable"]))
        status = snapshot.pop("status")
        snapshot.pop("void_reason", None)
        household = snapshot
    if change is None:
        return make_record(REGISTRATION, regno=subject, version=version, at=hh["created_at"],
                           by=hh["created_by"], status=status, household=household)
    record_kind = _KINDS_BY_ACTION.get(change[2])
    if record_kind is None:
        raise CorruptData(
            "{subject} version {version}: unknown change {change!r}",
            subject=subject, version=version, change=change[2]
        )
    return make_record(record_kind, regno=subject, version=version, at=change[0], by=change[1],
                       status=status, reason=_open_history(cipher, subject, change, "reason"),
                       household=household)


def _readable_contents(conn: sqlite3.Connection, cipher: FieldCipher,
                       households: dict[str, dict[str, Any]], wanted: list[tuple[int, str]],
                       ) -> tuple[dict[int, dict[str, Any]], dict[int, UnreadableRecord]]:
    """``_current_contents`` of every wanted household, and those that do not open.

    All at once on the fast path; if anything fails, household by household.
    """
    try:
        return _current_contents(conn, cipher, households, wanted), {}
    except (CorruptData, ValueError, KeyError, TypeError, AttributeError):
        pass
    contents: dict[int, dict[str, Any]] = {}
    broken: dict[int, UnreadableRecord] = {}
    for hid, regno in wanted:
        try:
            contents.update(_current_contents(conn, cipher, households, [(hid, regno)]))
        except UnreadableRecord as err:
            broken[hid] = err
        except (CorruptData, ValueError, KeyError, TypeError, AttributeError):
            # Opened but not decodable, or the record's own authentication failed.
            broken[hid] = UnreadableRecord(regno, part="record")
    return contents, broken


def _households(conn: sqlite3.Connection, cipher: FieldCipher, regnos: list[str],
                ) -> dict[str, dict[str, Any]]:
    if not regnos:
        return {}
    cipher_seals = cipher.seals
    cols = ("id", *SEALED_COLUMNS, "seal", "seal_tag", "attributes", "origin_locality", "notes")
    rows = conn.execute(f"SELECT {', '.join(cols)} FROM households WHERE regno IN"
                        f" ({_marks(len(regnos))})", regnos)
    out = {}
    for r in rows:
        hh = dict(zip(cols, r, strict=True))
        # What the batch says of a household (its status, version, who and when) must be
        # what was saved: a hand-edited row is not exported as if it were.
        # Such a household goes in the batch as unreadable (_version_record), the others as usual.
        hh["altered"] = not cipher_seals.check(tuple(hh[c] for c in SEALED_COLUMNS),
                                               hh["seal"] or "", hh["seal_tag"])
        out[hh["regno"]] = hh
    return out


def _current_contents(conn: sqlite3.Connection, cipher: FieldCipher,
                      households: dict[str, dict[str, Any]], wanted: list[tuple[int, str]],
                      ) -> dict[int, dict[str, Any]]:
    """The household JSON (docs/formats/household.md) of each wanted current row.

    Text columns are opened column by column in bulk (``open_texts``): this is
    the export's hot path (about 30 envelopes per household).
    """
    if not wanted:
        return {}
    regno_of = dict(wanted)
    rows = conn.execute(
        f"SELECT household_id, member_uid, {', '.join(MEMBER_SEALED)} FROM members"
        f" WHERE household_id IN ({_marks(len(regno_of))}) ORDER BY household_id, position",
        list(regno_of),
    ).fetchall()
    record_of_id = {hid: record_of(regno, households[regno]["version"])
                    for hid, regno in regno_of.items()}
    records = [f"{record_of_id[r[0]]}/{r[1]}" for r in rows]
    columns: dict[str, list[Any]] = {}
    for i, column in enumerate(MEMBER_SEALED, 2):
        blobs = [(record, r[i]) for record, r in zip(records, rows, strict=True)]
        if column in _MEMBER_NOT_TEXT:
            columns[column] = [cipher.open("members", rec, column, b) for rec, b in blobs]
        else:
            columns[column] = [text for _, text in cipher.open_texts("members", column, blobs)]
    members: dict[int, list[dict[str, Any]]] = {hid: [] for hid in regno_of}
    for j, r in enumerate(rows):
        members[r[0]].append(_member_json(r[1], *(columns[c][j] for c in MEMBER_SEALED)))
    order = list(regno_of.items())
    texts = {c: [t for _, t in cipher.open_texts(
                 "households", c, [(record_of_id[hid], households[regno][c])
                                   for hid, regno in order])]
             for c in ("origin_locality", "notes")}
    out = {}
    for j, (hid, regno) in enumerate(order):
        hh = households[regno]
        attrs = cipher.open("households", record_of_id[hid], "attributes", hh["attributes"])
        household: dict[str, Any] = {}
        if attrs["arrival_time_known"]:
            household["arrived_at"] = hh["arrived_at"]
        else:
            household["arrival_date"] = hh["arrived_at"][:10]
        origin = {"country": attrs["origin_country"]}
        if attrs["origin_region"]:
            origin["region"] = attrs["origin_region"]
        if texts["origin_locality"][j]:
            origin["locality"] = texts["origin_locality"][j]
        household["origin"] = origin
        if attrs["destination"]:
            household["destination"] = attrs["destination"]
        if attrs["travel_mode"]:
            household["travel_mode"] = attrs["travel_mode"]
        household["consent"] = attrs["consent"]
        if texts["notes"][j]:
            household["notes"] = texts["notes"][j]
        household["members"] = members[hid]
        out[hid] = household
    return out


def _member_json(uid: str, given_names: str, family_name: str, other_names: str, birth: str,
                 documents: list[list[str]], phone: str, photo: bytes, attributes: str,
                 ) -> dict[str, Any]:
    """``Member.to_json()`` straight from the stored values (docs/store.md encodings).

    The same output as ``registry.load_registration(...).household.to_json()``
    without building the model objects (tests/unit/station/test_batches.py checks they agree).
    """
    sex, relationship, nationality, languages, needs = attributes.split("|")
    out: dict[str, Any] = {"id": uid, "given_names": given_names, "family_name": family_name}
    if other_names:
        out["other_names"] = other_names
    out["sex"] = sex
    basis, year, day, age = birth.split("|")
    if basis == "date":
        out["birth_date"] = day
    elif basis == "age":
        out["age"] = int(age)
        out["birth_year"] = int(year)
        out["birth_estimated"] = True
    else:
        out["birth_year"] = int(year)
        out["birth_estimated"] = True
    out["relationship"] = relationship
    if nationality:
        out["nationality"] = nationality
    if languages:
        out["languages"] = languages.split(",")
    if documents:
        out["documents"] = [{"type": t, "number": n} for t, n in documents]
    if phone:
        out["phone"] = phone
    if needs:
        out["specific_needs"] = needs.split(",")
    if photo:
        out["photo"] = base64.b64encode(photo).decode("ascii")
    return out


# (replaced_at, replaced_by, action, reason blob, previous blob, version)
_HistoryRow = tuple[str, str, str, bytes, bytes, int]


def _history(conn: sqlite3.Connection, keys: list[tuple[int, int]],
             ) -> dict[tuple[int, int], _HistoryRow]:
    if not keys:
        return {}
    pairs = ", ".join("(?, ?)" for _ in keys)
    rows = conn.execute(
        "SELECT household_id, version, replaced_at, replaced_by, action, reason, previous"
        f" FROM history WHERE (household_id, version) IN (VALUES {pairs})",
        [v for key in keys for v in key])
    return {(r[0], r[1]): (r[2], r[3], r[4], r[5], r[6], r[1]) for r in rows}


def _open_history(cipher: FieldCipher, regno: str, row: _HistoryRow, column: str) -> Any:
    blob = row[3] if column == "reason" else row[4]
    return cipher.open("history", f"{regno}@{row[5]}", column, blob)


def _revoked_tokens(conn: sqlite3.Connection, cipher: FieldCipher, token_ids: list[str],
                    ) -> dict[str, dict[str, Any]]:
    if not token_ids:
        return {}
    out = {}
    for tid, regno, serial, at, by, reason in conn.execute(
        "SELECT token_id, regno, serial, revoked_at, revoked_by, revoke_reason FROM tokens"
        f" WHERE token_id IN ({_marks(len(token_ids))})", token_ids,
    ):
        if at is None or reason is None:
            raise CorruptData("token {tid} is in the outbox as revoked but is not revoked", tid=tid)
        out[tid] = make_record(TOKEN_REVOCATION, token_id=tid, regno=regno, serial=serial, at=at,
                               by=by, reason=cipher.open("tokens", tid, "revoke_reason", reason))
    missing = set(token_ids) - set(out)
    if missing:
        raise CorruptData("the outbox names token {token}, which is not in this store", token=min(missing))
    return out


def queue_registration(conn: sqlite3.Connection, regno: str, *, version: int) -> None:
    """Queue a registration's new ``version`` for the next batch; call in the save's transaction."""
    conn.execute("INSERT INTO outbox (kind, subject, version) VALUES (?, ?, ?)",
                 (_OUTBOX_REGISTRATION, regno, version))
