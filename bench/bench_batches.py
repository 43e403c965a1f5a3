"""Batch benchmark: export at the post and import at HQ, against plain age encryption of the same bytes.

    /work/venv/bin/python bench/bench_batches.py [--households 10000 50000]

For each size N, in a temporary directory: an enrolled post is filled with N
fictitious households (bulk path, not measured), then each step runs in a
fresh child process so its peak memory (VmHWM, its own pages only) is its own:
  * export: ``session.batches.export`` to a target folder (prepare,
    local copy, copy to target, read back, mark exported);
  * import: ``fieldreg.hq.importer.import_batch`` into an empty HQ registry;
  * baseline: pyrage streaming encryption of the batch's inner bytes (the
    plain cost of encrypting what the export writes), same run.
Run by hand; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
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

PASS = "benchmark passphrase"
HQ_PASS = "benchmark hq passphrase"
FAST = KdfParams.fast_for_tests()  # the KDF is measured in bench_core, not here


def build(base: Path, n: int) -> None:
    hq = HqDir.init(base / "hq", HQ_PASS, kdf=FAST)
    package = hq.enroll_post("BNCH", kdf=FAST)
    store = create_enrolled_post(base / "post", open_enrollment(package.data, package.passphrase),
                                 post_name="Bench", admin="admin", passphrase=PASS, kdf=FAST)
    session = store.unlock("admin", PASS)
    now = utcnow()
    rows = households(n, seed=1)
    for start in range(0, n, 1000):
        with transaction(store.store.db) as conn:
            for obj in rows[start:start + 1000]:
                seq = registry.next_sequence(conn, now.year)
                regno = str(RegNo.build("BNCH", now.year, seq))
                registry.insert_household(conn, session.cipher, regno=regno, year=now.year, seq=seq,
                                          household=parse_household(obj), actor="admin", now=now)
                conn.execute("INSERT INTO outbox (kind, subject, version) VALUES ('registration', ?, 1)",
                             (regno,))


def peak_mb() -> float:
    """This process's own peak resident memory (VmHWM). ru_maxrss is no good here: a
    child forked from the parent that generated the households starts with its pages."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_export(base: Path) -> dict[str, float]:
    session = Station.open(base / "post").unlock("admin", PASS)
    batches = session.batches  # its modules imported here, not in the time measured
    target = base / "stick"
    target.mkdir()
    t = time.perf_counter()
    result = batches.export(target)
    seconds = time.perf_counter() - t
    assert result is not None
    return {"seconds": seconds, "bytes": result.path.stat().st_size, "path": str(result.path),
            "maxrss_mb": peak_mb()}


def child_import(base: Path, path: str) -> dict[str, float]:
    from fieldreg.hq.importer import import_batch
    from fieldreg.hq.registry import Registry

    hq = HqDir.open(base / "hq", HQ_PASS)
    reg = Registry.open(hq)
    t = time.perf_counter()
    result = import_batch(hq, reg, path)
    seconds = time.perf_counter() - t
    assert not result.refused, result.line()
    return {"seconds": seconds, "maxrss_mb": peak_mb()}


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        step, base, *rest = args.child
        fn = {"export": child_export, "import": child_import, "baseline": child_baseline}[step]
        print(json.dumps(fn(Path(base), *rest)))
        return
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| households | batch MB | export s | import s | plain encrypt s | plain decrypt s "
          "| export peak MB | import peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.households:
        with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
            base = Path(tmp)
            build(base, n)
            exported = run_child("export", str(base))
            imported = run_child("import", str(base), str(exported["path"]))
            plain = run_child("baseline", str(base), str(exported["path"]))
        print(f"| {n:,} | {exported['bytes'] / 1e6:.1f} | {exported['seconds']:.2f} | "
              f"{imported['seconds']:.2f} | {plain['encrypt']:.3f} | {plain['decrypt']:.3f} | "
              f"{exported['maxrss_mb']:.0f} | {imported['maxrss_mb']:.0f} |")


if __name__ == "__main__":
    main()
