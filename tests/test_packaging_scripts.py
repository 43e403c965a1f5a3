"""What can be checked on Linux of the packaging that CI cannot run: the Windows build, and names
that the spec, the build scripts, the installer script and the package must agree on.

The Linux build itself is built, installed and run by scripts/test-packaging.sh (.ci/run).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path, PureWindowsPath

import fieldreg

ROOT = Path(__file__).resolve().parents[1]

PACKAGING = ROOT / "packaging"
ISS = (PACKAGING / "windows" / "fieldreg.iss").read_text(encoding="utf-8")
PS1 = (PACKAGING / "windows" / "build-windows.ps1").read_text(encoding="utf-8")
SPEC = (PACKAGING / "fieldreg.spec").read_text(encoding="utf-8")
BUILD_LINUX = (PACKAGING / "build-linux.sh").read_text(encoding="utf-8")


def iss_section(name: str) -> list[str]:
    """The non-comment lines of one [Section] of the Inno Setup script."""
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", ISS, re.M | re.S)
    assert match, f"no [{name}] in fieldreg.iss"
    return [line for line in match.group(1).splitlines() if line.strip() and not line.startswith(";")]


def test_every_build_reads_the_same_version() -> None:
    """build-linux.sh (sed), build-windows.ps1 (Select-String) and the package agree with fieldreg.__version__."""
    assert re.fullmatch(r"\d+\.\d+\.\d+", fieldreg.__version__)  # what dpkg and Inno's VersionInfoVersion take
    sed_line = next(line for line in BUILD_LINUX.splitlines() if line.startswith("VERSION=$(sed"))
    linux = subprocess.run(["bash", "-c", f'ROOT="{ROOT}"; {sed_line}; echo "$VERSION"'],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert linux == fieldreg.__version__
    pattern = re.search(r"-Pattern '([^']+)'", PS1).group(1)  # type: ignore[union-attr]
    init = (ROOT / "fieldreg" / "__init__.py").read_text(encoding="utf-8")
    assert re.search(pattern, init, re.M).group(1) == fieldreg.__version__  # type: ignore[union-attr]
    assert not re.search(r"^AppVersion=\d", ISS, re.M), "the version comes from /DAppVersion, never written in"
    assert "#error" in ISS and "AppVersion={#AppVersion}" in ISS


def test_windows_scripts_name_the_files_the_spec_makes() -> None:
    names = re.findall(r'name="([^"]+)"', SPEC)
    assert {"fieldreg", "fieldreg-app"} <= set(names)  # the console program, the windowed one, the folder
    for line in iss_section("Icons") + iss_section("Run"):
        assert "Filename: \"{app}\\fieldreg-app.exe\"" in line, line  # shortcuts open no console
    # The installer takes the folder the build script makes: packaging\build\dist\fieldreg.
    default = re.search(r'#define BundleDir "([^"]+)"', ISS).group(1)  # type: ignore[union-attr]
    assert PureWindowsPath("packaging/windows", default).as_posix() == "packaging/windows/../build/dist/fieldreg"
    assert '$Work = Join-Path $Packaging "build"' in PS1 and '$Dist = Join-Path $Work "dist"' in PS1
    assert '$Bundle = Join-Path $Dist "fieldreg"' in PS1 and '"/DBundleDir=$Bundle"' in PS1
    # One icon file: made by the build script, used by the spec and by the installer.
    assert '$Icon = Join-Path $Here "fieldreg.ico"' in PS1
    assert 'ROOT / "packaging" / "windows" / "fieldreg.ico"' in SPEC
    assert "SetupIconFile=fieldreg.ico" in ISS


def test_build_script_files_exist() -> None:
    """Every file the Windows build script names under the checkout is there."""
    bases = {"$Root": ROOT, "$Packaging": PACKAGING, "$Here": PACKAGING / "windows"}
    named = re.findall(r'\(Join-Path (\$Root|\$Packaging|\$Here) "([^"$]+)"\)', PS1)
    produced = {"fieldreg.ico"}
    checked = [(base, path) for base, path in named if path not in produced]
    assert len(checked) >= 6, named
    for base, path in checked:
        assert (bases[base] / PureWindowsPath(path).as_posix()).is_file(), f"{base}\\{path}"


def test_installer_is_per_machine_bilingual_and_keeps_data() -> None:
    setup = iss_section("Setup")
    assert "PrivilegesRequired=admin" in setup and "DefaultDirName={autopf}\\FieldReg" in setup
    languages = iss_section("Languages")
    assert any('"en"' in line and "Default.isl" in line for line in languages)
    assert any('"fr"' in line and "French.isl" in line for line in languages)
    assert any("{autoprograms}" in line for line in iss_section("Icons"))
    assert any("{autodesktop}" in line for line in iss_section("Icons"))
    # The uninstaller deletes only what it installed; an upgrade clears the program folder only.
    assert not re.search(r"^\[UninstallDelete\]", ISS, re.M)
    assert iss_section("InstallDelete") == ['Type: filesandordirs; Name: "{app}\\_internal"']


def test_desktop_entry_in_french_and_english() -> None:
    entry = (PACKAGING / "linux" / "fieldreg.desktop").read_text(encoding="utf-8").splitlines()
    keys = dict(line.split("=", 1) for line in entry if "=" in line)
    assert keys["Exec"] == "fieldreg" and keys["Icon"] == "fieldreg" and keys["Type"] == "Application"
    for key in ("GenericName", "Comment", "Keywords"):
        assert keys[key] and keys[f"{key}[fr]"] and keys[key] != keys[f"{key}[fr]"]
