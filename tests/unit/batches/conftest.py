"""An HQ (cheap KDF) and a border post enrolled with it, as real directories in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldreg.batches.format import ReadBatch, read_batch
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.session import Session
from fieldreg.stations import create_enrolled_post
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF

HQ_PASS = "test-only hq passphrase"


@pytest.fixture
def hq(tmp_path: Path) -> HqDir:
    return HqDir.init(tmp_path / "hq", HQ_PASS, kdf=FAST_KDF)


@pytest.fixture
def post(hq: HqDir, data_dir: Path) -> Session:
    """The enrolled post TGR1, unlocked by its admin."""
    package = hq.enroll_post("TGR1")
    store = create_enrolled_post(data_dir, open_enrollment(package.data, package.passphrase),
                                 post_name="Tengréla", admin=ADMIN, passphrase=ADMIN_PASS,
                                 kdf=FAST_KDF)
    return store.unlock(ADMIN, ADMIN_PASS)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """The USB stick's folder."""
    path = tmp_path / "usb"
    path.mkdir()
    return path


def open_batch(path: Path, hq: HqDir) -> tuple[ReadBatch, list[dict[str, Any]]]:
    """Decrypt and check a batch as HQ does; returns the manifest and every record."""
    records: list[dict[str, Any]] = []
    with open(path, "rb") as f:
        batch = read_batch(f, hq.age_identity(), hq_root_public=hq.root_public,
                           on_record=records.append)
    return batch, records
