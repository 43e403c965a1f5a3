"""Install a .deb of FieldReg for a test, run the installed program, and always remove it again.

    with installed_package(deb):
        result = fieldreg("--version", home=tmp)

Everything runs the installed ``/usr/bin/fieldreg`` (never the checkout), in a fresh
HOME so no real user's data or settings are read or written. Installing needs root
(CI runs as root; elsewhere ``sudo -n`` when it needs no password).
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = Path("/usr/bin/fieldreg")
BUNDLE = Path("/opt/fieldreg")
PACKAGE = "fieldreg"


def version() -> str:
    """The version of the checkout (fieldreg/__init__.py), which the built package carries."""
    text = (ROOT / "fieldreg" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    assert match, "no __version__ in fieldreg/__init__.py"
    return match.group(1)


def dist() -> Path:
    return Path(os.environ.get("FIELDREG_DIST", ROOT / "packaging" / "dist"))


def as_root(*command: str) -> subprocess.CompletedProcess[str]:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def installed_version() -> str | None:
    done = subprocess.run(["dpkg-query", "-W", "-f", "${Status} ${Version}", PACKAGE],
                          capture_output=True, text=True)
    if done.returncode or not done.stdout.startswith("install ok installed"):
        return None
    return done.stdout.split()[-1]


def install(deb: Path) -> None:
    done = as_root("dpkg", "-i", str(deb))
    assert done.returncode == 0, f"dpkg -i {deb} failed: {done.stderr}{done.stdout}"


def purge() -> None:
    """Remove the package and its configuration (there is none); never a user's data."""
    if subprocess.run(["dpkg-query", "-W", PACKAGE], capture_output=True).returncode == 0:
        done = as_root("dpkg", "--purge", PACKAGE)
        assert done.returncode == 0, f"dpkg --purge {PACKAGE} failed: {done.stderr}"


@contextlib.contextmanager
def installed_package(deb: Path) -> Iterator[None]:
    """``deb`` installed for the block, removed after it whatever happens (a failed test included)."""
    if installed_version() is not None:
        raise RuntimeError(f"{PACKAGE} {installed_version()} is already installed on this machine: "
                           f"these tests install and remove it; remove it first (dpkg -r {PACKAGE})")
    try:
        install(deb)
        yield
    finally:
        purge()


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose HOME is ``home``: no FIELDREG_*, no Python or Qt settings."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update({"HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
                "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache")})
    env.update(extra)
    return env


def fieldreg(*args: str, home: Path, timeout: float = 180, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``fieldreg`` as a user with HOME ``home`` (Qt offscreen unless told)."""
    full = clean_env(home, QT_QPA_PLATFORM="offscreen", **env)
    return subprocess.run([str(INSTALLED), *args], capture_output=True, text=True, env=full,
                          timeout=timeout)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args} -> {result.returncode}\n{result.stderr}{result.stdout}"
    return result.stdout
