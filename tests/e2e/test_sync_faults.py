"""The faults of a real link between a post and HQ: nothing lost, nothing imported twice."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

from fieldreg.keys import key_id_hex
from fieldreg.station.session import Session
from tests.conftest import ADMIN, ADMIN_PASS
from tests.e2e.hq_receiver import LOOPBACK, REPO, FaultProxy, HqSite, Server, TlsApp, other_certificate
from tests.e2e.sync_setup import batches_at_hq, client_of, household_versions_at_hq, post_at


def sync_cli(data_dir: Path, *args: str, env: dict[str, str] | None = None,
             ) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    full.update(FIELDREG_HOME=str(data_dir), FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS,
                PYTHONPATH=str(REPO), **(env or {}))
    return subprocess.run([sys.executable, "-m", "fieldreg", "sync", *args], capture_output=True,
                          text=True, env=full, timeout=300)


def test_hq_restarted_mid_upload_resumes_from_its_disk(site: HqSite, server: Server,
                                                       proxy: FaultProxy, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url, households=120)
    row = post.batches.prepare()
    assert row is not None
    proxy.rate = 60_000  # bytes/s: the upload takes a few seconds
    restarted = threading.Event()

    def restart_halfway() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            parts = list((site.hq.path / "uploads").glob("*.part"))
            if parts and parts[0].stat().st_size > row.file_size // 3:
                server.stop(kill=True)  # HQ goes down hard, a third of the batch received
                proxy.upstream_port = site.start().port
                restarted.set()
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=restart_halfway)
    watcher.start()
    report = post.sync.run_once()
    watcher.join()
    assert restarted.is_set()
    assert report.problem is None, report.problem
    (_, result), = report.uploads
    assert result.status == "imported" and result.resumed_from[0] == 0
    # went on from what HQ had on its disk, not from zero
    assert max(result.resumed_from) > row.file_size // 3
    assert household_versions_at_hq(site) == 120 and len(batches_at_hq(site)) == 1


def test_503_backs_off_then_succeeds(site: HqSite, server: Server, proxy: FaultProxy,
                                     tmp_path: Path) -> None:
    post_at(site, tmp_path / "post", proxy.url)
    busy = TlsApp(site.tls, status=503)  # HQ's own certificate, answering 503
    proxy.upstream_port = busy.port
    threading.Timer(3.0, lambda: setattr(proxy, "upstream_port", server.port)).start()
    try:
        done = sync_cli(tmp_path / "post", "--once")
    finally:
        busy.close()
    assert done.returncode == 0, done.stderr
    assert busy.requests >= 1 and "HQ cannot take it now" in done.stderr
    assert "trying again in" in done.stderr
    assert "batch 1: imported" in done.stdout
    assert len(batches_at_hq(site)) == 1


def test_hq_disk_full_keeps_the_batch_and_resumes_later(site: HqSite, tmp_path: Path) -> None:
    full = site.start(file_size_limit=40_000)  # the upload's file cannot grow past 40 kB
    post = post_at(site, tmp_path / "post", full.url, households=60)
    report = post.sync.run_once()
    assert report.problem is not None and "disk is full" in report.problem
    assert not report.permanent and report.retry_after == 60
    assert batches_at_hq(site) == [] and [b.status for b in post.batches.list()] == ["prepared"]
    full.stop()
    roomy = site.start()
    post.sync.configure(url=roomy.url)
    report = post.sync.run_once()
    assert report.problem is None and report.uploads[0][1].status == "imported"
    assert report.uploads[0][1].resumed_from[0] > 30_000  # the bytes HQ kept before it was full
    assert household_versions_at_hq(site) == 60


def test_a_wrong_pin_or_an_intercepting_proxy_is_refused(site: HqSite, server: Server,
                                                         proxy: FaultProxy, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url)
    impostor = TlsApp(other_certificate(tmp_path / "impostor"), status=200)
    proxy.upstream_port = impostor.port
    try:
        report = post.sync.run_once()
        done = sync_cli(tmp_path / "post", "--once")
    finally:
        impostor.close()
    assert report.permanent and report.problem is not None
    assert "is not HQ's" in report.problem and "proxy" in report.problem
    assert impostor.requests == 0  # not one request reached it
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "is not HQ's" in done.stderr
    assert [b.status for b in post.batches.list()] == ["prepared"]


def test_an_expired_certificate_is_refused(site: HqSite, tmp_path: Path) -> None:
    expired = other_certificate(tmp_path / "old", expired=True)
    site.hq.set_tls_pins([site.tls.pin, expired.pin])
    post = post_at(site, tmp_path / "post", "https://127.0.0.1:1")
    old = TlsApp(expired, status=200)
    post.sync.configure(url=f"https://{LOOPBACK}:{old.port}")
    try:
        report = post.sync.run_once()
    finally:
        old.close()
    assert report.permanent and "expired on" in (report.problem or "")
    assert old.requests == 0


def test_https_proxy_is_honoured_and_the_pin_still_checked(site: HqSite, server: Server,
                                                           proxy: FaultProxy, tmp_path: Path) -> None:
    post_at(site, tmp_path / "post", server.url)
    done = sync_cli(tmp_path / "post", "--once",
                    env={"HTTPS_PROXY": f"http://{LOOPBACK}:{proxy.port}", "NO_PROXY": ""})
    assert done.returncode == 0, done.stderr
    assert proxy.connects and proxy.connects[0].startswith(f"CONNECT {LOOPBACK}:{server.port}")
    assert "batch 1: imported" in done.stdout


def test_a_throttled_link_delivers_everything(site: HqSite, server: Server, proxy: FaultProxy,
                                              tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url, households=30)
    proxy.rate = 32_000
    report = post.sync.run_once()
    assert report.problem is None and report.uploads[0][1].status == "imported"
    assert household_versions_at_hq(site) == 30


def test_no_link_at_all_is_a_report_not_an_error(site: HqSite, server: Server, proxy: FaultProxy,
                                                 tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url)
    proxy.down = True
    report = post.sync.run_once()
    assert not report.reached and not report.permanent and "HQ not reached" in (report.problem or "")
    assert post.sync.status().last_contact is None
    proxy.down = False
    assert post.sync.run_once().problem is None


def test_a_revoked_key_is_refused_before_the_body_is_read(site: HqSite, server: Server,
                                                          tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    assert post.sync.run_once().problem is None
    key = post.trust.post_keys()[-1]
    site.hq.revoke_key(bytes.fromhex(key.key_id))
    # A request announcing 50 MB whose body never comes: the answer comes all the same.
    from fieldreg.station.tokens import current_post_key
    from fieldreg.sync.signing import sign_request
    url = f"{server.url}/v1/uploads"
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "50000000", "Content-Length": "50000000",
               "Upload-Metadata": "post VEdSMQ==,seq Mg==,sha256 " + "A" * 43 + "="}
    headers.update(sign_request(current_post_key(post).private_key,
                                key_id_hex(current_post_key(post).key_id), "POST", url, headers))
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection((LOOPBACK, server.port), timeout=10) as raw, \
            context.wrap_socket(raw) as tls:
        lines = ["POST /v1/uploads HTTP/1.1", f"Host: {LOOPBACK}:{server.port}",
                 *(f"{k}: {v}" for k, v in headers.items())]
        tls.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = tls.recv(4096).decode()
    assert answer.startswith("HTTP/1.1 403") and "revoked_key" in answer


def test_too_many_requests_are_limited(site: HqSite, server: Server, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    statuses: list[int] = []
    with client_of(post, server.url) as client:  # 60 at once, then 10 a second, per key
        while 429 not in statuses and len(statuses) < 1000:
            statuses.append(client.request("GET", "/v1/trustlist").status_code)
    assert statuses[:60] == [200] * 60 and statuses[-1] == 429


def test_writing_the_key_id_in_another_case_does_not_escape_the_rate_limit(site: HqSite, server: Server,
                                                                          tmp_path: Path) -> None:
    import httpx

    from fieldreg.station.tokens import current_post_key
    from fieldreg.sync.signing import sign_request
    post = post_at(site, tmp_path / "post", server.url)
    key = current_post_key(post)
    spellings = [key_id_hex(key.key_id), key_id_hex(key.key_id).upper()]  # the same key, two spellings
    statuses: list[int] = []
    with httpx.Client(verify=False, timeout=30) as client:  # loopback
        while 429 not in statuses and len(statuses) < 200:
            request = client.build_request("GET", f"{server.url}/v1/trustlist")
            request.headers.update(sign_request(key.private_key, spellings[len(statuses) % 2], "GET",
                                                str(request.url), dict(request.headers)))
            statuses.append(client.send(request).status_code)
    assert statuses[:60] == [200] * 60 and statuses[-1] == 429 and len(statuses) < 70


def test_sigterm_lets_a_running_import_finish(site: HqSite, server: Server, tmp_path: Path) -> None:
    post: Session = post_at(site, tmp_path / "post", server.url, households=150)
    stopped = threading.Event()

    def stop_at_the_last_byte(seq: int, done: int, size: int) -> None:
        if done >= size and not stopped.is_set():
            stopped.set()
            time.sleep(0.05)  # the last bytes reach HQ, the import starts
            server.process.terminate()

    report = post.sync.run_once(progress=stop_at_the_last_byte)
    assert server.process.wait(60) in (0, -15)  # uvicorn re-raises the signal once stopped
    assert stopped.is_set()
    # Whether or not the answer got out before the stop, the batch is imported exactly once
    assert household_versions_at_hq(site) == 150 and len(batches_at_hq(site)) == 1
    if report.problem is not None:  # the answer was lost: the next round learns it
        restarted = site.start()
        post.sync.configure(url=restarted.url)
        assert post.sync.run_once().problem is None
    assert [b.status for b in post.batches.list()] == ["acknowledged"]
