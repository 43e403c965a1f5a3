"""Creating and opening a station's store, and its database settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput, NotFound
from fieldreg.station import Station
from tests.conftest import FAST_KDF


def test_create_refuses_existing_store(store: Station, data_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="already holds"):
        Station.create(data_dir, post_id="XYZ1", post_name="x", admin="bob",
                         passphrase="long passphrase", kdf=FAST_KDF)
    assert store.post_id == "TGR1"


def test_open_missing_store(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="fieldreg init"):
        Station.open(tmp_path / "nothing")


def test_database_settings(store: Station, data_dir: Path) -> None:
    conn = store.store.db
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    assert ((data_dir / "fieldreg.db").stat().st_mode & 0o777) == 0o600
