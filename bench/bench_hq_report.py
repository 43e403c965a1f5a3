"""``hq report`` on a PostgreSQL registry of a million people: seconds per report.

    PYTHONPATH=. python bench/bench_hq_report.py [--people 1000000] [--posts 8] [--rounds 5]

Fills a registry on a local PostgreSQL server that this script starts
(tests/pgserver.py, *durable*: PostgreSQL's default settings, fsync on; unix
socket): ``--posts`` simulated posts (tests/unit/hq/builders.py ``PostSim``)
register fictitious households (``demo_household``, seed 1) until ``--people``
members, exported in batches (40,000 households a round, shared by the posts), each imported with
``import_batch`` (not measured; its time is printed). Then ``build_report``
(what ``fieldreg hq report`` prints, in one snapshot as the command reads it)
and the national figures (``national_figures``, after HQ decided ``--decisions``
random pairs "same") run ``--rounds`` times, each in a fresh process so no cache of a previous
report's Python objects helps it: the figure is the median wall time of
opening the registry and building the report, and of the report alone.
Run by hand; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, median

from fieldreg.hq import HqDir, Registry, build_report, decide, import_batch, national_figures
from fieldreg.station.demo import demo_household
from tests.pgserver import PgServer, use_postgresql
from tests.unit.hq.builders import HQ_PASSPHRASE, PostSim, make_hq

BATCH_HOUSEHOLDS = 40_000  # per round, shared by the posts: 5,000 per batch of 8 posts
POST_IDS = ["TGR1", "NIA1", "OUA1", "BOB1", "KOR1", "ODI1", "MAN1", "SEG1", "KAY1", "GAO1"]


def fill(hq: HqDir, people: int, posts: int, work: Path) -> tuple[int, int, float]:
    """Households and people imported, and the import seconds."""
    rng = random.Random(1)
    sims = [PostSim(hq, post_id) for post_id in POST_IDS[:posts]]
    households = members = 0
    seconds = 0.0
    with Registry.open(hq) as registry:
        while members < people:
            for sim in sims:
                for _ in range(BATCH_HOUSEHOLDS // posts):
                    content = demo_household(rng, date(2026, 11, 1) - timedelta(days=rng.randint(0, 120)))
                    sim.register(content)
                    households += 1
                    members += len(content["members"])
                sim.current.clear()  # only corrections need it; keeps the bench's memory flat
                path = sim.batch(work)
                start = time.perf_counter()
                result = import_batch(hq, registry, path)
                seconds += time.perf_counter() - start
                assert result.status == "imported" and not result.held_records, result.line()
                path.unlink()
            print(f"  {households:,} households, {members:,} people imported ({seconds:.0f} s)",
                  file=sys.stderr, flush=True)
    return households, members, seconds


def link(hq: HqDir, pairs: int) -> float:
    """HQ decides ``pairs`` random first members of two households "same"; the seconds taken."""
    rng = random.Random(2)
    start = time.perf_counter()
    with Registry.open(hq) as registry:
        heads = registry.db.execute("SELECT regno, member FROM hq_counted_members"
                                    " WHERE n = 1 AND current_active = 1 ORDER BY regno").fetchall()
        for (regno_a, a), (regno_b, b) in (rng.sample(heads, 2) for _ in range(pairs)):
            decide(registry, f"{regno_a}/{a}", f"{regno_b}/{b}", "same", by="bench")
    return time.perf_counter() - start


def child(hq_path: str) -> dict[str, float]:
    """One ``hq report`` as the command builds it: the status report, then the national figures."""
    start = time.perf_counter()
    hq = HqDir.open(Path(hq_path), HQ_PASSPHRASE)
    with Registry.open(hq) as registry, registry.db.snapshot():
        opened = time.perf_counter()
        report = build_report(registry, trust=hq.trust_list())
        reported = time.perf_counter()
        figures = national_figures(registry)
        json.dumps({**report.to_json(), "figures": figures.to_json()})
        figures.csv()
        done = time.perf_counter()
    return {"report": done - opened, "status": reported - opened, "figures": done - reported,
            "total": done - start, "people": report.totals.members,
            "households": report.totals.households_active, "counted": figures.people,
            "linked": figures.linked}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--posts", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--decisions", type=int, default=1000,
                        help='"same" decisions HQ records before the reports (linked people)')
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    server = PgServer.start(durable=True)
    try:
        with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
            hq = make_hq(Path(tmp) / "hq")  # its clock at the simulated posts' T0
            use_postgresql(hq.path, server.new_database())
            households, people, seconds = fill(hq, args.people, args.posts, Path(tmp) / "stick")
            deciding = link(hq, args.decisions)
            print(f"  {args.decisions} decisions in {deciding:.0f} s; load average "
                  f"{os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
            runs = []
            for _ in range(args.rounds):
                out = subprocess.run([sys.executable, __file__, "--child", str(hq.path)],
                                     capture_output=True, text=True, check=True)
                runs.append(json.loads(out.stdout))
            assert runs[0]["people"] == people and runs[0]["linked"] > 0, runs[0]
            print(f"{machine()}; PostgreSQL {server.version()}")
            print(f"{args.posts} posts, {households:,} households, {people:,} people, "
                  f"{households // (BATCH_HOUSEHOLDS // args.posts)} batches; "
                  f"imported in {seconds:.0f} s ({households / seconds:,.0f} households/s)")
            print(f"{runs[0]['counted']:,} people counted once ({runs[0]['linked']} linked); "
                  f"load average {os.getloadavg()[0]:.2f}")
            print(f"hq report, median of {args.rounds} fresh processes: report "
                  f"{median([r['report'] for r in runs]):.2f} s "
                  f"(min {min(r['report'] for r in runs):.2f}, max {max(r['report'] for r in runs):.2f}):"
                  f" status {median([r['status'] for r in runs]):.2f} s, national figures "
                  f"{median([r['figures'] for r in runs]):.2f} s "
                  f"(min {min(r['figures'] for r in runs):.2f}, max {max(r['figures'] for r in runs):.2f});"
                  f" with opening the HQ directory and the registry {median([r['total'] for r in runs]):.2f} s")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
