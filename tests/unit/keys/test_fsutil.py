from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from fieldreg.errors import StorageError
from fieldreg.fsutil import atomic_write


def test_writes_and_replaces_with_private_mode(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]  # no temp file left behind


def test_missing_folder_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        atomic_write(tmp_path / "gone" / "f.bin", b"x")


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    atomic_write(target, b"old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(StorageError):
            atomic_write(target, b"new")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_bytes() == b"old"
