"""Shared fixtures: real stores on disk, with the cheapest KDF we accept."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.station import Station
from fieldreg.station.enrollment import create_enrolled_post
from fieldreg.station.session import Session
from tests.pgserver import PgServer

ADMIN = "awa"
ADMIN_PASS = "test passphrase 1"  # test fixture only
FAST_KDF = KdfParams.fast_for_tests()
HQ_PASS = "test-only hq passphrase"  # test fixture only

# The sync tests' fixtures (an HQ receiver over loopback, a fault proxy): tests/e2e/sync_setup.py
pytest_plugins = ["tests.e2e.sync_setup"]


def household(**overrides: Any) -> dict[str, Any]:
    """A valid household of three (fictitious people); keys can be overridden."""
    base: dict[str, Any] = {
        "arrival_date": "2026-11-20",
        "origin": {"country": "MLI", "region": "Sikasso", "locality": "Loulouni"},
        "destination": "Tengréla transit site",
        "consent": True,
        "notes": "arrived with a cart",
        "members": [
            {"given_names": "Aminata", "family_name": "Traoré", "sex": "F", "birth_year": 1990,
             "relationship": "head", "nationality": "MLI", "phone": "+223 00 11 22 33",
             "documents": [{"type": "national_id", "number": "TEST-0001"}],
             "specific_needs": ["SM"], "languages": ["bm", "fr"]},
            {"given_names": "Issa", "family_name": "Traoré", "sex": "M", "age": 7,
             "relationship": "child"},
            {"given_names": "Mariam", "family_name": "Traoré", "sex": "F",
             "birth_date": "2024-03-02", "relationship": "child"},
        ],
    }
    base.update(overrides)
    return base


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A real PostgreSQL server for the whole run, started on first use (tests/pgserver.py)."""
    server = PgServer.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def store(data_dir: Path) -> Station:
    return Station.create(data_dir, post_id="TGR1", post_name="Tengréla", admin=ADMIN,
                            passphrase=ADMIN_PASS, kdf=FAST_KDF)


@pytest.fixture
def admin(store: Station) -> Session:
    return store.unlock(ADMIN, ADMIN_PASS)


@pytest.fixture
def hq(tmp_path: Path) -> HqDir:
    """A real HQ directory (cheap KDF)."""
    return HqDir.init(tmp_path / "hq", HQ_PASS, kdf=FAST_KDF)


def enrolled_post(hq: HqDir, data_dir: Path, post_id: str = "TGR1") -> Session:
    """A border post enrolled with ``hq`` in ``data_dir``, unlocked by its admin."""
    package = hq.enroll_post(post_id)
    store = create_enrolled_post(data_dir, open_enrollment(package.data, package.passphrase),
                                 post_name="Tengréla", admin=ADMIN, passphrase=ADMIN_PASS,
                                 kdf=FAST_KDF)
    return store.unlock(ADMIN, ADMIN_PASS)


@pytest.fixture
def post(hq: HqDir, data_dir: Path) -> Session:
    """The enrolled post TGR1 in ``data_dir`` (the station ``run_cli`` works on)."""
    return enrolled_post(hq, data_dir)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """A USB stick's folder."""
    path = tmp_path / "usb"
    path.mkdir()
    return path


def make_user(admin: Session, name: str, role: str) -> Session:
    """An account that has already chosen its own passphrase."""
    admin.accounts.add(name, role=role, passphrase=f"{name} first pass")
    session = admin.station.unlock(name, f"{name} first pass")
    session.accounts.change_passphrase(f"{name} own passphrase")
    return session


@pytest.fixture
def run_cli(data_dir: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m fieldreg`` as a user would, against the test station."""

    def run(*args: str, user: str | None = ADMIN, passphrase: str | None = ADMIN_PASS,
            stdin: str | None = None, env: dict[str, str] | None = None,
            ) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
        full_env["FIELDREG_HOME"] = str(data_dir)
        if user is not None:
            full_env["FIELDREG_USER"] = user
        if passphrase is not None:
            full_env["FIELDREG_PASSPHRASE"] = passphrase
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "fieldreg", *args], input=stdin, capture_output=True,
            text=True, env=full_env, timeout=120,
        )

    return run
