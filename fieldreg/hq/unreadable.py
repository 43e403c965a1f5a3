"""What posts could not open and told HQ about (``unreadable`` records, docs/formats/batch.md §4).

    stage(conn, record)             # while a batch is read, inside its transaction
    finish(conn, post, seq)         # once the batch passed every check
    rows = unreadable(registry.db)  # for ``fieldreg hq report``

A post that cannot open a version of a registration (damaged or altered) names it
in its batch instead of sending it. HQ keeps one row per (registration, version):
the part that failed, whether the post says the content is lost, and the first
and last batch that reported it. It is *resolved* once HQ holds that version or
a later one of the registration (repaired by a correction, or restored).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldreg.hq.db import Db


def migrate_step(db: Db) -> None:
    """The schema step ``0002_hq_post_unreadable``."""
    # first_batch/last_batch are 0 while the batch that brought the row is being staged.
    db.ddl(
        """CREATE TABLE post_unreadable (
            post TEXT NOT NULL REFERENCES posts(post),
            regno TEXT NOT NULL,
            version INTEGER NOT NULL,
            at TEXT NOT NULL,
            part TEXT NOT NULL,
            lost INTEGER NOT NULL CHECK (lost IN (0, 1)),
            first_batch INTEGER NOT NULL,
            last_batch INTEGER NOT NULL,
            PRIMARY KEY (regno, version))"""
    )


def stage(conn: Db, post: str, record: dict[str, Any]) -> None:
    """One ``unreadable`` record of the batch being read (its post already checked)."""
    conn.execute(
        "INSERT INTO post_unreadable (post, regno, version, at, part, lost, first_batch,"
        " last_batch) VALUES (?, ?, ?, ?, ?, ?, 0, 0) ON CONFLICT(regno, version) DO UPDATE"
        " SET part = excluded.part, lost = excluded.lost, last_batch = 0",
        (post, record["regno"], record["version"], record["at"], record["part"],
         int(record["lost"])))


def finish(conn: Db, seq: int) -> int:
    """Give the rows the batch staged its number; how many the batch reported."""
    conn.execute("UPDATE post_unreadable SET first_batch = ? WHERE first_batch = 0", (seq,))
    return conn.execute("UPDATE post_unreadable SET last_batch = ? WHERE last_batch = 0",
                        (seq,)).rowcount


@dataclass(frozen=True)
class Unreadable:
    post: str
    regno: str
    version: int
    part: str
    lost: bool
    first_batch: int
    last_batch: int
    held_version: int | None  # the newest version HQ holds of the registration

    @property
    def resolved(self) -> bool:
        return self.held_version is not None and self.held_version >= self.version

    def line(self) -> str:
        state = (f"resolved: HQ holds version {self.held_version}" if self.resolved
                 else "content lost at the post" if self.lost
                 else "not received: the post keeps it until it is repaired")
        batches = (f"batch {self.first_batch}" if self.first_batch == self.last_batch
                   else f"batches {self.first_batch}–{self.last_batch}")
        return (f"{self.regno} version {self.version} could not be opened at the post "
                f"({self.part}; reported in {batches}): {state}")


def unreadable(db: Db, post: str | None = None) -> list[Unreadable]:
    """Every version posts reported unreadable (of ``post``, if given), oldest first."""
    rows = db.execute(
        "SELECT u.post, u.regno, u.version, u.part, u.lost, u.first_batch, u.last_batch,"
        " (SELECT MAX(v.version) FROM household_versions v WHERE v.regno = u.regno)"
        " FROM post_unreadable u WHERE (CAST(? AS TEXT) IS NULL OR u.post = ?) ORDER BY u.post, u.regno,"
        " u.version", (post, post))
    return [Unreadable(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7]) for r in rows]
