"""HQ import throughput on SQLite and on PostgreSQL, side by side in one run.

    PYTHONPATH=. python bench/bench_hq_engines.py [--households 10000 100000] [--rounds 3]

For each size N, in a temporary directory: an enrolled post is filled with N
fictitious households and one batch is exported (bench/bench_batches.py, not
measured). Then, for ``--rounds`` rounds, the two engines alternate (the order
rotating), each importing that batch with ``fieldreg.hq.importer.import_batch``
in a fresh child process (its own VmHWM) into a fresh, empty registry: a copy of
the empty HQ directory (SQLite: ``registry.db``), or the same copy with a
``registry.conf`` naming a new database on a local PostgreSQL server that this
script starts (tests/pgserver.py, *durable*: fsync and synchronous commit on,
PostgreSQL's defaults otherwise; unix socket). Both engines commit durably.
Figures are medians over the rounds; the ratio is the median of the per-round
PostgreSQL / SQLite ratios. Run by hand; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_batches import build, run_child
from common import alternate, machine, median, median_ratio

from tests.pgserver import PgServer, use_postgresql


def measure(base: Path, server: PgServer, rounds: int) -> dict[str, list[dict[str, float]]]:
    shutil.copytree(base / "post", base / "post-0")
    batch = run_child("export", str(base), "post-0", "stick-0")["path"]
    copies = 0

    def importer(engine: str) -> dict[str, float]:
        nonlocal copies
        copies += 1
        hq_copy = base / f"hq-{copies}"
        shutil.copytree(base / "hq", hq_copy)
        if engine == "postgresql":
            use_postgresql(hq_copy, server.new_database())
        try:
            return run_child("import", str(base), hq_copy.name, str(batch))
        finally:
            shutil.rmtree(hq_copy)

    return alternate({"sqlite": lambda: importer("sqlite"),
                      "postgresql": lambda: importer("postgresql")}, rounds=rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server = PgServer.start(durable=True)
    try:
        print(f"{machine()}; PostgreSQL {server.version()}; medians of {args.rounds} alternating rounds")
        print("| households | SQLite import s | PostgreSQL import s | SQLite households/s "
              "| PostgreSQL households/s | PostgreSQL / SQLite | SQLite peak MB | PostgreSQL peak MB |")
        print("|---|---|---|---|---|---|---|---|")
        for n in args.households:
            with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
                base = Path(tmp)
                build(base, n)
                runs = measure(base, server, args.rounds)
            lite = median([r["seconds"] for r in runs["sqlite"]])
            pg = median([r["seconds"] for r in runs["postgresql"]])
            ratio = median_ratio([r["seconds"] for r in runs["postgresql"]],
                                 [r["seconds"] for r in runs["sqlite"]])
            print(f"| {n:,} | {lite:.2f} | {pg:.2f} | {n / lite:,.0f} | {n / pg:,.0f} | {ratio:.2f}× "
                  f"| {median([r['peak_mb'] for r in runs['sqlite']]):.0f} "
                  f"| {median([r['peak_mb'] for r in runs['postgresql']]):.0f} |", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
