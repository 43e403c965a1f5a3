"""Power-cut stand-in: SIGKILL a process that is saving in a loop, many times.

Every registration number the process printed was, by contract, durably
committed before it was printed; after each kill, all of them must be there
and the database must pass SQLite's integrity check.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fieldreg.station import Station
from tests.conftest import ADMIN, ADMIN_PASS, household

KILLS = 25


def feed(proc: subprocess.Popen[str], line: str) -> None:
    """Write households until the process dies (the pipe then breaks)."""
    assert proc.stdin is not None
    try:
        while True:
            proc.stdin.write(line)
            proc.stdin.flush()
    except (BrokenPipeError, OSError, ValueError):
        pass


@pytest.mark.slow
def test_every_reported_save_survives_sigkill(store: Station, data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(FIELDREG_HOME=str(data_dir), FIELDREG_USER=ADMIN, FIELDREG_PASSPHRASE=ADMIN_PASS)
    line = json.dumps(household(), ensure_ascii=False) + "\n"
    rng = random.Random(20261121)
    reported: list[str] = []
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-m", "fieldreg", "register", "-"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
        )
        writer = threading.Thread(target=feed, args=(proc, line), daemon=True)
        writer.start()
        assert proc.stdout is not None
        first = proc.stdout.readline()  # saving has started
        assert first.strip(), "the process printed nothing before the kill"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        writer.join(timeout=10)
        # A line cut by the kill is not a report; complete lines are.
        lines = (first + rest).split("\n")
        reported += [n for n in lines[:-1] if n]

    conn = sqlite3.connect(data_dir / "fieldreg.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in conn.execute("SELECT regno FROM households")}
    missing = [n for n in reported if n not in stored]
    assert not missing, f"{len(missing)} reported saves lost, e.g. {missing[:3]}"
    assert len(reported) > KILLS  # each run saved something before its kill
    # The store still works normally afterwards, audit chain included.
    session = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
    assert session.audit.verify()[1] is None
