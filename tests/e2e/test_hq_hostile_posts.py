"""A genuine post key signing hostile content, and a forger with a huge batch: what HQ does.

Each batch here is signed by a real post key (tests/unit/hq/builders.py ``PostSim``):
the attack is the content. Records that fail the post's own validation are held,
the rest applies, and nothing any ``fieldreg hq`` command prints holds a raw
ESC or bidirectional control. A forged batch of many records is refused before
anything is staged, in a child process whose peak memory (VmHWM) is measured.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from fieldreg.regno import RegNo
from tests.e2e.test_hq_import_cli import cli
from tests.unit.hq.builders import PostSim, household, make_hq

ESC_NAME = "Aminata\x1b]0;owned\x07\x1b[2J"  # retitles the window, clears the screen
BIDI_FAMILY = "\u202eéroarT"  # "Traoré" read backwards: reverses what follows on the line
UNSAFE = ["\x1b", "\x07", "\x9b", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069",
          "\u200e", "\u200f", "\u061c"]


def _clean(*outputs: str) -> None:
    for text in outputs:
        found = [repr(ch) for ch in UNSAFE if ch in text]
        assert not found, f"raw control characters printed: {found}"


def _escape_household() -> dict[str, Any]:
    escape = household("Traoré", members=1)
    escape["members"][0]["given_names"] = ESC_NAME
    escape["members"][0]["family_name"] = BIDI_FAMILY
    return escape


def _hostile_post(tmp_path: Path) -> tuple[Any, PostSim, dict[str, str]]:
    hq = make_hq(tmp_path / "hq")
    post = PostSim(hq, "TGR1")
    regnos = {"good": post.register(household("Traoré", members=2))}
    regnos["second"] = post.register(household("Coulibaly", members=1))
    huge = household("Diallo", members=1)
    huge["members"] = huge["members"] * 40_000  # 40,000 members (the same person over and over)
    regnos["huge"] = post.register(huge)
    regnos["notes"] = post.register({**household("Keïta", members=1), "notes": "x" * 10_000_000})
    regnos["escape"] = post.register(_escape_household())
    # A registration number that is no registration number (of this post: the reader refuses others).
    post.numbers += 1
    bad = f"TGR1-26-{post.numbers:06d}-\x1b[31m"
    post.data.append({"kind": "registration", "regno": bad, "version": 1, "at": post._at(),
                      "by": "agent", "status": "active", "household": household("Sanogo")})
    post.log("register", bad, {"members": 3})
    regnos["bad_regno"] = bad
    return hq, post, regnos


def test_hostile_records_from_a_genuine_post_are_held_and_the_rest_applies(tmp_path: Path) -> None:
    hq, post, regnos = _hostile_post(tmp_path)
    stick = tmp_path / "stick"
    path = post.batch(stick)
    assert path.stat().st_size > 10_000_000  # the notes alone (age does not compress)

    imported = cli("hq", "import", "--dir", str(hq.path), str(path))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[0] == (
        "TGR1-000001.frb: imported 12 records (post TGR1, batch 1); 4 of them held for review "
        "(fieldreg hq held)")
    _clean(imported.stdout, imported.stderr)
    # The valid records applied, with the whole audit trail; the receipt acknowledges the batch.
    db = sqlite3.connect(hq.path / "registry.db")
    applied = {r[0] for r in db.execute("SELECT regno FROM household_versions")}
    assert applied == {regnos["good"], regnos["second"]}
    assert db.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == 6
    assert (hq.path / "receipts" / "receipt-TGR1.cose").exists()

    listed = cli("hq", "held", "--dir", str(hq.path), "--json")
    assert listed.returncode == 0, listed.stderr
    _clean(listed.stdout)
    held = {r["regno"] or "malformed": r for r in map(json.loads, listed.stdout.splitlines())}
    assert set(held) == {regnos["huge"], regnos["notes"], regnos["escape"], "malformed"}
    codes = {k: {(p["code"], p["member"], p["field"]) for p in r["problems"]} for k, r in held.items()}
    assert codes[regnos["huge"]] == {("too_large", None, "members")}
    assert codes[regnos["notes"]] == {("too_long", None, "notes")}
    assert codes[regnos["escape"]] == {("control_character", 1, "given_names"),
                                       ("control_character", 1, "family_name")}
    assert ("bad_regno", None, "regno") in codes["malformed"]
    # No personal data in the clear columns or in HQ's log lines: codes, places, sizes.
    clear = json.dumps(db.execute("SELECT post, batch_seq, n, kind, regno, version, problems"
                                  " FROM hq_held_records").fetchall())
    assert "Aminata" not in clear and "xxxxxxxx" not in clear and "owned" not in clear
    text = cli("hq", "held", "--dir", str(hq.path))
    _clean(text.stdout)
    assert "4 held record(s)" in text.stdout
    report = cli("hq", "report", "--dir", str(hq.path), "--json")
    assert json.loads(report.stdout)["totals"]["held_records"] == 4
    assert "4 records held as failing validation" in cli("hq", "report", "--dir", str(hq.path)).stdout

    # A person looks at one: what the post sent, escaped and cut to a readable size.
    escape_id, huge_id = held[regnos["escape"]]["id"], held[regnos["huge"]]["id"]
    shown = cli("hq", "held", "--dir", str(hq.path), "--show", str(escape_id))
    assert shown.returncode == 0, shown.stderr
    _clean(shown.stdout)
    assert "\\u001b]0;owned\\u0007" in shown.stdout and "\\u202e" in shown.stdout
    big = cli("hq", "held", "--dir", str(hq.path), "--show", str(held[regnos["notes"]]["id"]))
    assert "(10000000 characters)" in big.stdout and len(big.stdout) < 5000

    # Decided: the malformed number cannot be released; the escape names are released by a
    # person (an older post stored them) and are then printed escaped by every command.
    refused = cli("hq", "held", "--dir", str(hq.path), "--release", str(held["malformed"]["id"]))
    assert refused.returncode == 1 and "cannot be released, only rejected" in refused.stderr
    assert cli("hq", "held", "--dir", str(hq.path), "--reject",
               str(held["malformed"]["id"])).returncode == 0
    assert cli("hq", "held", "--dir", str(hq.path), "--reject", str(huge_id)).returncode == 0
    released = cli("hq", "held", "--dir", str(hq.path), "--release", str(escape_id))
    assert released.returncode == 0, released.stderr
    _clean(released.stdout)
    again = cli("hq", "held", "--dir", str(hq.path), "--release", str(escape_id))
    assert again.returncode == 1 and "already released" in again.stderr
    assert regnos["escape"] in {r[0] for r in db.execute("SELECT regno FROM household_versions")}
    remaining = cli("hq", "held", "--dir", str(hq.path), "--json")
    assert [json.loads(line)["regno"] for line in remaining.stdout.splitlines()] == [regnos["notes"]]
    decided = cli("hq", "held", "--dir", str(hq.path), "--all", "--json")
    assert sorted(json.loads(line)["decision"] or "held" for line in decided.stdout.splitlines()) == [
        "held", "rejected", "rejected", "released"]

    # The same names from a second post, released too: `hq duplicates` pairs the two.
    nia = PostSim(hq, "NIA")
    nia.register(_escape_household())
    assert "1 of them held" in cli("hq", "import", "--dir", str(hq.path),
                                   str(nia.batch(tmp_path / "stick"))).stdout
    nia_id = json.loads(cli("hq", "held", "--dir", str(hq.path), "--post", "NIA", "--json").stdout)["id"]
    assert cli("hq", "held", "--dir", str(hq.path), "--release", str(nia_id)).returncode == 0
    for args in (["duplicates"], ["duplicates", "--json"], ["report"], ["report", "--json"]):
        out = cli("hq", *args, "--dir", str(hq.path))
        assert out.returncode == 0, out.stderr
        _clean(out.stdout, out.stderr)
    pairs = cli("hq", "duplicates", "--dir", str(hq.path)).stdout
    assert "\\u001b]0;owned\\u0007\\u001b[2J" in pairs and "\\u202eéroarT" in pairs
    as_json = [json.loads(line) for line in cli("hq", "duplicates", "--json",
                                                "--dir", str(hq.path)).stdout.splitlines()]
    # JSON output stays valid and carries the name exactly (escaped only on the wire).
    assert ESC_NAME in {p[s]["given_names"] for p in as_json for s in "ab"}
    db.close()


def test_a_batch_of_held_records_is_replayed_as_already_imported(tmp_path: Path) -> None:
    hq, post, _ = _hostile_post(tmp_path)
    path = post.batch(tmp_path / "stick")
    assert cli("hq", "import", "--dir", str(hq.path), str(path)).returncode == 0
    again = cli("hq", "import", "--dir", str(hq.path), str(path))
    assert again.returncode == 0 and "already imported" in again.stdout
    db = sqlite3.connect(hq.path / "registry.db")
    assert db.execute("SELECT COUNT(*) FROM hq_held_records").fetchone()[0] == 4
    db.close()


FORGED_IMPORT = """
import json, sys
from pathlib import Path
from fieldreg.hq import HqDir, Registry, import_batch
hq = HqDir.open(Path(sys.argv[1]), sys.argv[3])
seen = []
with Registry.open(hq) as registry:
    result = import_batch(hq, registry, Path(sys.argv[2]), progress=seen.append)
    wal = Path(str(registry.path) + "-wal")
    status = Path("/proc/self/status").read_text()
    peak = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
    print(json.dumps({"line": result.line(), "reason": result.reason, "progress": seen,
                      "wal": wal.stat().st_size if wal.exists() else 0, "peak_kb": peak,
                      "rows": registry.db.execute("SELECT COUNT(*) FROM household_versions").fetchone()[0]}))
