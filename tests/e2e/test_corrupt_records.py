"""A flipped byte in one household is one household: the attacker edits fieldreg.db with sqlite3.

Each test damages a real store the way the issue's attacker did (one byte of one
envelope: a member's name, a summary, the attributes), then runs the commands as
a user would (``python -m fieldreg`` as a subprocess) and checks that the others
still work, that the damaged one is named (number and part, no personal data),
kept out of the batch, reported in it, still queued at the post, and reported by
HQ after import. Two corrections started at once from the same version: one wins.
All people are fictitious.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fieldreg.keys import HqDir
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, HQ_PASS, household
from tests.unit.station.test_batches import open_batch

NAMES = ("Keïta", "Coulibaly", "Diarra", "Sangaré")


def register_four(post: Session) -> list[str]:
    """Four households whose heads have distinct family names (index 0..3)."""
    out = []
    for name in NAMES:
        hh = household()
        hh["members"][0]["family_name"] = name
        out.append(post.households.register(parse_household(hh)))
    return out


def flip(data_dir: Path, table: str, column: str, where: str, *params: Any) -> None:
    """Flip one bit in the middle of one envelope of ``table`` and write it back, as with sqlite3."""
    db = sqlite3.connect(data_dir / "fieldreg.db")
    with db:
        rowid, blob = db.execute(f"SELECT rowid, {column} FROM {table} WHERE {where}",
                                 params).fetchone()
        damaged = bytearray(blob)
        damaged[len(damaged) // 2] ^= 0x01
        db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (bytes(damaged), rowid))
    db.close()


def damage_member_name(data_dir: Path, regno: str) -> str:
    flip(data_dir, "members", "family_name", "household_id = (SELECT id FROM households"
         " WHERE regno = ?) AND position = 0", regno)
    uid = sqlite3.connect(data_dir / "fieldreg.db").execute(
        "SELECT member_uid FROM members WHERE household_id = (SELECT id FROM households"
        " WHERE regno = ?) AND position = 0", (regno,)).fetchone()[0]
    return f"members/{uid}.family_name"


def damage_household(data_dir: Path, regno: str, column: str) -> str:
    flip(data_dir, "households", column, "regno = ?", regno)
    return f"households.{column}"


def pending_outbox(data_dir: Path) -> list[tuple[str, int]]:
    db = sqlite3.connect(data_dir / "fieldreg.db")
    rows = db.execute("SELECT subject, version FROM outbox WHERE batch IS NULL ORDER BY seq")
    out = [(r[0], r[1]) for r in rows]
    db.close()
    return out


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    return result


def hq_cli(hq: HqDir, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env["FIELDREG_HQ_PASSPHRASE"] = HQ_PASS
    return subprocess.run([sys.executable, "-m", "fieldreg", "hq", *args, "--dir", str(hq.path)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_a_damaged_summary_leaves_search_and_stats_working_and_is_named(
        post: Session, data_dir: Path, run_cli: Any) -> None:
    a, b, c, d = register_four(post)
    part = damage_household(data_dir, b, "summary")

    found = ok(run_cli("search", "traore", "--json"))  # every head's spouse/child is a Traoré
    numbers = {h["regno"] for h in json.loads(found.stdout)}
    assert numbers == {a, c, d}
    note = found.stderr.strip()
    assert len(note.splitlines()) == 1 and b in note and part in note
    assert "Coulibaly" not in note and "Aminata" not in note  # no personal data in the note

    assert json.loads(ok(run_cli("search", "keita", "--json")).stdout)[0]["regno"] == a
    assert ok(run_cli("search", a)).stdout.startswith(a)
    stats = ok(run_cli("stats", "--json"))
    assert json.loads(stats.stdout)["households"] == 3 and b in stats.stderr
    # The summary only feeds search: the household itself still opens and exports.
    assert "Coulibaly" in ok(run_cli("show", b)).stdout


@pytest.mark.parametrize("where", ["member name", "attributes"])
def test_a_damaged_household_is_named_kept_out_of_the_batch_reported_and_kept_queued(
        where: str, post: Session, hq: HqDir, data_dir: Path, run_cli: Any, usb: Path) -> None:
    a, b, c, d = register_four(post)
    part = (damage_member_name(data_dir, c) if where == "member name"
            else damage_household(data_dir, c, "attributes"))

    shown = run_cli("show", c)
    assert shown.returncode == 1 and "Traceback" not in shown.stderr
    assert shown.stderr.strip() == (
        f"fieldreg: registration {c} cannot be opened: its {part} fails its integrity check "
        "(damaged or altered); the other registrations are not affected")
    assert "Sangaré" in ok(run_cli("show", d)).stdout
    assert {h["regno"] for h in json.loads(ok(run_cli("search", "traore", "--json")).stdout)} \
        == {a, b, c, d}  # its summary is intact: it is still found, and opening it says why not

    exported = ok(run_cli("export", "--to", str(usb)))
    assert exported.stdout.startswith(f"{usb / 'TGR1-000001.frb'}: batch 1 written and verified "
                                      "(3 registrations, 1 unreadable version left out, ")
    assert f"{c} version 1 ({part}) cannot be opened" in exported.stderr
    _, records = open_batch(usb / "TGR1-000001.frb", hq)
    data = [r for r in records if r["kind"] != "audit"]
    assert [(r["kind"], r["regno"]) for r in data] == [
        ("registration", a), ("registration", b), ("unreadable", c), ("registration", d)]
    assert {k: v for k, v in data[2].items() if k != "at"} == {
        "kind": "unreadable", "n": 3, "regno": c, "version": 1, "part": part, "lost": False}
    assert pending_outbox(data_dir) == [(c, 1)]  # nothing valid lost: it waits for a repair

    imported = hq_cli(hq, "import", str(usb / "TGR1-000001.frb"))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[0].endswith(
        "the post could not open 1 registration version and kept it back (see 'fieldreg hq report')")
    report = json.loads(hq_cli(hq, "report", "--json").stdout)
    assert [(u["regno"], u["version"], u["part"], u["lost"], u["resolved"])
            for u in report["unreadable"]] == [(c, 1, part, False, False)]
    assert report["totals"]["households_active"] == 3
    text = hq_cli(hq, "report").stdout
    assert f"post TGR1: {c} version 1 could not be opened at the post ({part}; reported in " \
           "batch 1): not received" in text


def test_repaired_by_a_correction_from_the_slip_it_goes_in_a_later_batch(
        post: Session, hq: HqDir, data_dir: Path, run_cli: Any, usb: Path, tmp_path: Path) -> None:
    _, b, _, _ = register_four(post)
    part = damage_member_name(data_dir, b)
    ok(run_cli("export", "--to", str(usb)))
    assert pending_outbox(data_dir) == [(b, 1)]

    # The supervisor types the household again from its paper slip.
    retyped = household()
    retyped["members"][0]["family_name"] = "Coulibaly"
    slip = tmp_path / "slip.json"
    slip.write_text(json.dumps(retyped, ensure_ascii=False), encoding="utf-8")
    corrected = ok(run_cli("correct", b, str(slip), "--reason", "retyped from the slip"))
    assert corrected.stdout.strip() == f"{b} corrected (version 2; version 1 kept)"
    assert b in corrected.stderr and part in corrected.stderr
    shown = ok(run_cli("show", b))
    assert "Coulibaly" in shown.stdout and f"cannot be opened: {part}" in shown.stdout

    second = tmp_path / "second"
    second.mkdir()
    ok(run_cli("export", "--to", str(second)))
    _, records = open_batch(second / "TGR1-000002.frb", hq)
    data = [r for r in records if r["kind"] != "audit"]
    assert [(r["kind"], r["regno"], r["version"]) for r in data] == [
        ("unreadable", b, 1), ("correction", b, 2)]
    assert data[0]["lost"] is True and data[0]["part"] == part
    assert data[1]["household"]["members"][0]["family_name"] == "Coulibaly"
    assert pending_outbox(data_dir) == []  # the lost version was reported: done

    for path in (usb / "TGR1-000001.frb", second / "TGR1-000002.frb"):
        assert hq_cli(hq, "import", str(path)).returncode == 0
    report = json.loads(hq_cli(hq, "report", "--json").stdout)
    assert [(u["regno"], u["lost"], u["resolved"], u["held_version"], u["last_batch"])
            for u in report["unreadable"]] == [(b, True, True, 2, 2)]
    assert report["totals"]["households_active"] == 4


def test_two_corrections_at_once_one_wins_the_others_are_refused(
        post: Session, data_dir: Path, tmp_path: Path) -> None:
    regno = post.households.register(parse_household(household()))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update({"FIELDREG_HOME": str(data_dir), "FIELDREG_USER": ADMIN,
                "FIELDREG_PASSPHRASE": ADMIN_PASS})
    files = []
    for i in range(4):  # each made from version 1, as 'fieldreg show --json' wrote it
        shown = post.households.get(regno).to_json()
        shown["notes"] = f"correction number {i}"
        path = tmp_path / f"c{i}.json"
        path.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    procs = [subprocess.Popen([sys.executable, "-m", "fieldreg", "correct", regno, str(f),
                               "--reason", "parallel"], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    winners = [i for i, (code, _, _) in enumerate(results) if code == 0]
    assert len(winners) == 1, results
    for i, (code, out, err) in enumerate(results):
        if i in winners:
            continue
        assert code == 1 and out == "" and "Traceback" not in err
        assert err.strip() == (f"fieldreg: {regno} has changed since version 1 was shown (it is "
                               "now version 2): nothing was saved; open it again and redo the "
                               "correction")
    reg = post.households.get(regno)
    assert reg.version == 2 and reg.household.notes == f"correction number {winners[0]}"
    assert [h.version for h in reg.history] == [1]
    assert [e.action for e in post.audit.entries()].count("correct") == 1
    assert pending_outbox(data_dir) == [(regno, 1), (regno, 2)]
