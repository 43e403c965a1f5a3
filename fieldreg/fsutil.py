"""Durable file writes: the one place FieldReg replaces a file on disk.

    atomic_write(hq_dir / "trustlist.cose", signed_bytes)
    written = atomic_write_with(path, lambda out: write_batch(out, ...))   # a stream
    with atomic_file(stick / name, verify=read_back) as out: ...           # a checked copy
    secure_data_dir(data_dir)          # created if needed, owner-only (0700)

Every file we write to the data directory, an HQ directory or a USB stick goes
through :func:`atomic_file`: the data lands in a temporary file in the *same*
directory (so ``os.replace`` is a rename, atomic on POSIX and NTFS), created
with mode 0600 before any byte is written, flushed and fsynced, renamed over the
target, and finally the directory itself is fsynced so the rename survives a
power cut. A reader therefore sees either the old file or the complete new one,
never a prefix. A write that fails or is interrupted removes its temporary file;
one killed outright leaves it, and :func:`remove_temporaries` clears such
leftovers once nobody else can be writing there.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

from fieldreg.errors import StorageError
from fieldreg.messages import Message, Refusal

_TMP_SUFFIX = ".tmp"
_T = TypeVar("_T")


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


@contextlib.contextmanager
def atomic_file(
    path: str | os.PathLike[str], *, mode: int = 0o600,
    verify: Callable[[Path], None] | None = None,
) -> Iterator[BinaryIO]:
    """Write ``path`` whole or not at all through the file object this yields.

    >>> with atomic_file("/tmp/example.bin") as out:
    ...     _ = out.write(b"hello")

    When the block ends, the file is flushed, fsynced, renamed over ``path`` and
    the folder fsynced. If the block or any of those steps fails (a full disk,
    an exception, even KeyboardInterrupt), the temporary file is removed and the
    error propagates unchanged (an ``OSError`` stays an ``OSError``).

    ``verify(path)``, when given, runs after the rename (a copy to a removable
    medium reads itself back): if it fails, or the fsync of the folder does, the
    new file is removed, so no file that was not checked stays under ``path``.
    """
    target = Path(path)
    directory = target.parent
    # A unique name per process/attempt so two writers never share a temp file.
    tmp = directory / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}{_TMP_SUFFIX}"
    renamed = False
    try:
        # O_EXCL + explicit mode: the permissions are set before any data exists.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        renamed = True
        fsync_dir(directory)
        if verify is not None:
            verify(target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if renamed and verify is not None:  # never leave a file that was not checked
            with contextlib.suppress(OSError):
                os.unlink(target)
                fsync_dir(directory)
        raise


def atomic_write(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    >>> atomic_write("/tmp/example.bin", b"hello")

    ``mode`` applies to the new file (0600 by default: most of what we write is
    either secret or worth keeping private). Raises ``StorageError`` with a
    one-line message when the disk is full, read-only or has vanished; the
    temporary file is removed and the old file, if any, is left untouched.
    """
    atomic_write_with(path, lambda out: _write_all(out.fileno(), data), mode=mode)


def atomic_write_with(
    path: str | os.PathLike[str], write: Callable[[BinaryIO], _T], *, mode: int = 0o600,
) -> _T:
    """:func:`atomic_write` for what is written as a stream: ``write(file)``'s result is returned.

    >>> atomic_write_with("/tmp/example.bin", lambda out: out.write(b"hello"))
    5
    """
    target = Path(path)
    try:
        with atomic_file(target, mode=mode) as out:
            return write(out)
    except OSError as exc:
        raise StorageError(write_problem(exc, target)) from exc


def _write_all(fd: int, data: bytes) -> None:
    """The bytes are all in memory already: straight to the descriptor, no buffer between."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def remove_temporaries(directory: str | os.PathLike[str], name: str = "*") -> None:
    """Delete the temporary files that killed writes of ``name`` left in ``directory``.

    >>> remove_temporaries("/tmp", "example.bin")

    Only call it where no other write of ``name`` can be running (its own
    temporary file would go too).
    """
    for stale in Path(directory).glob(f".{name}.*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()


# atomic_file's temporary name: "." + the target's name + "." + the writer's pid + "." + 8 hex + ".tmp"
_TEMPORARY_RE = re.compile(r"\..+\.(\d+)\.[0-9a-f]{8}" + re.escape(_TMP_SUFFIX))


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # Windows: os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, as someone else
        return True
    return True


def remove_orphan_temporaries(directory: str | os.PathLike[str]) -> list[Path]:
    """Delete :func:`atomic_file`'s temporary files in ``directory`` whose writer is no longer running.

    >>> remove_orphan_temporaries("/tmp")
    []

    Safe while other FieldReg processes work in the same folder (a concurrent
    export): a temporary file names its writer's process id, and one whose
    process still runs is left alone. Files of any other name are never touched.
    Returns what was removed; a folder that cannot be read or written is left as it is.
    """
    removed: list[Path] = []
    try:
        candidates = list(Path(directory).glob(f".*{_TMP_SUFFIX}"))
    except OSError:
        return removed
    for path in candidates:
        match = _TEMPORARY_RE.fullmatch(path.name)
        if match is None or _running(int(match[1])) or not path.is_file() or path.is_symlink():
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def one_at_a_time(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive advisory lock on the file ``path`` (made, empty, if missing) while
    inside: the processes that take it take turns (a killed holder's turn ends with it).

    Never pass a database: closing any descriptor of a file drops every POSIX record
    lock the process holds on it, SQLite's included. Where ``flock`` does not exist
    (Windows), or the file cannot be made (a read-only directory), nothing waits.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def forbid_core_dumps() -> None:
    """No core file of this process, which holds the data key and decrypted names in memory.

    >>> forbid_core_dumps()

    RLIMIT_CORE 0 (soft and hard, so nothing started from here raises it) and,
    on Linux, PR_SET_DUMPABLE 0, which also keeps other processes of the same
    user from attaching a debugger (ptrace) or reading this one's memory.
    Where the system offers neither (Windows), nothing is done.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


_PR_SET_DUMPABLE = 4


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
    return Message("cannot write {target}: {reason}", target=target, reason=Refusal(exc))


def secure_data_dir(path: Path) -> None:
    """Create a data directory (a station's, HQ's) readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
