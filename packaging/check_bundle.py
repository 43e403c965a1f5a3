"""Check a built bundle folder against packaging/bundle_rules.py, then run it once.

    python packaging/check_bundle.py BUNDLE_DIR [--version X.Y.Z]

Fails (exit 1, one line per problem) when a file FieldReg needs is missing (any data
file of the checkout's package: translations, icons, help, name tables; the Qt plugins
it uses), when a Qt part it must not carry is there (QML files, WebEngine, 3D, GTK),
when a symbolic link points nowhere, or when ``fieldreg --version`` does not answer the
expected version. build-linux.sh and build-windows.ps1 run it after PyInstaller; the
packaging tests run it on the installed copy.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_rules import FORBIDDEN, REQUIRED_LINUX, package_data

ROOT = Path(__file__).resolve().parent.parent


def problems(bundle: Path, version: str | None) -> list[str]:
    internal = bundle / "_internal"
    required = [p.as_posix() for p in package_data(ROOT)]
    if sys.platform.startswith("linux"):
        required += REQUIRED_LINUX
    found = [f"missing: {path}" for path in required if not (internal / path).is_file()]
    for path in sorted(bundle.rglob("*")):
        relative = path.relative_to(internal).as_posix() if path.is_relative_to(internal) else path.name
        if path.is_symlink() and not path.exists():
            found.append(f"dangling symbolic link: {relative}")
        elif any(re.search(pattern, relative) for pattern in FORBIDDEN):
            found.append(f"must not be in the bundle: {relative}")
    executable = bundle / ("fieldreg.exe" if os.name == "nt" else "fieldreg")
    if version is not None:
        done = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=60)
        if done.stdout.strip() != f"fieldreg {version}":
            found.append(f"{executable} --version said {done.stdout.strip()!r} {done.stderr.strip()!r}, "
                         f"not 'fieldreg {version}'")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--version", help="the version `fieldreg --version` must print")
    args = parser.parse_args()
    found = problems(args.bundle, args.version)
    for problem in found:
        print(f"check_bundle: {problem}", file=sys.stderr)
    if not found:
        print(f"check_bundle: {args.bundle} ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
