"""The installed FieldReg (.deb), as a border post gets it: the files, the command line, the app.

Run by scripts/test-packaging.sh after packaging/build-linux.sh (so by CI, .ci/run), not
by the main suite: it needs the built package, root (dpkg -i) and a few minutes.

Everything here runs ``/usr/bin/fieldreg`` from the package installed for this module
and removed after it, failed or not (deb_install.py); nothing imports the checkout's
``fieldreg``. pytest finds the helpers beside this file: packaging/tests/ is not a
package, as ``packaging`` is also the name of a library pytest imports. The app's
screenshots go to packaging/dist/smoke-screenshots/ (FIELDREG_DIST), kept by CI.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from deb_install import (
    BUNDLE,
    INSTALLED,
    ROOT,
    dist,
    fieldreg,
    install,
    installed_package,
    installed_version,
    ok,
    purge,
    version,
)
from desktop_tour import supervisor_tour

SIZE_GOAL_MB = 200  # issue 15: the installed program in at most 200 MB (docs/benchmarks.md)
# The demo post's accounts (demo data only, as printed by `fieldreg init --demo`).
AGENT = {"FIELDREG_USER": "agent", "FIELDREG_PASSPHRASE": "demo-agent-2026"}
SUPERVISOR = {"FIELDREG_USER": "superviseur", "FIELDREG_PASSPHRASE": "demo-superviseur-2026"}
# A fictitious household.
HOUSEHOLD = {
    "arrival_date": "2026-11-20",
    "origin": {"country": "MLI", "region": "Sikasso", "locality": "Loulouni"},
    "destination": "Tengréla transit site",
    "consent": True,
    "members": [
        {"given_names": "Awa", "family_name": "Kéïta-Exemple", "sex": "F", "birth_year": 1988,
         "relationship": "head", "nationality": "MLI"},
        {"given_names": "Bakary", "family_name": "Kéïta-Exemple", "sex": "M", "age": 9,
         "relationship": "child"},
    ],
}


def deb() -> Path:
    path = dist() / f"fieldreg_{version()}_amd64.deb"
    if not path.is_file():
        pytest.fail(f"{path} not found: run packaging/build-linux.sh first (scripts/test-packaging.sh does)")
    return path


@pytest.fixture(scope="module")
def package() -> Iterator[None]:
    with installed_package(deb()):
        yield


@pytest.fixture(scope="module")
def demo(package: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's HOME with the demo post in a fresh data directory, made by the installed program."""
    home = tmp_path_factory.mktemp("home")
    ok(fieldreg("init", "--demo", "--data-dir", str(home / "post"), home=home))
    return home


def post(home: Path) -> dict[str, str]:
    return {"FIELDREG_HOME": str(home / "post")}


def test_the_package_installs_the_bundle_the_command_and_the_menu_entry(package: None) -> None:
    assert installed_version() == version()
    assert INSTALLED.is_symlink() and INSTALLED.resolve() == BUNDLE / "fieldreg"
    desktop = Path("/usr/share/applications/fieldreg.desktop").read_text(encoding="utf-8")
    for line in ("Exec=fieldreg", "Icon=fieldreg", "Name=FieldReg", "Terminal=false"):
        assert line in desktop.splitlines()
    assert "GenericName[fr]=Enregistrement des ménages" in desktop
    assert Path("/usr/share/icons/hicolor/256x256/apps/fieldreg.png").stat().st_size > 1000
    assert Path("/usr/share/icons/hicolor/scalable/apps/fieldreg.svg").is_file()
    depends = subprocess.run(["dpkg-query", "-W", "-f", "${Depends}", "fieldreg"],
                             capture_output=True, text=True, check=True).stdout
    assert depends.startswith("libc6 (>= 2.") and "libxcb1" in depends and "libfontconfig1" in depends
    check = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_bundle.py"), str(BUNDLE),
                            "--version", version()], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


