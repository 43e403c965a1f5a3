"""``fieldreg hq import`` and ``fieldreg hq report`` as HQ runs them: real batch files, real SQLite.

Batches come from a simulated post writing real files with ``write_batch``
(tests/unit/hq/builders.py); bad ones are made by flipping, cutting or
re-packing them. Every bad file is refused with one line, a non-zero exit, and
nothing of it merged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest

from fieldreg.batches.manifest import MANIFEST_NAME
from fieldreg.batches.receipt import open_receipt
from fieldreg.keys import HqDir, open_enrollment
from tests.unit.hq.builders import (
    HQ_PASSPHRASE,
    PostSim,
    make_hq,
    repack,
    unlisted_key,
    unpack,
)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    full.update({"FIELDREG_HQ_PASSPHRASE": HQ_PASSPHRASE, "QT_QPA_PLATFORM": "offscreen"})
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "fieldreg", *args], capture_output=True,
                          text=True, env=full, timeout=120, check=False)


def report(hq: HqDir) -> dict:  # type: ignore[type-arg]
    result = cli("hq", "report", "--dir", str(hq.path), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_import_folder_report_and_receipt(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    post = PostSim(hq, "TGR1")
    stick = tmp_path / "stick"
    for _ in range(3):
        regno = post.register()
        post.register()
        post.correct(regno)
        post.batch(stick)
    result = cli("hq", "import", "--dir", str(hq.path), str(stick), "--receipts", str(stick))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        f"TGR1-00000{i}.frb: imported 6 records (post TGR1, batch {i})" for i in (1, 2, 3)
    ] + [f"receipt for post TGR1: {stick / 'receipt-TGR1.cose'} (take it back to the post)"]
    assert result.stderr == ""
    receipt = open_receipt((stick / "receipt-TGR1.cose").read_bytes(), root_public=hq.root_public)
    assert [seq for seq, _ in receipt.batches] == [1, 2, 3]
    assert all(receipt.acknowledges(w.manifest.seq, w.manifest_hash) for w in post.written)

    data = report(hq)
    assert data["totals"]["households_active"] == 6 and data["totals"]["corrections"] == 3
    assert data["totals"]["audit_entries"] == 9 and data["totals"]["batches"] == 3
    assert data["posts"][0]["post"] == "TGR1" and data["posts"][0]["last_seq"] == 3
    text = cli("hq", "report", "--dir", str(hq.path)).stdout
    assert text.startswith("post TGR1: 3 batches (highest number 3), last import ")
    assert "households: 6 active, 0 void" in text


def test_replay_gap_and_fork(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    post = PostSim(hq, "TGR1")
    clone = PostSim(hq, "TGR1", key=post.key)
    stick = tmp_path / "stick"
    files = []
    for _ in range(3):
        post.register()
        files.append(post.batch(stick))
    clone.register()
    clone.register()
    fork = clone.batch(tmp_path / "clone")

    first = cli("hq", "import", "--dir", str(hq.path), str(files[0]), str(files[2]))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[1] == (
        "TGR1-000003.frb: imported 2 records (post TGR1, batch 3); post TGR1: batch 2 missing")
    before = report(hq)
    again = cli("hq", "import", "--dir", str(hq.path), str(files[0]))
    assert again.returncode == 0
    assert again.stdout.splitlines()[0] == "TGR1-000001.frb: already imported (post TGR1, batch 1)"
    assert report(hq)["totals"] == before["totals"]

    forked = cli("hq", "import", "--dir", str(hq.path), str(fork))
    assert forked.returncode == 1
    [line] = forked.stdout.splitlines()
    assert line.startswith("TGR1-000001.frb: refused: fork: HQ already holds a different post "
                           "TGR1 batch 1")
    assert forked.stderr == "fieldreg: 1 of 1 batch file(s) refused; nothing of them was merged\n"
    after = report(hq)
    assert after["totals"] == {**before["totals"], "held": 1}
    [held] = after["posts"][0]["held"]
    assert held["reason"] == "fork" and (hq.path / held["path"]).read_bytes() == fork.read_bytes()
    assert after["posts"][0]["gaps"] == "post TGR1: batch 2 missing"


def _flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1:]


def _bad_file(kind: str, hq: HqDir, tmp_path: Path) -> bytes:
    post = PostSim(hq, "TGR1")
    post.register()
    if kind == "flipped byte":
        data, _ = post.batch_bytes()
        return _flip(data, len(data) // 2)
    if kind == "truncated":
        data, _ = post.batch_bytes()
        return data[: len(data) - 100]
    if kind == "manifest of another batch":
        first, _ = post.batch_bytes()
        post.register()
        second, _ = post.batch_bytes()
        manifest = dict(unpack(hq, second))[MANIFEST_NAME]
        return repack(hq.age_recipient, [(n, manifest if n == MANIFEST_NAME else c)
                                         for n, c in unpack(hq, first)])
    if kind == "revoked key":
        data, _ = post.batch_bytes()
        hq.revoke_key(post.key.key_id)
        return data
    if kind == "unknown key":
        rogue = PostSim(hq, "TGR1", key=unlisted_key(hq, "TGR1"))
        rogue.register()
        return rogue.batch_bytes()[0]
    other = make_hq(tmp_path / "other")
    if kind == "encrypted to another HQ":
        return post.batch_bytes(recipients=[other.age_recipient])[0]
    assert kind == "manifest names another HQ"
    return post.batch_bytes(hq_root=other.root_public)[0]


@pytest.mark.parametrize(("kind", "says"), [
    ("flipped byte", "refused: damaged: "),
    ("truncated", "refused: damaged: "),
    ("manifest of another batch", "refused: damaged: the contents do not match the manifest"),
    ("revoked key", "refused: revoked key: key "),
    ("unknown key", "refused: unknown key: key "),
    ("encrypted to another HQ", "refused: not for this HQ: "),
    ("manifest names another HQ", "refused: for another HQ: this batch was made for another HQ"),
])
def test_bad_batch_is_refused_in_one_line_and_nothing_merged(kind: str, says: str,
                                                             tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    path = tmp_path / "TGR1-000001.frb"
    path.write_bytes(_bad_file(kind, hq, tmp_path))
    revocations = hq.revocation_list().version
    result = cli("hq", "import", "--dir", str(hq.path), str(path))
    assert result.returncode == 1, result.stdout
    [line] = result.stdout.splitlines()
    assert line.startswith(f"TGR1-000001.frb: {says}"), line
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    totals = report(hq)["totals"]
    assert all(v == 0 for v in totals.values()), totals
    assert HqDir.open(hq.path, HQ_PASSPHRASE).revocation_list().version == revocations
    assert not (hq.path / "receipts").exists()


def test_good_and_bad_files_together(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    post = PostSim(hq, "TGR1")
    post.register()
    good = post.batch(tmp_path / "stick")
    bad = tmp_path / "TGR1-000002.frb"
    bad.write_bytes(b"not a batch at all")
    result = cli("hq", "import", "--dir", str(hq.path), str(bad), str(good), str(tmp_path / "nope.frb"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "TGR1-000002.frb: refused: damaged: the file is damaged or incomplete (decryption failed)",
        "TGR1-000001.frb: imported 2 records (post TGR1, batch 1)",
        "nope.frb: refused: cannot read the file (No such file or directory)",
    ]
    assert "2 of 3 batch file(s) refused" in result.stderr
    assert report(hq)["totals"]["batches"] == 1


def test_wrong_passphrase_and_empty_folder(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    (tmp_path / "empty").mkdir()
    result = cli("hq", "import", "--dir", str(hq.path), str(tmp_path / "empty"))
    assert result.returncode == 1 and "holds no batch file" in result.stderr
    result = cli("hq", "report", "--dir", str(hq.path), env={"FIELDREG_HQ_PASSPHRASE": "wrong one"})
    assert result.returncode == 3 and result.stderr.count("\n") == 1
    assert not (hq.path / "registry.db").exists()


def test_init_with_escrow_recipients(tmp_path: Path) -> None:
    escrow = [str(pyrage.x25519.Identity.generate().to_public()) for _ in range(2)]
    bad = cli("hq", "init", "--dir", str(tmp_path / "bad"), "--escrow", "AGE-SECRET-KEY-1XYZ")
    assert bad.returncode == 1 and "is not an age public key" in bad.stderr
    assert not (tmp_path / "bad").exists()
    result = cli("hq", "init", "--dir", str(tmp_path / "hq"), "--escrow", escrow[0],
                 "--escrow", escrow[1])
    assert result.returncode == 0, result.stderr
    assert "2 escrow recipient(s)" in result.stdout
    out = tmp_path / "tgr1.enroll"
    enrolled = cli("hq", "enroll-post", "--dir", str(tmp_path / "hq"), "--post-id", "TGR1",
                   "--out", str(out))
    assert enrolled.returncode == 0, enrolled.stderr
    phrase = enrolled.stdout.rsplit(": ", 1)[1].strip()
    assert open_enrollment(out.read_bytes(), phrase).escrow_recipients == tuple(escrow)


def test_progress_on_stderr_for_big_batches(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    post = PostSim(hq, "TGR1")
    for _ in range(5000):
        post.register()
    path = post.batch(tmp_path / "stick")
    result = cli("hq", "import", "--dir", str(hq.path), str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "TGR1-000001.frb: 10000 records read...\n"
    assert result.stdout.splitlines()[0] == "TGR1-000001.frb: imported 10000 records (post TGR1, batch 1)"
