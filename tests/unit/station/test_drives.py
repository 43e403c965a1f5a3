"""Which mounted volumes the export screen offers as USB sticks (fake volume descriptions)."""

from __future__ import annotations

import pytest

from fieldreg.station.drives import (
    DRIVE_REMOVABLE,
    Volume,
    containing_volume,
    is_removable,
    removable_drives,
)

GB = 1024 ** 3
ROOT = Volume("/", device="/dev/sda2", fs_type="ext4", bytes_free=40 * GB, is_root=True)
STICK = Volume("/media/awa/KINGSTON", name="KINGSTON", device="/dev/sdb1", fs_type="vfat",
               bytes_free=7 * GB)
FEDORA = Volume("/run/media/awa/3A1F-22C0", device="/dev/sdc1", fs_type="exfat")
BY_HAND = Volume("/mnt", device="/dev/sdd1", fs_type="vfat")
HOME = Volume("/home", device="/dev/sda3", fs_type="ext4")
SNAP = Volume("/media/awa/snapfuse", fs_type="squashfs")


@pytest.mark.parametrize("volume", [STICK, FEDORA, BY_HAND, Volume("/mnt/usb", fs_type="vfat")])
def test_sticks_where_linux_desktops_and_people_mount_them(volume: Volume) -> None:
    assert is_removable(volume, system="linux")


@pytest.mark.parametrize("volume", [
    ROOT, HOME, SNAP,
    Volume("/media/awa/CDROM", fs_type="iso9660", read_only=True),
    Volume("/media/awa/GONE", fs_type="vfat", ready=False),
    Volume("/mediaX/awa/KEY", fs_type="vfat"),  # a look-alike prefix is not /media
    Volume("/mnt/sandbox", fs_type="tmpfs"),
    Volume("/boot/efi", fs_type="vfat"),
])
def test_system_pseudo_read_only_and_unready_volumes_are_not_offered(volume: Volume) -> None:
    assert not is_removable(volume, system="linux")


def test_removable_drives_keeps_sticks_sorted_by_label() -> None:
    named = Volume("/media/awa/ALPHA", name="alpha", fs_type="vfat")
    found = removable_drives([ROOT, STICK, HOME, FEDORA, named], system="linux")
    assert [v.label for v in found] == ["3A1F-22C0", "alpha", "KINGSTON"]


def test_windows_removable_letters_are_asked_of_the_system() -> None:
    types = {"E:/": DRIVE_REMOVABLE, "D:/": 3, "F:/": DRIVE_REMOVABLE}
    volumes = [Volume("C:/", name="Windows", fs_type="NTFS", is_root=True),
               Volume("D:/", name="DATA", fs_type="NTFS"),
               Volume("E:/", name="KINGSTON", fs_type="FAT32"),
               Volume("F:/", fs_type="exFAT", ready=False)]
    found = removable_drives(volumes, system="win32", drive_type=lambda r: types.get(r, 0),
                             system_drive="C:")
    assert [v.root for v in found] == ["E:/"]
    assert not is_removable(Volume("/media/awa/KEY"), system="win32", drive_type=lambda r: 2)
    # A system drive reported as removable (a laptop booted from USB) is still not offered.
    assert not is_removable(Volume("C:/"), system="win32", drive_type=lambda r: 2, system_drive="c:")


def test_macos_volumes() -> None:
    assert is_removable(Volume("/Volumes/KEY", fs_type="msdos"), system="darwin")
    assert not is_removable(Volume("/Volumes", fs_type="apfs"), system="darwin")
    assert not is_removable(STICK, system="darwin")


def test_labels() -> None:
    assert STICK.label == "KINGSTON"
    assert FEDORA.label == "3A1F-22C0"
    assert Volume("E:/").label == "E:"
    assert Volume("/").label == "/"


def test_containing_volume_is_the_deepest_mount_point() -> None:
    volumes = [ROOT, HOME, STICK]
    assert containing_volume("/media/awa/KINGSTON/exports", volumes) == STICK
    assert containing_volume("/media/awa/KINGSTON", volumes) == STICK
    assert containing_volume("/home/awa/batches", volumes) == HOME
    assert containing_volume("/tmp/x", volumes) == ROOT
    assert containing_volume("/media/awa/KINGSTONE", [HOME, STICK]) is None
    assert containing_volume("e:/batches", [Volume("E:/", name="KEY")]) == Volume("E:/", name="KEY")
