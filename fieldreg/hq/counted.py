"""Counting rows: what the national figures count of each member, in clear, beside the sealed household.

    rows = CountingRows(conn)                            # at import, in its transaction
    rows.add("TGR1-26-000001-7", 1, "active", "TGR1", household)   # with each version stored
    rows.flush()                                         # before the commit
    backfill(db, open_household)                         # once, for versions stored before

Table ``hq_counted_members`` (schema step ``0006_hq_counted_members``): one row
per member of every household version HQ holds, written in the transaction
that stores the version (fieldreg/hq/staging.py), so ``hq report`` counts people
with SQL ``GROUP BY`` (fieldreg/hq/national.py) instead of opening ~285,000
sealed households at a million people. A row holds only the report's own
coarse values: the registration number, version, the member's position and id
in the household (the key "same" decisions name), the post, the day of arrival,
the origin as the report shows it (country / region, never the locality), the
sex and the age band at arrival (0-4, 5-11, 12-17, 18-59, 60+; never the birth
year), and flags that say which rows count and which stand for their household.

Why these are in clear while the household stays sealed: they are exactly what
``hq report`` publishes, per registration number. Someone holding a copy of the
database learns, per registration, how many people of which sex and age band
arrived at which post on which day from which country and region — the shape
of a family, not who they are: no name, no birth date or year, no village, no
relationship, no document, no free text. Those stay in the AES-256-GCM envelope
of ``household_versions``. (Such a person already saw post, number, version,
time and member count, which were clear before.)

``current_active`` is 1 on the rows of a registration's newest version when it
is active, else 0 (a correction or a void sets the older versions' rows to 0; a
version stored after a newer one, a held record released late, gets 0).
``household_first``, ``sex_first`` and ``band_first`` are 1 on the household's
first member, and on its first member of each sex and of each age band: summed,
they count households (with someone of that sex or band) without ``DISTINCT``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from fieldreg.hq.db import Db
from fieldreg.hq.members import summary
from fieldreg.model import HouseholdSummary, MemberSummary

TABLE = "hq_counted_members"
# (lowest age, label), youngest first: the usual humanitarian bands.
AGE_BANDS = ((0, "0-4"), (5, "5-11"), (12, "12-17"), (18, "18-59"), (60, "60+"))
UNKNOWN = "unknown"
# meta key present while versions stored before step 0006 have no counting rows yet.
BACKFILL_PENDING = "counted_members_backfill"
_COLUMNS = ("regno", "version", "n", "member", "post", "arrival_day", "origin", "sex", "age_band",
            "current_active", "household_first", "sex_first", "band_first")
_PAGE = 2000  # versions opened at a time by the backfill (memory stays flat)

OpenHousehold = Callable[[str, int, bytes], dict[str, Any]]  # (regno, version, sealed) -> household


class Counted(NamedTuple):
    """One member as the national figures see it."""

    regno: str
    n: int  # position in the household, from 1
    member: str  # the member's id: decisions name "<regno>/<member>"
    post: str
    arrival_day: str  # YYYY-MM-DD, or "unknown"
    origin: str  # "country / region", or "unknown"
    sex: str
    age_band: str


def migrate_step(db: Db) -> None:
    """Schema step 0006: the table, and a note to fill it for versions already held."""
    db.ddl(
        f"""CREATE TABLE {TABLE} (
            regno TEXT NOT NULL,
            version INTEGER NOT NULL,
            n INTEGER NOT NULL,
            member TEXT NOT NULL,
            post TEXT NOT NULL,
            arrival_day TEXT NOT NULL,
            origin TEXT NOT NULL,
            sex TEXT NOT NULL,
            age_band TEXT NOT NULL,
            current_active INTEGER NOT NULL CHECK (current_active IN (0, 1)),
            household_first INTEGER NOT NULL CHECK (household_first IN (0, 1)),
            sex_first INTEGER NOT NULL CHECK (sex_first IN (0, 1)),
            band_first INTEGER NOT NULL CHECK (band_first IN (0, 1)),
            PRIMARY KEY (regno, version, n))""")
    # Opening sealed versions needs the registry key, which schema steps do not hold:
    # Registry.open fills the table right after the owner check (backfill below).
    db.execute("INSERT INTO meta (key, value) SELECT ?, 'pending' WHERE EXISTS"
               " (SELECT 1 FROM household_versions)", (BACKFILL_PENDING,))


def members_of(regno: str, post: str, household: dict[str, Any]) -> list[Counted]:
    """The counting rows' values of one household version's members, in household order."""
    h = summary(regno, household)
    origin = " / ".join(p for p in (h.country, h.region) if p) or UNKNOWN
    return [Counted(regno, n, m.uid, post, h.day or UNKNOWN, origin, m.sex or UNKNOWN, age_band(m, h))
            for n, m in enumerate(h.members, start=1)]


def age_band(member: MemberSummary, household: HouseholdSummary) -> str:
    """The member's age band at arrival (whole years), ``unknown`` without a birth year or a day."""
    year = household.day[:4]
    if not member.birth_year or not year.isdigit():
        return UNKNOWN
    age = int(year) - member.birth_year
    return [label for lowest, label in AGE_BANDS if age >= lowest][-1] if age >= 0 else UNKNOWN


