"""A batch goes up in chunks: after a cut the post hands again at most the chunk HQ had not
acknowledged, and everything arrives once (docs/formats/sync.md §5.3, issue 16 item 7)."""

from __future__ import annotations

from pathlib import Path

from fieldreg.station.session import Session
from fieldreg.sync.chunks import CEILING, FIRST_CHUNK, ChunkSizer
from fieldreg.sync.client import UploadResult
from fieldreg.sync.protocol import BatchId
from tests.e2e.hq_receiver import FaultProxy, HqSite
from tests.e2e.sync_setup import batches_at_hq, client_of, household_versions_at_hq, post_at

RATE = 40_000  # bytes/s: slow enough that the sockets' buffers run ahead of what HQ received


class CutsAt:
    """A progress callback that drops the link when the post has handed these fractions."""

    def __init__(self, proxy: FaultProxy, *fractions: float):
        self.proxy = proxy
        self.pending = list(fractions)
        self.handed_when_cut: list[int] = []

    def __call__(self, done: int, size: int) -> None:
        if self.pending and done >= size * self.pending[0]:
            self.pending.pop(0)
            self.handed_when_cut.append(done)
            self.proxy.cut_now()


def arrived_once(site: HqSite, post: Session, households: int) -> None:
    assert household_versions_at_hq(site) == households
    assert batches_at_hq(site) == [(1, post.batches.list()[0].manifest_hash)]


def assert_at_most_one_chunk_again(result: UploadResult, cuts: int) -> None:
    assert result.status == "imported"
    assert len(result.resumes) == cuts, result.resumes
    for resume in result.resumes:
        assert 0 <= resume.handed_again <= resume.chunk, resume


def test_after_each_cut_at_most_the_unacknowledged_chunk_is_handed_again(
        site: HqSite, proxy: FaultProxy, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url, households=120)
    row = post.batches.prepare()
    assert row is not None and row.file_size > 150_000
    path = post.batches.local_dir() / row.file_name
    chunk = 20_000
    proxy.rate = RATE
    cuts = CutsAt(proxy, 0.3, 0.65)
    with client_of(post, proxy.url) as client:
        result = client.upload(BatchId("TGR1", row.seq, row.sha256), path, progress=cuts,
                               chunks=ChunkSizer(size=chunk, floor=chunk, ceiling=chunk))
    assert proxy.cuts == 2 and cuts.handed_when_cut
    assert_at_most_one_chunk_again(result, cuts=2)
    assert all(resume.chunk == chunk for resume in result.resumes)
    # one PATCH per chunk at least, and one more for each chunk a cut broke off
    assert -(-row.file_size // chunk) <= result.chunks <= -(-row.file_size // chunk) + 2
    assert result.sent - row.file_size <= 2 * chunk
    # the link: the file, at most one chunk again per cut, and the requests' own bytes
    assert proxy.bytes_up - row.file_size <= 2 * chunk + 48 * 1024
    post.sync.run_once()  # loads the receipt
    arrived_once(site, post, 120)


def test_a_round_sends_link_sized_chunks_and_resumes_within_one(
        site: HqSite, proxy: FaultProxy, tmp_path: Path) -> None:
    post = post_at(site, tmp_path / "post", proxy.url, households=160)
    row = post.batches.prepare()
    assert row is not None and row.file_size > 4 * FIRST_CHUNK
    proxy.rate = RATE
    cuts = CutsAt(proxy, 0.5)
    report = post.sync.run_once(progress=lambda seq, done, size: cuts(done, size))
    assert report.problem is None, report.problem
    (_, result), = report.uploads
    assert proxy.cuts == 1
    assert_at_most_one_chunk_again(result, cuts=1)
    assert FIRST_CHUNK <= result.resumes[0].chunk <= CEILING
    assert result.chunks >= 3  # the first chunk is FIRST_CHUNK, the next ones fit the link
    arrived_once(site, post, 160)
