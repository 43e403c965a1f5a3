"""Which mounted volumes are USB sticks (removable drives) a batch may be exported to.

    volumes = [Volume(root="/media/awa/KINGSTON", name="KINGSTON", ...), ...]
    for v in removable_drives(volumes, system="linux"):
        print(v.label, v.bytes_free)

The desktop app describes the volumes it sees (Qt's ``QStorageInfo``) as
:class:`Volume` values and asks this module which to offer; the decision is
plain data in, plain data out, so it is tested without any drive plugged in.

- Linux and other Unix: a writable, ready volume mounted under ``/media``,
  ``/run/media`` or ``/mnt`` (where desktops and people mount sticks), never
  the system's root volume nor a pseudo file system.
- macOS: under ``/Volumes``.
- Windows: a drive letter other than the system drive whose type the system
  reports as removable (``GetDriveTypeW`` = 2), asked through ``drive_type``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

UNIX_MOUNT_PARENTS = ("/media", "/run/media", "/mnt")
MAC_MOUNT_PARENTS = ("/Volumes",)
PSEUDO_FILE_SYSTEMS = frozenset({
    "tmpfs", "devtmpfs", "proc", "sysfs", "overlay", "squashfs", "ramfs", "autofs", "fuse.portal",
    "fuse.gvfsd-fuse", "cgroup", "cgroup2", "devpts", "debugfs", "securityfs", "nsfs", "tracefs",
})
DRIVE_REMOVABLE = 2  # Windows GetDriveTypeW


@dataclass(frozen=True)
class Volume:
    """A mounted volume as the system describes it."""

    root: str  # mount point: "/media/awa/KINGSTON", "E:/"
    name: str = ""  # the volume's label ("KINGSTON"); may be empty
    device: str = ""
    fs_type: str = ""
    bytes_free: int = 0  # available to this user
    bytes_total: int = 0
    ready: bool = True
    read_only: bool = False
    is_root: bool = False  # the system's root volume

    @property
    def label(self) -> str:
        """What to call the drive: its label, else its mount point's last part, else the root."""
        if self.name:
            return self.name
        tail = PureWindowsPath(self.root).name if _is_drive_letter(self.root) else PurePosixPath(self.root).name
        return tail or self.root.rstrip("/\\") or self.root


def _is_drive_letter(root: str) -> bool:
    return len(root) >= 2 and root[1] == ":" and root[0].isalpha()


def _under(root: str, parents: Iterable[str]) -> bool:
    path = PurePosixPath(root)
    return any(path == PurePosixPath(p) or PurePosixPath(p) in path.parents for p in parents)


def is_removable(
    volume: Volume, *, system: str, drive_type: Callable[[str], int] | None = None,
    system_drive: str = "C:",
) -> bool:
    """Whether ``volume`` is offered as a USB stick on ``system`` (``sys.platform`` style)."""
    if not volume.ready or volume.read_only or volume.is_root:
        return False
    if volume.fs_type.lower() in PSEUDO_FILE_SYSTEMS:
        return False
    if system.startswith("win"):
        if not _is_drive_letter(volume.root):
            return False
        if volume.root[:2].upper() == system_drive[:2].upper():
            return False
        return drive_type is not None and drive_type(volume.root) == DRIVE_REMOVABLE
    if system == "darwin":
        return _under(volume.root, MAC_MOUNT_PARENTS) and volume.root.rstrip("/") != "/Volumes"
    return _under(volume.root, UNIX_MOUNT_PARENTS)


def removable_drives(
    volumes: Iterable[Volume], *, system: str | None = None,
    drive_type: Callable[[str], int] | None = None, system_drive: str | None = None,
) -> list[Volume]:
    """The removable drives among ``volumes``, by label; defaults describe this computer."""
    system = system or sys.platform
    if system.startswith("win"):
        drive_type = drive_type or windows_drive_type
        system_drive = system_drive or os.environ.get("SYSTEMDRIVE", "C:")  # Windows: names ignore case
    found = [v for v in volumes
             if is_removable(v, system=system, drive_type=drive_type,
                             system_drive=system_drive or "C:")]
    return sorted(found, key=lambda v: (v.label.casefold(), v.root))


def containing_volume(path: str, volumes: Sequence[Volume]) -> Volume | None:
    """The volume whose mount point holds ``path`` (the deepest one), if any.

    >>> containing_volume("/media/awa/KEY/exports", [Volume("/"), Volume("/media/awa/KEY")]).root
    '/media/awa/KEY'
    """
    def parts(p: str) -> tuple[str, ...]:
        return PureWindowsPath(p).parts if _is_drive_letter(p) else PurePosixPath(p).parts

    target = tuple(x.casefold() for x in parts(path)) if _is_drive_letter(path) else parts(path)
    best: Volume | None = None
    for v in volumes:
        root = parts(v.root)
        if _is_drive_letter(v.root):
            root = tuple(x.casefold() for x in root)
        if target[:len(root)] == root and (best is None or len(root) > len(parts(best.root))):
            best = v
    return best


def windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    """``GetDriveTypeW`` of a drive root such as ``E:/`` (0 when it cannot be asked)."""
    try:
        import ctypes

        windll = ctypes.windll  # type: ignore[attr-defined]
        return int(windll.kernel32.GetDriveTypeW(root.replace("/", "\\")))
    except (AttributeError, OSError):
        return 0


def start_folder(remembered: str | None, drives: Sequence[Volume], documents: str) -> str:
    """Where a file dialog opens: the folder last used for the same purpose if it still exists,
    else the first removable drive (a stick brought from HQ), else the user's documents.

    >>> start_folder(None, [Volume("/media/awa/KEY")], "/home/awa/Documents")
    '/media/awa/KEY'
    """
    if remembered and os.path.isdir(remembered):
        return remembered
    if drives:
        return drives[0].root
    return documents
