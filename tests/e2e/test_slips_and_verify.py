"""Issue 3 end to end, through the real CLI: HQ -> enrolled post -> slip PDF -> scan -> camp verify."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from fieldreg.keys import HqDir
from tests.conftest import FAST_KDF, household

HQ_PASS = "hq test passphrase"  # test fixture only
ADMIN_PASS = "station admin pass 1"
CAMP_USER = "ali"


def cli(*args: str, home: Path | None = None, user: str = "awa", env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    full.update({"FIELDREG_USER": user, "FIELDREG_PASSPHRASE": ADMIN_PASS,
                 "FIELDREG_HQ_PASSPHRASE": HQ_PASS, "QT_QPA_PLATFORM": "offscreen"})
    if home is not None:
        full["FIELDREG_HOME"] = str(home)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "fieldreg", *args], capture_output=True,
                          text=True, env=full, timeout=120)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


@dataclass
class World:
    tmp: Path
    hq: Path
    post: Path
    camp: Path
    fingerprint: str
    regno: str


def enroll_and_init(tmp: Path, hq_dir: Path, post_id: str = "TGR1") -> Path:
    out = ok(cli("hq", "enroll-post", "--dir", str(hq_dir), "--post-id", post_id,
                 "--out", str(tmp / f"{post_id}.enroll")))
    phrase = re.search(r"passphrase.*: (\S+)$", out, re.M).group(1)  # type: ignore[union-attr]
    post = tmp / f"post-{post_id}"
    (tmp / "pw").write_text(ADMIN_PASS + "\n")
    ok(cli("init", "--data-dir", str(post), "--enroll", str(tmp / f"{post_id}.enroll"),
           "--admin", "awa", "--passphrase-file", str(tmp / "pw"),
           env={"FIELDREG_ENROLL_PASSPHRASE": phrase}))
    return post


def make_world(tmp: Path, *, cli_hq: bool = False) -> World:
    hq_dir = tmp / "hq"
    if cli_hq:
        out = ok(cli("hq", "init", "--dir", str(hq_dir)))
        fingerprint = re.search(r"fingerprint: (\S+)", out).group(1)  # type: ignore[union-attr]
    else:  # the cheap KDF keeps the suite fast; the CLI path is covered by one test
        fingerprint = HqDir.init(hq_dir, HQ_PASS, kdf=FAST_KDF).fingerprint
    post = enroll_and_init(tmp, hq_dir)
    (tmp / "hh.json").write_text(json.dumps(household()), encoding="utf-8")
    regno = ok(cli("register", str(tmp / "hh.json"), home=post)).strip()
    ok(cli("hq", "trustlist", "--dir", str(hq_dir), "--out", str(tmp / "trust.cose")))
    camp = tmp / "camp"
    ok(cli("init", "--data-dir", str(camp), "--camp", "CAMP1", "--trust", str(tmp / "trust.cose"),
           "--fingerprint", fingerprint, "--admin", CAMP_USER, "--passphrase-file", str(tmp / "pw")))
    return World(tmp, hq_dir, post, camp, fingerprint, regno)


def verify(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    return cli("verify", *args, home=world.camp, user=CAMP_USER)


def scan(pdf: Path) -> str:
    """Rasterize at 150 dpi with poppler, decode with zxing-cpp: what a camp's scanner would read."""
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(pdf.with_suffix(""))], check=True)
    page = next(pdf.parent.glob(pdf.stem + "-*1.png"))
    # QR codes only, as the app reads them: an all-formats scan now and then
    # "finds" a 1-D barcode in the slip's printed text.
    found = zxingcpp.read_barcodes(Image.open(page), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return str(found[0].text)


def test_slip_pdf_scanned_verifies_at_camp_and_checkin_warns(tmp_path: Path) -> None:
    w = make_world(tmp_path, cli_hq=True)
    pdf = tmp_path / "slip.pdf"
    ok(cli("slip", w.regno, "--pdf", str(pdf), "--layout", "80mm", home=w.post))
    token = ok(cli("slip", w.regno, "--text", home=w.post)).strip()
    assert scan(pdf) == token  # reprint reuses the very same token
    page = next(tmp_path.glob("slip-*1.png"))
    first = verify(w, "--image", str(page), "--checkin")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"VALID: {w.regno}") and "TRAORÉ Aminata" in first.stdout
    assert "WARNING" not in first.stdout
    second = verify(w, "--image", str(page), "--checkin", "--json")
    assert second.returncode == 0
    report = json.loads(second.stdout)
    assert report["status"] == "valid" and report["claims"]["household_size"] == 3
    assert report["checked_in_before"][0]["same_token"] is True
    third = verify(w, "--image", str(page), "--checkin")
    warnings = [line for line in third.stdout.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, third.stdout  # one line for the two earlier scans of this slip
    assert warnings[0].startswith("WARNING: this same slip was already checked in 2 times, last on ")
    assert warnings[0].endswith(f" by {CAMP_USER}")
    typed = verify(w, w.regno)
    assert typed.returncode == 0 and "checked in" in typed.stdout
    audit = ok(cli("audit", "show", home=w.post))
    assert "print" in audit and "token_issue" in audit


def test_altered_token_is_invalid_and_typo_in_number_is_caught(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    token = ok(cli("slip", w.regno, "--text", home=w.post)).strip()
    i = len(token) // 2
    altered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]
    result = verify(w, altered)
    assert result.returncode == 4 and result.stdout.startswith("INVALID"), result.stdout
    wrong_check = w.regno[:-1] + ("A" if w.regno[-1] != "A" else "B")
    typo = verify(w, wrong_check)
    assert typo.returncode == 1 and "check" in typo.stderr


def test_reissue_revokes_old_token_at_camp(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    old = ok(cli("slip", w.regno, "--text", home=w.post)).strip()
    missing_reason = cli("slip", w.regno, "--text", "--reissue", home=w.post)
    assert missing_reason.returncode == 1 and "--reason" in missing_reason.stderr
    result = cli("slip", w.regno, "--text", "--reissue", "--reason", "slip lost", home=w.post)
    new = ok(result).strip()
    assert new != old
    old_id = re.search(r"token ([0-9a-f]{32}) of", result.stderr).group(1)  # type: ignore[union-attr]
    ok(cli("hq", "revoke-token", "--dir", str(w.hq), old_id))
    ok(cli("hq", "revocations", "--dir", str(w.hq), "--out", str(tmp_path / "rev.cose")))
    ok(cli("trust", "load", str(tmp_path / "rev.cose"), home=w.camp, user=CAMP_USER))
    revoked = verify(w, old)
    assert revoked.returncode == 5 and revoked.stdout.startswith("REVOKED"), revoked.stdout
    assert verify(w, new).returncode == 0
    with sqlite3.connect(w.post / "fieldreg.db") as conn:  # the batch export (issue 4) reads this
        rows = conn.execute("SELECT subject, version FROM outbox WHERE kind = 'token_revocation'")
        assert list(rows) == [(old_id, 1)]


def test_revoked_key_and_older_trust_list(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    token = ok(cli("slip", w.regno, "--text", home=w.post)).strip()
    kid = ok(cli("keys", "list", home=w.post)).split()[0]
    ok(cli("hq", "revoke-key", "--dir", str(w.hq), kid))
    ok(cli("hq", "trustlist", "--dir", str(w.hq), "--out", str(tmp_path / "trust2.cose")))
    ok(cli("trust", "load", str(tmp_path / "trust2.cose"), home=w.camp, user=CAMP_USER))
    result = verify(w, token)
    assert result.returncode == 4 and "revoked key" in result.stdout
    older = cli("trust", "load", str(tmp_path / "trust.cose"), home=w.camp, user=CAMP_USER)
    assert older.returncode == 1 and "older" in older.stderr
    assert verify(w, token).returncode == 4  # still the newer list


def test_key_rotation_old_tokens_still_verify(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    old_token = ok(cli("slip", w.regno, "--text", home=w.post)).strip()
    out = ok(cli("hq", "enroll-post", "--dir", str(w.hq), "--post-id", "TGR1",
                 "--out", str(tmp_path / "rot.enroll")))
    phrase = re.search(r"passphrase.*: (\S+)$", out, re.M).group(1)  # type: ignore[union-attr]
    ok(cli("keys", "load", str(tmp_path / "rot.enroll"), home=w.post,
           env={"FIELDREG_ENROLL_PASSPHRASE": phrase}))
    keys = ok(cli("keys", "list", home=w.post)).splitlines()
    assert len(keys) == 2 and keys[1].endswith("(current)")
    (tmp_path / "hh2.json").write_text(json.dumps(household()), encoding="utf-8")
    second = ok(cli("register", str(tmp_path / "hh2.json"), home=w.post)).strip()
    new_token = ok(cli("slip", second, "--text", home=w.post)).strip()
    ok(cli("hq", "trustlist", "--dir", str(w.hq), "--out", str(tmp_path / "t3.cose")))
    ok(cli("trust", "load", str(tmp_path / "t3.cose"), home=w.camp, user=CAMP_USER))
    assert verify(w, old_token).returncode == 0
    assert verify(w, new_token).returncode == 0


def test_refusals_void_keyless_post_and_wrong_fingerprint(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    ok(cli("void", w.regno, "--reason", "registered twice", home=w.post))
    void = cli("slip", w.regno, "--pdf", str(tmp_path / "v.pdf"), home=w.post)
    assert void.returncode == 1 and "void" in void.stderr and not (tmp_path / "v.pdf").exists()
    plain = tmp_path / "plain"
    ok(cli("init", "--data-dir", str(plain), "--post-id", "KDL2", "--post-name", "Kadiolo",
           "--admin", "awa", "--passphrase-file", str(tmp_path / "pw")))
    regno = ok(cli("register", str(tmp_path / "hh.json"), home=plain)).strip()
    keyless = cli("slip", regno, "--text", home=plain)
    assert keyless.returncode == 1 and "enroll" in keyless.stderr
    bad = cli("init", "--data-dir", str(tmp_path / "camp2"), "--camp", "CAMP2", "--trust",
              str(tmp_path / "trust.cose"), "--fingerprint", "0000-0000-0000-0000-0000-0000",
              "--admin", CAMP_USER, "--passphrase-file", str(tmp_path / "pw"))
    assert bad.returncode != 0 and not (tmp_path / "camp2" / "fieldreg.db").exists()


def test_demo_slips_and_verify_out_of_the_box(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    out = ok(cli("init", "--demo", "--data-dir", str(demo)))
    assert "demo-hq" in out
    env = {"FIELDREG_PASSPHRASE": "demo-agent-2026"}
    regno = ok(cli("search", "traore", home=demo, user="agent", env=env)).split()[0]
    pdf = tmp_path / "demo.pdf"
    ok(cli("slip", regno, "--pdf", str(pdf), home=demo, user="agent", env=env))
    scan(pdf)
    page = next(tmp_path.glob("demo-*1.png"))
    result = cli("verify", "--image", str(page), home=demo)
    assert result.returncode == 0 and result.stdout.startswith(f"VALID: {regno}"), result.stderr


@pytest.mark.parametrize("layout", ["a6", "58mm"])
def test_all_today_batch_pdf(tmp_path: Path, layout: str) -> None:
    w = make_world(tmp_path)
    ok(cli("register", str(tmp_path / "hh.json"), home=w.post))
    pdf = tmp_path / "today.pdf"
    assert "2 slip(s)" in ok(cli("slip", "--all-today", "--pdf", str(pdf), "--layout", layout,
                                  home=w.post))
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2", pages)


def test_keys_load_refuses_before_asking_for_the_enrollment_passphrase(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    ok(cli("hq", "enroll-post", "--dir", str(w.hq), "--post-id", "TGR1",
           "--out", str(tmp_path / "rot.enroll")))
    ok(cli("user", "add", "fatou", "--role", "supervisor", "--passphrase-file", str(tmp_path / "pw"),
           home=w.post))
    own = {"FIELDREG_PASSPHRASE": "fatou own passphrase"}
    ok(cli("user", "passwd", home=w.post, user="fatou",
           env={"FIELDREG_NEW_PASSPHRASE": own["FIELDREG_PASSPHRASE"]}))
    # No FIELDREG_ENROLL_PASSPHRASE and no terminal: asking for it would fail with
    # "no enrollment passphrase", so these refusals show they come first.
    supervisor = cli("keys", "load", str(tmp_path / "rot.enroll"), home=w.post, user="fatou",
                     env=own)
    assert supervisor.returncode == 3, supervisor.stderr
    assert supervisor.stderr.startswith("fieldreg: fatou is signed in as supervisor and may not "
                                        "manage every account"), supervisor.stderr
    camp = cli("keys", "load", str(tmp_path / "rot.enroll"), home=w.camp, user=CAMP_USER)
    assert camp.returncode == 1
    assert camp.stderr.startswith("fieldreg: only a border post holds signing keys"), camp.stderr
    assert len(ok(cli("keys", "list", home=w.post)).splitlines()) == 1
