"""Fixtures for key tests: an HQ directory with cheap argon2 parameters (test-only)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
HQ_PASSPHRASE = "test-only hq passphrase"


@pytest.fixture
def hq(tmp_path: Path) -> HqDir:
    return HqDir.init(tmp_path / "hq", HQ_PASSPHRASE, kdf=KdfParams.fast_for_tests(), now=T0)
