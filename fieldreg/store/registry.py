"""Reading and writing registrations: households and members to encrypted rows.

Only the station's services (:class:`fieldreg.station.households.Households`
first) call these, inside their transactions, after the session has checked
the actor's permission.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fieldreg.errors import CorruptData, NotFound, UnreadableRecord
from fieldreg.model import (
    Birth,
    Document,
    HistoryEntry,
    Household,
    Member,
    Origin,
    Registration,
    iso_utc,
    parse_iso_utc,
)
from fieldreg.store.fields import FieldCipher, OnUnreadable
from fieldreg.store.index import decode_summary, encode_summary
from fieldreg.store.seals import SEALED_COLUMNS, CorruptRecord, tag_of, update_commitment

HOUSEHOLD_SEALED = ("attributes", "origin_locality", "notes", "summary")
MEMBER_SEALED = (
    "given_names", "family_name", "other_names", "birth", "documents", "phone", "photo",
    "attributes",
)


def _birth_text(birth: Birth) -> str:
    """``basis|year|date|age``, e.g. ``age|1992||34`` or ``date|2024|2024-03-02|``."""
    return "|".join((birth.basis, str(birth.year), birth.date.isoformat() if birth.date else "",
                     "" if birth.age is None else str(birth.age)))


def _birth_from(text: str) -> Birth:
    basis, year, day, age = text.split("|")
    return Birth(basis=basis, year=int(year), date=date.fromisoformat(day) if day else None,
                 age=int(age) if age else None)


def summary_of(household: Household, status: str) -> str:
    """What the in-memory search, statistics and duplicate index need, and no more."""
    return encode_summary(
        day=household.arrived_at.date().isoformat(), status=status,
        country=household.origin.country, region=household.origin.region,
        locality=household.origin.locality,
        members=[
            (m.id, m.given_names, m.family_name, m.other_names, m.sex, m.birth.year,
             m.birth.estimated, m.relationship)
            for m in household.members
        ],
    )


def next_sequence(conn: sqlite3.Connection, year: int) -> int:
    """The next number of ``year``; call inside the registration's write transaction."""
    row = conn.execute(
        "INSERT INTO sequences (year, last) VALUES (?, 1)"
        " ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
        (year,),
    ).fetchone()
    return int(row[0])


def _household_columns(
    household: Household, *, summary: str, void_reason: str
) -> Iterable[tuple[str, Any]]:
    attributes = {
        "consent": household.consent,
        "arrival_time_known": household.arrival_time_known,
        "origin_country": household.origin.country,
        "origin_region": household.origin.region,
        "destination": household.destination,
        "travel_mode": household.travel_mode,
        "void_reason": void_reason,
    }
    return zip(HOUSEHOLD_SEALED, (attributes, household.origin.locality, household.notes, summary),
               strict=True)


def record_of(regno: str, version: int) -> str:
    """The record a household's envelopes are bound to: its number and version."""
    return f"{regno}@{version}"


def _sealed(
    cipher: FieldCipher, regno: str, version: int, household: Household, *, status: str,
    void_reason: str,
) -> tuple[list[bytes], list[list[bytes]]]:
    """The household's sealed columns and each member's, in one pass over the cipher."""
    summary = summary_of(household, status)
    record = record_of(regno, version)
    sealed = cipher.seal_records([
        ("households", record, _household_columns(household, summary=summary,
                                                  void_reason=void_reason)),
        *(("members", f"{record}/{member.id}", _member_columns(member))
          for member in household.members),
    ])
    return sealed[0], sealed[1:]


def _member_attributes(member: Member) -> str:
    """``sex|relationship|nationality|languages|needs``, lists comma-separated.

    Plain text rather than JSON: every part is a validated code, and this runs
    once per member on every save.
    """
    return "|".join((member.sex, member.relationship, member.nationality,
                     ",".join(member.languages), ",".join(member.specific_needs)))


def _member_from(uid: str, m: dict[str, Any]) -> Member:
    sex, relationship, nationality, languages, needs = m["attributes"].split("|")
    return Member(
        id=uid, given_names=m["given_names"], family_name=m["family_name"],
        other_names=m["other_names"], sex=sex, relationship=relationship,
        birth=_birth_from(m["birth"]), nationality=nationality,
        languages=tuple(filter(None, languages.split(","))),
        documents=tuple(Document(t, n) for t, n in m["documents"]), phone=m["phone"],
        specific_needs=tuple(filter(None, needs.split(","))), photo=m["photo"] or None,
    )


