"""The post side of batches (``session.batches``): pending records, the atomic export and
its failures, re-export, receipts. Real stores, real HQ keys, real files in tmp_path; failures of
the medium are simulated at the os level (we run as root in CI, where permissions do not bite).
"""

from __future__ import annotations

import base64
import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldreg.batches import NO_PREVIOUS, ReadBatch, issue_receipt, read_batch
from fieldreg.errors import (
    AuthError,
    CorruptData,
    InvalidInput,
    NotFound,
    PermissionDenied,
    StorageError,
)
from fieldreg.keys import HqDir
from fieldreg.keys.documents import sign_document
from fieldreg.model import iso_utc, utcnow
from fieldreg.regno import RegNo
from fieldreg.sqlitedb import transaction
from fieldreg.station.batches import BATCHES_DIRNAME
from fieldreg.station.demo import demo_household
from fieldreg.station.enrollment import create_camp
from fieldreg.station.session import Session
from fieldreg.store import SCHEMA_VERSION, registry
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, HQ_PASS, household, make_user

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(40))).decode("ascii")


def register(session: Session, **overrides: Any) -> str:
    return session.households.register(parse_household(household(**overrides)))


def outbox(session: Session) -> list[tuple[int, int | None]]:
    return session.store.db.execute("SELECT seq, batch FROM outbox ORDER BY seq").fetchall()


def statuses(session: Session) -> list[tuple[int, str]]:
    return [(b.seq, b.status) for b in session.batches.list()]


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def add_decision(session: Session, a: str, b: str, decision: str = "same") -> None:
    ma = session.households.get(a).household.members[0].id
    mb = session.households.get(b).household.members[0].id
    session.store.db.execute(
        "INSERT INTO duplicate_decisions (member_a, member_b, decision, decided_at, decided_by)"
        " VALUES (?, ?, ?, ?, ?)", (f"{a}/{ma}", f"{b}/{mb}", decision, iso_utc(utcnow()), ADMIN))


def snapshot(previous: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in previous.items() if k not in ("status", "void_reason")}


def fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


def open_batch(path: Path, hq: HqDir) -> tuple[ReadBatch, list[dict[str, Any]]]:
    """Decrypt and check a batch as HQ does; returns the manifest and every record."""
    records: list[dict[str, Any]] = []
    with open(path, "rb") as f:
        batch = read_batch(f, hq.age_identity(), hq_root_public=hq.root_public,
                           on_record=records.append)
    return batch, records


def failing_fsync_under(folder: Path, error: BaseException) -> Callable[[int], None]:
    """os.fsync that fails for files in ``folder`` (a full or pulled stick reports it at fsync)."""
    real = os.fsync

    def fsync(fd: int) -> None:
        if fd_path(fd).startswith(str(folder) + os.sep):
            raise error
        real(fd)

    return fsync


# -- the records and the file -----------------------------------------------------------------


