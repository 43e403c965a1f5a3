"""The ``duplicate_decisions`` table: what people decided about candidate pairs of members.

    insert_decision(conn, a, b, "same", at=iso_utc(utcnow()), by="fatou")   # in a transaction
    decided = decided_pairs(conn)                                           # [(a, b), ...]

A decision is a record that two members (``<regno>/<member id>``) are, or are
not, the same person; it is kept forever, never merges anything, and travels to
HQ in the next batch (:mod:`fieldreg.store.outbox` reads it there). The pair is
stored in the order :func:`fieldreg.dedup.candidates.ordered` gives.
"""

from __future__ import annotations

import sqlite3


def decided_pairs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every pair of member keys a person has decided on, as stored."""
    return [(a, b) for a, b in conn.execute("SELECT member_a, member_b FROM duplicate_decisions")]


def insert_decision(conn: sqlite3.Connection, member_a: str, member_b: str, decision: str, *,
                    at: str, by: str) -> None:
    conn.execute(
        "INSERT INTO duplicate_decisions (member_a, member_b, decision, decided_at, decided_by)"
        " VALUES (?, ?, ?, ?, ?)", (member_a, member_b, decision, at, by))
