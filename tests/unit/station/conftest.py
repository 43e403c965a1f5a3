"""Fixtures of the enrollment and trust tests (tests/unit/station/test_enrollment.py, test_trust.py).

Their HQ and stations are made at the fixed moment ``T0`` (tests/unit/station/at_t0.py), not now
as tests/conftest.py's are, so keys and lists can be issued, loaded and expired relative to it.
These fixtures have names of their own, so the other station tests keep tests/conftest.py's
``hq`` and ``post``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreg.keys import Enrollment, HqDir
from fieldreg.station.enrollment import create_camp, create_enrolled_post
from fieldreg.station.session import Session
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF
from tests.unit.station.at_t0 import CAMP_ADMIN, enroll, new_hq


@pytest.fixture
def hq_t0(tmp_path: Path) -> HqDir:
    return new_hq(tmp_path / "hq")


@pytest.fixture
def other_hq(tmp_path: Path) -> HqDir:
    return new_hq(tmp_path / "other-hq")


@pytest.fixture
def enrollment(hq_t0: HqDir) -> Enrollment:
    return enroll(hq_t0)  # trust list version 2, with TGR1's key


@pytest.fixture
def post_t0(enrollment: Enrollment, data_dir: Path) -> Session:
    station = create_enrolled_post(data_dir, enrollment, post_name="Tengréla", admin=ADMIN,
                                   passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return station.unlock(ADMIN, ADMIN_PASS)


@pytest.fixture
def camp_dir(tmp_path: Path) -> Path:
    return tmp_path / "camp"


@pytest.fixture
def camp(hq_t0: HqDir, enrollment: Enrollment, camp_dir: Path) -> Session:
    station = create_camp(camp_dir, camp_id="CAMP1", camp_name="Site de transit",
                          trust_list=hq_t0.trust_list().raw, fingerprint=hq_t0.fingerprint,
                          admin=CAMP_ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return station.unlock(CAMP_ADMIN, ADMIN_PASS)