def test_round_trip_every_kind_of_record(post: Session, hq: HqDir, usb: Path) -> None:
    a = register(post)
    b = register(post, notes="second family")
    post.households.correct(a, parse_household(household(notes="notes corrected")), base_version=1,
                            reason="notes were wrong")
    post.households.void(a, reason="registered twice")
    first = post.tokens.issue(b)
    new, revoked = post.tokens.reissue(b, reason="slip lost in the river")
    add_decision(post, a, b)
    audit_before = [e.to_json() for e in post.audit.entries()]

    result = post.batches.export(usb)

    assert result is not None and not result.reused
    assert result.path == usb / "TGR1-000001.frb" and files(usb) == ["TGR1-000001.frb"]
    batch, records = open_batch(result.path, hq)
    m = batch.manifest
    assert (m.post, m.seq, m.prev, m.exporter, m.schema_version) == ("TGR1", 1, NO_PREVIOUS, ADMIN, SCHEMA_VERSION)
    assert batch.manifest_hash.hex() == result.batch.manifest_hash
    assert m.tokens == (bytes.fromhex(first.token_id), bytes.fromhex(new.token_id))
    assert m.counts == {"registration": 2, "correction": 1, "void": 1, "duplicate_decision": 1,
                        "token_revocation": 1, "unreadable": 0, "audit": len(audit_before)}
    assert [r["n"] for r in records] == list(range(1, len(records) + 1))
    data = [r for r in records if r["kind"] != "audit"]
    assert [(r["kind"], r.get("regno"), r.get("version")) for r in data] == [
        ("registration", a, 1), ("registration", b, 1), ("correction", a, 2), ("void", a, 3),
        ("token_revocation", b, None), ("duplicate_decision", None, None)]

    reg_a = post.households.get(a)
    v1, v2 = (snapshot(h.previous) for h in reg_a.history)
    assert v1["notes"] == "arrived with a cart" and v2["notes"] == "notes corrected"
    assert data[0]["household"] == v1 and data[0]["status"] == "active"
    assert data[0]["by"] == ADMIN and data[0]["at"] == iso_utc(reg_a.created_at)
    assert "reason" not in data[0]
    assert data[1]["household"] == post.households.get(b).household.to_json()
    assert data[2]["household"] == v2 and data[2]["reason"] == "notes were wrong"
    assert data[2]["status"] == "active" and data[2]["at"] == iso_utc(reg_a.history[0].replaced_at)
    assert data[3]["household"] == reg_a.household.to_json() == v2
    assert (data[3]["status"], data[3]["reason"]) == ("void", "registered twice")
    revocation = data[4]
    assert (revocation["token_id"], revocation["serial"], revocation["reason"], revocation["by"]) == (
        revoked, 1, "slip lost in the river", ADMIN)
    assert data[5]["member_a"].startswith(a + "/") and data[5]["decision"] == "same"

    audit = [{k: v for k, v in r.items() if k not in ("kind", "n")}
             for r in records if r["kind"] == "audit"]
    assert audit == audit_before  # the whole chain so far, without MACs
    assert m.audit == (1, len(audit_before), bytes.fromhex(audit_before[-1]["hash"]))

    # Marked only now: the batch, its outbox rows, an audit entry without personal data.
    assert statuses(post) == [(1, "exported")]
    assert {batch_no for _, batch_no in outbox(post)} == {1}
    last = post.audit.entries()[-1]
    assert (last.action, last.details["seq"], last.details["records"]) == ("export", 1, len(records))
    assert "Traoré" not in json.dumps(last.details, ensure_ascii=False)
    assert (post.batches.local_dir() / "TGR1-000001.frb").read_bytes() == result.path.read_bytes()


def test_household_json_is_exactly_the_models(post: Session, hq: HqDir, usb: Path) -> None:
    """The exporter builds household JSON from stored values; it must equal Household.to_json()."""
    full = household(arrived_at="2026-11-20T08:30:00Z", travel_mode="à pied")
    full.pop("arrival_date")
    full["members"][0].update(other_names="Ami", photo=PNG, languages=["bm", "ff", "fr"],
                              specific_needs=["SM", "DS"])
    full["members"][1].update(documents=[{"type": "birth_certificate", "number": "B-1"},
                                         {"type": "other", "number": "X 2"}], phone="+225 01")
    full["members"].append({"given_names": "نور", "family_name": "ߞߏߣߋ", "sex": "X",
                            "birth_year": 1950, "relationship": "parent"})
    bare = {"arrival_date": "2026-11-19", "origin": {"country": "BFA"}, "consent": False,
            "members": [{"given_names": "Ali", "family_name": "Sawadogo", "sex": "M",
                         "birth_date": "1980-02-29", "relationship": "head"}]}
    regnos = [post.households.register(parse_household(obj)) for obj in (full, bare)]
    result = post.batches.export(usb)
    assert result is not None
    _, records = open_batch(result.path, hq)
    exported = {r["regno"]: r["household"] for r in records if r["kind"] == "registration"}
    for regno in regnos:
        assert exported[regno] == post.households.get(regno).household.to_json()
    assert exported[regnos[0]]["members"][0]["photo"] == PNG