def test_installed_size_is_within_the_goal(package: None) -> None:
    size = sum(p.lstat().st_size for p in BUNDLE.rglob("*"))
    print(f"installed bundle: {size / 1e6:.1f} MB")
    assert size <= SIZE_GOAL_MB * 1_000_000, f"{size / 1e6:.1f} MB installed, the goal is {SIZE_GOAL_MB} MB"


def test_version(tmp_path: Path, package: None) -> None:
    assert ok(fieldreg("--version", home=tmp_path)).strip() == f"fieldreg {version()}"


def test_register_print_verify_export(demo: Path, tmp_path: Path) -> None:
    """A household registered, its slip printed to PDF, the slip's QR read back from the PDF (as a camp
    does) and from a picture of it, a batch exported."""
    (tmp_path / "household.json").write_text(json.dumps(HOUSEHOLD, ensure_ascii=False), encoding="utf-8")
    regno = ok(fieldreg("register", str(tmp_path / "household.json"), home=demo, **post(demo), **AGENT)).strip()
    assert regno.startswith("DEMO-"), regno
    assert "Kéïta-Exemple" in ok(fieldreg("show", regno, home=demo, **post(demo), **AGENT))

    slip = tmp_path / "slip.pdf"
    ok(fieldreg("slip", regno, "--pdf", str(slip), home=demo, **post(demo), **AGENT))
    assert slip.read_bytes().startswith(b"%PDF")
    from_pdf = fieldreg("verify", "--image", str(slip), home=demo, **post(demo), **AGENT)  # PDFium
    assert from_pdf.returncode == 0 and regno in from_pdf.stdout, from_pdf.stderr + from_pdf.stdout
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(slip), str(tmp_path / "slip")],
                   check=True, timeout=60)
    verdict = fieldreg("verify", "--image", str(tmp_path / "slip.png"), home=demo, **post(demo), **AGENT)
    assert verdict.returncode == 0, verdict.stderr + verdict.stdout
    assert "VALID" in verdict.stdout and regno in verdict.stdout

    stick = tmp_path / "usb"
    stick.mkdir()
    said = ok(fieldreg("export", "--to", str(stick), home=demo, **post(demo), **SUPERVISOR))
    batches = list(stick.glob("*.frb"))
    assert len(batches) == 1 and "written and verified" in said, said
    listed = json.loads(ok(fieldreg("batches", "--json", home=demo, **post(demo), **SUPERVISOR)))
    assert [(b["file"], b["status"]) for b in listed] == [(batches[0].name, "exported")]


def test_duplicate_candidates(demo: Path) -> None:
    """The matcher's name tables (fieldreg/dedup/data) came with the bundle: the demo's known pairs are found."""
    said = ok(fieldreg("duplicates", "--json", home=demo, **post(demo), **SUPERVISOR))
    pairs = [json.loads(line) for line in said.splitlines()]  # one JSON object per pair
    assert len(pairs) >= 5 and all(pair["score"] >= 0.8 for pair in pairs), said


def test_a_store_from_schema_v1_is_migrated_on_first_start(package: None, tmp_path: Path) -> None:
    """A post's data from the first released schema opens with the installed program, records intact."""
    data = tmp_path / "post"
    shutil.copytree(ROOT / "tests" / "data" / "stores" / "v1", data)
    fixture = {"FIELDREG_HOME": str(data), "FIELDREG_USER": "fixture",
               "FIELDREG_PASSPHRASE": "fixture passphrase v1"}  # public test fixture (tests/data/stores)
    found = ok(fieldreg("search", "traore", home=tmp_path, **fixture))
    assert "FIX1-" in found, found
    ok(fieldreg("audit", "verify", home=tmp_path, **fixture))
    with sqlite3.connect(data / "fieldreg.db") as conn:
        migrated = conn.execute("SELECT count(*) FROM migrations").fetchone()[0]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrated > 1


