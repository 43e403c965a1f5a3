"""``fieldreg recover ...`` and ``fieldreg hq recover`` as a post and HQ run them (subprocesses).

Every administrator has forgotten: with HQ (request on a stick, HQ's answer,
a new passphrase), and without HQ (the recovery code ``fieldreg init`` showed
once). Each checks the new passphrase signs in, the old one no longer does,
the answer or code works once only, and nothing registered was lost.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldreg.keys import HqDir
from tests.conftest import ADMIN, ADMIN_PASS, HQ_PASS
from tests.e2e.test_export_cli import jsonl, ok, one_line_error
from tests.e2e.test_hq_import_cli import cli as hq_cli

Run = Callable[..., subprocess.CompletedProcess[str]]
NEW_PASS = "a brand new admin passphrase"
CODE_RE = re.compile(r"(?:[0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}")


def the_code(text: str) -> str:
    found = CODE_RE.findall(text)
    assert len(found) == 1, text
    return found[0]


@pytest.mark.usefixtures("post")
def test_recovery_through_hq(run_cli: Run, hq: HqDir, usb: Path, tmp_path: Path) -> None:
    regnos = ok(run_cli("register", "-", stdin=jsonl(2))).stdout.split()
    # Every administrator forgot: no sign-in for the request.
    request = ok(run_cli("recover", "request", "--out", str(usb), user=None, passphrase=None))
    path = usb / "TGR1-recovery-request.json"
    assert str(path) in request.stdout and path.is_file()

    answer = tmp_path / "answer" / "TGR1-recovery.cose"
    answer.parent.mkdir()
    given = hq_cli("hq", "recover", "--dir", str(hq.path), str(path), "--out", str(answer),
                   env={"FIELDREG_HQ_PASSPHRASE": HQ_PASS})
    assert given.returncode == 0, given.stderr
    assert given.stdout.startswith(f"recovery answer for post TGR1 written to {answer}")
    assert (hq.path / "recoveries.jsonl").read_text().count('"TGR1"') == 1

    done = ok(run_cli("recover", "answer", str(answer), "--admin", ADMIN, user=None,
                      passphrase=None, env={"FIELDREG_NEW_PASSPHRASE": NEW_PASS}))
    assert done.stdout.startswith(f"administrator {ADMIN} has a new passphrase")

    # The new passphrase signs in; the old one no longer does; nothing registered was lost.
    verify = ok(run_cli("audit", "verify", passphrase=NEW_PASS))
    assert verify.stdout.startswith("audit log intact")
    shown = ok(run_cli("audit", "show", "--json", passphrase=NEW_PASS)).stdout
    assert '"account_recover"' in shown
    for regno in regnos:
        ok(run_cli("show", regno, passphrase=NEW_PASS))
    assert "wrong passphrase" in one_line_error(run_cli("audit", "verify", passphrase=ADMIN_PASS), code=3)
    # The answer was used: it opens nothing any more.
    again = run_cli("recover", "answer", str(answer), "--admin", ADMIN, user=None,
                    passphrase=None, env={"FIELDREG_NEW_PASSPHRASE": "yet another passphrase"})
    assert "already used" in one_line_error(again)
    ok(run_cli("audit", "verify", passphrase=NEW_PASS))


def test_recovery_with_the_code_printed_by_init(run_cli: Run, data_dir: Path, tmp_path: Path) -> None:
    made = ok(run_cli("init", "--post-id", "KNG1", "--post-name", "Kong", "--admin", ADMIN,
                      user=None, passphrase=ADMIN_PASS))
    assert made.stdout.splitlines()[0] == f"post KNG1 ready in {data_dir}; administrator: {ADMIN}"
    code = the_code(made.stdout)
    regnos = ok(run_cli("register", "-", stdin=jsonl(1))).stdout.split()

    # A wrong code changes nothing.
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    refused = one_line_error(run_cli("recover", "code", "--admin", ADMIN, user=None, passphrase=None,
                                     env={"FIELDREG_RECOVERY_CODE": wrong, "FIELDREG_NEW_PASSPHRASE": NEW_PASS}))
    assert "does not open this post's recovery vault" in refused
    ok(run_cli("audit", "verify"))  # the old passphrase still works

    code_file = tmp_path / "code.txt"
    code_file.write_text(code + "\n")
    done = ok(run_cli("recover", "code", "--admin", ADMIN, "--code-file", str(code_file),
                      user=None, passphrase=None, env={"FIELDREG_NEW_PASSPHRASE": NEW_PASS}))
    assert done.stdout.startswith(f"administrator {ADMIN} has a new passphrase")
    new_code = the_code(done.stdout.splitlines()[1])
    assert new_code != code
    ok(run_cli("show", regnos[0], passphrase=NEW_PASS))
    assert "wrong passphrase" in one_line_error(run_cli("audit", "verify"), code=3)

    # The code is used up; the one shown now works, once; an administrator replaces it.
    one_line_error(run_cli("recover", "code", "--admin", ADMIN, user=None, passphrase=None,
                           env={"FIELDREG_RECOVERY_CODE": code, "FIELDREG_NEW_PASSPHRASE": "third passphrase 1"}))
    replaced = ok(run_cli("recover", "new-code", passphrase=NEW_PASS))
    newest = the_code(replaced.stdout)
    one_line_error(run_cli("recover", "code", "--admin", ADMIN, user=None, passphrase=None,
                           env={"FIELDREG_RECOVERY_CODE": new_code,
                                "FIELDREG_NEW_PASSPHRASE": "third passphrase 1"}))
    ok(run_cli("recover", "code", "--admin", ADMIN, user=None, passphrase=None,
               env={"FIELDREG_RECOVERY_CODE": newest, "FIELDREG_NEW_PASSPHRASE": "third passphrase 1"}))
    ok(run_cli("show", regnos[0], passphrase="third passphrase 1"))
    verify = ok(run_cli("audit", "verify", passphrase="third passphrase 1"))
    assert verify.stdout.startswith("audit log intact")
