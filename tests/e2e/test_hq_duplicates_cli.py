"""``fieldreg hq duplicates`` as HQ runs it: real batches from two simulated posts, real registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.test_hq_import_cli import cli
from tests.unit.hq.builders import PostSim, make_hq


def _single(given: str, family: str, year: int, sex: str = "M") -> dict[str, Any]:
    return {"arrival_date": "2026-11-01",
            "origin": {"country": "MLI", "region": "Sikasso", "locality": "Loulouni"},
            "consent": True,
            "members": [{"id": "m0", "given_names": given, "family_name": family, "sex": sex,
                         "birth_year": year, "relationship": "head"}]}


def test_cross_post_pairs_text_and_json(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    tgr1, nia = PostSim(hq, "TGR1"), PostSim(hq, "NIA")
    first = tgr1.register(_single("Fatoumata", "Diallo", 1990, "F"))
    tgr1.register(_single("Fatimata", "Djallo", 1991, "F"))  # same post: not listed by default
    again = nia.register(_single("Fatoumata", "Jallo", 1992, "F"))
    nia.register(_single("Lassina", "Sanogo", 1965))
    stick = tmp_path / "stick"
    tgr1.batch(stick)
    nia.batch(stick)
    assert cli("hq", "import", "--dir", str(hq.path), str(stick)).returncode == 0

    result = cli("hq", "duplicates", "--dir", str(hq.path), "--json")
    assert result.returncode == 0, result.stderr
    pairs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(pairs) == 2  # each TGR1 Fatoumata/Fatimata with NIA's Fatoumata Jallo
    for pair in pairs:
        assert set(pair) == {"score", "explanation", "a", "b", "evidence", "household"}
        assert pair["household"] == []  # one-person households: nobody else pairs up
        assert 0.8 <= pair["score"] <= 1 and pair["explanation"]
        for side in ("a", "b"):
            assert set(pair[side]) == {"key", "regno", "post", "given_names", "family_name",
                                       "sex", "birth_year", "locality"}
        assert {pair["a"]["post"], pair["b"]["post"]} == {"TGR1", "NIA"}
    assert [p["evidence"] for p in pairs] == sorted((p["evidence"] for p in pairs), reverse=True)
    assert {p["a"]["regno"] for p in pairs} | {p["b"]["regno"] for p in pairs} >= {first, again}

    text = cli("hq", "duplicates", "--dir", str(hq.path))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert f"{again}/m0 [NIA] Jallo Fatoumata (F, 1992)" in lines[0]
    assert lines[-1] == "2 possible duplicate pair(s) across posts among 4 members; nothing was merged"

    within = cli("hq", "duplicates", "--dir", str(hq.path), "--json", "--within-post")
    assert within.returncode == 0 and len(within.stdout.splitlines()) == 3
    strict = cli("hq", "duplicates", "--dir", str(hq.path), "--json", "--threshold", "1")
    assert strict.returncode == 0 and strict.stdout == ""

    # HQ decides one pair: recorded, the receipts of both posts written again, the pair gone.
    a, b = pairs[0]["a"]["key"], pairs[0]["b"]["key"]
    decided = cli("hq", "duplicates", "decide", a, b, "same", "--dir", str(hq.path), "--by", "mariam")
    assert decided.returncode == 0, decided.stderr
    said = decided.stdout.splitlines()[0]
    assert ": same (decided by mariam at 20" in said and said.endswith("Z); nothing was merged")
    assert sorted(line.split(":")[0] for line in decided.stdout.splitlines()[1:]) == [
        "receipt for NIA", "receipt for TGR1"]
    left = cli("hq", "duplicates", "--dir", str(hq.path), "--json")
    assert [json.loads(line)["a"]["key"] for line in left.stdout.splitlines()] == [pairs[1]["a"]["key"]]
    wrong = cli("hq", "duplicates", "decide", a, b, "merge", "--dir", str(hq.path))
    assert wrong.returncode != 0 and wrong.stdout == ""
    assert wrong.stderr == "fieldreg: decision must be 'same' or 'different', not 'merge'\n"
    usage = cli("hq", "duplicates", "decide", a, "--dir", str(hq.path))
    assert usage.returncode != 0 and usage.stderr.startswith("fieldreg: usage: fieldreg hq duplicates decide")


def test_bad_dir_and_bad_threshold_give_one_line(tmp_path: Path) -> None:
    result = cli("hq", "duplicates", "--dir", str(tmp_path / "no-such-hq"))
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("fieldreg: ")
    hq = make_hq(tmp_path / "hq")
    result = cli("hq", "duplicates", "--dir", str(hq.path), "--threshold", "1.5")
    assert result.returncode != 0
    assert result.stderr == "fieldreg: --threshold must be between 0 and 1\n"