def test_newer_data_is_refused_and_left_untouched(demo: Path, tmp_path: Path) -> None:
    data = tmp_path / "post"
    shutil.copytree(demo / "post", data)
    with contextlib.closing(sqlite3.connect(data / "fieldreg.db")) as conn:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {current + 1}")  # as a later FieldReg would leave it

    def files() -> dict[str, bytes]:  # an empty lock file beside the store is no change to the data
        return {p.name: p.read_bytes() for p in data.iterdir() if p.is_file() and p.suffix != ".lock"}

    before = files()
    assert "fieldreg.db-wal" not in before
    refused = fieldreg("stats", home=tmp_path, FIELDREG_HOME=str(data), **SUPERVISOR)
    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "newer than this FieldReg understands" in lines[0], refused.stderr
    assert "install the newer FieldReg" in lines[0]
    assert files() == before


@pytest.mark.skipif(not shutil.which("Xvfb") or not shutil.which("xdotool"), reason="needs Xvfb and xdotool")
def test_app_signs_in_and_shows_every_supervisor_screen(demo: Path) -> None:
    shots = dist() / "smoke-screenshots"
    titles = supervisor_tour(demo, shots, user="superviseur", passphrase=SUPERVISOR["FIELDREG_PASSPHRASE"])
    sign_in, screens = titles[0], titles[1:]
    # French (LANG=fr_FR): the app's and Qt's translations came with the bundle.
    assert sign_in.startswith("FieldReg — ") and sign_in.endswith("Connexion"), sign_in
    assert len(screens) == 7 and len(set(screens)) == 7, screens  # catalog.py: a supervisor's 7 screens
    assert all(t.startswith("FieldReg — ") and t != sign_in for t in screens), screens
    pictures = sorted(shots.glob("*.png"))
    assert len(pictures) == 8
    assert len({p.read_bytes() for p in pictures}) == 8  # eight different pictures


def test_upgrade_keeps_data_and_removal_never_deletes_it(demo: Path, tmp_path: Path) -> None:
    """Version N installed, a household registered; N+1 over it; then removed: the data stays whole.

    N is this build's package relabelled with a lower version (``X.Y.Z~previous``): the
    program is the same, what is tested is the package's upgrade and removal. Migrations
    from older data are tested above with a store from the first schema.
    """
    previous = tmp_path / "previous.deb"
    relabel(deb(), previous, f"{version()}~previous")
    purge()
    install(previous)
    assert installed_version() == f"{version()}~previous"
    (tmp_path / "household.json").write_text(json.dumps(HOUSEHOLD, ensure_ascii=False), encoding="utf-8")
    regno = ok(fieldreg("register", str(tmp_path / "household.json"), home=demo, **post(demo), **AGENT)).strip()
    before = ok(fieldreg("show", regno, "--json", home=demo, **post(demo), **AGENT))

    install(deb())  # the upgrade
    assert installed_version() == version()
    assert ok(fieldreg("show", regno, "--json", home=demo, **post(demo), **AGENT)) == before
    ok(fieldreg("audit", "verify", home=demo, **post(demo), **SUPERVISOR))

    database = demo / "post" / "fieldreg.db"
    purge()  # dpkg --purge: the package and its configuration
    assert not INSTALLED.exists() and not BUNDLE.exists()
    assert database.stat().st_size > 0
    install(deb())  # and again: everything is still there
    assert ok(fieldreg("show", regno, "--json", home=demo, **post(demo), **AGENT)) == before


def relabel(source: Path, target: Path, new_version: str) -> None:
    """``source`` with another version number in its control file."""
    unpacked = target.with_suffix("")
    subprocess.run(["dpkg-deb", "-R", str(source), str(unpacked)], check=True)
    control = unpacked / "DEBIAN" / "control"
    lines = [f"Version: {new_version}" if line.startswith("Version: ") else line
             for line in control.read_text(encoding="utf-8").splitlines()]
    control.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "-z1", "-b", str(unpacked), str(target)],
                   check=True, capture_output=True)
    shutil.rmtree(unpacked)

