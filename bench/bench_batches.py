"""Batch benchmark: export at the post and import at HQ, against plain age encryption of the same bytes.

    python bench/bench_batches.py [--households 10000 50000] [--rounds 3]

For each size N, in a temporary directory: an enrolled post is filled with N
fictitious households (bulk path, not measured) and one batch is exported from
a copy of it (not measured) for the import and the baseline to read. Then, for
``--rounds`` rounds, these alternate (the order rotating), each in a fresh
child process so its peak memory (VmHWM, its own pages only) is its own:
  * export: ``fieldreg.station.batches.export`` of a fresh copy of the filled
    post to a target folder (prepare, local copy, copy to target, read back,
    mark exported);
  * import: ``fieldreg.hq.importer.import_batch`` into a fresh copy of the
    empty HQ registry;
  * baseline: pyrage streaming encryption of the batch's inner bytes (the
    plain cost of encrypting what the export writes), and its decryption.
Figures are medians over the rounds. Run by hand; the figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyrage

from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.model import utcnow
from fieldreg.regno import RegNo
from fieldreg.sqlitedb import transaction
from fieldreg.station import Station
from fieldreg.station.enrollment import create_enrolled_post
from fieldreg.store import registry
from fieldreg.validation import parse_household

sys.path.insert(0, str(Path(__file__).parent))
from bench_core import households
from common import alternate, machine, median, peak_mb

PASS = "benchmark passphrase"
HQ_PASS = "benchmark hq passphrase"
FAST = KdfParams.fast_for_tests()  # the KDF is measured in bench_core, not here


def build(base: Path, n: int) -> None:
    hq = HqDir.init(base / "hq", HQ_PASS, kdf=FAST)
    enrolled_post(hq, base / "post", "BNCH", n)


def enrolled_post(hq: HqDir, directory: Path, post_id: str, n: int) -> Station:
    """A post enrolled with ``hq`` holding ``n`` fictitious households, all pending (bulk path)."""
    package = hq.enroll_post(post_id, kdf=FAST)
    station = create_enrolled_post(directory, open_enrollment(package.data, package.passphrase),
                                   post_name="Bench", admin="admin", passphrase=PASS, kdf=FAST)
    session = station.unlock("admin", PASS)
    now = utcnow()
    rows = households(n, seed=1)
    for start in range(0, n, 1000):
        with transaction(station.store.db) as conn:
            for obj in rows[start:start + 1000]:
                seq = registry.next_sequence(conn, now.year)
                regno = str(RegNo.build(post_id, now.year, seq))
                registry.insert_household(conn, session.cipher, regno=regno, year=now.year, seq=seq,
                                          household=parse_household(obj), actor="admin", now=now)
                conn.execute("INSERT INTO outbox (kind, subject, version) VALUES ('registration', ?, 1)",
                             (regno,))
    return station


def child_export(base: Path, post: str, stick: str) -> dict[str, float]:
    session = Station.open(base / post).unlock("admin", PASS)
    batches = session.batches  # its modules imported here, not in the time measured
    target = base / stick
    target.mkdir()
    t = time.perf_counter()
    result = batches.export(target)
    seconds = time.perf_counter() - t
    assert result is not None
    return {"seconds": seconds, "bytes": result.path.stat().st_size, "path": str(result.path),
            "peak_mb": peak_mb()}


def child_import(base: Path, hq_dir: str, path: str) -> dict[str, float]:
    from fieldreg.hq.importer import import_batch
    from fieldreg.hq.registry import Registry

    hq = HqDir.open(base / hq_dir, HQ_PASS)
    reg = Registry.open(hq)
    t = time.perf_counter()
    result = import_batch(hq, reg, path)
    seconds = time.perf_counter() - t
    assert not result.refused, result.line()
    return {"seconds": seconds, "peak_mb": peak_mb()}


def child_baseline(base: Path, path: str) -> dict[str, float]:
    hq = HqDir.open(base / "hq", HQ_PASS)
    inner = io.BytesIO()
    with open(path, "rb") as f:
        pyrage.decrypt_io(f, inner, [hq.age_identity()])
    inner.seek(0)
    out = base / "plain.age"
    t = time.perf_counter()
    with open(out, "wb") as f:
        pyrage.encrypt_io(inner, f, [pyrage.x25519.Recipient.from_str(hq.age_recipient)])
        f.flush()
        os.fsync(f.fileno())
    encrypt = time.perf_counter() - t
    t = time.perf_counter()
    with open(out, "rb") as f:
        pyrage.decrypt_io(f, io.BytesIO(), [hq.age_identity()])
    return {"encrypt": encrypt, "decrypt": time.perf_counter() - t}


def run_child(*args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)


def measure(base: Path, rounds: int) -> dict[str, list[dict[str, float]]]:
    """Export, import and baseline, alternating, each on fresh copies of the filled post / empty HQ."""
    shutil.copytree(base / "post", base / "post-0")
    batch = Path(run_child("export", str(base), "post-0", "stick-0")["path"])
    copies = 0

    def export() -> dict[str, float]:
        nonlocal copies
        copies += 1
        shutil.copytree(base / "post", base / f"post-{copies}")
        try:
            return run_child("export", str(base), f"post-{copies}", f"stick-{copies}")
        finally:
            shutil.rmtree(base / f"post-{copies}")
            shutil.rmtree(base / f"stick-{copies}")

    def import_() -> dict[str, float]:
        nonlocal copies
        copies += 1
        shutil.copytree(base / "hq", base / f"hq-{copies}")
        try:
            return run_child("import", str(base), f"hq-{copies}", str(batch))
        finally:
            shutil.rmtree(base / f"hq-{copies}")

    return alternate({"export": export, "import": import_,
                      "baseline": lambda: run_child("baseline", str(base), str(batch))},
                     rounds=rounds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, base, *rest = args.child
        fn = {"export": child_export, "import": child_import, "baseline": child_baseline}[step]
        print(json.dumps(fn(Path(base), *rest)))
        return
    print(f"{machine()}; medians of {args.rounds} alternating rounds")
    print("| households | batch MB | export s | import s | plain encrypt s | plain decrypt s "
          "| export peak MB | import peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.households:
        with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
            base = Path(tmp)
            build(base, n)
            runs = measure(base, args.rounds)

        med = {f"{step} {key}": median([r[key] for r in results])
               for step, results in runs.items() for key in results[0] if key != "path"}
        print(f"| {n:,} | {med['export bytes'] / 1e6:.1f} | {med['export seconds']:.2f} | "
              f"{med['import seconds']:.2f} | {med['baseline encrypt']:.3f} | "
              f"{med['baseline decrypt']:.3f} | {med['export peak_mb']:.0f} | "
              f"{med['import peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
