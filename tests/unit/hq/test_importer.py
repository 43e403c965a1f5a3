"""Importing batches at HQ (docs/formats/batch.md §5-6): what is merged, replays, gaps, receipts."""

from __future__ import annotations

from pathlib import Path

from fieldreg.batches.receipt import open_receipt
from fieldreg.hq import Registry, build_report, import_batch
from fieldreg.keys import HqDir

from .builders import PostSim
from .conftest import merged, snapshot


def test_import_merges_every_kind(hq: HqDir, registry: Registry, post: PostSim,
                                  stick: Path) -> None:
    a, b, c = post.register(), post.register(), post.register()
    post.correct(a, reason="given name misspelt")
    post.correct(a, reason="birth year")
    post.void(b)
    post.decide(a, c, "same")
    post.revoke_token(a, b"\x07" * 16)
    post.tokens = [b"\x21" * 16, b"\x22" * 16]
    result = import_batch(hq, registry, post.batch(stick))
    assert (result.status, result.post, result.seq, result.gaps) == ("imported", "TGR1", 1, None)
    assert result.records == 8 + 8  # data records + one audit entry each
    assert result.line() == "TGR1-000001.frb: imported 16 records (post TGR1, batch 1)"

    current = registry.household(a)
    assert (current.version, current.kind, current.status) == (3, "correction", "active")
    assert current.reason == "birth year" and current.household == post.current[a][1]
    assert [v.version for v in registry.versions(a)] == [1, 2, 3]
    assert registry.household(b).status == "void"
    assert registry.household(c).version == 1
    assert registry.db.execute("SELECT member_a, member_b, decision, batch_seq FROM"
                               " duplicate_decisions").fetchall() == [(f"{a}/m0", f"{c}/m0",
                                                                       "same", 1)]
    assert [e["seq"] for e in registry.audit_entries("TGR1")] == list(range(1, 9))
    assert registry.db.execute("SELECT COUNT(*) FROM issued_tokens").fetchone()[0] == 2
    assert registry.db.execute("SELECT COUNT(*) FROM staged_audit").fetchone()[0] == 0
    assert registry.db.execute("SELECT COUNT(*) FROM household_versions WHERE batch_seq = 0"
                               ).fetchone()[0] == 0

    totals = build_report(registry, trust=hq.trust_list()).totals
    assert (totals.households_active, totals.households_void) == (2, 1)
    assert totals.members == sum(len(registry.household(r).household["members"]) for r in (a, c))
    assert (totals.registrations, totals.corrections, totals.voids) == (3, 2, 1)
    assert (totals.token_revocations, totals.audit_entries, totals.batches) == (1, 8, 1)


def test_token_revocations_reach_the_revocation_list_once(hq: HqDir, registry: Registry,
                                                         post: PostSim, stick: Path) -> None:
    regno = post.register()
    post.revoke_token(regno, b"\x07" * 16)
    version = hq.revocation_list().version
    path = post.batch(stick)
    import_batch(hq, registry, path)
    listed = hq.revocation_list()
    assert b"\x07" * 16 in listed and listed.version == version + 1
    assert registry.db.execute("SELECT list_version FROM token_revocations").fetchone()[0] == \
        listed.version
    assert import_batch(hq, registry, path).status == "already_imported"
    assert hq.revocation_list().version == listed.version
    # HQ already revoked that token by hand: no new list for it.
    post.revoke_token(regno, b"\x08" * 16)
    hq.revoke_tokens([b"\x08" * 16])
    before = hq.revocation_list().version
    assert import_batch(hq, registry, post.batch(stick)).status == "imported"
    assert hq.revocation_list().version == before


def test_replay_is_already_imported_and_changes_nothing(hq: HqDir, registry: Registry,
                                                       post: PostSim, stick: Path) -> None:
    post.register()
    path = post.batch(stick)
    first = import_batch(hq, registry, path)
    before = snapshot(registry)
    receipt_before = first.receipt.read_bytes() if first.receipt else b""
    again = import_batch(hq, registry, path)
    assert again.status == "already_imported" and not again.refused
    assert again.line() == "TGR1-000001.frb: already imported (post TGR1, batch 1)"
    assert snapshot(registry) == before
    assert again.receipt == first.receipt and receipt_before  # rewritten for a post that lost it


