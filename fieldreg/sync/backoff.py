"""Exponential back-off with full jitter (each wait drawn between 0 and the growing cap).

    backoff = Backoff(base=0.5, cap=300)
    wait = backoff.next(retry_after=None)   # 0..0.5 s, then 0..1, 0..2 ... up to 0..300 s
    backoff.reset()                         # after progress: the next failure waits little again

Full jitter keeps fifty posts that lost the same link from all coming back in
the same second. A server's ``Retry-After`` is a floor, never shortened.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 0.5
    cap: float = 300.0
    attempt: int = 0
    _random: random.Random = field(default_factory=random.Random, repr=False)

    def next(self, *, retry_after: float | None = None) -> float:
        ceiling = min(self.cap, self.base * (2 ** self.attempt))
        self.attempt = min(self.attempt + 1, 30)
        wait = self._random.uniform(0, ceiling)
        return max(wait, retry_after or 0.0)

    def reset(self) -> None:
        self.attempt = 0
