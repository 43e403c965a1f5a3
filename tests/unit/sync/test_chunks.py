"""How much of a batch one PATCH carries: about SECONDS of the link, between a floor and a ceiling."""

from __future__ import annotations

from fieldreg.sync.chunks import CEILING, FIRST_CHUNK, FLOOR, GROWTH, SECONDS, ChunkSizer


def test_a_chunk_lasts_about_seconds_of_the_measured_link() -> None:
    sizer = ChunkSizer()
    assert sizer.size == FIRST_CHUNK
    # 64 kbit/s: 8,000 B/s, the first chunk's 32 KiB took 4.1 s with the request's own cost
    sizer.learn(FIRST_CHUNK, seconds=4.1)
    assert sizer.size == int(FIRST_CHUNK / 4.1 * SECONDS)
    assert 70_000 < sizer.size < 90_000
    sizer.learn(sizer.size, seconds=SECONDS)  # the link kept its pace: the size stays
    assert 70_000 < sizer.size < 90_000


def test_the_floor_the_ceiling_and_the_growth_bound_it() -> None:
    sizer = ChunkSizer()
    sizer.learn(1_000, seconds=10.0)  # 100 B/s: the headers would outweigh a 1 KB chunk
    assert sizer.size == FLOOR
    sizer.learn(FLOOR, seconds=0.001)  # one fast reading grows it only GROWTH times
    assert sizer.size == FLOOR * GROWTH
    for _ in range(10):
        sizer.learn(sizer.size, seconds=0.001)
    assert sizer.size == CEILING
    sizer.learn(0, seconds=1.0)  # nothing measured: nothing learnt
    sizer.learn(1_000, seconds=0.0)
    assert sizer.size == CEILING


def test_a_5_mb_batch_on_a_2g_link_takes_many_chunks() -> None:
    for rate in (8_000, 32_000):  # 64 and 256 kbit/s
        sizer, sent, chunks = ChunkSizer(), 0, 0
        while sent < 5_000_000:
            size = sizer.size
            sizer.learn(size, seconds=size / rate + 0.4)  # + headers, round trip, HQ's fsync
            sent, chunks = sent + size, chunks + 1
        assert chunks >= 15, (rate, chunks)
        overhead = 0.4 / (sizer.size / rate)
        assert overhead < 0.06, (rate, overhead)  # the per-request cost: a few per cent
