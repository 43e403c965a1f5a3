"""The .deb's Depends: the Debian packages holding the libraries the bundle names but does not carry.

    python3 packaging/linux/deb_depends.py BUNDLE_DIR      # prints e.g. "libc6 (>= 2.35), libx11-6, ..."

Every ELF file of the bundle names the libraries it needs (DT_NEEDED, read with
``readelf -d``). Those the bundle carries are its own; each other one is looked up
on this (build) machine with ``ldconfig -p`` and its package with ``dpkg -S``.
Only libraries named directly count: what they need in turn is their packages'
own business. glibc's version is the newest ``GLIBC_x.y`` symbol version any file
asks for (``objdump -T``), the oldest glibc the bundle runs on.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def elf_files(bundle: Path) -> list[Path]:
    return [p for p in sorted(bundle.rglob("*"))
            if p.is_file() and not p.is_symlink() and p.read_bytes()[:4] == b"\x7fELF"]


def needed(path: Path) -> list[str]:
    dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)


def glibc_needed(files: list[Path]) -> str:
    versions: set[tuple[int, ...]] = set()
    for path in files:
        symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        versions.update(tuple(int(n) for n in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+)\b", symbols))
    return ".".join(map(str, max(versions)))


def system_library_paths() -> dict[str, str]:
    """soname -> path, for this machine's x86-64 libraries (ldconfig's cache)."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for name, flags, path in re.findall(r"^\s+(\S+) \(([^)]*)\) => (\S+)$", listing, re.M):
        if "x86-64" in flags:
            paths.setdefault(name, path)
    return paths


def package_of(path: str) -> str:
    for candidate in (path, str(Path(path).resolve()), path.removeprefix("/usr"), "/usr" + path):
        done = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if done.returncode == 0:
            return done.stdout.split(":", 1)[0].strip()
    raise SystemExit(f"deb_depends: no Debian package holds {path}")


def depends(bundle: Path) -> str:
    files = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*")}
    outside = sorted({name for path in files for name in needed(path)} - carried)
    system = system_library_paths()
    missing = [name for name in outside if name not in system]
    if missing:
        raise SystemExit(f"deb_depends: this machine lacks {', '.join(missing)}")
    packages = {package_of(system[name]) for name in outside} - {"libc6"}
    return ", ".join([f"libc6 (>= {glibc_needed(files)})", *sorted(packages)])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(depends(Path(sys.argv[1])))
