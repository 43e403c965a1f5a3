"""The demo post syncs with its demo HQ: 'fieldreg hq serve --demo' and 'fieldreg sync --once'."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.hq_receiver import LOOPBACK, REPO, Server, free_port, wait_healthy


def test_the_demo_post_uploads_to_the_demo_hq(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo = tmp_path / "demo"
    assert run_cli("init", "--demo", "--data-dir", str(demo), user=None,
                   passphrase=None).returncode == 0
    port = free_port()  # the demo's own port is 8443; the test takes a free one
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env["PYTHONPATH"] = str(REPO)
    log = tmp_path / "hq.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "fieldreg", "--data-dir", str(demo), "hq", "serve", "--demo",
             "--listen", f"{LOOPBACK}:{port}"], env=env, stdout=out, stderr=out)
    server = Server(process, port, log)
    try:
        wait_healthy(server)
        moved = run_cli("sync", "--hq", f"https://{LOOPBACK}:{port}", "--data-dir", str(demo),
                        user="admin", passphrase="demo-admin-2026")
        assert moved.returncode == 0, moved.stderr
        done = run_cli("sync", "--once", "--data-dir", str(demo), user="superviseur",
                       passphrase="demo-superviseur-2026")
        assert done.returncode == 0, done.stderr
        assert "batch 1: imported" in done.stdout and "HQ acknowledged batch 1" in done.stdout
        status = run_cli("sync", "--status", "--data-dir", str(demo), user="superviseur",
                         passphrase="demo-superviseur-2026")
        assert "HQ last reached" in status.stdout and "nothing waiting for HQ" in status.stdout
    finally:
        server.stop()


def test_serve_without_a_certificate_says_what_to_run(run_cli, hq, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import HQ_PASS
    env = {"FIELDREG_HQ_PASSPHRASE": HQ_PASS}
    done = run_cli("hq", "serve", "--dir", str(hq.path), "--listen", f"{LOOPBACK}:{free_port()}",
                   env=env)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert "run 'fieldreg hq tls --name HOST'" in done.stderr
    made = run_cli("hq", "tls", "--dir", str(hq.path), "--name", LOOPBACK, env=env)
    assert made.returncode == 0 and "trust list version 2" in made.stdout
    bad = run_cli("hq", "serve", "--dir", str(hq.path), "--listen", "nowhere", env=env)
    assert bad.returncode == 1 and "ADDR:PORT" in bad.stderr
