"""What every benchmark here shares: alternating rounds, medians, ratios, and a process's own peak memory.

    from common import alternate, median_ratio, peak_mb

    runs = alternate({"subject": lambda: timed(work), "baseline": lambda: timed(plain)},
                     rounds=9)
    print(median(runs["subject"]), median_ratio(runs["subject"], runs["baseline"]))

Why alternate: this machine (2 cores) is shared with other jobs, whose load
comes and goes over seconds. A baseline measured after its subject meets a
different machine; measured in the same rounds, each round's pair meets the
same one, and the median of the per-round ratios cancels most of the noise.
Each round also changes which one goes first, so neither always meets a cold
cache or the tail of the other's work.

Why VmHWM: on Linux a child's ``ru_maxrss`` starts from its parent's: at
``exec`` the kernel keeps the larger of it and the resident size of the
address space being left, which is a copy of the parent's (``fork``) or the
parent's own (``vfork``, which ``subprocess`` uses). A child of a benchmark
that generated a large data set reports the parent's pages.
``VmHWM`` in ``/proc/self/status`` is the high-water mark of the process's own
address space, which ``exec`` starts afresh.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def alternate(subjects: dict[str, Callable[[], T]], *, rounds: int) -> dict[str, list[T]]:
    """Run every subject once per round, the order rotating from round to round.

    Returns each subject's results in round order, so the i-th results of two
    subjects come from the same round (see :func:`median_ratio`).
    """
    names = list(subjects)
    results: dict[str, list[T]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(subjects[name]())
    return results


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes (wall clock)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile (0 < q < 1) by nearest rank: a value that was actually measured."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median_ratio(subject: Sequence[float], baseline: Sequence[float]) -> float:
    """Median of the per-round ratios subject/baseline (both from :func:`alternate`)."""
    return statistics.median(a / b for a, b in zip(subject, baseline, strict=True))


def spread(values: Sequence[float]) -> str:
    """``min–max`` of a few values, for saying how noisy a figure was."""
    return f"{min(values):.2f}–{max(values):.2f}"


def peak_mb() -> float:
    """This process's own peak resident memory in MB (``VmHWM``; Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status: peak memory is measured on Linux only")


def load_average() -> str:
    """The 1-minute load average, to print beside noisy figures."""
    return Path("/proc/loadavg").read_text().split()[0]


def machine() -> str:
    """One line naming the machine, Python and SQLite the figures come from."""
    return (f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, load average {load_average()}")
