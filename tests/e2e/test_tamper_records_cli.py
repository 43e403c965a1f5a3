"""Cutting the audit trail and editing records by hand, caught where a user works: the CLI and HQ.

Each test edits a real fieldreg.db with the sqlite3 module (someone who copied
the laptop's file and knows no passphrase), then runs ``python -m fieldreg`` as
an officer or a supervisor would — every command signs in first — and HQ's
import, and checks that the edit is reported and that nothing valid was lost.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from fieldreg.hq.registry import Registry
from fieldreg.keys import HqDir
from tests.conftest import HQ_PASS, household

HQ_ENV = {"FIELDREG_HQ_PASSPHRASE": HQ_PASS}
pytestmark = pytest.mark.usefixtures("post")


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(data_dir / "fieldreg.db", isolation_level=None)


def register(run_cli: Any, n: int, given: str = "Aminata") -> list[str]:
    lines = []
    for _ in range(n):
        h = household()
        h["members"][0]["given_names"] = given
        lines.append(json.dumps(h, ensure_ascii=False) + "\n")
    return ok(run_cli("register", "-", stdin="".join(lines))).stdout.split()


def export_and_import(run_cli: Any, hq: HqDir, usb: Path) -> str:
    ok(run_cli("export", "--to", str(usb)))
    return ok(run_cli("hq", "import", "--dir", str(hq.path), str(usb), env=HQ_ENV)).stdout


def searched(run_cli: Any, text: str = "traore") -> list[str]:
    return sorted(h["regno"] for h in json.loads(ok(run_cli("search", text, "--json")).stdout))


def test_a_cut_tail_is_reported_by_audit_verify_after_any_sign_in(run_cli: Any,
                                                                  data_dir: Path) -> None:
    numbers = register(run_cli, 2)
    conn = raw(data_dir)
    last = conn.execute("SELECT MAX(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq = ?", (last,))
    conn.close()
    ok(run_cli("stats"))  # signs in (and appends) before anyone verifies
    ok(run_cli("stats"))
    result = run_cli("audit", "verify")
    assert result.returncode == 1
    assert f"audit entry {last} was deleted from the end of the log" in result.stderr
    assert "Traceback" not in result.stderr
    assert searched(run_cli) == sorted(numbers)


def test_a_deleted_registration_is_missing_at_the_post_and_at_hq(
        run_cli: Any, data_dir: Path, hq: HqDir, usb: Path) -> None:
    first = register(run_cli, 2)
    export_and_import(run_cli, hq, usb)
    later = register(run_cli, 3)
    victim = later[1]
    conn = raw(data_dir)
    seq = conn.execute("SELECT seq FROM audit WHERE subject = ?", (victim,)).fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq >= ?", (seq,))  # its entry and every later one
    conn.execute("DELETE FROM members WHERE household_id ="
                 " (SELECT id FROM households WHERE regno = ?)", (victim,))
    conn.execute("DELETE FROM outbox WHERE subject = ?", (victim,))
    conn.execute("DELETE FROM households WHERE regno = ?", (victim,))
    conn.close()
    result = run_cli("audit", "verify")
    assert result.returncode == 1
    assert (f"registration numbers issued but missing (no void explains them): {victim}"
            in result.stderr)
    assert "deleted from the end of the log" in result.stderr
    # Nothing valid was lost at the post: every other household is there and exports.
    assert searched(run_cli) == sorted([*first, later[0], later[2]])
    imported = export_and_import(run_cli, hq, usb)
    assert f"registration number missing: {victim}" in imported
    assert "tampering alert" in imported
    report = ok(run_cli("hq", "report", "--dir", str(hq.path), env=HQ_ENV)).stdout
    assert f"post TGR1: registration number missing: {victim}" in report
    assert "numbers_missing" in report and "audit_head" in report
    with Registry.open(hq) as registry:
        assert {v.regno for v in registry_versions(registry, first + later)} == {
            *first, later[0], later[2]}


def registry_versions(registry: Registry, regnos: list[str]) -> list[Any]:
    return [v for r in regnos for v in registry.versions(r)]


def test_a_void_household_set_back_to_active(run_cli: Any, data_dir: Path, hq: HqDir,
                                             usb: Path) -> None:
    regno, other = register(run_cli, 2)
    ok(run_cli("void", regno, "--reason", "registered twice"))
    raw(data_dir).execute("UPDATE households SET status = 'active' WHERE regno = ?", (regno,))
    shown = run_cli("show", regno)
    assert shown.returncode != 0 and "Traceback" not in shown.stderr
    assert regno in shown.stderr and "integrity" in shown.stderr
    assert ok(run_cli("show", other, "--json"))
    verify = run_cli("audit", "verify")
    assert verify.returncode == 1 and regno in verify.stderr
    # Whatever the export does with the bad record, HQ never holds it as active.
    if run_cli("export", "--to", str(usb)).returncode == 0:
        ok(run_cli("hq", "import", "--dir", str(hq.path), str(usb), env=HQ_ENV))
        with Registry.open(hq) as registry:
            assert all(v.status == "void" or v.version == 1 for v in registry.versions(regno))
            assert [v.regno for v in registry.versions(other)] == [other]


@pytest.mark.parametrize(("column", "value"), [("created_by", "mallory"),
                                               ("arrived_at", "2026-01-02T03:04:05Z")])
def test_edited_author_or_arrival_is_caught(run_cli: Any, data_dir: Path, column: str,
                                            value: str) -> None:
    regno, other = register(run_cli, 2)
    raw(data_dir).execute(f"UPDATE households SET {column} = ? WHERE regno = ?", (value, regno))
    shown = run_cli("show", regno)
    assert shown.returncode != 0 and regno in shown.stderr and "Traceback" not in shown.stderr
    verify = run_cli("audit", "verify")
    assert verify.returncode == 1
    assert f"registrations changed outside FieldReg (clear columns or seal): {regno}" in verify.stderr
    assert ok(run_cli("show", other, "--json"))


def test_older_ciphertexts_copied_back_after_a_correction(run_cli: Any, data_dir: Path,
                                                          tmp_path: Path, hq: HqDir,
                                                          usb: Path) -> None:
    regno, other = register(run_cli, 2)
    export_and_import(run_cli, hq, usb)
    ok(run_cli("stats"))
    old = tmp_path / "older-copy.db"
    with raw(data_dir) as live, sqlite3.connect(old) as copy:
        live.backup(copy)
    corrected = json.loads(ok(run_cli("show", regno, "--json")).stdout)
    corrected["members"][0]["given_names"] = "Mariam"
    path = tmp_path / "corrected.json"
    path.write_text(json.dumps(corrected), encoding="utf-8")
    ok(run_cli("correct", regno, str(path), "--reason", "given name misspelt"))
    conn = raw(data_dir)
    conn.execute("ATTACH DATABASE ? AS old", (str(old),))
    for column in ("attributes", "origin_locality", "notes", "summary"):
        conn.execute(f"UPDATE households SET {column} = (SELECT {column} FROM old.households"
                     " WHERE regno = :r) WHERE regno = :r", {"r": regno})
    hid = conn.execute("SELECT id FROM households WHERE regno = ?", (regno,)).fetchone()[0]
    conn.execute("DELETE FROM members WHERE household_id = ?", (hid,))
    conn.execute("INSERT INTO members SELECT * FROM old.members WHERE household_id = ?", (hid,))
    conn.execute("DETACH DATABASE old")
    conn.close()
    shown = run_cli("show", regno)
    assert shown.returncode != 0 and regno in shown.stderr and "Aminata" not in shown.stdout
    verify = run_cli("audit", "verify")
    assert verify.returncode == 1 and "do not open under their version" in verify.stderr
    assert regno in verify.stderr
    assert ok(run_cli("show", other, "--json"))
    # The old name never reaches HQ as version 2.
    if run_cli("export", "--to", str(usb)).returncode == 0:
        ok(run_cli("hq", "import", "--dir", str(hq.path), str(usb), env=HQ_ENV))
    with Registry.open(hq) as registry:
        for version in registry.versions(regno):
            assert version.version == 1 or version.household["members"][0]["given_names"] == "Mariam"


def test_a_whole_row_put_back_is_caught_at_sign_in(run_cli: Any, data_dir: Path,
                                                   tmp_path: Path) -> None:
    regno, _ = register(run_cli, 2)
    old = tmp_path / "older-copy.db"
    with raw(data_dir) as live, sqlite3.connect(old) as copy:
        live.backup(copy)
    corrected = json.loads(ok(run_cli("show", regno, "--json")).stdout)
    corrected["notes"] = "corrected"
    (tmp_path / "c.json").write_text(json.dumps(corrected), encoding="utf-8")
    ok(run_cli("correct", regno, str(tmp_path / "c.json"), "--reason", "notes"))
    conn = raw(data_dir)
    conn.execute("ATTACH DATABASE ? AS old", (str(old),))
    cols = [r[1] for r in conn.execute("PRAGMA table_info(households)") if r[1] != "id"]
    sets = ", ".join(f"{c} = (SELECT {c} FROM old.households WHERE regno = :r)" for c in cols)
    conn.execute(f"UPDATE households SET {sets} WHERE regno = :r", {"r": regno})
    hid = conn.execute("SELECT id FROM households WHERE regno = ?", (regno,)).fetchone()[0]
    conn.execute("DELETE FROM members WHERE household_id = ?", (hid,))
    conn.execute("INSERT INTO members SELECT * FROM old.members WHERE household_id = ?", (hid,))
    conn.execute("UPDATE meta SET value = (SELECT value FROM old.meta WHERE key = 'records_seal')"
                 " WHERE key = 'records_seal'")
    conn.close()
    verify = run_cli("audit", "verify")
    assert verify.returncode == 1
    assert "put back to an older version" in verify.stderr and regno in verify.stderr
