"""fieldreg export / batches / receipt load, run as a subprocess against an enrolled post."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from fieldreg.batches import issue_receipt
from fieldreg.keys import HqDir
from fieldreg.station import Station
from fieldreg.station.session import Session
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, HQ_PASS, household, make_user
from tests.unit.station.test_batches import fill, open_batch


def jsonl(n: int) -> str:
    return "".join(json.dumps(household(), ensure_ascii=False) + "\n" for _ in range(n))


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldreg: "), result.stderr
    return lines[0]


def batches_json(run_cli: Any) -> list[dict[str, Any]]:
    return json.loads(ok(run_cli("batches", "--json")).stdout)  # type: ignore[no-any-return]


@pytest.mark.usefixtures("post")
def test_export_writes_a_batch_hq_can_read(run_cli, hq: HqDir, data_dir: Path, usb: Path) -> None:  # type: ignore[no-untyped-def]
    regnos = ok(run_cli("register", "-", stdin=jsonl(2))).stdout.split()
    result = ok(run_cli("export", "--to", str(usb)))
    path = usb / "TGR1-000001.frb"
    assert result.stdout.startswith(f"{path}: batch 1 written and verified (2 registrations, ")
    assert result.stdout.rstrip().endswith("audit entries)") and result.stderr == ""
    _, records = open_batch(path, hq)
    assert [r["regno"] for r in records if r["kind"] == "registration"] == regnos
    for copy in (path, data_dir / "batches" / path.name):  # encrypted: no name in clear
        content = copy.read_bytes()
        assert "Traoré".encode() not in content and b"Aminata" not in content
    listing = ok(run_cli("batches")).stdout.splitlines()
    assert listing[0].split() == ["seq", "created", "(UTC)", "records", "status", "file"]
    seq, _created, count, status, name = listing[1].split()
    assert (seq, status, name, int(count)) == ("1", "exported", "TGR1-000001.frb", len(records))
    [entry] = batches_json(run_cli)
    assert entry["status"] == "exported" and entry["counts"]["registration"] == 2
    nothing = ok(run_cli("export", "--to", str(usb)))
    assert nothing.stdout == "" and nothing.stderr.startswith("nothing to export")
    assert sorted(p.name for p in usb.iterdir()) == ["TGR1-000001.frb"]


@pytest.mark.usefixtures("post")
def test_failed_export_is_run_again_with_the_same_batch(run_cli, tmp_path: Path, usb: Path) -> None:  # type: ignore[no-untyped-def]
    ok(run_cli("register", "-", stdin=jsonl(1)))
    pulled = tmp_path / "pulled-stick"
    error = one_line_error(run_cli("export", "--to", str(pulled)))
    assert "does not exist" in error and "run the export again" in error
    [prepared] = batches_json(run_cli)
    assert prepared["status"] == "prepared"
    ok(run_cli("register", "-", stdin=jsonl(1)))
    pulled.mkdir()
    (pulled / "TGR1-000001.frb").write_bytes(b"a different file")
    error = one_line_error(run_cli("export", "--to", str(pulled)))
    assert "already exists and is a different file" in error
    again = ok(run_cli("export", "--to", str(usb)))
    assert "prepared by an export that did not finish" in again.stderr
    assert "batch 1 written and verified (1 registration," in again.stdout
    [exported] = batches_json(run_cli)
    assert exported["status"] == "exported"
    assert exported["manifest_sha256"] == prepared["manifest_sha256"]
    assert (pulled / "TGR1-000001.frb").read_bytes() == b"a different file"
    assert "batch 2 written" in ok(run_cli("export", "--to", str(usb))).stdout


def test_export_again_for_a_lost_stick(run_cli, post: Session, tmp_path: Path, usb: Path) -> None:  # type: ignore[no-untyped-def]
    ok(run_cli("register", "-", stdin=jsonl(1)))
    ok(run_cli("export", "--to", str(usb)))
    original = (usb / "TGR1-000001.frb").read_bytes()
    (usb / "TGR1-000001.frb").unlink()
    result = ok(run_cli("export", "--again", "1", "--to", str(usb)))
    assert "batch 1 written again and verified" in result.stdout
    assert (usb / "TGR1-000001.frb").read_bytes() == original
    assert (post.store.data_dir / "batches" / "TGR1-000001.frb").read_bytes() == original
    assert "no batch 9" in one_line_error(run_cli("export", "--again", "9", "--to", str(usb)))
    assert "batch number" in one_line_error(run_cli("export", "--again", "0", "--to", str(usb)))
    usage = run_cli("export", "--again", "1")
    assert usage.returncode == 2 and "--to" in usage.stderr


def test_officers_may_not_export_or_list(run_cli, post: Session, usb: Path) -> None:  # type: ignore[no-untyped-def]
    make_user(post, "moussa", "officer")
    ok(run_cli("register", "-", stdin=jsonl(1)))
    for args in (("export", "--to", str(usb)), ("batches",)):
        error = one_line_error(run_cli(*args, user="moussa", passphrase="moussa own passphrase"), 3)
        assert "moussa is signed in as officer and may not export batches" in error
    assert list(usb.iterdir()) == []


def test_post_without_enrollment_cannot_export(run_cli, store: Station, usb: Path) -> None:  # type: ignore[no-untyped-def]
    ok(run_cli("register", "-", stdin=jsonl(1)))
    assert "not enrolled with HQ" in one_line_error(run_cli("export", "--to", str(usb)))


@pytest.mark.usefixtures("post")
def test_receipts_acknowledge_and_refuse(run_cli, hq: HqDir, tmp_path: Path, usb: Path) -> None:  # type: ignore[no-untyped-def]
    ok(run_cli("register", "-", stdin=jsonl(2)))
    ok(run_cli("export", "--to", str(usb)))
    [batch] = batches_json(run_cli)
    digest = bytes.fromhex(batch["manifest_sha256"])
    receipts = {
        "good": issue_receipt(hq, "TGR1", [(1, digest)]),
        "other-post": issue_receipt(hq, "NIA1", [(1, digest)]),
        "other-hq": issue_receipt(HqDir.init(tmp_path / "hq2", HQ_PASS, kdf=FAST_KDF), "TGR1",
                                  [(1, digest)]),
        "fork": issue_receipt(hq, "TGR1", [(1, bytes(32)), (2, digest)]),
    }
    for name, data in receipts.items():
        (tmp_path / f"{name}.cose").write_bytes(data)
    error = one_line_error(run_cli("receipt", "load", str(tmp_path / "other-post.cose")))
    assert "for post NIA1, but this station is post TGR1" in error
    error = one_line_error(run_cli("receipt", "load", str(tmp_path / "other-hq.cose")))
    assert "not signed by the HQ key" in error
    assert "cannot read receipt" in one_line_error(run_cli("receipt", "load", str(tmp_path / "none")))
    fork = run_cli("receipt", "load", str(tmp_path / "fork.cose"))
    assert fork.returncode == 1 and "no new batch acknowledged" in fork.stdout
    warnings = fork.stderr.splitlines()
    assert len(warnings) == 2 and all(w.startswith("WARNING: HQ holds") for w in warnings)
    assert "different batch 1" in warnings[0]
    assert "HQ holds batch 2 of post TGR1 that this station never made" in warnings[1]
    assert batches_json(run_cli)[0]["status"] == "exported"
    good = ok(run_cli("receipt", "load", str(tmp_path / "good.cose")))
    assert good.stdout.strip() == "receipt from HQ for post TGR1: batch 1 acknowledged; 2 outbox rows deleted"
    assert batches_json(run_cli)[0]["status"] == "acknowledged"
    again = ok(run_cli("receipt", "load", str(tmp_path / "good.cose")))
    assert "no new batch acknowledged (acknowledged before: 1); 0 outbox rows" in again.stdout


@pytest.mark.usefixtures("post")
def test_progress_goes_to_stderr(run_cli, usb: Path) -> None:  # type: ignore[no-untyped-def]
    ok(run_cli("register", "-", stdin=jsonl(520)))  # 520 registrations + their audit entries
    result = ok(run_cli("export", "--to", str(usb)))
    [batch] = batches_json(run_cli)
    assert result.stderr.splitlines() == [f"  1,000 of {batch['records']:,} records"]
    assert result.stdout.count("\n") == 1 and "520 registrations" in result.stdout


@pytest.mark.slow
def test_killed_exports_never_leave_two_batches_with_one_number(
    post: Session, hq: HqDir, data_dir: Path, tmp_path: Path,
) -> None:
    """SIGKILL `fieldreg export` at random moments; every *.frb on the stick must be whole and
    verified, each number must only ever have one content, and a final run must finish."""
    fill(post, 3000)
    post.store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS)
    command = [sys.executable, "-m", "fieldreg", "export", "--to"]
    # How long a whole run takes here (on a copy): the kills land inside that window.
    shutil.copytree(data_dir, tmp_path / "timing")
    (tmp_path / "timing-usb").mkdir()
    started = time.perf_counter()
    subprocess.run([*command, str(tmp_path / "timing-usb")], env=dict(env, FIELDREG_HOME=str(
        tmp_path / "timing")), check=True, capture_output=True, timeout=120)
    whole = time.perf_counter() - started
    env["FIELDREG_HOME"] = str(data_dir)
    rng = random.Random(11)
    seen: dict[int, set[str]] = {}
    usb = tmp_path / "usb"
    usb.mkdir()
    killed = 0
    for round_no in range(12):
        session = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
        if session.store.db.execute("SELECT COUNT(*) FROM outbox WHERE batch IS NULL"
                                    ).fetchone()[0] == 0:
            fill(session, 600)  # always something to export
        session.store.close()
        proc = subprocess.Popen([*command, str(usb)], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        if round_no % 2:  # anywhere in the run
            time.sleep(rng.uniform(0.3, 1.3) * whole)
        else:  # while copying to the stick, renaming, reading back or marking
            while proc.poll() is None and not any(usb.glob(".*.tmp")):
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        killed += proc.returncode == -signal.SIGKILL
        store = Station.open(data_dir)
        session = store.unlock(ADMIN, ADMIN_PASS)
        rows = {b.seq: b.manifest_hash for b in session.batches.list()}
        for path in usb.glob("*.frb"):
            batch, _ = open_batch(path, hq)  # whole and genuine, or this raises
            seq = batch.manifest.seq
            assert rows[seq] == batch.manifest_hash.hex()
            seen.setdefault(seq, set()).add(batch.manifest_hash.hex())
        for seq, digest in rows.items():
            seen.setdefault(seq, set()).add(digest)
        store.close()
    assert killed >= 4, f"only {killed} of 12 runs were killed before they finished"
    assert all(len(hashes) == 1 for hashes in seen.values()), seen
    for _ in range(3):  # a batch left prepared first, then what came after it
        final = subprocess.run([sys.executable, "-m", "fieldreg", "export", "--to", str(usb)],
                               env=env, capture_output=True, text=True, timeout=120, check=False)
        assert final.returncode == 0, final.stderr
        if final.stderr.startswith("nothing to export"):
            break
    session = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
    assert all(b.status == "exported" for b in session.batches.list())
    assert sorted(p.name for p in (data_dir / "batches").glob(".*.tmp")) == []
    assert session.store.db.execute("SELECT COUNT(*) FROM outbox WHERE batch IS NULL"
                                    ).fetchone()[0] == 0


@pytest.mark.usefixtures("post")
def test_post_to_hq_and_back(run_cli, hq: HqDir, tmp_path: Path, usb: Path) -> None:  # type: ignore[no-untyped-def]
    """The post's batches imported by `fieldreg hq import`, its receipt loaded at the post."""
    hq_env = {"FIELDREG_HQ_PASSPHRASE": HQ_PASS}
    regnos = ok(run_cli("register", "-", stdin=jsonl(3))).stdout.split()
    ok(run_cli("void", regnos[0], "--reason", "registered twice"))
    ok(run_cli("slip", regnos[1], "--text"))
    ok(run_cli("slip", regnos[1], "--text", "--reissue", "--reason", "slip lost"))
    ok(run_cli("export", "--to", str(usb)))
    imported = ok(run_cli("hq", "import", "--dir", str(hq.path), str(usb), "--receipts", str(usb),
                          env=hq_env))
    assert "TGR1-000001.frb: imported" in imported.stdout
    ok(run_cli("register", "-", stdin=jsonl(1)))
    ok(run_cli("export", "--to", str(usb)))  # batch 2 chains to batch 1, audit chain included
    imported = ok(run_cli("hq", "import", "--dir", str(hq.path), str(usb), "--receipts", str(usb),
                          env=hq_env))
    assert "TGR1-000001.frb: already imported" in imported.stdout
    assert "TGR1-000002.frb: imported" in imported.stdout
    loaded = ok(run_cli("receipt", "load", str(usb / "receipt-TGR1.cose")))
    assert "batches 1-2 acknowledged; 6 outbox rows deleted" in loaded.stdout
    assert [b["status"] for b in batches_json(run_cli)] == ["acknowledged", "acknowledged"]
