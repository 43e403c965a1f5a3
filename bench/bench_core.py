"""Core store benchmark (run by hand; figures go to docs/benchmarks.md).

    python bench/bench_core.py [--households 100000] [--saves 400]

Measures, with N registrations already stored:
  * durable save latency (p50/p95) through session.households.register, against a plain
    unencrypted SQLite insert of the same rows with the same durability
    (WAL + synchronous=FULL, one transaction per household) into a database
    pre-filled alike; saves and plain inserts alternate in blocks of
    ``--block`` (20, a few milliseconds: load from other jobs changes over
    seconds), so both meet the same machine, each warm in its own loop as in
    real use (one by one, each would run in caches the other just cooled);
  * unlock: the deliberate argon2id cost and opening + unlocking, alternating
    in a fresh process (their difference is what unlock costs beyond the
    KDF), then building the search index (decrypting every summary);
  * name search latency (p50/p95) over the index;
  * database bytes per registration; peak memory (VmHWM) of that fresh
    process, which unlocks, builds the index and searches.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams, derive_key
from fieldreg.model import utcnow
from fieldreg.regno import RegNo
from fieldreg.sqlitedb import transaction
from fieldreg.station import Station
from fieldreg.station.demo import demo_household
from fieldreg.store import registry
from fieldreg.validation import parse_household

sys.path.insert(0, str(Path(__file__).parent))
from common import alternate, machine, median, peak_mb, percentile, timed

PASS = "benchmark passphrase"


def households(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    today = date(2026, 11, 20)
    return [demo_household(rng, today - timedelta(days=rng.randint(0, 120))) for _ in range(n)]


def fill(station: Station, n: int) -> None:
    """Bulk-load n registrations (fast path: 1,000 per transaction; not measured)."""
    session = station.unlock("admin", PASS)
    rng_households = households(n, seed=1)
    now = utcnow()
    for start in range(0, n, 1000):
        with transaction(station.store.db) as conn:
            for obj in rng_households[start:start + 1000]:
                seq = registry.next_sequence(conn, 2026)
                registry.insert_household(
                    conn, session.cipher, regno=str(RegNo.build(station.post_id, 2026, seq)),
                    year=2026, seq=seq, household=parse_household(obj), actor="admin", now=now)


class PlainStore:
    """The same rows a save writes, unencrypted, with the same durability.

    A FieldReg save writes: the sequence counter, one household row, one row
    per member, an outbox row, an audit row and the audit head. The baseline
    writes exactly those rows, in one BEGIN IMMEDIATE transaction, with the
    values in clear (no encryption, no hashing): what the ratio measures is
    the cost of FieldReg's encryption and bookkeeping code over bare SQLite.
    """

    def __init__(self, path: Path, prefill: int):
        conn = self.conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE seq (year INTEGER PRIMARY KEY, last INTEGER)")
        conn.execute("CREATE TABLE h (id INTEGER PRIMARY KEY, regno TEXT UNIQUE, arrived TEXT,"
                     " attributes TEXT, locality TEXT, notes TEXT, summary TEXT)")
        conn.execute("CREATE TABLE m (h INTEGER, pos INTEGER, uid TEXT, given TEXT, family TEXT,"
                     " other TEXT, birth TEXT, docs TEXT, phone TEXT, photo BLOB, attributes TEXT,"
                     " PRIMARY KEY (h, pos))")
        conn.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT,"
                     " subject TEXT, version INTEGER)")
        conn.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT, actor TEXT,"
                     " action TEXT, subject TEXT, details TEXT, prev_hash TEXT, hash TEXT, mac TEXT)")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("BEGIN")
        for i, obj in enumerate(households(prefill, seed=1)):
            conn.execute("INSERT INTO h (regno, attributes) VALUES (?, ?)", (f"P-{i}", json.dumps(obj)))
        conn.execute("COMMIT")

    def insert(self, obj: dict) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        seq = conn.execute("INSERT INTO seq VALUES (2026, 1) ON CONFLICT(year) DO UPDATE"
                           " SET last = last + 1 RETURNING last").fetchone()[0]
        regno = f"N-{seq}"
        cur = conn.execute(
            "INSERT INTO h (regno, arrived, attributes, locality, notes, summary)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (regno, obj["arrival_date"], json.dumps(obj["origin"]), obj["origin"]["locality"],
             obj.get("notes", ""), obj["origin"]["locality"]))
        conn.executemany(
            "INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(cur.lastrowid, p, str(p), m["given_names"], m["family_name"],
              m.get("other_names", ""), str(m.get("birth_year") or m.get("age")),
              json.dumps(m.get("documents", [])), m.get("phone", ""), b"",
              json.dumps([m["sex"], m["relationship"], m.get("languages", [])]))
             for p, m in enumerate(obj["members"])])
        conn.execute("INSERT INTO outbox (kind, subject, version) VALUES ('registration', ?, 1)",
                     (regno,))
        conn.execute("INSERT INTO audit VALUES (NULL, '2026-11-21T00:00:00Z', 'admin', 'register',"
                     " ?, '{}', ?, ?, ?)", (regno, "0" * 64, "1" * 64, "2" * 64))
        conn.execute("INSERT INTO meta VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE"
                     " SET value = excluded.value", (regno,))
        conn.execute("COMMIT")


def measure_unlock_and_search(data_dir: Path, rounds: int) -> dict:
    """Runs in a fresh process, so that its peak memory is the app's, not the filler's.

    The KDF alone and a whole open + unlock (one KDF inside) alternate for
    ``rounds`` rounds; then one session builds the index and searches.
    """
    params = KdfParams.default()
    salt = os.urandom(16)
    sessions = []

    def unlock() -> None:
        sessions.append(Station.open(data_dir).unlock("admin", PASS))

    runs = alternate({"kdf": lambda: timed(lambda: derive_key(PASS, salt, params)),
                      "unlock": lambda: timed(unlock)}, rounds=rounds)
    session = sessions[-1]
    start = time.perf_counter()
    index = session.index
    index_s = time.perf_counter() - start
    queries = ["traore", "coulibaly moussa", "kei", "diallo fatoumata", "sanogo a", "ouattara",
               "maiga issa", "sidibe", "konate ka", "diarra bintou"]
    times = []
    for _ in range(5):
        for q in queries:
            times.append(timed(lambda q=q: session.households.search(q, limit=50)))
    beyond = [u - k for u, k in zip(runs["unlock"], runs["kdf"], strict=False)]
    return {
        "kdf_s": median(runs["kdf"]),
        "open_and_unlock_s": median(runs["unlock"]),
        "unlock_beyond_kdf_s": median(beyond),
        "index_build_s": index_s,
        "households_indexed": len(index),
        "search_p50_ms": statistics.median(times) * 1000,
        "search_p95_ms": percentile(times, 0.95) * 1000,
        "peak_mb": peak_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=400)
    parser.add_argument("--block", type=int, default=20,
                        help="saves and plain inserts alternate in blocks of this many")
    parser.add_argument("--unlock-rounds", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_unlock_and_search(Path(args.child), args.unlock_rounds)))
        return

    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        data_dir = Path(tmp) / "station"
        station = Station.create(data_dir, post_id="BNCH", post_name="Bench", admin="admin",
                                 passphrase=PASS)
        t = time.perf_counter()
        fill(station, args.households)
        fill_s = time.perf_counter() - t
        plain = PlainStore(Path(tmp) / "plain.db", args.households)
        session = station.unlock("admin", PASS)
        rounds = -(-args.saves // args.block)
        new_rows = households(rounds * (args.block + 1), seed=2)
        parsed = iter([parse_household(obj) for obj in new_rows])
        rows = iter(new_rows)

        def block(save: Callable[[], object]) -> list[float]:
            # The first save after the other side ran meets caches that side cooled: not kept.
            return [timed(save) for _ in range(args.block + 1)][1:]

        runs = alternate({"save": lambda: block(lambda: session.households.register(next(parsed))),
                          "plain": lambda: block(lambda: plain.insert(next(rows)))},
                         rounds=rounds)
        save_times = [t for times in runs["save"] for t in times][:args.saves]
        plain_times = [t for times in runs["plain"] for t in times][:args.saves]
        station.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_bytes = (data_dir / "fieldreg.db").stat().st_size
        total = args.households + args.saves
        child = subprocess.run([sys.executable, __file__, "--child", str(data_dir),
                                "--unlock-rounds", str(args.unlock_rounds)],
                               capture_output=True, text=True, check=True)
        unlock = json.loads(child.stdout)

    params = KdfParams.default()
    members = sum(len(h["members"]) for h in new_rows) / len(new_rows)
    print(machine())
    print(f"store: {args.households:,} households pre-filled in {fill_s:.0f} s "
          f"(bulk path); {args.saves} measured saves, {members:.1f} members/household, "
          f"alternating with plain inserts in blocks of {args.block}")
    p50, p95 = median(save_times) * 1000, percentile(save_times, 0.95) * 1000
    b50, b95 = median(plain_times) * 1000, percentile(plain_times, 0.95) * 1000
    print(f"durable save    p50 {p50:.3f} ms  p95 {p95:.3f} ms")
    print(f"plain insert    p50 {b50:.3f} ms  p95 {b95:.3f} ms   (same rows, WAL+FULL, in clear)")
    print(f"ratio           p50 {p50 / b50:.2f}x  p95 {p95 / b95:.2f}x")
    print(f"argon2id KDF    median {unlock['kdf_s']:.3f} s "
          f"(t={params.time_cost}, m={params.memory_kib // 1024} MiB, p={params.parallelism}; "
          f"{args.unlock_rounds} rounds alternating with open+unlock)")
    print(f"open+unlock     median {unlock['open_and_unlock_s']:.3f} s (includes one KDF)")
    print(f"index build     {unlock['index_build_s']:.3f} s for {unlock['households_indexed']:,} "
          "households")
    print(f"unlock beyond the KDF: {unlock['unlock_beyond_kdf_s'] + unlock['index_build_s']:.3f} s "
          "(open+unlock - KDF, median of rounds, + index build)")
    print(f"name search     p50 {unlock['search_p50_ms']:.2f} ms  p95 {unlock['search_p95_ms']:.2f} ms")
    print(f"db size         {db_bytes / total:.0f} bytes/registration ({db_bytes / 2**20:.0f} MiB)")
    print(f"peak memory     {unlock['peak_mb']:.0f} MB (VmHWM of a fresh process: unlock + index "
          "+ search)")


if __name__ == "__main__":
    main()
