"""``fieldreg register`` on a stream: numbers as lines arrive, groups only of what was already read."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from pathlib import Path

from fieldreg.station import Station
from tests.conftest import ADMIN, ADMIN_PASS, household


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(data_dir), FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS)
    return env


def test_each_line_typed_is_saved_and_numbered_before_the_next_is_written(store: Station, data_dir: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "fieldreg", "register", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(data_dir))
    assert proc.stdin is not None and proc.stdout is not None
    waiting = selectors.DefaultSelector()
    waiting.register(proc.stdout, selectors.EVENT_READ)
    numbers = []
    try:
        for n in range(3):
            proc.stdin.write(json.dumps(household(notes=f"arrival {n}")).encode() + b"\n")
            proc.stdin.flush()
            # The input stays open: the number must come without more lines or an end of input.
            assert waiting.select(timeout=60), f"no number for line {n + 1} while the input stays open"
            numbers.append(proc.stdout.readline().decode().strip())
            reader = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)  # committed: another connection sees it
            assert reader.households.get(numbers[-1]).household.notes == f"arrival {n}"
    finally:
        rest, err = proc.communicate(timeout=60)  # closes the input: the end of it
        waiting.close()
    assert proc.returncode == 0, err
    assert rest == b""
    assert len(set(numbers)) == 3


def test_a_file_is_stored_in_order_with_invalid_lines_named_in_place(store: Station, data_dir: Path,
                                                                    tmp_path: Path) -> None:
    lines = [json.dumps(household(notes=f"family {n}")) for n in range(150)]
    lines[70] = json.dumps(household(arrival_date="2026-13-40"))
    lines[140] = "{not json"
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    ran = subprocess.run([sys.executable, "-m", "fieldreg", "register", str(tmp_path / "in.jsonl"), "--json"],
                         env=_env(data_dir), capture_output=True, text=True, timeout=300, check=False)
    assert ran.returncode == 1, ran.stderr
    out = [json.loads(line) for line in ran.stdout.splitlines()]
    assert [o["line"] for o in out] == list(range(1, 151))  # every line answered, in input order
    assert [o["line"] for o in out if "errors" in o] == [71, 141]
    numbers = [o["regno"] for o in out if "regno" in o]
    assert [int(n.split("-")[2]) for n in numbers] == list(range(1, 149))
    session = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
    assert [session.households.get(n).household.notes for n in numbers] == [
        f"family {n}" for n in range(150) if n not in (70, 140)]
    assert session.audit.verify()[1] is None
    assert ran.stderr.splitlines()[-1] == "2 invalid household(s) not stored; 148 stored"