def _member_columns(member: Member) -> Iterable[tuple[str, Any]]:
    return zip(MEMBER_SEALED, (
        member.given_names, member.family_name, member.other_names, _birth_text(member.birth),
        [[d.type, d.number] for d in member.documents], member.phone, member.photo or b"",
        _member_attributes(member),
    ), strict=True)


_HOUSEHOLD_COLUMNS = ("regno", "year", "seq", "arrived_at", "status", "version", "created_at",
                      "created_by", "updated_at", "updated_by", "seal", "seal_tag",
                      *HOUSEHOLD_SEALED)
_INSERT_HOUSEHOLD = (f"INSERT INTO households ({', '.join(_HOUSEHOLD_COLUMNS)})"
                     f" VALUES ({', '.join('?' * len(_HOUSEHOLD_COLUMNS))})")
_MEMBER_COLUMNS = ("household_id", "position", "member_uid", *MEMBER_SEALED)
_INSERT_MEMBER = (f"INSERT INTO members ({', '.join(_MEMBER_COLUMNS)})"
                  f" VALUES ({', '.join('?' * len(_MEMBER_COLUMNS))})")


def insert_household(
    conn: sqlite3.Connection, cipher: FieldCipher, *, regno: str, year: int, seq: int,
    household: Household, actor: str, now: datetime,
) -> int:
    sealed, members = _sealed(cipher, regno, 1, household, status="active", void_reason="")
    at = iso_utc(now)
    clear = (regno, year, seq, iso_utc(household.arrived_at), "active", 1, at, actor, at, actor)
    seal = cipher.seals.seal(*clear)
    cursor = conn.execute(_INSERT_HOUSEHOLD, (*clear, seal, tag_of(seal), *map(bytearray, sealed)))
    update_commitment(conn, cipher.seals, old=None, new=seal)
    household_id = int(cursor.lastrowid or 0)
    _insert_members(conn, household_id, household, members)
    return household_id


def _insert_members(
    conn: sqlite3.Connection, household_id: int, household: Household,
    sealed: list[list[bytes]],
) -> None:
    # Envelopes bound as bytearray, the same BLOB: Python 3.11's sqlite3 looks for an adapter
    # for every bytes value it binds (two failed attribute lookups each), not for a bytearray.
    conn.executemany(_INSERT_MEMBER, [
        (household_id, position, member.id, *map(bytearray, values))
        for position, (member, values) in enumerate(zip(household.members, sealed, strict=True))
    ])


def replace_household(
    conn: sqlite3.Connection, cipher: FieldCipher, current: Stored, *, previous: dict[str, Any],
    household: Household, status: str, void_reason: str, action: str, reason: str,
    actor: str, now: datetime,
) -> int:
    """Keep ``previous`` (see :func:`snapshot`) in ``history`` as the current version and
    store the new one; returns its version."""
    household_id, year, seq, created_at, created_by, old_seal = conn.execute(
        "SELECT id, year, seq, created_at, created_by, seal FROM households WHERE id = ?",
        (current.id,)
    ).fetchone()
    history_record = f"{current.regno}@{current.version}"
    conn.execute(
        "INSERT INTO history (household_id, version, replaced_at, replaced_by, action, reason,"
        " previous) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (household_id, current.version, iso_utc(now), actor, action,
         cipher.seal("history", history_record, "reason", reason),
         cipher.seal("history", history_record, "previous", previous)),
    )
    version = current.version + 1
    sealed, members = _sealed(cipher, current.regno, version, household, status=status,
                              void_reason=void_reason)
    seal = cipher.seals.seal(current.regno, year, seq, iso_utc(household.arrived_at), status,
                             version, created_at, created_by, iso_utc(now), actor)
    assignments = ", ".join(f"{col} = ?" for col in HOUSEHOLD_SEALED)
    conn.execute(
        f"UPDATE households SET arrived_at = ?, status = ?, version = ?, updated_at = ?,"
        f" updated_by = ?, seal = ?, seal_tag = ?, {assignments} WHERE id = ?",
        [iso_utc(household.arrived_at), status, version, iso_utc(now), actor, seal,
         tag_of(seal), *sealed, household_id],
    )
    update_commitment(conn, cipher.seals, old=old_seal, new=seal)
    conn.execute("DELETE FROM members WHERE household_id = ?", (household_id,))
    _insert_members(conn, household_id, household, members)
    return version


