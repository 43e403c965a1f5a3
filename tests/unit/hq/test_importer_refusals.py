"""What HQ refuses (docs/formats/batch.md §5), with one line each, and that nothing is merged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldreg.hq import ImportResult, Registry, build_report, import_batch
from fieldreg.keys import HqDir

from .builders import T0, PostSim, make_hq, unchecked_batch, unlisted_key
from .conftest import merged, snapshot


def refused(hq: HqDir, registry: Registry, path: Path, reason: str, *, match: str = "",
            held: bool = False) -> ImportResult:
    """Import ``path``, expect a refusal, and check that nothing was merged."""
    before, counts = snapshot(registry), merged(registry)
    revocations = hq.revocation_list().version
    result = import_batch(hq, registry, path)
    assert result.status == "refused", result.line()
    assert result.reason == reason, result.line()
    assert match in result.message
    assert "\n" not in result.line() and result.line().startswith(f"{path.name}: refused: ")
    assert merged(registry) == counts
    assert hq.revocation_list().version == revocations
    if not held:
        assert snapshot(registry) == before
        assert result.held is None
    else:
        assert result.held is not None and result.held.read_bytes() == path.read_bytes()
    return result


# -- step 8: sequence ------------------------------------------------------------------------
def test_fork_same_number_other_content_is_held(hq: HqDir, registry: Registry, post: PostSim,
                                                stick: Path) -> None:
    post.register()
    clone = PostSim(hq, "TGR1", key=post.key)  # a cloned laptop: same key, other records
    assert import_batch(hq, registry, post.batch(stick)).status == "imported"
    clone.register()
    clone.register()
    fork = clone.batch(stick)
    result = refused(hq, registry, fork, "fork", match="HQ already holds a different post TGR1 "
                     "batch 1", held=True)
    assert result.held == hq.path / "held" / f"TGR1-000001-{clone.written[0].manifest_hash[:4].hex()}.frb"
    [row] = registry.held("TGR1")
    assert (row.seq, row.reason, row.path) == (1, "fork", f"held/{result.held.name}")
    again = refused(hq, registry, fork, "fork", match="already held for review", held=True)
    assert again.held == result.held and len(registry.held()) == 1
    report = build_report(registry, trust=hq.trust_list())
    assert report.totals.held == 1
    assert f"  batch 1 held for review (fork): held/{result.held.name}" in report.lines()


def test_batch_not_following_the_previous_one_is_a_fork(hq: HqDir, registry: Registry,
                                                       post: PostSim, stick: Path) -> None:
    post.register()
    import_batch(hq, registry, post.batch(stick))
    post.register()
    refused(hq, registry, post.batch(stick, prev=b"\x01" * 32), "fork",
            match="does not follow the batch 1 HQ holds", held=True)


def test_batch_not_named_by_the_next_one_is_a_fork(hq: HqDir, registry: Registry, post: PostSim,
                                                  stick: Path) -> None:
    clone = PostSim(hq, "TGR1", key=post.key)
    post.register()
    import_batch(hq, registry, post.batch(stick))
    post.register()
    second = post.batch(stick)
    post.register()
    assert import_batch(hq, registry, post.batch(stick)).gaps == "post TGR1: batch 2 missing"
    # Another batch 2 that follows batch 1 correctly, but batch 3 names the real one.
    clone.seq, clone.prev = 1, post.written[0].manifest_hash
    clone.numbers = 5
    clone.register()
    refused(hq, registry, clone.batch(stick), "fork", match="batch 3 HQ holds does not follow",
            held=True)
    assert import_batch(hq, registry, second).status == "imported"


def test_first_batch_naming_a_previous_one_is_damaged(hq: HqDir, registry: Registry,
                                                      post: PostSim, stick: Path) -> None:
    post.register()
    refused(hq, registry, post.batch(stick, prev=b"\x01" * 32), "damaged",
            match="batch 1 has no previous batch")


# -- step 10: conflicts ----------------------------------------------------------------------
def test_same_version_with_other_content_is_a_conflict(hq: HqDir, registry: Registry,
                                                       post: PostSim, stick: Path) -> None:
    regno = post.register()
    import_batch(hq, registry, post.batch(stick))
    original = dict(post.current[regno][1])
    post.correct(regno)
    altered = dict(post.data[0], household={**original, "notes": "rewritten"}, version=1,
                   kind="registration", status="active")
    del altered["reason"]
    post.data.append(altered)
    result = refused(hq, registry, post.batch(stick), "conflict",
                     match=f"conflict: {regno} version 1 differs from what HQ already holds",
                     held=True)
    assert registry.held("TGR1")[0].reason == "conflict" and result.held is not None
    assert registry.household(regno).version == 1


# -- step 6: keys ----------------------------------------------------------------------------
def test_unknown_key(hq: HqDir, registry: Registry, stick: Path) -> None:
    rogue = PostSim(hq, "TGR1", key=unlisted_key(hq, "TGR1"))
    rogue.register()
    refused(hq, registry, rogue.batch(stick), "unknown_key", match="is not in HQ's trust list")


def test_revoked_key(hq: HqDir, registry: Registry, post: PostSim, stick: Path) -> None:
    post.register()
    path = post.batch(stick)
    hq.revoke_key(post.key.key_id, now=T0 + timedelta(days=20))
    refused(hq, registry, path, "revoked_key", match="was revoked on 2026-11-21")


def test_batch_signed_outside_the_key_window(hq: HqDir, registry: Registry, post: PostSim,
                                             stick: Path) -> None:
    post.register()
    refused(hq, registry, post.batch(stick, created_at=T0 - timedelta(days=1)), "unknown_key",
            match="outside its validity")


# -- read_batch's own refusals, reported in one line ---------------------------------------
def test_encrypted_for_another_hq(hq: HqDir, registry: Registry, post: PostSim, stick: Path,
                                  tmp_path: Path) -> None:
    other = make_hq(tmp_path / "other")
    post.register()
    refused(hq, registry, post.batch(stick, recipients=[other.age_recipient]), "not_for_this_hq",
            match="not for this HQ")


def test_manifest_naming_another_hq(hq: HqDir, registry: Registry, post: PostSim, stick: Path,
                                    tmp_path: Path) -> None:
    other = make_hq(tmp_path / "other")
    post.register()
    refused(hq, registry, post.batch(stick, hq_root=other.root_public), "other_hq",
            match="for another HQ")


def test_post_of_another_hq(hq: HqDir, registry: Registry, stick: Path, tmp_path: Path) -> None:
    other = make_hq(tmp_path / "other")
    foreign = PostSim(other, "TGR1")
    foreign.register()
    refused(hq, registry, foreign.batch(stick, recipients=[hq.age_recipient],
                                        hq_root=hq.root_public), "other_hq")


def test_unreadable_file(hq: HqDir, registry: Registry, tmp_path: Path) -> None:
    result = import_batch(hq, registry, tmp_path / "missing.frb")
    assert (result.status, result.reason) == ("refused", "unreadable")
    assert result.line() == "missing.frb: refused: cannot read the file (No such file or directory)"


# -- record shapes ---------------------------------------------------------------------------
@pytest.mark.parametrize(("change", "match"), [
    ({"household": None}, "field 'household' has a wrong type"),
    ({"extra": 1}, "unknown field 'extra'"),
    ({"version": 2}, "a registration is version 1"),
    ({"at": "2026-11-02 08:00"}, "field 'at'"),
    ({"status": "void"}, "field 'status'"),
    ({"by": None}, "field 'by' is missing"),
])
def test_malformed_records_are_damaged(hq: HqDir, registry: Registry, post: PostSim, stick: Path,
                                       change: dict[str, Any], match: str) -> None:
    post.register()
    post.register()
    record = post.data[1]
    for key, value in change.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    if "household" in change:
        match = "field 'household' is missing"
    stick.mkdir()
    path = stick / "TGR1-000001.frb"
    path.write_bytes(unchecked_batch(post))  # write_batch would refuse to write it
    refused(hq, registry, path, "damaged", match=f"record 2 (registration): {match}")


def test_a_batch_written_without_the_writers_checks_imports_when_its_records_are_sound(
        hq: HqDir, registry: Registry, post: PostSim, stick: Path) -> None:
    """So the refusals above are about the changed field, not the hand-made batch."""
    post.register()
    post.register()
    stick.mkdir()
    path = stick / "TGR1-000001.frb"
    path.write_bytes(unchecked_batch(post))
    assert import_batch(hq, registry, path).status == "imported"


# -- step 9: audit chain ---------------------------------------------------------------------
def test_audit_entry_changed_after_hashing(hq: HqDir, registry: Registry, post: PostSim,
                                           stick: Path) -> None:
    post.register()
    post.register()
    post.audit[1]["details"] = {"members": 99}
    refused(hq, registry, post.batch(stick), "audit_chain",
            match="audit chain broken: audit entry 2: its hash does not match its content")


def test_audit_entry_not_following_the_one_before(hq: HqDir, registry: Registry, post: PostSim,
                                                  stick: Path) -> None:
    post.register()
    post.audit_hash = "ab" * 32
    post.register()
    refused(hq, registry, post.batch(stick), "audit_chain",
            match="audit entry 2 does not follow entry 1")


def test_audit_chain_broken_between_batches(hq: HqDir, registry: Registry, post: PostSim,
                                            stick: Path) -> None:
    post.register()
    import_batch(hq, registry, post.batch(stick))
    post.audit_hash = "cd" * 32
    post.register()
    refused(hq, registry, post.batch(stick), "audit_chain",
            match="entry 2 does not follow the entry 1 HQ holds")


def test_audit_entries_left_out_between_batches(hq: HqDir, registry: Registry, post: PostSim,
                                                stick: Path) -> None:
    post.register()
    import_batch(hq, registry, post.batch(stick))
    post.log("login", "agent")
    post.log("print", "agent")
    post.audit.clear()  # the post leaves entries 2 and 3 out of its next batch
    post.register()
    refused(hq, registry, post.batch(stick), "audit_chain", match="entry 2 is missing")


def test_audit_entry_differing_from_the_one_held(hq: HqDir, registry: Registry, post: PostSim,
                                                 stick: Path) -> None:
    post.register()
    post.register()
    import_batch(hq, registry, post.batch(stick))
    held = registry.audit_entries("TGR1")
    post.audit_seq, post.audit_hash = 1, held[0]["hash"]
    post.log("login", "agent")  # a different entry 2
    post.register()
    refused(hq, registry, post.batch(stick), "audit_chain",
            match="entry 2 differs from the one HQ holds")


def test_audit_entry_held_after_not_naming_the_batch(hq: HqDir, registry: Registry,
                                                     post: PostSim, stick: Path) -> None:
    files = []
    for _ in range(3):
        post.register()
        files.append(post.batch(stick))
    import_batch(hq, registry, files[0])
    import_batch(hq, registry, files[2])
    registry.db.execute("UPDATE audit SET prev_hash = ? WHERE seq = 3", ("ef" * 32,))
    refused(hq, registry, files[1], "audit_chain",
            match="the entry 3 HQ holds does not follow entry 2")


def test_first_audit_entry_must_start_the_chain(hq: HqDir, registry: Registry, post: PostSim,
                                                stick: Path) -> None:
    post.audit_hash = "12" * 32
    post.register()
    refused(hq, registry, post.batch(stick), "audit_chain", match="entry 1 names a previous entry")


def test_checks_are_decided_in_the_documented_order(hq: HqDir, registry: Registry,
                                                    post: PostSim, stick: Path) -> None:
    """A batch both forked and conflicting is a fork; revoked and forked is revoked."""
    regno = post.register()
    first = list(post.data)
    import_batch(hq, registry, post.batch(stick))
    changed = [dict(first[0], household={**first[0]["household"], "notes": "other"})]
    fork = post.batch(stick, records=changed, seq=1, prev=bytes(32), advance=False)
    refused(hq, registry, fork, "fork", held=True)
    assert registry.household(regno).household == first[0]["household"]
    other = post.batch(stick, records=changed, seq=1, prev=bytes(32), advance=False)
    hq.revoke_key(post.key.key_id)
    refused(hq, registry, other, "revoked_key")
