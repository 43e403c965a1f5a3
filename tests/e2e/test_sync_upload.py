"""Uploads to the real receiver over loopback: imported once, receipts back, resumes after a cut."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from fieldreg.errors import PermissionDenied
from fieldreg.hq import Registry, import_batch
from fieldreg.hq.server import create_app, publish_enrollment
from fieldreg.keys import key_id_hex, open_enrollment
from fieldreg.model import utcnow
from fieldreg.station.tokens import current_post_key
from fieldreg.sync.client import HqClient
from fieldreg.sync.protocol import BatchId
from tests.e2e.hq_receiver import FaultProxy, HqSite, Server, TlsApp
from tests.e2e.sync_setup import (
    batches_at_hq,
    client_of,
    household_versions_at_hq,
    post_at,
    register,
)


def test_a_round_uploads_imports_and_loads_the_receipt(site: HqSite, server: Server,
                                                       tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    assert post.sync.status().waiting == 3
    report = post.sync.run_once()
    assert report.problem is None and report.reached
    assert [(seq, r.status) for seq, r in report.uploads] == [(1, "imported")]
    assert report.receipt is not None and report.receipt.acknowledged == (1,)
    assert [b.status for b in post.batches.list()] == ["acknowledged"]
    assert batches_at_hq(site) == [(1, post.batches.list()[0].manifest_hash)]
    status = post.sync.status()
    assert status.waiting == 0 and status.last_contact is not None and status.problem is None
    # Nothing new: the next round uploads nothing and re-downloads nothing (304s).
    again = post.sync.run_once()
    assert again.uploads == [] and again.receipt is None and again.loaded == []
    assert "GET /v1/trustlist 304" in server.log_text()
    assert "Traoré" not in server.log_text() and "Aminata" not in server.log_text()


def test_a_cut_at_90_percent_resumes_at_90_percent(site: HqSite, proxy: FaultProxy,
                                                   tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url, households=120)
    row = post.batches.prepare()
    assert row is not None and row.file_size > 150_000
    proxy.cut_after(int(row.file_size * 0.9))
    report = post.sync.run_once()
    assert report.problem is None, report.problem
    (_, result), = report.uploads
    assert result.status == "imported" and proxy.cuts == 1
    # HQ keeps every byte that reached it: lost are only those in flight when the link
    # dropped (at most a TLS record, 16 KiB, and what the proxy held back)
    in_flight = 32 * 1024
    assert len(result.resumed_from) == 2
    assert result.resumed_from[1] >= row.file_size * 0.9 - in_flight
    handshakes_and_headers = 16 * 1024
    assert proxy.bytes_up - row.file_size <= in_flight + handshakes_and_headers
    assert household_versions_at_hq(site) == 120


def test_same_bytes_twice_same_answer_and_receipt(site: HqSite, server: Server,
                                                  tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    post.sync.run_once()
    row = post.batches.list()[0]
    with client_of(post, server.url) as client:
        receipt1, _ = client.fetch("/v1/posts/TGR1/receipt")
        again = client.upload(BatchId("TGR1", 1, row.sha256),
                              post.batches.local_dir() / row.file_name)
        receipt2, _ = client.fetch("/v1/posts/TGR1/receipt")
    assert again.status == "imported" and again.sent == 0
    assert receipt1 == receipt2
    assert len(batches_at_hq(site)) == 1


def test_a_batch_carried_on_a_stick_and_uploaded_is_imported_once(
        site: HqSite, server: Server, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    (tmp_path / "usb").mkdir()
    exported = post.batches.export(tmp_path / "usb")
    assert exported is not None
    with Registry.open(site.hq) as registry:
        assert import_batch(site.hq, registry, exported.path).status == "imported"
    report = post.sync.run_once()
    assert [(s, r.status) for s, r in report.uploads] == [(1, "already_imported")]
    assert report.receipt is not None and report.receipt.acknowledged == (1,)
    assert len(batches_at_hq(site)) == 1 and household_versions_at_hq(site) == 3


def test_two_laptops_claiming_one_post_the_second_batch_is_held(
        site: HqSite, server: Server, tmp_path: Path) -> None:
    first = post_at(site, tmp_path / "a", server.url, households=2)
    second = post_at(site, tmp_path / "b", server.url, households=1)  # same post, another key
    assert first.sync.run_once().problem is None
    report = second.sync.run_once()
    assert [(s, r.status) for s, r in report.uploads] == [(1, "fork")]
    assert report.permanent and report.problem is not None and "batch 1" in report.problem
    assert report.receipt is not None and report.receipt.mismatched == (1,)
    assert [b.status for b in second.batches.list()] == ["prepared"]  # nothing lost at the post
    assert len(list((site.hq.path / "held").glob("TGR1-000001-*.frb"))) == 1
    assert batches_at_hq(site) == [(1, first.batches.list()[0].manifest_hash)]
    assert "fork" in second.sync.status().problem  # type: ignore[operator]


def test_a_post_clock_a_day_fast_is_corrected_from_hq_date(site: HqSite, server: Server,
                                                           tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    client = client_of(post, server.url, clock=lambda: utcnow() + timedelta(days=1))
    report = post.sync.run_once(client=client)
    client.close()
    assert report.problem is None and report.uploads[0][1].status == "imported"
    assert "401 in=0" in server.log_text()  # the first request, before the correction
    assert abs(client.clock_offset + timedelta(days=1)) < timedelta(minutes=1)


def test_an_unknown_post_key_is_refused(site: HqSite, server: Server, tmp_path: Path) -> None:
    other = HqSite.create(tmp_path / "other")  # a post of another HQ, pinned to ours
    stranger = post_at(other, tmp_path / "stranger", server.url)
    with HqClient(server.url, current_post_key(stranger), pins=(site.tls.pin,)) as client:
        report = stranger.sync.run_once(client=client)
    assert report.permanent and "not in HQ's trust list" in (report.problem or "")
    assert batches_at_hq(site) == []


def test_a_slow_import_is_answered_importing_and_the_post_asks_again(site: HqSite,
                                                                     tmp_path: Path) -> None:
    app = create_app(site.hq, import_wait=0.0)  # every import outlasts the request's wait
    hq = TlsApp(site.tls, app=app)
    try:
        post = post_at(site, tmp_path / "post", f"https://127.0.0.1:{hq.port}", households=20)
        report = post.sync.run_once()
    finally:
        hq.close()
    assert report.problem is None and report.uploads[0][1].status == "imported"
    assert household_versions_at_hq(site) == 20


def test_a_key_rotation_arrives_by_sync_and_the_new_key_signs(site: HqSite, server: Server,
                                                             tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", server.url)
    assert post.sync.run_once().new_key is None
    package = site.hq.enroll_post("TGR1")  # rotation: a new key for the same post
    publish_enrollment(site.hq.path, "TGR1", package.data)
    report = post.sync.run_once()
    assert report.problem is None and report.new_key is not None
    assert report.new_key.read_bytes() == package.data
    assert post.sync.run_once().new_key is None  # fetched once (ETag), not again
    post.trust.enroll(open_enrollment(report.new_key.read_bytes(), package.passphrase))
    register(post, 1)
    report = post.sync.run_once()
    assert report.problem is None and [r.status for _, r in report.uploads] == ["imported"]
    assert f"key={key_id_hex(package.certificate.key.key_id)}" in server.log_text()


def test_an_officers_session_syncs_with_no_supervisor_signed_in(site: HqSite, server: Server,
                                                                tmp_path: Path) -> None:
    admin = post_at(site, tmp_path / "post", server.url)  # the administrator set HQ's address, then left
    admin.accounts.add("agent.kone", role="officer", passphrase="officer test passphrase", must_change=False)
    officer = admin.station.unlock("agent.kone", "officer test passphrase")
    register(officer, 2)
    assert not officer.account.may("export")  # no stick for an officer...
    report = officer.sync.run_once()          # ...but the post's outbox goes to its pinned HQ
    assert report.problem is None and [(s, r.status) for s, r in report.uploads] == [(1, "imported")]
    assert report.receipt is not None and report.receipt.acknowledged == (1,)
    assert household_versions_at_hq(site) == 5
    with pytest.raises(PermissionDenied):
        officer.batches.export(tmp_path)
    with pytest.raises(PermissionDenied):
        officer.sync.configure(url="https://127.0.0.1:1")


def test_a_decision_hq_takes_reaches_the_post_at_its_next_round(site: HqSite, server: Server,
                                                                tmp_path: Path) -> None:
    from fieldreg.hq import decide, write_receipts
    from fieldreg.validation import parse_household
    from tests.unit.station.test_duplicates import _key, _single

    post = post_at(site, tmp_path / "post", server.url, households=0)
    first = post.households.register(parse_household(_single("Amadou", "Traoré", 1988)))
    again = post.households.register(parse_household(_single("Ahmadou", "Trawore", 1989)))
    assert len(post.duplicates.pairs()) == 1
    assert post.sync.run_once().problem is None
    quiet = post.sync.run_once()
    assert quiet.receipt is None  # nothing new at HQ: the receipt is not fetched again (304)

    with Registry.open(site.hq) as registry:
        decide(registry, _key(post, first), _key(post, again), "different", by="hq registry team")
        write_receipts(site.hq, registry, {"TGR1"})
    report = post.sync.run_once()
    assert report.problem is None and report.receipt is not None and report.receipt.decisions == 1
    assert post.duplicates.pairs() == []  # HQ settled it: the post stops proposing it
