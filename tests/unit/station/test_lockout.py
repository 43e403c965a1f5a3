"""Lock-out that holds (item 2 of issue 13): parallel guesses, hand resets, unknown names."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from fieldreg.errors import LockedOut, UnknownUser, WrongPassphrase
from fieldreg.model import utcnow
from fieldreg.station import Station
from tests.conftest import ADMIN, ADMIN_PASS

SIGN_IN = """
import sys, time
from datetime import datetime
from pathlib import Path
from fieldreg.errors import LockedOut, WrongPassphrase
from fieldreg.station import Station
data_dir, go, user, passphrase, moment, n = sys.argv[1:7]
station = Station.open(Path(data_dir))
Path(go + "-ready-" + n).touch()
while not Path(go).exists():
    time.sleep(0.005)
try:
    station.unlock(user, passphrase, now=datetime.fromisoformat(moment) if moment else None)
    print("signed in")
except WrongPassphrase:
    print("evaluated")
except LockedOut:
    print("locked")
"""


def sign_in_together(store: Station, tmp_path: Path, passphrases: list[str], *,
                     moment: str = "") -> list[str]:
    """One process per passphrase, started together once each has imported and opened the
    store (a slow start under load would otherwise arrive late); their outcomes, sorted."""
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", SIGN_IN, str(store.data_dir), str(go), ADMIN,
                               passphrase, moment, str(n)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for n, passphrase in enumerate(passphrases)]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("go-ready-*"))) < len(procs) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    outcomes = [p.communicate(timeout=60) for p in procs]
    assert all(out.strip() for out, _ in outcomes), [err for _, err in outcomes]
    return sorted(out.strip() for out, _ in outcomes)


def test_parallel_wrong_guesses_follow_the_serial_schedule(store: Station, tmp_path: Path) -> None:
    # All made at the same moment (a loaded machine may start a process late).
    results = sign_in_together(store, tmp_path, [f"a wrong guess {i}" for i in range(8)],
                               moment=utcnow().isoformat())
    # Three free attempts, then the 1 s delay refuses the rest, as it would one after another.
    assert results == ["evaluated"] * 3 + ["locked"] * 5
    # Nothing valid lost: once the delay is over the right passphrase opens.
    time.sleep(1.1)
    session = store.unlock(ADMIN, ADMIN_PASS)
    assert session.audit.entries()[-1].details == {"failed_attempts_before": 3}


def test_parallel_right_passphrases_all_sign_in(store: Station, tmp_path: Path) -> None:
    """Each attempt counts as wrong until its passphrase is checked; sign-ins taking turns,
    none is locked out by the others still being checked (the app and commands at once)."""
    assert sign_in_together(store, tmp_path, [ADMIN_PASS] * 6) == ["signed in"] * 6
    logins = [e for e in store.unlock(ADMIN, ADMIN_PASS).audit.entries() if e.action == "login"]
    assert all(e.details == {} for e in logins)  # no failed attempts recorded before any of them


def test_a_lock_out_reset_by_hand_is_detected_at_the_next_sign_in(store: Station) -> None:
    store.unlock(ADMIN, ADMIN_PASS)  # acknowledges the counter
    now = utcnow()
    for i in range(4):
        with pytest.raises((WrongPassphrase, LockedOut)):
            store.unlock(ADMIN, f"wrong guess {i}", now=now + timedelta(seconds=10 * i))
    with sqlite3.connect(store.data_dir / "fieldreg.db") as conn:
        conn.execute("UPDATE accounts SET failed_attempts = 0, retry_after = NULL")
    session = store.unlock(ADMIN, ADMIN_PASS, now=now + timedelta(seconds=60))
    entries = session.audit.entries()
    alert = next(e for e in entries if e.action == "audit_alert")
    assert alert.details["code"] == "lockout_tampered"
    assert alert.details["what"] == "wrong-attempt count reset"
    # The login entry still tells the truth: four wrong attempts before it.
    assert entries[-1].action == "login" and entries[-1].details == {"failed_attempts_before": 4}
    assert session.audit.verify()[1] is None


def test_a_lowered_attempt_counter_is_detected(store: Station) -> None:
    store.unlock(ADMIN, ADMIN_PASS)
    store.unlock(ADMIN, ADMIN_PASS)
    with sqlite3.connect(store.data_dir / "fieldreg.db") as conn:
        conn.execute("UPDATE accounts SET attempts = 0")
    session = store.unlock(ADMIN, ADMIN_PASS)
    codes = [e.details.get("what") for e in session.audit.entries() if e.action == "audit_alert"]
    assert codes == ["attempt counter lowered"]


def test_an_unknown_name_costs_the_same_and_reads_the_same(tmp_path: Path) -> None:
    from fieldreg.crypto.kdf import KdfParams

    # A KDF costly enough to dominate the timing, as the real one does.
    station = Station.create(tmp_path / "s", post_id="TGR1", post_name="T", admin=ADMIN,
                             passphrase=ADMIN_PASS, kdf=KdfParams(time_cost=2, memory_kib=65_536,
                                                                  parallelism=1))

    def timed(user: str) -> tuple[float, str]:
        start = time.perf_counter()
        with pytest.raises(WrongPassphrase) as refused:
            station.unlock(user, "not the passphrase")
        return time.perf_counter() - start, refused.value.message.template

    known = [timed(ADMIN) for _ in range(2)]
    unknown = [timed("nobody") for _ in range(2)]
    assert {t for _, t in known} == {t for _, t in unknown}
    ratio = min(t for t, _ in unknown) / min(t for t, _ in known)
    assert 0.6 < ratio < 1.6, ratio
    with pytest.raises(UnknownUser):
        station.unlock("nobody", ADMIN_PASS)
    # The next sign-in records the attempts with unknown names, for the supervisors.
    session = station.unlock(ADMIN, ADMIN_PASS)
    assert {"code": "unknown_user_attempts", "count": 3} in [
        e.details for e in session.audit.entries() if e.action == "audit_alert"]
