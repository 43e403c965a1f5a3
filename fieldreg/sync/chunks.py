"""How much of a batch one tus PATCH carries: a *chunk*, sized to the link (docs/formats/sync.md §5.3).

    sizer = ChunkSizer()
    size = sizer.size                      # the first chunk: FIRST_CHUNK bytes
    sizer.learn(size, seconds=4.1)         # a chunk HQ acknowledged: the next fits the link

The client sends a batch as a series of PATCH requests and waits for HQ's 204
after each, so after a cut it sends again at most the chunk HQ had not
acknowledged (HQ keeps every byte that reached it, so usually less). A chunk
lasts about ``SECONDS`` at the throughput the last acknowledged chunk showed:
long enough that a PATCH's own cost (about 1.5 KB of signed headers, the answer,
a round trip and HQ's fsync: a few tenths of a second on a 64 kbit/s link) stays
a few per cent of the time, short enough that a 5 MB batch on a 2G link needs
dozens of them. The floor keeps the headers small beside the body on the
slowest links; the ceiling bounds what a cut on a fast link can send twice.
"""

from __future__ import annotations

from dataclasses import dataclass

SECONDS = 10.0  # a chunk lasts about this long on the link as last measured
FIRST_CHUNK = 32 * 1024  # before anything is measured: 4 s at 64 kbit/s
FLOOR = 16 * 1024  # 1.5 KB of headers stay under a tenth of a chunk
CEILING = 4 * 1024 * 1024
GROWTH = 4  # a chunk is at most this many times the previous one (one fast reading is not a link)


@dataclass
class ChunkSizer:
    seconds: float = SECONDS
    floor: int = FLOOR
    ceiling: int = CEILING
    size: int = FIRST_CHUNK

    def learn(self, sent: int, *, seconds: float) -> None:
        """A chunk of ``sent`` bytes took ``seconds`` from request to HQ's answer."""
        if sent <= 0 or seconds <= 0:
            return
        fitted = int(sent / seconds * self.seconds)
        self.size = max(self.floor, min(self.ceiling, fitted, self.size * GROWTH))
