"""Record seals: the clear columns of every household authenticated, and all of them committed.

    seals = RecordSeals(data_key)                     # FieldCipher makes one: cipher.seals
    seal = seals.seal(regno, year, seq, arrived_at, status, version,
                      created_at, created_by, updated_at, updated_by)
    update_commitment(conn, seals, old=None, new=seal)   # in the save's own transaction
    scan = scan_records(conn, seals)                  # at sign-in and by ``audit verify``

A household's clear columns (number, year and sequence, arrival, status,
version, created and updated at and by) carry meaning: search, statistics and
the export read them. Each row keeps ``seal``, a keyed BLAKE2b over those
columns, so a hand edit of any of them is found (``CorruptRecord`` naming the
number). The envelopes of the row are bound to its version too (their associated
data names ``<regno>@<version>``: fieldreg/store/fields.py), so ciphertexts copied
from an older version do not open under a newer one.

The *commitment* (``meta.records_seal``) is the number of households and the sum of
every row's ``seal_tag`` (the seal's first 40 bits), with a MAC: each save takes the
old tag out and adds the new one. A deleted row, an added one or a row put back
from an older copy of the file changes the count or the sum, which sign-in
recomputes with one SQL aggregate over a narrow index (no decryption, no
per-row work in Python). ``audit verify`` recomputes every seal as well.
The key is derived from the data key, so all of this stops someone without a
passphrase (a hand edit with the ``sqlite3`` tool), not an officer who writes a
program with their own (docs/store.md, "Audit trail and records").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreg.errors import UnreadableRecord
from fieldreg.regno import RegNo

COMMITMENT_KEY = "records_seal"  # meta key
_SEP = "\x1f"  # never in a number, a time, a status or a user name

#: The clear columns a seal covers, in this order (docs/store.md).
SEALED_COLUMNS = ("regno", "year", "seq", "arrived_at", "status", "version", "created_at",
                  "created_by", "updated_at", "updated_by")


class CorruptRecord(UnreadableRecord):
    """One registration's clear columns fail their seal (altered by hand, or put back from
    an older copy): the whole record (``part`` ``record``) is set aside, the others go on.
    """

    def __init__(self, regno: str) -> None:
        super().__init__(regno, part="record")


def derive_seal_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"fieldreg record seal v1").derive(data_key)


class RecordSeals:
    """Seals rows and commitments under a key derived from the data key."""

    def __init__(self, data_key: bytes):
        self._key = derive_seal_key(data_key)

    def seal(self, regno: str, year: int, seq: int, arrived_at: str, status: str, version: int,
             created_at: str, created_by: str, updated_at: str, updated_by: str) -> str:
        text = _SEP.join(("seal/v1", regno, str(year), str(seq), arrived_at, status, str(version),
                          created_at, created_by, updated_at, updated_by))
        return hashlib.blake2b(text.encode(), key=self._key, digest_size=32).hexdigest()

    def check(self, row: tuple[object, ...], seal: str, tag: int) -> bool:
        """``row``: the SEALED_COLUMNS values, in order; ``tag``: the row's ``seal_tag``."""
        return (hmac.compare_digest(self.seal(*row), seal)  # type: ignore[arg-type]
                and tag == tag_of(seal))

    def commitment_mac(self, count: int, total: int) -> str:
        text = f"records/v1{_SEP}{count}{_SEP}{total}"
        return hashlib.blake2b(text.encode(), key=self._key, digest_size=32).hexdigest()

    def commitment(self, count: int, total: int) -> str:
        return json.dumps({"count": count, "sum": total,
                           "mac": self.commitment_mac(count, total)})


def tag_of(seal: str) -> int:
    """The seal's first 40 bits, as stored in ``seal_tag`` (0 for an empty or edited seal)."""
    try:
        return int(seal[:10], 16)
    except ValueError:
        return 0


def read_commitment(conn: sqlite3.Connection, seals: RecordSeals) -> tuple[str, int, int]:
    """(state, count, sum): state is ``ok``, ``missing`` or ``forged``."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (COMMITMENT_KEY,)).fetchone()
    if row is None:
        return "missing", 0, 0
    try:
        value = json.loads(row[0])
        count, total, mac = int(value["count"]), int(value["sum"]), str(value["mac"])
    except (ValueError, KeyError, TypeError):
        return "forged", 0, 0
    if not hmac.compare_digest(seals.commitment_mac(count, total), mac):
        return "forged", count, total
    return "ok", count, total


def write_commitment(conn: sqlite3.Connection, seals: RecordSeals, count: int, total: int) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)"
                 " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (COMMITMENT_KEY, seals.commitment(count, total)))


def update_commitment(conn: sqlite3.Connection, seals: RecordSeals, *, old: str | None,
                      new: str) -> None:
    """Replace ``old`` (None: a new household) by ``new`` in the commitment; in the save's transaction.

    A commitment that is missing or fails its MAC is left as it is: re-sealing it would
    hide what was done to it. Sign-in reports it.
    """
    state, count, total = read_commitment(conn, seals)
    if state != "ok":
        return
    if old is None:
        count += 1
    else:
        total -= tag_of(old)
    write_commitment(conn, seals, count, total + tag_of(new))


@dataclass
class RecordScan:
    """What one pass over the households' clear columns found."""

    households: int = 0
    altered: list[str] = field(default_factory=list)  # rows whose seal does not match
    commitment: str = "ok"  # ok | missing | forged | mismatch
    expected: int = 0  # households the commitment counts
    rolled_back: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # numbers issued, not in the store
    unreadable: list[str] = field(default_factory=list)  # envelopes that do not open (full only)

    @property
    def clean(self) -> bool:
        return (not self.altered and self.commitment == "ok" and not self.rolled_back
                and not self.missing and not self.unreadable)


