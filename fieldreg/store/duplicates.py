"""The ``duplicate_decisions`` table: what people decided about candidate pairs of members;
``hq_duplicate_decisions``: what HQ decided, as its receipts bring it.

    insert_decision(conn, a, b, "same", at=iso_utc(utcnow()), by="fatou")   # in a transaction
    decided = decided_pairs(conn)                                           # [(a, b), ...]: both
    store_hq_decision(conn, a, b, "different", at=..., by="mariam", received_at=...)

A decision is a record that two members (``<regno>/<member id>``) are, or are
not, the same person; it is kept forever, never merges anything, and travels to
HQ in the next batch (:mod:`fieldreg.store.outbox` reads it there). The pair is
stored in the order :func:`fieldreg.dedup.candidates.ordered` gives.
"""

from __future__ import annotations

import sqlite3


def decided_pairs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every pair of member keys a person here or at HQ has decided on, as stored."""
    return [(a, b) for a, b in conn.execute(
        "SELECT member_a, member_b FROM duplicate_decisions"
        " UNION SELECT member_a, member_b FROM hq_duplicate_decisions")]


def store_hq_decision(conn: sqlite3.Connection, member_a: str, member_b: str, decision: str, *,
                      at: str, by: str, received_at: str) -> bool:
    """Keep HQ's decision on a pair unless a newer one is kept already; True if it changed anything."""
    before = conn.total_changes
    conn.execute(
        "INSERT INTO hq_duplicate_decisions (member_a, member_b, decision, decided_at, decided_by,"
        " received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (member_a, member_b) DO UPDATE SET"
        " decision = excluded.decision, decided_at = excluded.decided_at,"
        " decided_by = excluded.decided_by, received_at = excluded.received_at"
        " WHERE excluded.decided_at > hq_duplicate_decisions.decided_at",
        (member_a, member_b, decision, at, by, received_at))
    return conn.total_changes > before


def insert_decision(conn: sqlite3.Connection, member_a: str, member_b: str, decision: str, *,
                    at: str, by: str) -> None:
    conn.execute(
        "INSERT INTO duplicate_decisions (member_a, member_b, decision, decided_at, decided_by)"
        " VALUES (?, ?, ?, ?, ?)", (member_a, member_b, decision, at, by))
