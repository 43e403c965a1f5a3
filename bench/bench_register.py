"""End-to-end ``fieldreg register`` against a plain durable SQLite insert, per household, as a user feels it.

    python bench/bench_register.py [--households 2000] [--rounds 15]
    python bench/bench_register.py --against ../main         # and main's CLI, same rounds
    python bench/bench_register.py --profile register.prof   # one CLI run under cProfile

Both sides are whole processes reading the same JSON Lines on standard input
(a file), in the same run:
  * subject: ``python -m fieldreg register -`` on an enrolled post, exactly as
    a user runs it (user and passphrase from the environment; the post made
    with the cheap test KDF, as tests/conftest.py does): parse, validate,
    encrypt, one durable transaction per household, print its number;
  * baseline: a short Python program that inserts each line as one text
    column of a table, one ``BEGIN IMMEDIATE`` … ``COMMIT`` per household,
    WAL + ``synchronous=FULL`` (so each commit is fsynced, as FieldReg's
    are), and prints the row id once committed.

Sign-in, imports and start-up cost each process a fixed amount, so each
side runs twice per round, on 1 household and on 1 + N: the difference over
N is the marginal cost of a household. The four runs of a round alternate
(their order rotating between rounds) and every run starts from a fresh copy
of the post or a new database, so noise from other jobs hits both sides alike;
the figure is the median over rounds of each round's ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.model import utcnow
from fieldreg.station.demo import demo_household
from fieldreg.station.enrollment import create_enrolled_post

sys.path.insert(0, str(Path(__file__).parent))
from common import alternate, load_average, machine, median, median_ratio, spread

ROOT = Path(__file__).resolve().parents[1]
USER, PASS = "admin", "benchmark passphrase"
FAST = KdfParams.fast_for_tests()  # sign-in is a fixed cost per process; the KDF is bench_core's

# The baseline: what a bare durable ingest of the same lines costs, nothing more.
PLAIN_INSERT = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=FULL")
conn.execute("CREATE TABLE households (id INTEGER PRIMARY KEY, json TEXT NOT NULL)")
for line in sys.stdin:
    if not line.strip():
        continue
    conn.execute("BEGIN IMMEDIATE")
    rowid = conn.execute("INSERT INTO households (json) VALUES (?)", (line.rstrip("\n"),)).lastrowid
    conn.execute("COMMIT")
    print(rowid, flush=True)
"""


@dataclass(frozen=True)
class Run:
    wall: float  # seconds from spawn to exit
    cpu: float  # the child's user + system seconds


def write_households(path: Path, n: int, *, seed: int = 2) -> None:
    """``n`` fictitious households (the demo generator) as JSON Lines."""
    rng = random.Random(seed)
    today = utcnow().date()
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(n):
            day = today - timedelta(days=rng.randint(0, 60))
            f.write(json.dumps(demo_household(rng, day), ensure_ascii=False) + "\n")


def make_post(base: Path) -> Path:
    """An enrolled post (the template every run copies)."""
    hq = HqDir.init(base / "hq", "benchmark hq passphrase", kdf=FAST)
    package = hq.enroll_post("BNCH", kdf=FAST)
    create_enrolled_post(base / "post", open_enrollment(package.data, package.passphrase),
                         post_name="Bench", admin=USER, passphrase=PASS, kdf=FAST).close()
    return base / "post"


def make_post_with(tree: Path, base: Path) -> Path:
    """An enrolled post made by another source tree's code (its schema, its migrations)."""
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]);"
                    " import bench_register; bench_register.make_post(__import__('pathlib').Path(sys.argv[2]))",
                    str(Path(__file__).parent), str(base)],
                   env=cli_env(base, tree), cwd=base, check=True)  # cwd: "" comes first on the path
    return base / "post"


