"""Sync benchmarks: a slow link that drops every 30 s, fifty posts at once, the idle offline check.

    PYTHONPATH=. python bench/bench_sync.py link  [--rates 8000 32000] [--households 300 4300]
    PYTHONPATH=. python bench/bench_sync.py crowd [--posts 50] [--households 1000]
    PYTHONPATH=. python bench/bench_sync.py idle  [--seconds 120]

link: for each link rate (bytes/s; 8,000 = 64 kbit/s, 32,000 = 256 kbit/s) and
each batch (300 households; 4,300 households, about 5 MB), twice, one run after
the other: a fresh HQ receiver ('fieldreg hq serve', a subprocess on 127.0.0.1)
behind the tests' throttling proxy (tests/e2e/hq_receiver.py FaultProxy), first
with no cuts, then dropping every connection every 30 s; the post's HqClient
uploads the batch. Reported: the wall time against the time the batch's bytes
need at that rate (the goal: <= 1.2x), the cuts, the PATCH requests (chunks,
fieldreg.sync.chunks), the bytes the cuts added on the link (with cuts minus
without, beyond the file), and for each cut the file bytes the client handed
to a connection again against the chunk the cut interrupted (the goal: at most
one chunk per cut).

crowd: N posts, each with one batch of M households (prepared before, not
measured), upload at once, each from its own thread, to one receiver; each
post's time from its first request to the final status; the registry is then
counted (every batch imported exactly once) and the receiver's own peak memory
(VmHWM) read before it stops.

idle: an offscreen app process with the background sync of a signed-in
supervisor, HQ unreachable (a closed port), rounds every 10 s (back-off up to
100 s), against the same process without the sync; CPU seconds each used over
``--seconds``. Figures go to docs/benchmarks.md ("Sync").
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_batches import PASS, enrolled_post
from common import load_average, machine, median, percentile

from fieldreg.hq import Registry
from fieldreg.station.tokens import current_post_key
from fieldreg.station.trust import station_trust
from fieldreg.sync.client import HqClient, UploadResult
from fieldreg.sync.protocol import BatchId
from tests.e2e.hq_receiver import FaultProxy, HqSite


def prepared(site: HqSite, directory: Path, post_id: str, n: int) -> tuple[HqClient, BatchId, Path]:
    """A post with n households and its batch prepared; a client for it (its URL set later)."""
    station = enrolled_post(site.hq, directory, post_id, n)
    session = station.unlock("admin", PASS)
    row = session.batches.prepare()
    assert row is not None
    client = HqClient("https://127.0.0.1:1", current_post_key(session),
                      pins=station_trust(session.station).trust.tls_pins)
    return client, BatchId(post_id, row.seq, row.sha256), session.batches.local_dir() / row.file_name


def upload_through(proxy: FaultProxy, client: HqClient, batch: BatchId, path: Path,
                   ) -> tuple[float, UploadResult]:
    """Seconds the upload took, and what the client says it sent."""
    client.base_url = proxy.url
    started = time.monotonic()
    result = client.upload(batch, path)
    assert result.status == "imported", result
    return time.monotonic() - started, result


def handed_again(result: UploadResult) -> str:
    """Per cut: the file bytes handed again, and as a share of the chunk the cut interrupted."""
    if not result.resumes:
        return "none"
    worst = max(r.handed_again / r.chunk for r in result.resumes)
    mean = sum(r.handed_again for r in result.resumes) / len(result.resumes)
    return f"mean {mean:,.0f} B; at most {worst:.2f} of its chunk"


@dataclass(frozen=True)
class LinkRun:
    size: int  # the batch file's bytes
    took: float
    result: UploadResult
    bytes_up: int  # everything that crossed the link towards HQ
    cuts: int


def over_link(base: Path, post_id: str, households: int, rate: int, cut_every: float | None,
              ) -> LinkRun:
    """A fresh HQ behind a proxy at ``rate`` (dropping every ``cut_every`` s); one batch up."""
    site = HqSite.create(base / "hq")
    client, batch, path = prepared(site, base / "post", post_id, households)
    proxy = FaultProxy(site.start().port)
    proxy.rate, proxy.cut_every = rate, cut_every
    try:
        took, result = upload_through(proxy, client, batch, path)
        return LinkRun(path.stat().st_size, took, result, proxy.bytes_up, proxy.cuts)
    finally:
        client.close()
        proxy.close()
        site.stop_all()


def link(rates: list[int], sizes: list[int]) -> None:
    """Each batch twice at each rate, one run after the other: the link without cuts, then
    with a cut every 30 s; what the cuts cost is the difference between the two."""
    print(f"## link: {machine()}")
    print("| rate | households | batch | byte time | took without cuts / with | ratio with cuts "
          "| cuts | PATCHes without / with (sizes of the chunks cut, B) | extra bytes on the link per cut "
          "| file bytes handed again per cut | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for rate in rates:
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                calm = over_link(Path(tmp) / "calm", "CALM", n, rate, None)
                cut = over_link(Path(tmp) / "cut", "BNCH", n, rate, 30.0)
            # the two batches hold as many households but differ by a few bytes
            extra = (cut.bytes_up - cut.size) - (calm.bytes_up - calm.size)
            per_cut = f"{extra / cut.cuts:,.0f} B" if cut.cuts else "-"
            cut_chunks = [r.chunk for r in cut.result.resumes]
            sizes_cut = (f"{min(cut_chunks):,}" if min(cut_chunks) == max(cut_chunks) else
                         f"{min(cut_chunks):,}-{max(cut_chunks):,}") if cut_chunks else ""
            print(f"| {rate * 8 // 1000} kbit/s | {n} | {cut.size / 1e6:.2f} MB | "
                  f"{cut.size / rate:.0f} s | {calm.took:.0f} s / {cut.took:.0f} s | "
                  f"{cut.took / (cut.size / rate):.2f} | {cut.cuts} | {calm.result.chunks} / "
                  f"{cut.result.chunks} ({sizes_cut or '-'}) | {per_cut} | "
                  f"{handed_again(cut.result)} | {load_average()} |", flush=True)


def crowd(posts: int, households: int) -> None:
    print(f"## crowd: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        site = HqSite.create(base)
        built = time.monotonic()
        ready = [prepared(site, base / f"post{i}", f"P{i:03d}", households) for i in range(posts)]
        print(f"{posts} posts of {households} households built in {time.monotonic() - built:.0f} s")
        server = site.start()
        times: list[float] = []
        failures: list[str] = []
        start = threading.Barrier(posts)

        def one(client: HqClient, batch: BatchId, path: Path) -> None:
            client.base_url = server.url
            start.wait()
            began = time.monotonic()
            try:
                result = client.upload(batch, path)
                assert result.status == "imported", result.status
                times.append(time.monotonic() - began)
            except Exception as err:  # noqa: BLE001 - counted and shown
                failures.append(f"{batch.post}: {err}")
            finally:
                client.close()

        threads = [threading.Thread(target=one, args=r) for r in ready]
        wall = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - wall
        status = Path(f"/proc/{server.process.pid}/status").read_text().splitlines()
        hwm = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:"))
        server.stop()
        with Registry.open(site.hq) as registry:
            batches = registry.db.execute("SELECT COUNT(*), COUNT(DISTINCT post) FROM batches").fetchone()
            versions = registry.db.execute("SELECT COUNT(*) FROM household_versions").fetchone()[0]
        size = sum(r[2].stat().st_size for r in ready) / posts
        print(f"batch size {size / 1e6:.2f} MB each; all done in {wall:.0f} s; failures {failures}")
        print(f"upload-to-result: median {median(times):.1f} s, p95 {percentile(times, 0.95):.1f} s, "
              f"max {max(times):.1f} s")
        print(f"registry: {batches[0]} batches of {batches[1]} posts, {versions} household versions "
              f"(expected {posts} and {posts * households})")
        print(f"receiver peak memory (VmHWM): {hwm:.0f} MB")


IDLE_CHILD = r"""
import resource, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from fieldreg.station import Station
from fieldreg.ui.background_sync import BackgroundSync
app = QApplication([])
window = QMainWindow()
station = Station.open(Path(sys.argv[1]))
session = station.unlock("admin", sys.argv[2])
sync = BackgroundSync(window, every=lambda: 10)
if sys.argv[3] == "sync":
    sync.set_session(session, station)
