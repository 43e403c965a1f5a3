"""The command line, run as a subprocess exactly as an officer or a script would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldreg.station import Station
from tests.conftest import ADMIN, household

pytestmark = pytest.mark.usefixtures("store")


def jsonl(*households: dict[str, object]) -> str:
    return "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in households)


def test_register_json_lines_reports_each_line(run_cli) -> None:  # type: ignore[no-untyped-def]
    bad_member = household()
    bad_member["members"][1] = dict(bad_member["members"][1], sex="Z")
    stdin = jsonl(household(), bad_member) + "{not json\n\n" + jsonl(household())
    result = run_cli("register", "-", stdin=stdin)
    assert result.returncode == 1
    numbers = result.stdout.split()
    assert len(numbers) == 2 and all(n.startswith("TGR1-26-") for n in numbers)
    assert result.stderr.splitlines() == [
        "line 2: member 2 sex: 'Z' is not a sex code (F, M or X)",
        "line 3: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        "2 invalid household(s) not stored; 2 stored",
    ]
    assert "Traceback" not in result.stderr
    found = run_cli("search", "traore", "--json")
    assert sorted(h["regno"] for h in json.loads(found.stdout)) == sorted(numbers)


def test_register_json_lists_each_problem_with_its_code_member_and_field(run_cli) -> None:  # type: ignore[no-untyped-def]
    bad_member = household()
    bad_member["members"][1] = dict(bad_member["members"][1], sex="Z")
    result = run_cli("register", "-", "--json", stdin=jsonl(bad_member) + "{not json\n")
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {"line": 1, "errors": ["member 2 sex: 'Z' is not a sex code (F, M or X)"],
                     "problems": [{"code": "not_a_choice", "member": 2, "field": "sex",
                                   "message": "'Z' is not a sex code (F, M or X)"}]}
    assert [p["code"] for p in second["problems"]] == ["not_json"] and second["errors"][0].startswith("not valid JSON")


def test_register_single_pretty_printed_file(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "family.json"
    path.write_text(json.dumps(household(), indent=2, ensure_ascii=False), encoding="utf-8")
    result = run_cli("register", str(path), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["line"] == 1 and out["regno"].startswith("TGR1-")


def test_show_correct_void_cycle(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    regno = run_cli("register", "-", stdin=jsonl(household())).stdout.strip()
    shown = run_cli("show", regno)
    assert "Traoré, Aminata — head, female, born ~1990 (estimated)" in shown.stdout
    assert "needs SM (serious medical condition)" in shown.stdout
    record = json.loads(run_cli("show", regno, "--json").stdout)
    record["members"][0]["given_names"] = "Aminatou"
    for member in record["members"]:  # ids may be left out: they are carried over
        member.pop("id")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run_cli("correct", regno, str(edited), "--reason", "spelling")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{regno} corrected (version 2; version 1 kept)"
    after = json.loads(run_cli("show", regno, "--json").stdout)
    assert after["members"][0]["given_names"] == "Aminatou"
    assert after["history"][0]["previous"]["members"][0]["given_names"] == "Aminata"
    assert [m["id"] for m in after["members"]] == [m["id"] for m in
                                                   after["history"][0]["previous"]["members"]]
    result = run_cli("void", regno, "--reason", "registered twice")
    assert result.returncode == 0 and "nothing was deleted" in result.stdout
    again = run_cli("void", regno, "--reason", "again")
    assert again.returncode == 1 and again.stderr.strip() == f"fieldreg: {regno} is already void"


def test_exit_codes(run_cli) -> None:  # type: ignore[no-untyped-def]
    regno = run_cli("register", "-", stdin=jsonl(household())).stdout.strip()
    wrong_check = regno[:-1] + ("0" if regno[-1] != "0" else "1")
    cases = [
        (run_cli("show", wrong_check), 1, "wrong check character"),
        (run_cli("show", regno[:-2] + "9-" + regno[-1]), 1, ""),
        (run_cli("show", regno, passphrase="not the passphrase"), 3, "wrong passphrase"),
        (run_cli("show", regno, user="ghost"), 3, "wrong passphrase for 'ghost'"),
        (run_cli("show", regno, user=None), 3, "FIELDREG_USER"),
        (run_cli("frobnicate"), 2, "invalid choice"),
        (run_cli("void", regno), 2, "--reason"),
    ]
    for result, code, message in cases:
        assert result.returncode == code, (result.args, result.stderr)
        assert message in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 2  # usage errors: usage + message


def test_officer_may_not_void(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "first"
    first.write_text("ibrahim first pass\n")
    assert run_cli("user", "add", "ibrahim", "--role", "officer",
                   "--passphrase-file", str(first)).returncode == 0
    # First login without a new passphrase is refused; with one, it proceeds.
    refused = run_cli("search", "traore", user="ibrahim", passphrase="ibrahim first pass")
    assert refused.returncode == 3 and "must choose a new passphrase" in refused.stderr
    regno = run_cli("register", "-", stdin=jsonl(household()), user="ibrahim",
                    passphrase="ibrahim first pass",
                    env={"FIELDREG_NEW_PASSPHRASE": "ibrahim own choice"}).stdout.strip()
    assert regno.startswith("TGR1-")
    denied = run_cli("void", regno, "--reason", "x", user="ibrahim",
                     passphrase="ibrahim own choice")
    assert denied.returncode == 3
    assert denied.stderr.strip() == "fieldreg: ibrahim is signed in as officer and may not void registrations"


def test_user_passwd(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new = tmp_path / "new"
    new.write_text("the admin's new one\n")
    assert run_cli("user", "passwd", "--passphrase-file", str(new)).returncode == 0
    assert run_cli("stats").returncode == 3
    assert run_cli("stats", passphrase="the admin's new one").returncode == 0
    short = tmp_path / "short"
    short.write_text("short\n")
    result = run_cli("user", "passwd", "--passphrase-file", str(short),
                     passphrase="the admin's new one")
    assert result.returncode == 1 and "at least 10 characters" in result.stderr


def test_stats_json(run_cli) -> None:  # type: ignore[no-untyped-def]
    run_cli("register", "-", stdin=jsonl(household(), household(arrival_date="2026-11-19")))
    stats = json.loads(run_cli("stats", "--json").stdout)
    assert stats["households"] == 2 and stats["people"] == 6
    assert list(stats["by_day"]) == ["2026-11-19", "2026-11-20"]


def test_data_dir_flag_wins_over_environment(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    result = run_cli("--data-dir", str(elsewhere), "search", "x")
    assert result.returncode == 1 and "no FieldReg store in" in result.stderr
    result = run_cli("search", "x", "--data-dir", str(elsewhere))
    assert str(elsewhere) in result.stderr


def test_init_and_help(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new_post = tmp_path / "new-post"
    secret = tmp_path / "pass"
    secret.write_text("the first admin pass\n")
    result = run_cli("init", "--data-dir", str(new_post), "--post-id", "KDL2", "--post-name",
                     "Kadiolo", "--admin", "sali", "--passphrase-file", str(secret))
    assert result.returncode == 0, result.stderr
    assert Station.open(new_post).post_id == "KDL2"
    again = run_cli("init", "--data-dir", str(new_post), "--post-id", "KDL2", "--post-name",
                    "Kadiolo", "--admin", "sali", "--passphrase-file", str(secret))
    assert again.returncode == 1 and "already holds" in again.stderr
    missing = run_cli("init", "--data-dir", str(tmp_path / "x"), "--post-id", "KDL3")
    assert missing.returncode == 1 and "--post-name, --admin" in missing.stderr
    assert "register" in run_cli("--help").stdout  # with no command the desktop app opens (tests/qt)


@pytest.mark.slow
def test_demo(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    demo = tmp_path / "demo"
    result = run_cli("init", "--demo", "--data-dir", str(demo), user=None, passphrase=None)
    assert result.returncode == 0, result.stderr
    assert "fictitious households" in result.stdout
    stats = run_cli("stats", "--json", "--data-dir", str(demo), user="superviseur",
                    passphrase="demo-superviseur-2026")
    assert json.loads(stats.stdout)["households"] >= 200
    assert run_cli("audit", "verify", "--data-dir", str(demo), user="admin",
                   passphrase="demo-admin-2026").returncode == 0


def test_admin_is_recorded_as_actor(run_cli, store: Station) -> None:  # type: ignore[no-untyped-def]
    regno = run_cli("register", "-", stdin=jsonl(household())).stdout.strip()
    assert json.loads(run_cli("show", regno, "--json").stdout)["created_by"] == ADMIN