def test_next_batch_chains_to_the_previous_and_carries_only_what_is_new(
    post: Session, hq: HqDir, usb: Path,
) -> None:
    a = register(post)
    first = post.batches.export(usb)
    assert first is not None
    b = register(post)
    token = post.tokens.issue(a)  # a slip: the token travels in the next manifest
    second = post.batches.export(usb)
    assert second is not None and second.batch.seq == 2
    one, records_one = open_batch(first.path, hq)
    two, records_two = open_batch(second.path, hq)
    assert two.manifest.prev == one.manifest_hash
    assert [r["regno"] for r in records_two if r["kind"] == "registration"] == [b]
    assert two.manifest.tokens == (bytes.fromhex(token.token_id),)
    audit_one = [r for r in records_one if r["kind"] == "audit"]
    audit_two = [r for r in records_two if r["kind"] == "audit"]
    assert audit_two[0]["seq"] == audit_one[-1]["seq"] + 1
    assert audit_two[0]["prev_hash"] == audit_one[-1]["hash"]
    assert any(r["action"] == "export" and r["details"]["seq"] == 1 for r in audit_two)
    assert files(usb) == ["TGR1-000001.frb", "TGR1-000002.frb"]


def test_issued_slips_alone_make_a_batch(post: Session, hq: HqDir, usb: Path) -> None:
    regno = register(post)
    assert post.batches.export(usb) is not None
    token = post.tokens.issue(regno)
    result = post.batches.export(usb)
    assert result is not None
    batch, _ = open_batch(result.path, hq)
    assert batch.manifest.tokens == (bytes.fromhex(token.token_id),)
    assert batch.manifest.counts["registration"] == 0 and batch.manifest.counts["audit"] > 0


def test_nothing_pending(post: Session, usb: Path) -> None:
    assert post.batches.export(usb) is None  # a new post: audit entries (init, login) alone are no batch
    register(post)
    assert post.batches.export(usb) is not None
    again = post.station.unlock(ADMIN, ADMIN_PASS)  # another login: one more audit entry
    assert again.batches.export(usb) is None
    assert statuses(post) == [(1, "exported")] and files(usb) == ["TGR1-000001.frb"]


def test_progress_is_reported_per_thousand_records(post: Session, usb: Path) -> None:
    a, b = register(post), register(post)
    for _ in range(1200):
        add_decision(post, a, b, "different")
    seen: list[tuple[int, int]] = []
    result = post.batches.export(usb, progress=lambda done, total: seen.append((done, total)))
    assert result is not None
    assert seen == [(1000, result.batch.records)] and result.batch.records > 1200


# -- failures: nothing marked, nothing that looks complete, the same batch next time ------------


def test_vanished_target_keeps_the_prepared_batch_and_the_retry_reuses_it(
    post: Session, hq: HqDir, usb: Path, tmp_path: Path,
) -> None:
    a = register(post)
    missing = tmp_path / "stick-pulled"
    with pytest.raises(StorageError, match="does not exist"):
        post.batches.export(missing)
    [prepared] = post.batches.list()
    assert prepared.status == "prepared" and outbox(post) == [(1, None)]
    register(post)  # made after the batch was prepared: not in it
    result = post.batches.export(usb)
    assert result is not None and result.reused
    assert result.batch.manifest_hash == prepared.manifest_hash
    assert result.batch.batch_id == prepared.batch_id
    _, records = open_batch(result.path, hq)
    assert [r["regno"] for r in records if r["kind"] == "registration"] == [a]
    assert outbox(post) == [(1, 1), (2, None)]
    following = post.batches.export(usb)
    assert following is not None and following.batch.seq == 2
    assert outbox(post) == [(1, 1), (2, 2)]


