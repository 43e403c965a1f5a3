"""An officer's own program replaces the account authority; ``fieldreg hq import`` flags it.

The officer knows only their passphrase. Their program (a separate process using
the library) puts a new authority in the store's meta, re-signs every row and
makes itself administrator; they export through ``fieldreg export`` as that
forged administrator. HQ's ``fieldreg hq import`` must flag the changed
authority and the new administrator in its line and in ``hq report``, and still
import every record.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldreg.keys import HqDir
from fieldreg.station.session import Session
from tests.conftest import HQ_PASS
from tests.e2e.test_export_cli import jsonl, ok
from tests.e2e.test_hq_import_cli import cli as hq_cli

Run = Callable[..., subprocess.CompletedProcess[str]]
OFFICER, OFFICER_PASS = "moussa", "moussa passphrase"

FORGER = textwrap.dedent("""
    import sqlite3, sys
    from pathlib import Path
    from fieldreg.crypto.kdf import KdfParams
    from fieldreg.keys.authority import new_authority
    from fieldreg.station import Station
    from fieldreg.store import accounts
    from fieldreg.store.accounts import Secrets, make_wrap

    directory, user, passphrase = sys.argv[1:]
    officer = Station.open(Path(directory)).unlock(user, passphrase)   # the officer's data key
    authority, keys = new_authority("TGR1")
    wrap = make_wrap(user, Secrets(officer.data_key, keys), passphrase, first=False,
                     kdf=KdfParams.fast_for_tests())
    with sqlite3.connect(f"{directory}/fieldreg.db") as conn:
        accounts.set_authority(conn, authority)
        conn.execute("UPDATE accounts SET role = 'admin', wrap = ? WHERE username = ?", (wrap, user))
        accounts.sign_all(conn, keys, post="TGR1")
""")


def test_a_replaced_authority_is_flagged_by_hq_import_and_report(
        post: Session, run_cli: Run, hq: HqDir, data_dir: Path, tmp_path: Path) -> None:
    post.accounts.add(OFFICER, role="officer", passphrase=OFFICER_PASS, must_change=False)
    stick = tmp_path / "stick"
    stick.mkdir()
    ok(run_cli("register", "-", stdin=jsonl(1)))
    ok(run_cli("export", "--to", str(stick)))
    env = {"FIELDREG_HQ_PASSPHRASE": HQ_PASS}
    first = hq_cli("hq", "import", "--dir", str(hq.path), str(stick / "TGR1-000001.frb"), env=env)
    assert first.returncode == 0 and "accounts flagged" not in first.stdout, first.stderr

    forged = subprocess.run([sys.executable, "-c", FORGER, str(data_dir), OFFICER, OFFICER_PASS],
                            capture_output=True, text=True, timeout=120, check=False)
    assert forged.returncode == 0, forged.stderr
    regnos = ok(run_cli("register", "-", stdin=jsonl(2), user=OFFICER, passphrase=OFFICER_PASS)
                ).stdout.split()
    ok(run_cli("export", "--to", str(stick), user=OFFICER, passphrase=OFFICER_PASS))

    second = hq_cli("hq", "import", "--dir", str(hq.path), str(stick / "TGR1-000002.frb"), env=env)
    assert second.returncode == 0, second.stderr
    line = second.stdout.splitlines()[0]
    assert line.startswith("TGR1-000002.frb: imported ")
    assert "accounts flagged: the account authority changed since HQ pinned it at batch 1" in line
    assert f"new admin grant: {OFFICER}" in line

    report = hq_cli("hq", "report", "--dir", str(hq.path), "--json", env=env)
    assert report.returncode == 0, report.stderr


    data = json.loads(report.stdout)
    tgr1 = next(p for p in data["posts"] if p["post"] == "TGR1")
    assert tgr1["households"] == 3  # nothing valid lost: the forger's registrations too
    codes = {(f["batch"], f["code"], f["user"]) for f in tgr1["accounts"]["flags"]}
    assert {(2, "authority_changed", None), (2, "new_privileged", OFFICER),
            (2, "grant_invalid", OFFICER)} <= codes
    assert tgr1["accounts"]["pinned_batch"] == 1
    text = hq_cli("hq", "report", "--dir", str(hq.path), env=env).stdout
    assert "  accounts: " in text and f"    batch 2: new admin grant: {OFFICER}" in text
    assert len(regnos) == 2


@pytest.mark.usefixtures("post")
def test_a_genuine_post_is_not_flagged(run_cli: Run, hq: HqDir, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    env = {"FIELDREG_HQ_PASSPHRASE": HQ_PASS}
    for n in (1, 2):
        ok(run_cli("register", "-", stdin=jsonl(1)))
        ok(run_cli("export", "--to", str(stick)))
        result = hq_cli("hq", "import", "--dir", str(hq.path), str(stick / f"TGR1-00000{n}.frb"), env=env)
        assert result.returncode == 0 and "accounts flagged" not in result.stdout, result.stdout
    text = hq_cli("hq", "report", "--dir", str(hq.path), env=env).stdout
    assert "accounts:" not in text
