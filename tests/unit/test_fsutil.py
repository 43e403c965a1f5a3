from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from fieldreg.errors import StorageError
from fieldreg.fsutil import (
    atomic_file,
    atomic_write,
    atomic_write_with,
    remove_temporaries,
)


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


def test_failed_replace_keeps_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated rather than with a read-only folder: root (as in CI) ignores permissions.
    target = tmp_path / "f.bin"
    atomic_write(target, b"old")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(StorageError, match="permission denied"):
        atomic_write(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_full_disk_is_reported_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StorageError, match="not enough space"):
        atomic_write(tmp_path / "f.bin", b"x")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_stream_is_written_whole_and_its_writer_s_result_returned(tmp_path: Path) -> None:
    target = tmp_path / "batch.frb"
    assert atomic_write_with(target, lambda out: out.write(b"a" * 10) + out.write(b"b")) == 11
    assert target.read_bytes() == b"a" * 10 + b"b"
    assert [p.name for p in tmp_path.iterdir()] == ["batch.frb"]


@pytest.mark.parametrize("error", [ValueError("the writer failed"), KeyboardInterrupt()])
def test_a_block_that_fails_leaves_the_old_file_and_no_temp(tmp_path: Path,
                                                           error: BaseException) -> None:
    target = tmp_path / "f.bin"
    atomic_write(target, b"old")
    with pytest.raises(type(error)), atomic_file(target) as out:
        out.write(b"half of the new")
        raise error
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_a_file_that_fails_its_check_after_the_rename_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "copy.frb"
    checked: list[bytes] = []

    def read_back(path: Path) -> None:
        checked.append(path.read_bytes())
        raise StorageError("does not read back correctly")

    with pytest.raises(StorageError, match="read back"), atomic_file(target, verify=read_back) as out:
        out.write(b"copied")
    assert checked == [b"copied"]  # checked under its final name, then removed
    assert list(tmp_path.iterdir()) == []
    with atomic_file(target, verify=lambda path: None) as out:
        out.write(b"copied")
    assert target.read_bytes() == b"copied"


def test_temporaries_left_by_killed_writes_are_removed(tmp_path: Path) -> None:
    for name in (".a.frb.4242.0badf00d.tmp", ".b.frb.4242.0badf00d.tmp", "a.frb", ".lock"):
        (tmp_path / name).write_bytes(b"x")
    remove_temporaries(tmp_path, "a.frb")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".b.frb.4242.0badf00d.tmp", ".lock",
                                                         "a.frb"]
    remove_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "a.frb"]