def cli_env(data_dir: Path, tree: Path = ROOT) -> dict[str, str]:
    """The CLI's environment: the post, the user, and the source tree to run (this one)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(data_dir), FIELDREG_USER=USER, FIELDREG_PASSPHRASE=PASS,
               PYTHONPATH=os.pathsep.join(filter(None, (str(tree), env.get("PYTHONPATH")))))
    return env


def run(command: list[str], *, stdin: Path, expect: int, env: dict[str, str] | None = None,
        out: Path) -> Run:
    """One whole process, timed; checks it printed one line per household.

    It runs in the output's directory: ``python -m`` puts the working directory
    first on the path, and a source tree there would shadow the one chosen.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdin, "rb") as i, open(out, "wb") as o:
        start = time.perf_counter()
        done = subprocess.run(command, stdin=i, stdout=o, stderr=subprocess.PIPE, env=env,
                              cwd=out.parent, check=False)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{command[:4]} exited {done.returncode}: {done.stderr.decode()}")
    printed = len(out.read_bytes().splitlines())
    if printed != expect:
        raise RuntimeError(f"{command[:4]} printed {printed} lines, expected {expect}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Run(wall, cpu)


def measure(households: int, rounds: int, trees: dict[str, Path]) -> dict[str, list[Run]]:
    """Runs on 1 and 1 + N households of each side: the CLI of every source tree, and plain."""
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        base = Path(tmp)
        # Each tree's CLI gets a post made by that tree's own code: a store made by a newer
        # schema is refused by an older FieldReg (--against a tree before a migration step).
        templates = {}
        for i, tree in enumerate(trees.values()):
            home = base / f"tree-{i}"
            home.mkdir()
            templates[tree] = make_post(home) if tree == ROOT else make_post_with(tree, home)
        inputs = {1: base / "one.jsonl", households + 1: base / "many.jsonl"}
        write_households(inputs[households + 1], households + 1)
        inputs[1].write_text(inputs[households + 1].read_text("utf-8").split("\n")[0] + "\n",
                             encoding="utf-8")
        runs = 0

        def fieldreg(n: int, tree: Path) -> Run:
            nonlocal runs
            runs += 1
            data_dir = base / f"post-{runs}"
            shutil.copytree(templates[tree], data_dir)
            try:
                return run([sys.executable, "-m", "fieldreg", "register", "-"], stdin=inputs[n],
                           expect=n, env=cli_env(data_dir, tree), out=base / "out")
            finally:
                shutil.rmtree(data_dir)

        def plain(n: int) -> Run:
            nonlocal runs
            runs += 1
            db = base / f"plain-{runs}.db"
            try:
                return run([sys.executable, "-c", PLAIN_INSERT, str(db)], stdin=inputs[n], expect=n,
                           out=base / "out")
            finally:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)

        subjects = {}
        for n, size in ((1, "1"), (households + 1, "N")):
            for side, tree in trees.items():
                subjects[f"{side} {size}"] = lambda n=n, tree=tree: fieldreg(n, tree)
            subjects[f"plain {size}"] = lambda n=n: plain(n)
        return alternate(subjects, rounds=rounds)


def report(runs: dict[str, list[Run]], households: int, sides: list[str]) -> None:
    def marginal(side: str, what: str) -> list[float]:
        """Per round: (run on 1 + N − run on 1) / N, in ms per household."""
        return [(getattr(b, what) - getattr(a, what)) / households * 1000
                for a, b in zip(runs[f"{side} 1"], runs[f"{side} N"], strict=True)]

    print(f"{len(runs['plain 1'])} rounds, {households:,} households (1 + N runs, alternating)")
    print("| side | marginal wall ms/household | ratio to plain | marginal CPU ms/household "
          "| ratio to plain | process, 1 household s | process, 1 + N s |")
    print("|---|---|---|---|---|---|---|")
    for side in [*sides, "plain"]:
        cells = []
        for what in ("wall", "cpu"):
            mine, plain = marginal(side, what), marginal("plain", what)
            ratios = [a / b for a, b in zip(mine, plain, strict=False)]
            cells.append(f"{median(mine):.3f} (rounds {spread(mine)})")
            cells.append("" if side == "plain" else
                         f"**{median_ratio(mine, plain):.2f}×** (rounds {spread(ratios)})")
        cells.append(f"{median([r.wall for r in runs[f'{side} 1']]):.3f}")
        cells.append(f"{median([r.wall for r in runs[f'{side} N']]):.3f}")
        print(f"| {side} | {' | '.join(cells)} |")


def profile(path: Path, households: int) -> None:
    """One ``fieldreg register`` of ``households`` households under cProfile; prints the top."""
    import pstats

    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        base = Path(tmp)
        data_dir = make_post(base)
        write_households(base / "in.jsonl", households)
        run([sys.executable, "-m", "cProfile", "-o", str(path), "-m", "fieldreg", "register", "-"],
            stdin=base / "in.jsonl", expect=households, env=cli_env(data_dir), out=base / "out")
    pstats.Stats(str(path)).sort_stats("tottime").print_stats(30)
    pstats.Stats(str(path)).sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=2000, help="N (default 2000)")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--against", type=Path, action="append", default=[], metavar="TREE",
                        help="also run the CLI of another source tree (e.g. a worktree of main) "
                        "in the same rounds: a before/after comparison")
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="instead: profile one CLI run of N households into FILE")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.households)
        return
    print(machine())
    trees = {"fieldreg register": ROOT}
    trees.update((f"fieldreg register ({tree})", tree.resolve()) for tree in args.against)
    runs = measure(args.households, args.rounds, trees)
    report(runs, args.households, list(trees))
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
