"""The app's memory with the live duplicate finder built, and the finder's build time (run by hand).

    python bench/bench_memory.py [--households 100000] [--rounds 3] [--data-dir DIR]
    python bench/bench_memory.py --tree before=/tmp/main-before --tree after=.   # interleaved

Fills a post with ``--households`` demo-generator households (seed 1, as
bench/bench_core.py does; kept in ``--data-dir`` to be reused by later runs),
then measures, each in a fresh process whose peak memory is its own
``VmHWM`` (/proc/self/status; see bench/common.py):

  * **app**: what an officer's session holds: ``QApplication`` (offscreen),
    the main window, sign-in (the argon2id KDF included), the register screen
    shown, which builds the duplicate finder on its worker thread; the peak
    is read once the finder is ready, after 20 live queries. "ready" is the
    time from the end of sign-in (the session in hand) to the finder handed to
    the screen;
  * **core**: the same without Qt: unlock, the registry index, the finder
    (built on this thread), the same 20 queries; it reports the resident
    size after each step, so where the memory goes is visible.

Both print a digest of the candidates of 20 probes (fixed members of the
population, as an officer would retype them with variants), so trees can be
compared for the same candidates. With several ``--tree NAME=PATH`` (a
checkout each; PYTHONPATH points at it) the children of every tree alternate
in each round (the order rotating), and the figures are medians over rounds.
Nothing here is a test; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent))
from common import alternate, machine, peak_mb

if TYPE_CHECKING:
    from fieldreg.station.duplicates import Person, PostDuplicates
    from fieldreg.store.index import RegistryIndex

PASS = "benchmark passphrase"
ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def probes(index: RegistryIndex) -> list[Person]:
    """20 fixed members of the population, retyped with the variants an officer makes.

    Read one by one (``get``): decoding every summary would itself cost 100 MB.
    """
    from fieldreg.station.duplicates import Person

    regnos = list(index._regnos)  # in registration order (every tree measured has it)
    chosen = [index.get(regnos[i * (len(regnos) // 20)]) for i in range(min(20, len(regnos)))]
    people = []
    for n, household in enumerate(h for h in chosen if h is not None):
        m = household.members[n % len(household.members)]
        given = m.given_names.replace("ou", "u") if n % 2 else m.given_names
        family = m.family_name.upper() if n % 3 == 0 else m.family_name
        people.append(Person("typing", given, family, sex=m.sex, birth_year=m.birth_year + (n % 3) - 1,
                             locality=household.locality))
    people.append(Person("typing", "", "Traoré"))            # one word typed so far
    people.append(Person("typing", "Amadou", "", sex="M"))
    return people


def digest(finder: PostDuplicates, people: list[Person]) -> tuple[str, int]:
    """A hash of every candidate (keys, score, explanation, description) of ``people``, and their count."""
    h = hashlib.sha256()
    count = 0
    for person in people:
        for c in finder.candidates(person):
            count += 1
            h.update(json.dumps(c.to_json(), sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()[:16], count


def child_core(data_dir: Path) -> dict[str, object]:
    from fieldreg.station import Station

    steps: dict[str, object] = {"start_mb": rss_mb()}
    t = time.perf_counter()
    session = Station.open(data_dir).unlock("admin", PASS)
    steps["unlock_s"], steps["unlocked_mb"] = time.perf_counter() - t, rss_mb()
    t = time.perf_counter()
    index = session.index
    steps["index_s"], steps["index_mb"] = time.perf_counter() - t, rss_mb()
    t = time.perf_counter()
    finder = session.duplicates.finder()
    steps["finder_s"], steps["finder_mb"] = time.perf_counter() - t, rss_mb()
    steps["finder_peak_mb"] = peak_mb()
    people = probes(index)
    t = time.perf_counter()
    steps["digest"], steps["candidates"] = digest(finder, people)
    steps["queries_s"] = time.perf_counter() - t
    steps["households"] = len(index)
    steps["peak_mb"] = peak_mb()
    return steps


def child_app(data_dir: Path) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QTimer

    from fieldreg.station import Station
    from fieldreg.ui.main_window import MainWindow
    from fieldreg.ui.runtime import make_application
    from fieldreg.ui.settings import UiSettings

    app = make_application([sys.argv[0]])
    store = Station.open(data_dir)
    window = MainWindow(data_dir, store, settings=UiSettings.load(data_dir))
    window.show()
    app.processEvents()
    session = store.unlock("admin", PASS)
    loop = QEventLoop()
    start = time.perf_counter()
    ready: list[float] = []

    def poll() -> None:
        if any(getattr(s, "_finder", None) is not None for s in window.screens):
            ready.append(time.perf_counter())
            loop.quit()
        elif time.perf_counter() - start < 300:
            QTimer.singleShot(5, poll)
        else:
            loop.quit()

    window._signed_in(session)  # what the sign-in page does once unlocked: the first screen is shown
    screen = next(s for s in window.screens if type(s).__name__ == "RegisterScreen")
    window.show_screen(window.screens.index(screen))  # builds the finder on its worker thread
    QTimer.singleShot(0, poll)
    loop.exec()
    app.processEvents()
    finder = screen._finder  # type: ignore[attr-defined]  # the screen's own, as it uses it
    people = probes(window.ctx.session.index) if window.ctx else []
    steps: dict[str, object] = {"ready_s": ready[0] - start if ready else float("nan")}
    steps["digest"], steps["candidates"] = digest(finder, people)
    steps["households"] = len(window.ctx.session.index) if window.ctx else 0
    steps["peak_mb"], steps["end_mb"] = peak_mb(), rss_mb()
    window._closing_confirmed = True
    window.close()
    return steps


def prepare(data_dir: Path, households: int) -> None:
    """A post with ``households`` demo households (bench_core's bulk path), unless already there."""
    from bench_core import fill

    from fieldreg.station import Station

    if (data_dir / "households.txt").exists():
        have = int((data_dir / "households.txt").read_text())
        if have != households:
            raise SystemExit(f"{data_dir} holds {have} households, not {households}: give another --data-dir")
        return
    station = Station.create(data_dir, post_id="BNCH", post_name="Bench", admin="admin", passphrase=PASS)
    t = time.perf_counter()
    fill(station, households)
    station.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    station.close()
    (data_dir / "households.txt").write_text(str(households))
    print(f"filled {households:,} households in {time.perf_counter() - t:.0f} s", flush=True)


def run_child(tree: Path, mode: str, data_dir: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen")
    # The child runs this file from the tree measured: each tree's code, the same script.
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(data_dir)], capture_output=True,
                          text=True, env=env, timeout=900, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {mode} in {tree} failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="where the filled post is kept (default: bench/out/post-<households>)")
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH",
                        help="a checkout to measure (repeat to compare; default: this one)")
    parser.add_argument("--modes", default="app,core", help="app, core or both (comma-separated)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, directory = args.child
        result = (child_app if mode == "app" else child_core)(Path(directory))
        print(json.dumps(result))
        return 0

    data_dir = args.data_dir or ROOT / "bench" / "out" / f"post-{args.households}"
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    prepare(data_dir, args.households)
    trees = dict(t.split("=", 1) for t in args.tree) or {"this tree": str(ROOT)}
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    subjects: dict[str, Callable[[], dict[str, object]]] = {
        f"{name} {mode}": functools.partial(run_child, Path(path), mode, data_dir)
        for name, path in trees.items() for mode in modes}
    runs = alternate(subjects, rounds=args.rounds)
    print(machine())
    print(f"{args.households:,} households, {args.rounds} rounds alternating; medians (min-max)")
    for name, results in runs.items():
        print(f"\n{name}: candidates digest {sorted({str(r['digest']) for r in results})}, "
              f"{results[0]['candidates']} candidates of 22 probes, {results[0]['households']:,} households")
        for field in ("peak_mb", "ready_s", "finder_s", "finder_peak_mb", "unlock_s", "index_s", "queries_s",
                      "start_mb", "unlocked_mb", "index_mb", "finder_mb", "end_mb"):
            values = [float(r[field]) for r in results if field in r]  # type: ignore[arg-type]
            if values:
                print(f"  {field:<12} {statistics.median(values):9.2f}  ({min(values):.2f}-{max(values):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