def snapshot(current: Registration) -> dict[str, Any]:
    """What ``history.previous`` keeps of a version: its household JSON, status, void reason.

    A version that could not be opened when it was replaced is kept as
    ``{"unreadable": part, "status": status}`` instead (docs/store.md).
    """
    snapshot = current.household.to_json()
    snapshot["status"] = current.status
    if current.void_reason:
        snapshot["void_reason"] = current.void_reason
    return snapshot


@dataclass(frozen=True)
class Stored:
    """What a registration's clear columns say, which a correction checks before anything opens."""

    id: int
    regno: str
    version: int
    status: str


def stored(conn: sqlite3.Connection, regno: str) -> Stored:
    """The clear columns of ``regno`` (``NotFound`` if it is not at this post)."""
    row = conn.execute("SELECT id, version, status FROM households WHERE regno = ?",
                       (regno,)).fetchone()
    if row is None:
        raise NotFound("no registration {regno} at this post", regno=regno)
    return Stored(row[0], regno, row[1], row[2])


def load_registration(
    conn: sqlite3.Connection, cipher: FieldCipher, regno: str, *, with_history: bool = True
) -> Registration:
    """The registration ``regno``; ``UnreadableRecord`` (naming it and the part that failed)
    when its current content does not open. A history entry that does not open is kept
    as one whose ``previous`` is ``{"unreadable": part}`` and whose reason is empty."""
    try:
        return _load_registration(conn, cipher, regno, with_history=with_history)
    except UnreadableRecord as err:
        err.version = stored(conn, regno).version
        raise
    except (CorruptData, ValueError, KeyError, TypeError, AttributeError):
        # Values that opened but do not decode (only someone holding the data key can
        # seal them), or the record's own authentication (clear columns) failing.
        error = UnreadableRecord(regno, part="record")
        error.version = stored(conn, regno).version
        raise error from None


def _load_registration(
    conn: sqlite3.Connection, cipher: FieldCipher, regno: str, *, with_history: bool
) -> Registration:
    cols = ["id", "regno", "year", "seq", "arrived_at", "status", "version", "created_at",
            "created_by", "updated_at", "updated_by", "seal", "seal_tag", *HOUSEHOLD_SEALED]
    row = conn.execute(
        f"SELECT {', '.join(cols)} FROM households WHERE regno = ?", (regno,)
    ).fetchone()
    if row is None:
        raise NotFound("no registration {regno} at this post", regno=regno)
    rec = dict(zip(cols, row, strict=True))
    plain, members = _open_current(conn, cipher, rec)
    attrs = plain["attributes"]
    household = Household(
        arrived_at=parse_iso_utc(rec["arrived_at"]),
        origin=Origin(attrs["origin_country"], attrs["origin_region"], plain["origin_locality"]),
        members=tuple(members), consent=attrs["consent"], destination=attrs["destination"],
        travel_mode=attrs["travel_mode"], notes=plain["notes"],
        arrival_time_known=attrs["arrival_time_known"],
    )
    history: list[HistoryEntry] = []
    if with_history:
        for version, at, by, action, reason, previous in conn.execute(
            "SELECT version, replaced_at, replaced_by, action, reason, previous FROM history"
            " WHERE household_id = ? ORDER BY version", (rec["id"],)
        ):
            record = f"{regno}@{version}"
            try:
                opened = (cipher.open("history", record, "reason", reason),
                          cipher.open("history", record, "previous", previous))
            except UnreadableRecord as err:
                opened = ("", {"unreadable": err.part})
            history.append(HistoryEntry(
                version=version, replaced_at=parse_iso_utc(at), replaced_by=by, action=action,
                reason=opened[0], previous=opened[1],
            ))
    return Registration(
        regno=regno, household=household, version=rec["version"], status=rec["status"],
        created_at=parse_iso_utc(rec["created_at"]), created_by=rec["created_by"],
        updated_at=parse_iso_utc(rec["updated_at"]), updated_by=rec["updated_by"],
        void_reason=attrs["void_reason"], history=tuple(history),
    )


