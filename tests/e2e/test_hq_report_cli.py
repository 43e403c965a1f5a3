"""``fieldreg hq report`` as the HQ team runs it for its spreadsheets: text, JSON, CSV, to a file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.e2e.test_hq_duplicates_cli import _single
from tests.e2e.test_hq_import_cli import cli
from tests.unit.hq.builders import PostSim, make_hq


def test_report_formats_and_output_file(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    tgr1, nia = PostSim(hq, "TGR1"), PostSim(hq, "NIA")
    first = tgr1.register(_single("Fatoumata", "Diallo", 1990, "F"))
    again = nia.register(_single("Fatoumata", "Jallo", 1991, "F"))
    nia.register(_single("Lassina", "Sanogo", 1965))
    stick = tmp_path / "stick"
    tgr1.batch(stick)
    nia.batch(stick)
    assert cli("hq", "import", "--dir", str(hq.path), str(stick)).returncode == 0
    decided = cli("hq", "duplicates", "decide", f"{first}/m0", f"{again}/m0", "same", "--dir", str(hq.path),
                  "--by", "mariam")
    assert decided.returncode == 0, decided.stderr

    text = cli("hq", "report", "--dir", str(hq.path))
    assert text.returncode == 0, text.stderr
    assert ("counted once across posts: 2 people in 2 households (3 members of 3 active registrations; "
            "1 linked to someone counted already)") in text.stdout

    as_json = json.loads(cli("hq", "report", "--dir", str(hq.path), "--format", "json").stdout)
    assert as_json["figures"]["people"] == 2 and "posts" in as_json
    # One arrival day: the first registration is the lower number, NIA's.
    assert as_json["figures"]["by"]["post"] == {"NIA": {"people": 2, "households": 2}}

    target = tmp_path / "figures.csv"
    written = cli("hq", "report", "--dir", str(hq.path), "--format", "csv", "--output", str(target))
    assert written.returncode == 0 and written.stdout == f"report written to {target}\n"
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[:2] == [["breakdown", "value", "people", "households"], ["total", "", "2", "2"]]
    assert ["sex", "F", "1", "1"] in rows and ["sex", "M", "1", "1"] in rows

    nowhere = cli("hq", "report", "--dir", str(hq.path), "--format", "csv",
                  "--output", str(tmp_path / "no-such-dir" / "x.csv"))
    assert nowhere.returncode != 0 and nowhere.stderr.count("\n") == 1
    assert nowhere.stderr.startswith("fieldreg: ") and not (tmp_path / "no-such-dir").exists()