def test_full_stick_leaves_no_file_and_marks_nothing(
    post: Session, usb: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(post)
    monkeypatch.setattr(os, "fsync", failing_fsync_under(usb, OSError(errno.ENOSPC, "No space")))
    with pytest.raises(StorageError, match=r"not enough space.*run the export again"):
        post.batches.export(usb)
    monkeypatch.undo()
    assert files(usb) == []  # neither the .frb nor the temporary file
    [prepared] = post.batches.list()
    assert prepared.status == "prepared" and outbox(post) == [(1, None)]
    result = post.batches.export(usb)
    assert result is not None and result.reused
    assert result.batch.manifest_hash == prepared.manifest_hash
    assert files(usb) == ["TGR1-000001.frb"] and statuses(post) == [(1, "exported")]


def test_copy_that_reads_back_differently_is_removed(
    post: Session, hq: HqDir, usb: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(post)

    def faulty_medium(fd: int, offset: int, length: int, advice: int) -> None:
        # The stick returns other bytes than were written: flip one before the read-back.
        path = fd_path(fd)
        if path.startswith(str(usb) + os.sep):
            with open(path, "r+b") as f:
                f.seek(100)
                byte = f.read(1)[0]
                f.seek(100)
                f.write(bytes([byte ^ 1]))

    monkeypatch.setattr(os, "posix_fadvise", faulty_medium)
    with pytest.raises(StorageError, match="does not read back correctly"):
        post.batches.export(usb)
    monkeypatch.undo()
    assert files(usb) == [] and statuses(post) == [(1, "prepared")]
    result = post.batches.export(usb)
    assert result is not None
    open_batch(result.path, hq)  # the retry's copy is whole


def test_interrupted_copy_leaves_no_file_that_looks_complete(
    post: Session, usb: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(post)
    monkeypatch.setattr(os, "fsync", failing_fsync_under(usb, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        post.batches.export(usb)
    monkeypatch.undo()
    assert files(usb) == [] and statuses(post) == [(1, "prepared")]
    killed = usb / ".TGR1-000001.frb.4242.0badf00d.tmp"  # what a killed copy leaves
    killed.write_bytes(b"half a batch")
    assert post.batches.export(usb) is not None
    assert files(usb) == ["TGR1-000001.frb"]


def test_interrupted_prepare_leaves_no_batch(
    post: Session, data_dir: Path, usb: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    register(post)
    local = data_dir / BATCHES_DIRNAME
    monkeypatch.setattr(os, "fsync", failing_fsync_under(local, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        post.batches.export(usb)
    monkeypatch.undo()
    assert [p for p in files(local) if p != ".export.lock"] == []
    assert post.batches.list() == [] and files(usb) == []
    # What a killed run leaves: a temporary file, or a whole file whose row was never committed.
    (local / ".TGR1-000001.frb.4242.0badf00d.tmp").write_bytes(b"half a batch")
    (local / "TGR1-000001.frb").write_bytes(b"a batch no row records")
    result = post.batches.export(usb)
    assert result is not None and not result.reused and result.batch.seq == 1
    assert files(local) == [".export.lock", "TGR1-000001.frb"]
    assert (local / "TGR1-000001.frb").read_bytes() == result.path.read_bytes()


def test_a_different_file_of_the_same_name_is_never_overwritten(post: Session, usb: Path) -> None:
    register(post)
    (usb / "TGR1-000001.frb").write_bytes(b"someone else's file")
    with pytest.raises(InvalidInput, match="already exists and is a different file"):
        post.batches.export(usb)
    assert (usb / "TGR1-000001.frb").read_bytes() == b"someone else's file"
    assert statuses(post) == [(1, "prepared")] and outbox(post) == [(1, None)]
    (usb / "TGR1-000001.frb").unlink()
    assert post.batches.export(usb) is not None


def test_a_verified_copy_left_by_an_interrupted_run_is_accepted(post: Session, usb: Path,
                                                                tmp_path: Path) -> None:
    """Copied and renamed, then the program died before marking: the same file is found."""
    register(post)
    with pytest.raises(StorageError):
        post.batches.export(tmp_path / "missing")
    shutil.copyfile(post.batches.local_dir() / "TGR1-000001.frb", usb / "TGR1-000001.frb")
    result = post.batches.export(usb)
    assert result is not None and result.reused and statuses(post) == [(1, "exported")]


def test_damaged_or_missing_local_copy_is_never_replaced_by_another_batch(
    post: Session, usb: Path, tmp_path: Path,
) -> None:
    register(post)
    with pytest.raises(StorageError):
        post.batches.export(tmp_path / "missing")
    local = post.batches.local_dir() / "TGR1-000001.frb"
    good = local.read_bytes()
    local.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    with pytest.raises(CorruptData, match=r"copy of batch 1 .* is damaged"):
        post.batches.export(usb)
    local.unlink()
    with pytest.raises(CorruptData, match=r"copy of batch 1 .* is missing"):
        post.batches.export(usb)
    assert files(usb) == [] and statuses(post) == [(1, "prepared")]
    local.write_bytes(good)
    assert post.batches.export(usb) is not None


def test_one_export_at_a_time(post: Session, data_dir: Path, usb: Path) -> None:
    import fcntl

    register(post)
    (data_dir / BATCHES_DIRNAME).mkdir()
    with open(data_dir / BATCHES_DIRNAME / ".export.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(InvalidInput, match="another export is running"):
            post.batches.export(usb)
    assert post.batches.list() == []
    assert post.batches.export(usb) is not None


# -- export again -------------------------------------------------------------------------------


def test_export_again_writes_the_same_file(post: Session, usb: Path, tmp_path: Path) -> None:
    register(post)
    first = post.batches.export(usb)
    assert first is not None
    original = first.path.read_bytes()
    first.path.unlink()  # the stick was lost
    other = tmp_path / "other-stick"
    other.mkdir()
    again = post.batches.export_again(1, other)
    assert again.path == other / "TGR1-000001.frb" and again.path.read_bytes() == original
    assert post.batches.export_again(1, other).path == again.path  # already there, identical: fine
    assert post.audit.entries()[-1].action == "export_again"
    with pytest.raises(NotFound, match="no batch 7"):
        post.batches.export_again(7, other)
    (other / "TGR1-000001.frb").write_bytes(b"changed")
    with pytest.raises(InvalidInput, match="different file"):
        post.batches.export_again(1, other)


def test_export_again_refuses_a_batch_not_yet_exported(post: Session, tmp_path: Path) -> None:
    register(post)
    with pytest.raises(StorageError):
        post.batches.export(tmp_path / "missing")
    with pytest.raises(InvalidInput, match="not been exported yet"):
        post.batches.export_again(1, tmp_path)


# -- who and where ------------------------------------------------------------------------------


def test_officers_may_not_export(post: Session, usb: Path) -> None:
    register(post)
    officer = make_user(post, "moussa", "officer")
    supervisor = make_user(post, "fanta", "supervisor")
    # The network outbox's steps (prepare, load_receipt, local_dir) are any user's: "sync"
    # (tests/e2e/test_sync_upload.py); a stick is not.
    for attempt in (lambda: officer.batches.export(usb), lambda: officer.batches.export_again(1, usb),
                    officer.batches.list):
        with pytest.raises(PermissionDenied, match="moussa is signed in as officer and may not export batches"):
            attempt()
    assert post.batches.list() == [] and files(usb) == []
    result = supervisor.batches.export(usb)
    assert result is not None and result.batch.exporter == "fanta"


def test_a_user_who_must_change_the_passphrase_may_not_export(post: Session, usb: Path) -> None:
    post.accounts.add("fanta", role="supervisor", passphrase="fanta first pass")
    with pytest.raises(AuthError, match="new passphrase first"):
        post.station.unlock("fanta", "fanta first pass").batches.export(usb)


def test_post_without_enrollment_is_refused(admin: Session, usb: Path) -> None:
    register(admin)
    with pytest.raises(InvalidInput, match="not enrolled with HQ"):
        admin.batches.export(usb)
    with pytest.raises(InvalidInput, match="not enrolled with HQ"):
        admin.batches.load_receipt(b"x")


def test_camp_is_refused(hq: HqDir, tmp_path: Path, usb: Path) -> None:
    camp = create_camp(tmp_path / "camp", camp_id="CAMP1", camp_name="Camp", admin=ADMIN,
                       trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint,
                       passphrase=ADMIN_PASS, kdf=FAST_KDF).unlock(ADMIN, ADMIN_PASS)
    with pytest.raises(InvalidInput, match="camp"):
        camp.batches.export(usb)


def test_escrow_recipients_can_open_the_batch(post: Session, hq: HqDir, usb: Path) -> None:
    escrow = pyrage.x25519.Identity.generate()
    with transaction(post.store.db) as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('escrow_recipients', ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (json.dumps([str(escrow.to_public())]),))
    register(post)
    result = post.batches.export(usb)
    assert result is not None
    open_batch(result.path, hq)
    inner = pyrage.decrypt(result.path.read_bytes(), [escrow])
    assert inner[257:265] == b"ustar\x0000"  # the archive, opened with the escrow key alone


def test_damaged_escrow_setting_is_refused(post: Session, usb: Path) -> None:
    with transaction(post.store.db) as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('escrow_recipients', ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (json.dumps(["age1notarecipient"]),))
    register(post)
    with pytest.raises(CorruptData, match="not a valid age recipient"):
        post.batches.export(usb)
    assert post.batches.list() == []


# -- receipts -----------------------------------------------------------------------------------


def two_exported(post: Session, usb: Path) -> tuple[bytes, bytes]:
    register(post)
    first = post.batches.export(usb)
    register(post)
    second = post.batches.export(usb)
    assert first is not None and second is not None
    return bytes.fromhex(first.batch.manifest_hash), bytes.fromhex(second.batch.manifest_hash)


def test_receipt_acknowledges_and_prunes_only_acknowledged_batches(
    post: Session, hq: HqDir, usb: Path,
) -> None:
    h1, h2 = two_exported(post, usb)
    register(post)  # pending, in no batch
    result = post.batches.load_receipt(issue_receipt(hq, "TGR1", [(1, h1)]))
    assert (result.acknowledged, result.already, result.pruned) == ((1,), (), 1)
    assert statuses(post) == [(1, "acknowledged"), (2, "exported")]
    assert outbox(post) == [(2, 2), (3, None)]
    both = post.batches.load_receipt(issue_receipt(hq, "TGR1", [(1, h1), (2, h2)]))
    assert (both.acknowledged, both.already, both.pruned) == ((2,), (1,), 1)
    assert outbox(post) == [(3, None)]
    entry = post.audit.entries()[-1]
    assert entry.action == "receipt_load" and entry.details["acknowledged"] == [2]
    assert post.batches.export(usb) is not None  # the rest goes on as before


def test_outbox_numbers_freed_by_a_receipt_may_return_and_every_row_still_travels_once(
    post: Session, hq: HqDir, usb: Path, tmp_path: Path,
) -> None:
    """Since 0008_leaner_outbox the outbox has no AUTOINCREMENT: once a receipt has pruned
    every row, the next row is seq 1 again, below earlier batches' ``outbox_to``. Only the
    prepared batch's ``outbox_to`` is ever used, and its rows stay until it is exported."""
    h1, h2 = two_exported(post, usb)
    post.batches.load_receipt(issue_receipt(hq, "TGR1", [(1, h1), (2, h2)]))
    assert outbox(post) == []
    c = register(post)
    assert outbox(post) == [(1, None)]  # batch 1 covered outbox rows up to 1 too
    with pytest.raises(StorageError):
        post.batches.export(tmp_path / "missing")  # batch 3 prepared, not exported
    d = register(post)  # made after the batch was prepared: not in it
    third = post.batches.export(usb)
    assert third is not None and third.reused and third.batch.seq == 3
    assert [r["regno"] for r in open_batch(third.path, hq)[1] if r["kind"] == "registration"] == [c]
    assert outbox(post) == [(1, 3), (2, None)]
    fourth = post.batches.export(usb)
    assert fourth is not None and fourth.batch.seq == 4
    assert [r["regno"] for r in open_batch(fourth.path, hq)[1] if r["kind"] == "registration"] == [d]
    assert outbox(post) == [(1, 3), (2, 4)]


def test_receipt_with_another_manifest_for_a_number_acknowledges_nothing(
    post: Session, hq: HqDir, usb: Path,
) -> None:
    h1, _ = two_exported(post, usb)
    result = post.batches.load_receipt(issue_receipt(hq, "TGR1", [(1, bytes(32)), (2, h1), (5, h1)]))
    assert result.acknowledged == () and result.mismatched == (1, 2) and result.unknown == (5,)
    assert statuses(post) == [(1, "exported"), (2, "exported")]
    assert outbox(post) == [(1, 1), (2, 2)]


def test_receipt_for_another_post_is_refused(post: Session, hq: HqDir, usb: Path) -> None:
    h1, _ = two_exported(post, usb)
    with pytest.raises(InvalidInput, match="for post NIA1, but this station is post TGR1"):
        post.batches.load_receipt(issue_receipt(hq, "NIA1", [(1, h1)]))
    assert statuses(post) == [(1, "exported"), (2, "exported")]


def test_forged_or_foreign_receipts_are_refused(post: Session, hq: HqDir, usb: Path,
                                                tmp_path: Path) -> None:
    h1, _ = two_exported(post, usb)
    other = HqDir.init(tmp_path / "other-hq", HQ_PASS, kdf=FAST_KDF)
    forged_payload = {"post": "TGR1", "issued_at": 1_800_000_000, "batches": [[1, h1]]}
    genuine = bytearray(issue_receipt(hq, "TGR1", [(1, h1)]))
    genuine[-5] ^= 1  # the signature, altered
    for data in (issue_receipt(other, "TGR1", [(1, h1)]),
                 sign_document("receipt", 1, forged_payload, Ed25519PrivateKey.generate()),
                 bytes(genuine), b"not a receipt"):
        with pytest.raises(CorruptData):
            post.batches.load_receipt(data)
    assert statuses(post) == [(1, "exported"), (2, "exported")]
    assert len(outbox(post)) == 2


def test_receipt_for_a_batch_that_reached_hq_before_it_was_marked(
    post: Session, hq: HqDir, usb: Path, tmp_path: Path,
) -> None:
    """The copy reached the stick but the program died before marking; HQ imported it anyway."""
    register(post)
    with pytest.raises(StorageError):
        post.batches.export(tmp_path / "missing")
    [prepared] = post.batches.list()
    result = post.batches.load_receipt(issue_receipt(hq, "TGR1", [(1, bytes.fromhex(prepared.manifest_hash))]))
    assert result.acknowledged == (1,) and result.pruned == 1
    assert statuses(post) == [(1, "acknowledged")] and outbox(post) == []
    assert post.batches.export(usb) is None


# -- speed ----------------------------------------------------------------------------------


def fill(session: Session, n: int) -> None:
    """n registrations as Households.register stores them (household, outbox row, audit entry), but
    1,000 per transaction: registering one by one (one fsync each) would dominate the test."""
    import random
    from datetime import date, timedelta

    rng = random.Random(7)
    households = [parse_household(demo_household(rng, date(2026, 11, 20) - timedelta(days=rng.randint(0, 90))))
                  for _ in range(n)]
    now = utcnow()
    for start in range(0, n, 1000):
        with transaction(session.store.db) as conn:
            for hh in households[start:start + 1000]:
                seq = registry.next_sequence(conn, 2026)
                regno = str(RegNo.build(session.store.post_id, 2026, seq))
                registry.insert_household(conn, session.cipher, regno=regno, year=2026, seq=seq,
                                          household=hh, actor=session.user, now=now)
                conn.execute("INSERT INTO outbox (kind, subject, version) VALUES ('registration', ?, 1)",
                             (regno,))
                session.audit_on(conn).append(actor=session.user, action="register", subject=regno,
                                           details={"members": len(hh.members)})


@pytest.mark.slow
def test_ten_thousand_households_export_in_one_complete_batch(post: Session, hq: HqDir,
                                                            tmp_path: Path) -> None:
    # Speed is measured in bench/bench_batches.py (docs/benchmarks.md), not here.
    fill(post, 10_000)
    target = tmp_path / "usb"
    target.mkdir()
    result = post.batches.export(target)
    assert result is not None and result.batch.counts["registration"] == 10_000
    batch, records = open_batch(result.path, hq)
    assert batch.records == len(records) == result.batch.records
