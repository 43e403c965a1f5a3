"""The few ustar pieces a batch's inner archive needs (POSIX.1-1988; docs/formats/batch.md §2).

    chunks = [file_header("manifest.cose", len(raw), mtime), raw, padding(len(raw))]
    chunks.append(END_OF_ARCHIVE)
    info = parse_header(block)     # a 512-byte header block read back; ValueError if damaged

The writer streams the archive without ``tarfile``'s file objects and the
reader parses it as the bytes arrive, so both work block by block; these
helpers keep them agreeing on what a header holds.
"""

from __future__ import annotations

import tarfile

BLOCKSIZE = tarfile.BLOCKSIZE  # 512
END_OF_ARCHIVE = bytes(2 * BLOCKSIZE)


def file_header(name: str, size: int, mtime: int) -> bytes:
    """The header block of a regular file: mode 0600, uid/gid 0, no user or group names."""
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.type = size, 0o600, mtime, tarfile.REGTYPE
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="ascii", errors="strict")


def padding(size: int) -> bytes:
    """The zero bytes that fill a file of ``size`` bytes up to a whole block."""
    return bytes(-size % BLOCKSIZE)


def parse_header(block: bytes) -> tarfile.TarInfo:
    """A header block read back (not a zero block); ``ValueError`` if it is damaged."""
    try:
        return tarfile.TarInfo.frombuf(block, "ascii", "strict")
    except (tarfile.HeaderError, UnicodeDecodeError) as exc:
        raise ValueError(f"damaged archive header ({exc})") from None


def is_regular(info: tarfile.TarInfo) -> bool:
    return info.type == tarfile.REGTYPE
