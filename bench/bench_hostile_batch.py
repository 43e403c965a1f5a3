"""Hostile batch benchmark: HQ importing a large forged batch (docs/benchmarks.md, "A forged batch").

    python bench/bench_hostile_batch.py [--records 300000] [--member-bytes 1400]

Builds, in a temporary directory, an HQ with one enrolled post and a batch of
``--records`` registrations carrying the post's genuine certificate but a
manifest signed by another key (a forgery: HQ refuses it as ``forged``). The
records are written by the real writer, streamed, about 1.6 KB each (300,000
make the 478 MB of the attack in issue 13). Then a fresh child process imports
it (``fieldreg.hq.import_batch``) and reports: the refusal line, the seconds
taken, its peak memory (VmHWM, its own pages only: bench/common.py) and how
large the registry and its write-ahead log are afterwards — what was staged
before the refusal. Fictitious people only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.batches import BatchHeader, batch_filename, write_batch
from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir, PostKey, open_enrollment
from fieldreg.model import utcnow
from fieldreg.regno import RegNo

sys.path.insert(0, str(Path(__file__).parent))
from common import machine

HQ_PASS = "benchmark hq passphrase"
FAST = KdfParams.fast_for_tests()


def records(n: int, pad: int) -> Iterator[dict[str, Any]]:
    at = (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    notes = "Arrivée par la route de Sikasso. " * (pad // 33 + 1)
    for i in range(1, n + 1):
        yield {"kind": "registration", "regno": str(RegNo.build("BNCH", 2026, i % 999_999 + 1)),
               "version": 1, "at": at, "by": "agent", "status": "active",
               "household": {"arrival_date": at[:10], "consent": True, "notes": notes[:pad],
                             "origin": {"country": "MLI", "region": "Sikasso"},
                             "members": [{"id": "m0", "given_names": "Aminata",
                                          "family_name": "Traoré", "sex": "F",
                                          "birth_year": 1990, "relationship": "head"}]}}


def build(base: Path, n: int, pad: int) -> Path:
    hq = HqDir.init(base / "hq", HQ_PASS, kdf=FAST)
    package = hq.enroll_post("BNCH", kdf=FAST)
    genuine = open_enrollment(package.data, package.passphrase).post_key
    # The forger's program: the post's genuine certificate (and so its key id), another key.
    forger = object.__new__(PostKey)
    object.__setattr__(forger, "private_key", Ed25519PrivateKey.generate())
    object.__setattr__(forger, "certificate", genuine.certificate)
    header = BatchHeader(batch_id=b"f" * 16, post_key=forger, seq=1, prev=bytes(32),
                         hq_root_public=hq.root_public, created_at=utcnow().replace(microsecond=0),
                         exporter="superviseur", app_version="0.1.0", schema_version=4)
    path = base / batch_filename("BNCH", 1)
    with path.open("wb") as out:
        write_batch(out, header, records(n, pad), recipients=[hq.age_recipient])
    return path


CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from common import peak_mb
from fieldreg.hq import HqDir, Registry, import_batch
hq = HqDir.open(Path(sys.argv[1]), sys.argv[4])
with Registry.open(hq) as registry:
    start = time.perf_counter()
    result = import_batch(hq, registry, Path(sys.argv[2]))
    seconds = time.perf_counter() - start
    rows = registry.db.execute("SELECT COUNT(*) FROM household_versions").fetchone()[0]
    wal = Path(str(registry.path) + "-wal")
    sizes = {"registry": registry.path.stat().st_size, "wal": wal.stat().st_size if wal.exists() else 0}
print(json.dumps({"line": result.line(), "seconds": seconds, "peak_mb": peak_mb(), "rows": rows,
                  **sizes}))
"""


def import_in_child(hq: Path, batch: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(hq), str(batch),
                          str(Path(__file__).parent), HQ_PASS],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--member-bytes", type=int, default=1400, help="bytes of notes per record")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        start = time.perf_counter()
        path = build(base, args.records, args.member_bytes)
        print(f"forged batch: {args.records} records, {path.stat().st_size / 1e6:.0f} MB encrypted "
              f"(built in {time.perf_counter() - start:.0f} s)")
        got = import_in_child(base / "hq", path)
        print(f"import: {got['line']}")
        print(f"  {got['seconds']:.1f} s, peak memory {got['peak_mb']:.0f} MB (VmHWM), "
              f"registry {got['registry'] / 1e6:.1f} MB + WAL {got['wal'] / 1e6:.1f} MB after, "
              f"{got['rows']} household rows")


if __name__ == "__main__":
    main()