def scan_records(conn: sqlite3.Connection, seals: RecordSeals, post_id: str, *,
                 full: bool = True) -> RecordScan:
    """Check the commitment, version rollbacks and number gaps; with ``full``, every row's seal.

    Sign-in runs it with ``full=False``: the count and the sum of the stored tags (one
    SQL aggregate over their narrow index) find a row deleted, added or put back from an
    older copy; a clear column edited under an unchanged seal is found when that record
    is read, and by ``audit verify`` (``full=True``), which recomputes every seal.
    Run inside one read snapshot (a transaction).
    """
    scan = RecordScan()
    if full:
        total = 0
        check = seals.check
        for *row, seal, tag in conn.execute(
            f"SELECT {', '.join(SEALED_COLUMNS)}, seal, seal_tag FROM households"
        ):
            scan.households += 1
            if not check(tuple(row), seal, tag):
                scan.altered.append(row[0])
            total += tag
    else:
        scan.households, total = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(seal_tag), 0) FROM households"
            " INDEXED BY households_seal_tag").fetchone()
    state, count, stored = read_commitment(conn, seals)
    scan.expected = count
    if state != "ok":
        scan.commitment = state
    elif count != scan.households or stored != total:
        scan.commitment = "mismatch"
    scan.rolled_back = rolled_back(conn)
    scan.missing = missing_numbers(conn, post_id)
    return scan


def missing_numbers(conn: sqlite3.Connection, post_id: str) -> list[str]:
    """Numbers the post issued (``sequences``) that no household holds; a void keeps its number.

    Counting per year reads only the (year, seq) index; the numbers are listed only
    when some are missing.
    """
    missing = []
    for year, last, have in conn.execute(
        "SELECT s.year, s.last, (SELECT COUNT(*) FROM households h WHERE h.year = s.year"
        " AND h.seq <= s.last) FROM sequences s ORDER BY s.year"
    ):
        if have < last:
            seen = {r[0] for r in conn.execute("SELECT seq FROM households WHERE year = ?",
                                               (year,))}
            missing += [str(RegNo.build(post_id, year, n)) for n in range(1, last + 1)
                        if n not in seen]
    return missing


def rolled_back(conn: sqlite3.Connection) -> list[str]:
    """Households older than the history they keep, or than their last audited change.

    A row put back from an older copy of the file keeps its older version while
    ``history`` already holds that version, or while the newest ``register``/``correct``/
    ``void`` entry of the audit log names a newer one.
    """
    found = {r[0] for r in conn.execute(
        "SELECT DISTINCT h.regno FROM history x JOIN households h ON h.id = x.household_id"
        " WHERE x.version >= h.version")}
    last = conn.execute(
        "SELECT action, subject, details FROM audit WHERE action IN ('register', 'correct', 'void')"
        " ORDER BY seq DESC LIMIT 1").fetchone()
    if last is not None:
        action, regno, details = last
        try:
            version = 1 if action == "register" else int(json.loads(details)["version"])
        except (ValueError, KeyError, TypeError):
            version = 0
        row = conn.execute("SELECT version FROM households WHERE regno = ?", (regno,)).fetchone()
        if row is not None and row[0] < version:
            found.add(regno)
    return sorted(found)


def audited_versions(conn: sqlite3.Connection) -> dict[str, int]:
    """The newest version of each registration the audit log records (``audit verify``)."""
    out: dict[str, int] = {}
    for action, regno, details in conn.execute(
        "SELECT action, subject, details FROM audit WHERE action IN ('register', 'correct', 'void')"
        " ORDER BY seq"
    ):
        try:
            version = 1 if action == "register" else int(json.loads(details)["version"])
        except (ValueError, KeyError, TypeError):
            continue
        out[regno] = max(version, out.get(regno, 0))
    return out


def current_versions(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT regno, version FROM households").fetchall())
