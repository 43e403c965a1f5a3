"""The files of an export: the lock, and the verified copy of a batch onto a medium.

    with export_lock(data_dir / "batches"):          # one export at a time per station
        ...
    path = copy_verified(local, Path("/media/usb"), row, hint=Message("nothing was changed"))

The copy goes through :func:`fieldreg.fsutil.atomic_file` (temporary name
starting with ``.``, fsync, rename, fsync of the folder), then is **read back**
(past the page cache where the system allows) and its size and SHA-256 are
compared with what the batch's row recorded: a copy that does not match is
removed, so no file on a medium looks like a batch unless it is one. The state
machine that calls these is :mod:`fieldreg.station.batches`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from fieldreg.errors import CorruptData, InvalidInput, StorageError
from fieldreg.fsutil import atomic_file, remove_temporaries, write_problem
from fieldreg.messages import Message
from fieldreg.store.batches import BatchRow

try:  # POSIX: one export at a time per station
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_LOCK_NAME = ".export.lock"
_COPY_CHUNK = 1024 * 1024


@contextlib.contextmanager
def export_lock(directory: Path) -> Iterator[None]:
    """One export at a time per station (two would prepare the same number)."""
    try:
        directory.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(directory / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StorageError(write_problem(exc, directory)) from exc
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise InvalidInput("another export is running on this station; wait for it to "
                                   "finish, then run it again") from None
        yield
    finally:
        os.close(fd)  # releases the lock


def copy_verified(source: Path, target_dir: Path, row: BatchRow, *, hint: Message) -> Path:
    """Copy the local batch file to ``target_dir`` atomically and check it by reading it back."""
    final = target_dir / row.file_name
    expected = (row.file_size, row.sha256)
    if os.path.lexists(final):
        if final.is_file() and _digest(final) == expected:
            return final  # already there, identical (a copy verified earlier)
        raise InvalidInput(
            "{final} already exists and is a different file; nothing was written "
            "(move it away or choose another folder)",
            final=final
        )
    if not target_dir.is_dir():
        raise StorageError("cannot write to {target_dir}: the folder does not exist (medium removed?); {hint}",
                           target_dir=target_dir, hint=hint)
    remove_temporaries(target_dir, final.name)  # left by a copy that was killed
    if not source.is_file():
        raise CorruptData(
            "this station's copy of batch {seq} ({source}) is missing; restore it from a backup",
            seq=row.seq, source=source
        )

    def read_back(path: Path) -> None:
        if _digest(path) != expected:
            raise StorageError(
                "the copy on {target_dir} does not read back correctly (faulty medium?) and was removed; {hint}",
                target_dir=target_dir, hint=hint)

    try:
        with open(source, "rb") as src, atomic_file(final, verify=read_back) as out:
            size, digest = 0, hashlib.sha256()
            while chunk := src.read(_COPY_CHUNK):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            if (size, digest.digest()) != expected:
                raise CorruptData(
                    "this station's copy of batch {seq} ({source}) is damaged "
                    "(it does not match what was recorded); restore it from a backup",
                    seq=row.seq, source=source
                )
    except OSError as exc:
        raise StorageError("{problem}; {hint}", problem=write_problem(exc, final), hint=hint) from exc
    return final


def _digest(path: Path) -> tuple[int, bytes]:
    """Size and SHA-256 of the file as the medium returns it (page cache dropped first)."""
    with open(path, "rb") as f:
        fadvise = getattr(os, "posix_fadvise", None)
        if fadvise is not None:
            with contextlib.suppress(OSError):
                fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        size, digest = 0, hashlib.sha256()
        while chunk := f.read(_COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.digest()