"""


def test_forged_huge_batch_is_refused_before_anything_is_staged(tmp_path: Path) -> None:
    """60,000 records (about 100 MB) under a manifest signed by another key than the post's."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from fieldreg.keys import PostKey
    from tests.unit.hq.builders import HQ_PASSPHRASE

    hq = make_hq(tmp_path / "hq")
    post = PostSim(hq, "TGR1")
    forger = object.__new__(PostKey)  # the post's genuine certificate, another signing key
    object.__setattr__(forger, "private_key", Ed25519PrivateKey.generate())
    object.__setattr__(forger, "certificate", post.key.certificate)
    post.key = forger
    content = {**household("Traoré", members=1), "notes": "Arrivée par la route. " * 70}
    for i in range(1, 60_001):
        post.data.append({"kind": "registration", "regno": str(RegNo.build("TGR1", 2026, i)),
                          "version": 1, "at": "2026-11-01T09:00:00Z", "by": "agent",
                          "status": "active", "household": content})
    path = post.batch(tmp_path / "stick")
    assert path.stat().st_size > 100_000_000
    # A first import creates the registry (its migrations write to the log), then the attack.
    assert cli("hq", "report", "--dir", str(hq.path)).returncode == 0
    out = subprocess.run([sys.executable, "-c", FORGED_IMPORT, str(hq.path), str(path), HQ_PASSPHRASE],
                         capture_output=True, text=True, timeout=300, check=True)
    got = json.loads(out.stdout)
    assert got["reason"] == "forged", got["line"]
    assert got["progress"] == [] and got["rows"] == 0  # no record was even handed to staging
    assert got["wal"] < 1_000_000  # before: the whole batch went through the registry's log
    assert got["peak_kb"] < 120 * 1024, got["peak_kb"]  # measured: 48 MB (docs/benchmarks.md)