before = resource.getrusage(resource.RUSAGE_SELF)
QTimer.singleShot(int(float(sys.argv[4]) * 1000), app.quit)
app.exec()
after = resource.getrusage(resource.RUSAGE_SELF)
print((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
"""


def idle(seconds: float) -> None:
    print(f"## idle: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        site = HqSite.create(base)
        station = enrolled_post(site.hq, base / "post", "IDLE", 50)
        session = station.unlock("admin", PASS)
        session.sync.configure(url="https://127.0.0.1:9", auto_batch=True)  # nothing listens
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        cpu: dict[str, list[float]] = {"sync": [], "none": []}
        for kind in ("none", "sync", "none", "sync"):
            out = subprocess.run([sys.executable, "-c", IDLE_CHILD, str(base / "post"), PASS, kind,
                                  str(seconds)], capture_output=True, text=True, env=env, check=True)
            cpu[kind].append(float(out.stdout.strip().splitlines()[-1]))
        rounds = session.sync.status()
        print(f"CPU over {seconds:.0f} s: app idle {median(cpu['none']):.3f} s, app idle with the "
              f"background sync offline {median(cpu['sync']):.3f} s; last problem: {rounds.problem}")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("link")
    p.add_argument("--rates", type=int, nargs="+", default=[8000, 32000])
    p.add_argument("--households", type=int, nargs="+", default=[300, 4300])
    p = sub.add_parser("crowd")
    p.add_argument("--posts", type=int, default=50)
    p.add_argument("--households", type=int, default=1000)
    p = sub.add_parser("idle")
    p.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    if args.what == "link":
        link(args.rates, args.households)
    elif args.what == "crowd":
        crowd(args.posts, args.households)
    else:
        idle(args.seconds)


if __name__ == "__main__":
    main()