def _open_current(
    conn: sqlite3.Connection, cipher: FieldCipher, rec: dict[str, Any]
) -> tuple[dict[str, Any], list[Member]]:
    """Check a household row's seal and open its envelopes and its members'.

    Clear columns or members changed by hand are ``CorruptRecord``; an envelope that
    does not open, ``UnreadableRecord`` naming its part.
    """
    regno = rec["regno"]
    clear = tuple(rec[c] for c in SEALED_COLUMNS)
    if not cipher.seals.check(clear, rec["seal"] or "", rec["seal_tag"]):
        raise CorruptRecord(regno)
    record = record_of(regno, rec["version"])
    plain = {c: cipher.open("households", record, c, rec[c])
             for c in HOUSEHOLD_SEALED if c != "summary"}
    members = []
    for mrow in conn.execute(
        f"SELECT member_uid, {', '.join(MEMBER_SEALED)} FROM members"
        " WHERE household_id = ? ORDER BY position", (rec["id"],)
    ):
        uid = mrow[0]
        m = {c: cipher.open("members", f"{record}/{uid}", c, v)
             for c, v in zip(MEMBER_SEALED, mrow[1:], strict=True)}
        members.append(_member_from(uid, m))
    # The summary lists the members the household was saved with: a member row deleted
    # or added by hand shows here (each member's envelopes only prove themselves). A
    # summary that does not open only feeds search, which names it (the index build);
    # the household itself still opens, without this check.
    try:
        summary = decode_summary(regno, cipher.open("households", record, "summary", rec["summary"]))
    except UnreadableRecord:
        return plain, members
    if [m.uid for m in summary.members] != [m.id for m in members]:
        raise CorruptRecord(regno)
    return plain, members


def iter_summaries(
    conn: sqlite3.Connection, cipher: FieldCipher, *, on_unreadable: OnUnreadable | None = None,
) -> Iterator[tuple[str, str]]:
    """Yield (regno, summary string) for every registration, decrypting as it goes.

    A summary that does not open (under its version) raises ``UnreadableRecord``, or,
    given ``on_unreadable``, is passed to it and left out.
    """
    rows = conn.execute("SELECT regno || '@' || version, summary FROM households ORDER BY id")
    for record, text in cipher.open_texts("households", "summary", rows, on_unreadable=on_unreadable):
        yield record.rpartition("@")[0], text


def unreadable_records(conn: sqlite3.Connection, cipher: FieldCipher) -> list[str]:
    """Registrations whose summary or a member's attributes do not open under their version.

    ``audit verify`` runs it: envelopes copied back from an older version (or damaged)
    are found without opening every field of every record.
    """
    bad = set()
    for regno, version, blob in conn.execute("SELECT regno, version, summary FROM households"):
        try:
            cipher.open("households", record_of(regno, version), "summary", blob)
        except CorruptData:
            bad.add(regno)
    for regno, version, uid, blob in conn.execute(
        "SELECT h.regno, h.version, m.member_uid, m.attributes FROM members m"
        " JOIN households h ON h.id = m.household_id"
    ):
        if regno not in bad:
            try:
                cipher.open("members", f"{record_of(regno, version)}/{uid}", "attributes", blob)
            except CorruptData:
                bad.add(regno)
    return sorted(bad)


def recent_attributes(
    conn: sqlite3.Connection, cipher: FieldCipher, *, limit: int
) -> Iterator[dict[str, Any]]:
    """The decrypted ``attributes`` of the ``limit`` newest registrations, newest first.

    A row that does not open is skipped: this feeds the form's completion,
    which must open even beside a damaged row.
    """
    rows = conn.execute(
        "SELECT regno, version, attributes FROM households ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    for regno, version, blob in rows:
        try:
            yield cipher.open("households", record_of(regno, version), "attributes", blob)
        except CorruptData:
            continue


def registered_on(conn: sqlite3.Connection, day: str) -> list[str]:
    """Registration numbers of the active households created on ``day`` (``YYYY-MM-DD``, UTC),
    oldest first."""
    rows = conn.execute(
        "SELECT regno FROM households WHERE status = 'active' AND substr(created_at, 1, 10) = ?"
        " ORDER BY year, seq", (day,))
    return [r[0] for r in rows]
