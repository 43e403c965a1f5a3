"""Reading and writing registrations: households and members to encrypted rows.

Only the station's services (:class:`fieldreg.station.households.Households`
first) call these, inside their transactions, after the session has checked
the actor's permission.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from fieldreg.errors import CorruptData, NotFound
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
from fieldreg.store.fields import FieldCipher
from fieldreg.store.index import encode_summary

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


def _sealed(
    cipher: FieldCipher, regno: str, household: Household, *, status: str, void_reason: str
) -> tuple[list[bytes], list[list[bytes]]]:
    """The household's sealed columns and each member's, in one pass over the cipher."""
    summary = summary_of(household, status)
    sealed = cipher.seal_records([
        ("households", regno, _household_columns(household, summary=summary,
                                                 void_reason=void_reason)),
        *(("members", f"{regno}/{member.id}", _member_columns(member))
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
                      "created_by", "updated_at", "updated_by", *HOUSEHOLD_SEALED)
_INSERT_HOUSEHOLD = (f"INSERT INTO households ({', '.join(_HOUSEHOLD_COLUMNS)})"
                     f" VALUES ({', '.join('?' * len(_HOUSEHOLD_COLUMNS))})")
_MEMBER_COLUMNS = ("household_id", "position", "member_uid", *MEMBER_SEALED)
_INSERT_MEMBER = (f"INSERT INTO members ({', '.join(_MEMBER_COLUMNS)})"
                  f" VALUES ({', '.join('?' * len(_MEMBER_COLUMNS))})")


def insert_household(
    conn: sqlite3.Connection, cipher: FieldCipher, *, regno: str, year: int, seq: int,
    household: Household, actor: str, now: datetime,
) -> int:
    sealed, members = _sealed(cipher, regno, household, status="active", void_reason="")
    at = iso_utc(now)
    cursor = conn.execute(_INSERT_HOUSEHOLD, (
        regno, year, seq, iso_utc(household.arrived_at), "active", 1, at, actor, at, actor,
        *map(bytearray, sealed),
    ))
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
    conn: sqlite3.Connection, cipher: FieldCipher, current: Registration, *,
    household: Household, status: str, void_reason: str, action: str, reason: str,
    actor: str, now: datetime,
) -> int:
    """Keep the current version in ``history`` and store the new one; returns its version."""
    household_id, = conn.execute(
        "SELECT id FROM households WHERE regno = ?", (current.regno,)
    ).fetchone()
    history_record = f"{current.regno}@{current.version}"
    conn.execute(
        "INSERT INTO history (household_id, version, replaced_at, replaced_by, action, reason,"
        " previous) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (household_id, current.version, iso_utc(now), actor, action,
         cipher.seal("history", history_record, "reason", reason),
         cipher.seal("history", history_record, "previous", _snapshot(current))),
    )
    version = current.version + 1
    sealed, members = _sealed(cipher, current.regno, household, status=status,
                              void_reason=void_reason)
    assignments = ", ".join(f"{col} = ?" for col in HOUSEHOLD_SEALED)
    conn.execute(
        f"UPDATE households SET arrived_at = ?, status = ?, version = ?, updated_at = ?,"
        f" updated_by = ?, {assignments} WHERE id = ?",
        [iso_utc(household.arrived_at), status, version, iso_utc(now), actor,
         *sealed, household_id],
    )
    conn.execute("DELETE FROM members WHERE household_id = ?", (household_id,))
    _insert_members(conn, household_id, household, members)
    return version


def _snapshot(current: Registration) -> dict[str, Any]:
    snapshot = current.household.to_json()
    snapshot["status"] = current.status
    if current.void_reason:
        snapshot["void_reason"] = current.void_reason
    return snapshot


def load_registration(
    conn: sqlite3.Connection, cipher: FieldCipher, regno: str, *, with_history: bool = True
) -> Registration:
    cols = ["id", "regno", "arrived_at", "status", "version", "created_at", "created_by",
            "updated_at", "updated_by", *HOUSEHOLD_SEALED]
    row = conn.execute(
        f"SELECT {', '.join(cols)} FROM households WHERE regno = ?", (regno,)
    ).fetchone()
    if row is None:
        raise NotFound("no registration {regno} at this post", regno=regno)
    rec = dict(zip(cols, row, strict=True))
    plain = {c: cipher.open("households", regno, c, rec[c]) for c in HOUSEHOLD_SEALED if c != "summary"}
    attrs = plain["attributes"]
    members = []
    for mrow in conn.execute(
        f"SELECT member_uid, {', '.join(MEMBER_SEALED)} FROM members"
        " WHERE household_id = ? ORDER BY position", (rec["id"],)
    ):
        uid = mrow[0]
        m = {c: cipher.open("members", f"{regno}/{uid}", c, v)
             for c, v in zip(MEMBER_SEALED, mrow[1:], strict=True)}
        members.append(_member_from(uid, m))
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
            history.append(HistoryEntry(
                version=version, replaced_at=parse_iso_utc(at), replaced_by=by, action=action,
                reason=cipher.open("history", record, "reason", reason),
                previous=cipher.open("history", record, "previous", previous),
            ))
    return Registration(
        regno=regno, household=household, version=rec["version"], status=rec["status"],
        created_at=parse_iso_utc(rec["created_at"]), created_by=rec["created_by"],
        updated_at=parse_iso_utc(rec["updated_at"]), updated_by=rec["updated_by"],
        void_reason=attrs["void_reason"], history=tuple(history),
    )


def iter_summaries(conn: sqlite3.Connection, cipher: FieldCipher) -> Iterator[tuple[str, str]]:
    """Yield (regno, summary string) for every registration, decrypting as it goes."""
    rows = conn.execute("SELECT regno, summary FROM households ORDER BY id")
    return cipher.open_texts("households", "summary", rows)


def recent_attributes(
    conn: sqlite3.Connection, cipher: FieldCipher, *, limit: int
) -> Iterator[dict[str, Any]]:
    """The decrypted ``attributes`` of the ``limit`` newest registrations, newest first.

    A row that does not open is skipped: this feeds the form's completion,
    which must open even beside a damaged row.
    """
    rows = conn.execute(
        "SELECT regno, attributes FROM households ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    for regno, blob in rows:
        try:
            yield cipher.open("households", regno, "attributes", blob)
        except CorruptData:
            continue


def registered_on(conn: sqlite3.Connection, day: str) -> list[str]:
    """Registration numbers of the active households created on ``day`` (``YYYY-MM-DD``, UTC),
    oldest first."""
    rows = conn.execute(
        "SELECT regno FROM households WHERE status = 'active' AND substr(created_at, 1, 10) = ?"
        " ORDER BY year, seq", (day,))
    return [r[0] for r in rows]
