"""Durable file writes: the one place FieldReg replaces a file on disk.

    atomic_write(hq_dir / "trustlist.cose", signed_bytes)
    secure_data_dir(data_dir)          # created if needed, owner-only (0700)

Every file we write to the data directory, an HQ directory or a USB stick goes
through :func:`atomic_write`: the data lands in a temporary file in the *same*
directory (so ``os.replace`` is a rename, atomic on POSIX and NTFS), created
with mode 0600 before any byte is written, flushed and fsynced, renamed over the
target, and finally the directory itself is fsynced so the rename survives a
power cut. A reader therefore sees either the old file or the complete new one,
never a prefix.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from fieldreg.errors import StorageError
from fieldreg.messages import Message

_TMP_SUFFIX = ".tmp"


def fsync_dir(directory: str | os.PathLike[str]) -> None:
    """fsync a directory so that a rename inside it is durable.

    >>> fsync_dir(".")

    Windows cannot open a directory for fsync; NTFS journals renames itself, so
    the call is skipped there.
    """
    if os.name == "nt":
        return
    fd = os.open(os.fspath(directory), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    >>> atomic_write("/tmp/example.bin", b"hello")

    ``mode`` applies to the new file (0600 by default: most of what we write is
    either secret or worth keeping private). Raises ``StorageError`` with a
    one-line message when the disk is full, read-only or has vanished; the
    temporary file is removed and the old file, if any, is left untouched.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    # A unique name per process/attempt so two writers never share a temp file.
    tmp = directory / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{_TMP_SUFFIX}"
    try:
        # O_EXCL + explicit mode: the permissions are set before any data exists.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        fsync_dir(directory)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(write_problem(exc, target)) from exc


def write_problem(exc: OSError, target: Path) -> Message:
    """A one-line message an officer can act on."""
    if exc.errno == errno.ENOSPC:
        return Message("not enough space to write {target}: free some space or use another medium", target=target)
    if exc.errno == errno.EROFS:
        return Message("cannot write {target}: the medium is read-only", target=target)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Message("cannot write {target}: permission denied", target=target)
    if exc.errno == errno.ENOENT:
        return Message("cannot write {target}: the folder does not exist (medium removed?)", target=target)
    return Message("cannot write {target}: {reason}", target=target, reason=exc.strerror or exc)


def secure_data_dir(path: Path) -> None:
    """Create a data directory (a station's, HQ's) readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