def test_gap_is_reported_and_the_batch_still_applied(hq: HqDir, registry: Registry,
                                                     post: PostSim, stick: Path) -> None:
    files = []
    for _ in range(6):
        post.register()
        files.append(post.batch(stick))
    assert import_batch(hq, registry, files[0]).gaps is None
    assert import_batch(hq, registry, files[1]).gaps is None
    late = import_batch(hq, registry, files[5])
    assert late.status == "imported"
    assert late.gaps == "post TGR1: batches 3–5 missing"
    assert late.line().endswith("; post TGR1: batches 3–5 missing")
    sixth = list(post.current)[5]
    assert registry.household(sixth).batch_seq == 6
    assert import_batch(hq, registry, files[3]).gaps == "post TGR1: batches 3, 5 missing"
    report = build_report(registry, trust=hq.trust_list())
    assert report.posts[0].missing == [3, 5]
    assert "  post TGR1: batches 3, 5 missing" in report.lines()
    import_batch(hq, registry, files[2])
    assert import_batch(hq, registry, files[4]).gaps is None
    assert registry.missing("TGR1") == []


def test_receipt_lists_every_batch_held(hq: HqDir, registry: Registry, post: PostSim,
                                        stick: Path, tmp_path: Path) -> None:
    post.register()
    first = post.batch(stick)
    post.register()
    second = post.batch(stick)
    import_batch(hq, registry, first)
    result = import_batch(hq, registry, second, receipts_dir=tmp_path / "out")
    assert result.receipt == tmp_path / "out" / "receipt-TGR1.cose"
    receipt = open_receipt(result.receipt.read_bytes(), root_public=hq.root_public)
    assert receipt.post == "TGR1"
    for written in post.written:
        assert receipt.acknowledges(written.manifest.seq, written.manifest_hash)
    assert (hq.path / "receipts" / "receipt-TGR1.cose").exists()  # from the first import


def test_same_records_again_in_a_later_batch_change_nothing(hq: HqDir, registry: Registry,
                                                            post: PostSim, stick: Path) -> None:
    regno = post.register()
    repeated = list(post.data)
    import_batch(hq, registry, post.batch(stick))
    path = post.batch(stick, records=repeated)
    assert import_batch(hq, registry, path).status == "imported"
    assert [v.batch_seq for v in registry.versions(regno)] == [1]


def test_posts_are_kept_apart(hq: HqDir, registry: Registry, stick: Path) -> None:
    tgr, nia = PostSim(hq, "TGR1"), PostSim(hq, "NIA")
    for sim in (tgr, nia, tgr):
        sim.register()
        assert import_batch(hq, registry, sim.batch(stick)).gaps is None
    report = build_report(registry, trust=hq.trust_list())
    assert [(p.post, p.batches, p.last_seq) for p in report.posts] == [("NIA", 1, 1),
                                                                       ("TGR1", 2, 2)]
    assert len(registry.audit_entries("TGR1")) == 2 and len(registry.audit_entries("NIA")) == 1


def test_report_lists_enrolled_posts_without_batches(hq: HqDir, registry: Registry) -> None:
    hq.enroll_post("KNG")
    report = build_report(registry, trust=hq.trust_list())
    assert report.lines()[0] == "post KNG: no batch received yet"
    assert report.to_json()["posts"][0] == {
        "post": "KNG", "batches": 0, "last_seq": None, "last_import": None, "missing": [],
        "held": [], "households": 0, "gaps": None, "missing_numbers": [], "alerts": [],
        "number_gaps": None, "accounts": {"pinned_batch": None, "flags": []}, "held_records": 0}


def test_progress_is_reported(hq: HqDir, registry: Registry, post: PostSim, stick: Path) -> None:
    for _ in range(1200):
        post.register()
    seen: list[int] = []
    result = import_batch(hq, registry, post.batch(stick), progress=seen.append)
    assert result.records == 2400 and seen == [1000, 2000]
    assert merged(registry)["household_versions"] == 1200


def test_receipt_that_cannot_be_written_is_reported_not_fatal(hq: HqDir, registry: Registry,
                                                              post: PostSim, stick: Path,
                                                              tmp_path: Path) -> None:
    post.register()
    path = post.batch(stick)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the receipts folder should be")
    result = import_batch(hq, registry, path, receipts_dir=blocked)
    assert result.status == "imported" and result.receipt is None
    assert result.line().startswith("TGR1-000001.frb: imported 2 records (post TGR1, batch 1); "
                                    "receipt not written: ")
    assert "\n" not in result.line()
    again = import_batch(hq, registry, path, receipts_dir=tmp_path / "receipts")
    assert again.status == "already_imported" and again.receipt is not None