class CountingRows:
    """The counting rows of versions being stored, written a group at a time (few round trips).

    Rows are inserted counted (``current_active`` 1) when their version is
    active; then, per group, every row of the group's registrations that has a
    newer version in ``household_versions`` is set to 0 — the older versions a
    correction or a void replaces, and a version stored after a newer one. Call
    :meth:`flush` before the transaction ends.
    """

    def __init__(self, conn: Db, *, group: int = 1000):
        self.conn = conn
        self.group = group
        self._rows: list[tuple[Any, ...]] = []
        self._regnos: set[str] = set()

    def add(self, regno: str, version: int, status: str, post: str, household: dict[str, Any]) -> None:
        """A version just stored in ``household_versions`` (the same transaction)."""
        self._rows.extend(_rows(version, int(status == "active"), members_of(regno, post, household)))
        self._regnos.add(regno)
        if len(self._regnos) >= self.group:
            self.flush()

    def flush(self) -> None:
        if not self._regnos:
            return
        # Rows of versions stored just now, in this transaction: none can be there already.
        self.conn.append(TABLE, _COLUMNS, self._rows)
        regnos = sorted(self._regnos)
        self.conn.execute(
            f"UPDATE {TABLE} SET current_active = 0 WHERE current_active = 1"
            f" AND regno IN ({', '.join('?' * len(regnos))}) AND EXISTS (SELECT 1 FROM"
            f" household_versions w WHERE w.regno = {TABLE}.regno AND w.version > {TABLE}.version)",
            regnos)
        self._rows, self._regnos = [], set()


def _rows(version: int, current: int, members: list[Counted]) -> list[tuple[Any, ...]]:
    sexes: set[str] = set()
    bands: set[str] = set()
    rows = []
    for m in members:
        rows.append((m.regno, version, m.n, m.member, m.post, m.arrival_day, m.origin, m.sex,
                     m.age_band, current, int(m.n == 1), int(m.sex not in sexes),
                     int(m.age_band not in bands)))
        sexes.add(m.sex)
        bands.add(m.age_band)
    return rows


def backfill(db: Db, open_household: OpenHousehold) -> int:
    """Counting rows for every version stored before step 0006; the number of versions filled.

    One transaction, so an interruption leaves the note and nothing half-done: the next
    opening does it again. Inserts into ``household_versions`` wait meanwhile (the
    table is locked against writers), so no version is stored whose older rows this
    has not yet written; of two processes opening at once, the second finds it done.
    """
    pending = "SELECT 1 FROM meta WHERE key = ?"
    if db.execute(pending, (BACKFILL_PENDING,)).fetchone() is None:
        return 0  # every opening but one: no transaction, no lock
    with db.transaction():
        db.lock_against_writers("household_versions")
        if db.execute(pending, (BACKFILL_PENDING,)).fetchone() is None:
            return 0  # another process filled it meanwhile
        rows, filled, after = CountingRows(db, group=_PAGE), 0, ("", 0)
        while page := db.execute(
                "SELECT regno, version, status, post, sealed FROM household_versions"
                " WHERE (regno, version) > (?, ?) ORDER BY regno, version LIMIT ?",
                (*after, _PAGE)).fetchall():
            for regno, version, status, post, sealed in page:
                rows.add(regno, version, status, post, open_household(regno, version, sealed))
            rows.flush()
            filled += len(page)
            after = (page[-1][0], page[-1][1])
        db.execute("DELETE FROM meta WHERE key = ?", (BACKFILL_PENDING,))
    return filled


def of_regnos(db: Db, regnos: Iterable[str], *, chunk: int = 500) -> list[Counted]:
    """The counted rows (current, active versions) of these registrations, in household order."""
    wanted = sorted(set(regnos))
    out: list[Counted] = []
    for start in range(0, len(wanted), chunk):
        part = wanted[start:start + chunk]
        out.extend(Counted(*r) for r in db.execute(
            "SELECT regno, n, member, post, arrival_day, origin, sex, age_band FROM"
            f" {TABLE} WHERE current_active = 1 AND regno IN ({', '.join('?' * len(part))})"
            " ORDER BY regno, n", part))
    return out
