"""``fieldreg hq ...`` with the registry on a real PostgreSQL server, named in HQDIR/registry.conf.

The same commands as on SQLite (tests/e2e/test_hq_import_cli.py): import, replay,
report, duplicates, receipts. A password in the connection string is never shown.
"""

from __future__ import annotations

import json
from pathlib import Path

from fieldreg.batches.receipt import open_receipt
from tests.e2e.test_hq_import_cli import cli
from tests.pgserver import PgServer, use_postgresql
from tests.unit.hq.builders import PostSim, household, make_hq

SECRET = "n0t-a-real-passw0rd"  # test fixture only: the server trusts local connections


def test_import_report_duplicates_and_receipts_on_postgresql(tmp_path: Path, pg_server: PgServer) -> None:
    hq = make_hq(tmp_path / "hq")
    url = pg_server.new_database().replace("postgresql://fieldreg@", f"postgresql://fieldreg:{SECRET}@")
    use_postgresql(hq.path, url)
    posts = [PostSim(hq, "TGR1"), PostSim(hq, "NIA1")]
    stick = tmp_path / "stick"
    for post in posts:
        post.register(household(family="Diabaté"))
        post.register(household(family={"TGR1": "Konaté", "NIA1": "Ouattara"}[post.post_id]))
        post.batch(stick)

    first = cli("hq", "import", "--dir", str(hq.path), str(stick), "--receipts", str(stick))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:2] == [
        "NIA1-000001.frb: imported 4 records (post NIA1, batch 1)",
        "TGR1-000001.frb: imported 4 records (post TGR1, batch 1)"]
    again = cli("hq", "import", "--dir", str(hq.path), str(stick))
    assert again.stdout.splitlines()[0] == "NIA1-000001.frb: already imported (post NIA1, batch 1)"
    receipt = open_receipt((stick / "receipt-TGR1.cose").read_bytes(), root_public=hq.root_public)
    assert [seq for seq, _ in receipt.batches] == [1]
    assert not (hq.path / "registry.db").exists()  # the registry is on the server

    report = cli("hq", "report", "--dir", str(hq.path), "--json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert [p["post"] for p in data["posts"]] == ["NIA1", "TGR1"]
    assert data["totals"]["households_active"] == 4 and data["totals"]["batches"] == 2

    pairs = cli("hq", "duplicates", "--dir", str(hq.path), "--json")
    assert pairs.returncode == 0, pairs.stderr
    found = [json.loads(line) for line in pairs.stdout.splitlines()]
    # The Diabaté family registered at both posts: its three members pair up across them.
    assert len(found) == 3 and {(p["a"]["post"], p["b"]["post"]) for p in found} == {("NIA1", "TGR1")}
    for run in (first, again, report, pairs):
        assert SECRET not in run.stdout + run.stderr


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    use_postgresql(hq.path, f"postgresql://fieldreg:{SECRET}@/fieldreg?host={tmp_path}/no-server"
                            "&connect_timeout=2")
    result = cli("hq", "report", "--dir", str(hq.path))
    assert result.returncode != 0
    [line] = result.stderr.splitlines()
    assert line.startswith("fieldreg: cannot connect to the HQ registry PostgreSQL (")
    assert "user=fieldreg" in line and SECRET not in line


def test_a_broken_registry_conf_is_one_line(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    (hq.path / "registry.conf").write_text('url = "mysql://somewhere"\n', "utf-8")
    result = cli("hq", "report", "--dir", str(hq.path))
    assert result.returncode != 0
    [line] = result.stderr.splitlines()
    assert "registry.conf: the url must be a PostgreSQL connection string" in line
    assert not (hq.path / "registry.db").exists()  # no SQLite registry made behind the team's back
