"""Hostile input and hostile files, fed to ``python -m fieldreg`` as an attacker would (issue 13, items 5 and 7)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fieldreg.station import Station
from tests.conftest import ADMIN, ADMIN_PASS, household

pytestmark = pytest.mark.usefixtures("store")

GOOD = json.dumps(household(), ensure_ascii=False).encode()
# Root ignores file permissions; without these capabilities it meets them as any user does.
AS_A_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


def fieldreg(data_dir: Path, *args: str, stdin: bytes = b"", prefix: tuple[str, ...] = (),
             umask: int | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(data_dir), FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS)
    return subprocess.run([*prefix, sys.executable, "-m", "fieldreg", *args], input=stdin, capture_output=True,
                          env=env, timeout=120, check=False,
                          preexec_fn=None if umask is None else (lambda: os.umask(umask)))


def stored(data_dir: Path) -> list[str]:
    session = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
    return sorted(h.regno for h in session.households.search("traore", limit=1000))


HOSTILE = {
    "truncated": GOOD[:40],
    "sex as a list": GOOD.replace(b'"sex": "F"', b'"sex": ["F"]', 1),
    "sex as an object": GOOD.replace(b'"sex": "F"', b'"sex": {"F": 1}', 1),
    "5,000-digit number": GOOD.replace(b'"birth_year": 1990', b'"birth_year": ' + b"9" * 5000, 1),
    "nesting 200,000 deep": b'{"notes": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
    "invalid UTF-8": GOOD.replace("Traoré".encode(), b"Traor\xe9", 1),
    "duplicate consent": GOOD.replace(b'"consent": true', b'"consent": false, "consent": true', 1),
    "duplicate key in a member": GOOD.replace(b'"sex": "F"', b'"sex": "F", "sex": "M"', 1),
    "arrival 0001-01-01": GOOD.replace(b'"arrival_date": "2026-11-20"', b'"arrival_date": "0001-01-01"', 1),
    "birth before 1900": GOOD.replace(b'"birth_year": 1990', b'"birth_year": 1899', 1).replace(
        b'"2026-11-20"', b'"2010-11-20"', 1),
    "NaN": GOOD.replace(b'"birth_year": 1990', b'"birth_year": NaN', 1),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_line_is_named_and_every_valid_line_around_it_is_stored(name: str, data_dir: Path) -> None:
    for at in (1, 2):  # the first line (once it lost every line after it) and a line among others
        before = stored(data_dir)
        lines = [GOOD, GOOD]
        lines.insert(at - 1, HOSTILE[name])
        result = fieldreg(data_dir, "register", "-", stdin=b"\n".join(lines) + b"\n")
        err = result.stderr.decode()
        assert result.returncode == 1, err
        numbers = result.stdout.decode().split()
        assert len(numbers) == 2 and all(n.startswith("TGR1-26-") for n in numbers), err
        assert sorted(set(stored(data_dir)) - set(before)) == sorted(numbers)
        bad = err.splitlines()
        assert bad[0].startswith(f"line {at}: ") and bad[-1] == "1 invalid household(s) not stored; 2 stored", err
        assert "internal error" not in err and "Traceback" not in err and len(err) < 2000


def test_an_oversize_line_is_refused_without_being_stored_or_stopping_the_rest(data_dir: Path) -> None:
    huge = b'{"notes": "' + b"x" * (17 * 1024 * 1024) + b'"}'
    result = fieldreg(data_dir, "register", "-", stdin=GOOD + b"\n" + huge + b"\n" + GOOD + b"\n")
    assert result.returncode == 1
    assert result.stderr.decode().splitlines()[0] == "line 2: the line is longer than 16777216 bytes"
    assert len(result.stdout.split()) == 2 and len(stored(data_dir)) == 2


def test_duplicate_keys_are_refused_with_their_name(data_dir: Path) -> None:
    line = GOOD.replace(b'"consent": true', b'"consent": false, "consent": true', 1)
    result = fieldreg(data_dir, "register", "-", "--json", stdin=line + b"\n")
    (out,) = (json.loads(x) for x in result.stdout.splitlines())
    assert out["problems"] == [{"code": "duplicate_key", "member": None, "field": "",
                                "message": "the key 'consent' is given twice in one object"}]
    assert stored(data_dir) == []


def test_the_earliest_dates_accepted_can_be_shown_slipped_corrected_and_voided(data_dir: Path, tmp_path: Path) -> None:
    earliest = household(arrival_date="2000-01-01")
    earliest["members"] = [dict(earliest["members"][0], birth_year=None, birth_date="1900-01-01"),
                           dict(earliest["members"][1], age=99)]
    earliest["members"][0].pop("birth_year")
    result = fieldreg(data_dir, "register", "-", stdin=json.dumps(earliest).encode() + b"\n")
    assert result.returncode == 0, result.stderr
    regno = result.stdout.decode().strip()
    shown = fieldreg(data_dir, "show", regno, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["arrival_date"] == "2000-01-01"
    corrected = json.loads(shown.stdout)
    corrected["arrival_date"] = "0001-01-01"  # a correction meets the same bounds
    (tmp_path / "c.json").write_text(json.dumps(corrected))
    refused = fieldreg(data_dir, "correct", regno, str(tmp_path / "c.json"), "--reason", "typo")
    assert refused.returncode == 1 and b"arrival_date: 0001-01-01 is before 2000-01-01" in refused.stderr
    assert fieldreg(data_dir, "void", regno, "--reason", "test").returncode == 0
    assert fieldreg(data_dir, "show", regno).returncode == 0


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir()) if p.is_file()}


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_read_only_data_directory_reads_and_refuses_to_write(data_dir: Path) -> None:
    registered = fieldreg(data_dir, "register", "-", stdin=GOOD + b"\n").stdout.decode().strip()
    db = data_dir / "fieldreg.db"
    before = digest(data_dir)
    data_dir.chmod(0o500)
    db.chmod(0o400)
    try:
        search = fieldreg(data_dir, "search", "traore", prefix=tuple(AS_A_USER))
        assert search.returncode == 0 and search.stdout.decode().startswith(registered), search.stderr
        assert fieldreg(data_dir, "show", registered, prefix=tuple(AS_A_USER)).returncode == 0
        assert fieldreg(data_dir, "stats", prefix=tuple(AS_A_USER)).returncode == 0
        verify = fieldreg(data_dir, "audit", "verify", prefix=tuple(AS_A_USER))
        assert verify.returncode == 0 and b"intact" in verify.stdout, verify.stderr
        write = fieldreg(data_dir, "register", "-", stdin=GOOD + b"\n", prefix=tuple(AS_A_USER))
        assert write.returncode == 1 and write.stderr.decode().splitlines() == [
            "fieldreg: the data directory is read-only: nothing can be saved (only reading works); "
            "line 1 and the lines after it were not stored, 0 household(s) before it were saved"]
        for write_command in (("void", registered, "--reason", "x"),
                              ("user", "passwd")):  # a new passphrase must be refused, not kept in memory
            refused = subprocess.run(
                [*AS_A_USER, sys.executable, "-m", "fieldreg", *write_command], capture_output=True, timeout=60,
                env={**os.environ, "FIELDREG_HOME": str(data_dir), "FIELDREG_USER": ADMIN,
                     "FIELDREG_PASSPHRASE": ADMIN_PASS, "FIELDREG_NEW_PASSPHRASE": "another long passphrase"},
                check=False)
            assert refused.returncode == 1 and refused.stderr.decode().splitlines() == [
                "fieldreg: the data directory is read-only: nothing can be saved (only reading works)"], write_command
        wrong = subprocess.run([*AS_A_USER, sys.executable, "-m", "fieldreg", "search", "x"], capture_output=True,
                               env={**os.environ, "FIELDREG_HOME": str(data_dir), "FIELDREG_USER": ADMIN,
                                    "FIELDREG_PASSPHRASE": "wrong"}, timeout=60, check=False)
        assert wrong.returncode == 3 and b"wrong passphrase" in wrong.stderr
        # The database and its log unchanged (-shm is SQLite's shared-memory index of the log, not data).
        assert {k: v for k, v in digest(data_dir).items() if not k.endswith("-shm")} == {
            k: v for k, v in before.items() if not k.endswith("-shm")}
    finally:
        data_dir.chmod(0o700)
        db.chmod(0o600)
    assert stored(data_dir) == [registered]  # and it opens for writing again


def test_the_log_is_owner_only_under_umask_000(data_dir: Path) -> None:
    shutil.rmtree(data_dir / "logs", ignore_errors=True)
    assert fieldreg(data_dir, "search", "traore", umask=0).returncode in (0, 1)
    assert (data_dir / "logs").stat().st_mode & 0o777 == 0o700
    assert (data_dir / "logs" / "fieldreg.log").stat().st_mode & 0o777 == 0o600
    (data_dir / "logs" / "fieldreg.log").chmod(0o666)  # made by an earlier FieldReg
    fieldreg(data_dir, "search", "traore", umask=0)
    assert (data_dir / "logs" / "fieldreg.log").stat().st_mode & 0o777 == 0o600


def test_orphan_temporary_files_are_cleaned_at_start_but_not_a_running_writers(data_dir: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (data_dir / "batches").mkdir(exist_ok=True)
        orphans = [data_dir / f".ui_settings.json.{dead}.0a1b2c3d.tmp",
                   data_dir / "trust" / f".trustlist.cose.{dead}.deadbeef.tmp",
                   data_dir / "batches" / f".TGR1-000001.batch.{dead}.00ff00ff.tmp"]
        alive = data_dir / "batches" / f".TGR1-000002.batch.{writer.pid}.12345678.tmp"
        others = [data_dir / "notes.tmp", data_dir / f".x.{dead}.tmp"]
        for path in [*orphans, alive, *others]:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(b"half a file")
        assert fieldreg(data_dir, "search", "traore").returncode in (0, 1)
        assert [p for p in orphans if p.exists()] == []
        assert alive.exists() and all(p.exists() for p in others)
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/<pid>/limits is Linux's")
def test_a_running_command_has_core_dumps_disabled(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(data_dir), FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS)
    # 'register -' waits on its standard input: a started command, caught while it runs.
    proc = subprocess.Popen([sys.executable, "-m", "fieldreg", "register", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(GOOD + b"\n")
        proc.stdin.flush()
        assert proc.stdout.readline().startswith(b"TGR1-")  # signed in and saved: well started
        limits = Path(f"/proc/{proc.pid}/limits").read_text()
        (core,) = [line for line in limits.splitlines() if line.startswith("Max core file size")]
        assert core.split()[4:6] == ["0", "0"], core
    finally:
        proc.communicate(timeout=60)  # closes its input: it ends, having saved the one household


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_the_process_is_not_dumpable() -> None:
    """PR_SET_DUMPABLE 0: no core file, and no ptrace or /proc/<pid>/mem by the same user."""
    code = ("import ctypes, resource; from fieldreg.fsutil import forbid_core_dumps; forbid_core_dumps(); "
            "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0), resource.getrlimit(resource.RLIMIT_CORE))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split(None, 1) == ["0", "(0, 0)\n"]


def _can_mount_a_small_disk() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_a_small_disk(),
                    reason="needs a user namespace (unshare -rm) to mount a small tmpfs; "
                           "tests/unit/test_sqlitedb.py checks the same error on a real SQLITE_FULL")
def test_a_full_disk_says_so_with_how_many_households_were_saved(data_dir: Path, tmp_path: Path) -> None:
    """A real full disk: a 1 MiB tmpfs in a private mount namespace, the data directory copied onto it."""
    noted = household(notes="x" * 2000)
    lines = b"".join(json.dumps(noted).encode() + b"\n" for _ in range(3000))
    (tmp_path / "in.jsonl").write_bytes(lines)
    disk = tmp_path / "disk"
    disk.mkdir()
    size = sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file()) + 1024 * 1024
    script = f"""
        set -u
        mount -t tmpfs -o size={size} tmpfs {disk} || exit 99
        cp -a {data_dir} {disk}/station && head -c 200000 /dev/zero > {disk}/room
        FIELDREG_HOME={disk}/station {sys.executable} -m fieldreg register {tmp_path}/in.jsonl \
            > {tmp_path}/out 2> {tmp_path}/err
        echo $? > {tmp_path}/rc
        rm {disk}/room
        FIELDREG_HOME={disk}/station {sys.executable} -m fieldreg search traore --json --limit 5000 \
            > {tmp_path}/after
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS)
    ran = subprocess.run(["unshare", "-rm", "sh", "-c", script], env=env, capture_output=True, timeout=600,
                         check=False)
    assert ran.returncode == 0, ran.stderr
    numbers = (tmp_path / "out").read_text().split()
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "rc").read_text().strip() == "1", err
    assert 0 < len(numbers) < 3000
    assert err.splitlines() == [
        f"fieldreg: the disk is full: nothing more can be saved until space is freed; line {len(numbers) + 1} "
        f"and the lines after it were not stored, {len(numbers)} household(s) before it were saved"]
    after = json.loads((tmp_path / "after").read_text())
    assert sorted(h["regno"] for h in after) == sorted(numbers)  # every saved one kept, nothing half-saved


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_audit_verify_on_a_read_only_directory_reports_an_edit_and_writes_nothing(data_dir: Path) -> None:
    registered = fieldreg(data_dir, "register", "-", stdin=GOOD + b"\n").stdout.decode().strip()
    assert fieldreg(data_dir, "void", registered, "--reason", "test").returncode == 0
    with sqlite3.connect(data_dir / "fieldreg.db") as conn:  # the void undone by hand
        conn.execute("UPDATE households SET status = 'active' WHERE regno = ?", (registered,))
    conn.close()
    fieldreg(data_dir, "search", "x")  # a writable sign-in merges the log into the database
    before = digest(data_dir)
    data_dir.chmod(0o500)
    (data_dir / "fieldreg.db").chmod(0o400)
    try:
        verify = fieldreg(data_dir, "audit", "verify", prefix=tuple(AS_A_USER))
        assert verify.returncode == 1 and registered in verify.stderr.decode(), verify.stderr
        assert b"read-only" not in verify.stderr
        assert {k: v for k, v in digest(data_dir).items() if not k.endswith("-shm")} == {
            k: v for k, v in before.items() if not k.endswith("-shm")}
    finally:
        data_dir.chmod(0o700)
        (data_dir / "fieldreg.db").chmod(0o600)
