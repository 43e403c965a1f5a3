"""The fixed moment of the enrollment and trust tests, and their helpers (fixtures: conftest.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fieldreg.keys import Enrollment, HqDir, TrustStore, open_enrollment
from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.station.trust import station_trust
from tests.conftest import FAST_KDF

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)
HQ_PASS = "test-only hq passphrase"  # test fixture only
CAMP_ADMIN = "ali"


def new_hq(path: Path) -> HqDir:
    return HqDir.init(path, HQ_PASS, kdf=FAST_KDF, now=T0)


def enroll(hq: HqDir, post_id: str = "TGR1", *, now: datetime = T0) -> Enrollment:
    pkg = hq.enroll_post(post_id, now=now)
    return open_enrollment(pkg.data, pkg.passphrase)


def audit(session: Session, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(r[0], r[1], json.loads(r[2])) for r in session.store.db.execute(
        "SELECT actor, subject, details FROM audit WHERE action = ? ORDER BY seq", (action,))]


def reopened(session: Session) -> TrustStore:
    """The station's trust as a later process sees it (files re-read and re-verified)."""
    return station_trust(Station.open(session.store.data_dir))
