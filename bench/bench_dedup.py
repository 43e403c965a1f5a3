"""Duplicate-matcher benchmark (run by hand; figures go to docs/benchmarks.md).

Usage::

    python bench/bench_dedup.py                  # full run (~20 min: the HQ pass over 1,000,000 people)
    python bench/bench_dedup.py --households 10000 --all-pairs-people 100000 --hq-people 0
    python bench/bench_dedup.py --households 0 --all-pairs-people 0 \
        --hq-people 1000000 --hq-baseline-people 100000     # the HQ pass only

Builds a synthetic post register of fictitious households with the evaluation
set's generator (tests/data/dedup/make_eval_set.py: common Malian, Burkinabè and
Ivorian names with a realistic skew, so "Traoré" and "Amadou" are as crowded
as in a real register), 5 % of people registered a second time with the
generator's spelling/typo/drift variants. Then measures:

1. index build time and memory for ``--households`` households;
2. ``DedupIndex.candidates`` per member (full probes, family-name-only probes,
   and prefix probes as typed), median and p95; and, on an index of the first
   100,000 names, 50 probes each alternating with a brute-force
   ``rapidfuzz.process.extract`` WRatio scan of the same names;
3. ``DedupIndex.all_pairs`` over ``--all-pairs-people`` people, against the
   estimated cost of scoring every pair (the cost of one pair measured just
   before and just after the pass);
4. the HQ list (what ``fieldreg hq duplicates`` prints): on
   ``--hq-baseline-people`` people, the blocked pass alone
   (``all_pairs(across_sites=True, same_origin=True)``, the list until issue
   17) and the list ranked by household evidence
   (``fieldreg.dedup.households``, the pass on ``--hq-processes`` processes),
   with how many of the known cross-post re-registrations each lists, its
   precision and the precision of its first 1,000 pairs (``--hq-rounds N``: N
   alternating rounds, median times); on ``--hq-people`` people the ranked
   list alone, with the process's peak memory (VmHWM).

Why the HQ population is shaped as it is: one post's register (items 1-3)
draws on 35 villages, which is what a post sees. HQ's million people do not
come from 35 villages: a national register spans thousands of localities, and
each post receives mostly people from the districts facing it. A flat
population would make every common name collide with every other across the
whole country and so overstate both the pair count and the time. So the HQ
population has 8 posts of unequal size, 8 regions of 300 invented villages
each (names built from common Mande syllables, so many look alike, as real
ones do: -bougou, -dougou...), village sizes skewed within a region, 85 % of
a post's households from its own region; names from the same generator as
above (no regional skew of family names, which would make things worse, not
better). Who registers again (``--hq-model``): by default ("household",
issue 17) 5 % of households, 70 % of them at another post, four times in five
as a household (each member again with probability 0.9) and once in five one
member alone; with "person" (the model of the first HQ figures) 5 % of people,
each alone. Each with the generator's spelling/swap/typo/drift variants and
its origin variants (respelled, missing, or another place).

Prints one table. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import itertools
import os
import platform
import random
import runpy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import alternate, median_ratio  # bench/, first on the path when a script here runs
from rapidfuzz import fuzz, process

from fieldreg.dedup import DedupIndex, Person
from fieldreg.dedup.households import HouseholdEvidence
from fieldreg.dedup.parallel import all_pairs_in_processes
from fieldreg.dedup.profile import build_profile
from fieldreg.dedup.scoring import score_profiles

ROOT = Path(__file__).resolve().parents[1]

GEN = runpy.run_path(str(ROOT / "tests" / "data" / "dedup" / "make_eval_set.py"))
REF_YEAR = GEN["REF_YEAR"]


def rss_mib() -> float:
    """Resident memory of this process (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def to_person(row: dict[str, str], key: str, group: str, site: str = "") -> Person:
    return Person(
        key, row["given"], row["family"], row["other"], row["sex"],
        int(row["year"]) if row["year"] else None, row["estimated"] == "1", row["locality"], group,
        site,
    )


AGAIN_KINDS = ("m_spelling", "m_swapped", "m_typo", "m_drift")


def registered_again(rng: random.Random, row: dict[str, str], kind: str | None = None) -> dict[str, str]:
    """``row``'s person registered again: the generator's drift and origin variants, then one of
    its name variants (``kind``, else drawn after the rest)."""
    again = GEN["second_registration"](rng, row)
    kind = kind or rng.choice(AGAIN_KINDS)
    if kind == "m_spelling":
        again["family"] = GEN["respell"](rng, row["family"])
    elif kind == "m_swapped":
        again["given"], again["family"] = row["family"], row["given"].split()[0]
    elif kind == "m_typo":
        again["given"] = GEN["typo"](rng, row["given"])
    return again


def population(households: int, seed: int) -> tuple[list[Person], list[Person]]:
    """People of ``households`` households, and 5 % re-registrations of them (as probes)."""
    rng = random.Random(seed)
    people: list[Person] = []
    repeats: list[Person] = []
    for h in range(households):
        regno = f"BEN01-26-{h:06d}"
        head = GEN["new_person"](rng)
        members = [head]
        for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5))):
            m = GEN["new_person"](rng)
            m["family"] = head["family"] if rng.random() < 0.8 else m["family"]
            members.append(m)
        for n, row in enumerate(members, start=1):
            people.append(to_person(row, f"{regno}/{n}", regno))
            if rng.random() < 0.05:
                kind = rng.choice(AGAIN_KINDS)
                again = registered_again(rng, row, kind)
                repeats.append(to_person(again, f"NEW-{len(repeats)}/1", f"NEW-{len(repeats)}"))
    return people, repeats


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000.0


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1]


def row(label: str, value: str) -> None:
    print(f"| {label} | {value} |")


def bench_candidates(households: int, probes: int) -> None:
    people, repeats = population(households, seed=11)
    gc.collect()
    before = rss_mib()
    t = time.perf_counter()
    index = DedupIndex(people, ref_year=REF_YEAR)
    build_s = time.perf_counter() - t
    gc.collect()
    mem = rss_mib() - before
    row("households / people indexed", f"{households:,} / {len(people):,}")
    row("index build", f"{build_s:.1f} s ({build_s / len(people) * 1e6:.0f} µs/person)")
    row("index memory (RSS growth)", f"{mem:.0f} MiB ({mem * 2**20 / len(people):.0f} B/person)")

    rng = random.Random(5)
    sample = rng.sample(repeats, min(probes, len(repeats)))
    full = [timed(lambda p=p: index.candidates(p)) for p in sample]
    hits = sum(any(m.a.split("/")[0] != p.group for m in index.candidates(p)) for p in sample[:200])
    family_only = [
        timed(lambda p=p: index.candidates(Person(p.key, "", p.family_name))) for p in sample
    ]
    typing = []
    for p in sample[: probes // 4]:
        for n in range(2, len(p.given_names) + 1):  # given typed letter by letter after the family name
            partial = Person(p.key, p.given_names[:n], p.family_name, sex=p.sex)
            typing.append(timed(lambda q=partial: index.candidates(q, prefix=True)))
    row("candidates, full probe (median / p95)", f"{statistics.median(full):.2f} / {p95(full):.2f} ms")
    row("candidates, family name only (median / p95)",
        f"{statistics.median(family_only):.2f} / {p95(family_only):.2f} ms")
    row("candidates, prefix probe per keystroke (median / p95)",
        f"{statistics.median(typing):.2f} / {p95(typing):.2f} ms")
    row("re-registrations with ≥1 candidate (first 200 probes)", f"{hits}/200")

    # The baseline and the index on the same 100,000 names, probe by probe, alternating.
    names = [f"{p.given_names} {p.family_name}" for p in people[:100_000]]
    index_100k = DedupIndex(people[:100_000], ref_year=REF_YEAR)

    def scan(p: Person) -> float:
        return timed(lambda: process.extract(f"{p.given_names} {p.family_name}", names,
                                             scorer=fuzz.WRatio, limit=10))

    def probe(p: Person) -> float:
        return timed(lambda: index_100k.candidates(p))

    wr: list[float] = []
    full_100k: list[float] = []
    for i, p in enumerate(sample[:50]):  # which one goes first alternates
        if i % 2:
            full_100k.append(probe(p))
            wr.append(scan(p))
        else:
            wr.append(scan(p))
            full_100k.append(probe(p))
    n = f"{len(names):,} names"
    row(f"baseline: rapidfuzz WRatio scan of {n} (median / p95)", f"{statistics.median(wr):.1f} / {p95(wr):.1f} ms")
    row(f"index on the same {n}, full probe (median / p95)",
        f"{statistics.median(full_100k):.2f} / {p95(full_100k):.2f} ms")
    row(f"speed-up vs WRatio scan (median of per-probe ratios, {len(wr)} probes alternating, {n})",
        f"{median_ratio(wr, full_100k):.0f}×")
    row(f"speed-up vs WRatio scan of {n} (p95 at {len(people):,} people)", f"{statistics.median(wr) / p95(full):.0f}×")


def bench_all_pairs(n_people: int) -> None:
    households = n_people * 100 // 350
    people, repeats = population(households, seed=12)
    people = (people + repeats)[:n_people]
    t = time.perf_counter()
    index = DedupIndex(people, ref_year=REF_YEAR)
    build_s = time.perf_counter() - t
    # The plain pass would also build each profile once, so time scoring only; measured
    # before and after the blocked pass (its minutes see the same machine), the mean taken.
    rng = random.Random(3)
    a = [build_profile(p) for p in rng.sample(people, 2000)]
    b = [build_profile(p) for p in rng.sample(people, 2000)]

    def per_pair_s() -> float:
        t = time.perf_counter()
        for p, q in zip(a, b, strict=False):
            score_profiles(p, q, ref_year=REF_YEAR, explain=False)
        return (time.perf_counter() - t) / len(a)

    before = per_pair_s()
    t = time.perf_counter()
    pairs = sum(1 for _ in index.all_pairs())
    pass_s = time.perf_counter() - t
    per_pair = (before + per_pair_s()) / 2
    brute_h = per_pair * len(people) * (len(people) - 1) / 2 / 3600
    row("all-pairs: people", f"{len(people):,} ({len(repeats):,} re-registrations among them)")
    row("all-pairs: index build", f"{build_s:.0f} s")
    row("all-pairs: blocked pass", f"{pass_s:.0f} s ({pass_s / 60:.1f} min), {pairs:,} pairs ≥ threshold")
    every_pair = len(people) * (len(people) - 1) // 2
    row("all-pairs: plain pass estimate (score_pair on every pair)",
        f"{per_pair * 1e6:.1f} µs/pair × {every_pair:,} pairs ≈ {brute_h:,.0f} h")
    row("all-pairs: speed-up vs plain", f"{brute_h * 3600 / (build_s + pass_s):,.0f}×")


HQ_POSTS = ("TGR1", "NIA", "ZEG", "KAD", "OUA", "DJI", "MEN", "GAO")
HQ_POST_WEIGHTS = (3, 2, 2, 1, 1, 1, 1, 1)
_SYLLABLES = (
    ("Ka", "Ko", "Ba", "Bou", "Ni", "Sa", "Si", "Ti", "Do", "Fa", "Ga", "Ma", "Mi", "Na", "Ou",
     "Zé", "Di", "Tou", "Ké", "Lo"),
    ("lo", "ra", "ni", "go", "so", "ba", "di", "ko", "la", "fé", ""),
    ("bougou", "dougou", "ni", "la", "sso", "ko", "ba", "ré", "na", "ra", "sa", "ga"),
)


def hq_villages(rng: random.Random) -> list[list[str]]:
    """8 regions of 300 invented village names (distinct, many alike)."""
    names = sorted({a + b + c for a in _SYLLABLES[0] for b in _SYLLABLES[1] for c in _SYLLABLES[2]})
    rng.shuffle(names)
    return [names[r * 300:(r + 1) * 300] for r in range(len(HQ_POSTS))]


def hq_population(
    n_people: int, seed: int, *, model: str = "household",
) -> tuple[list[Person], list[tuple[str, str]]]:
    """About ``n_people`` people at 8 posts, and the (first, again) keys of cross-post re-registrations.

    ``model`` says who registers again. "person" (the model of the first HQ
    benchmarks): each person, with probability 0.05, alone, as a one-person
    household. "household" (issue 17): each household, with probability 0.05,
    registers again; four times in five the household comes back (each member
    present again with probability 0.9, at least one), once in five one member
    comes back alone; the origin is the household's, so its variant (respelled,
    missing, coarser, another place) is the same for every member.
    """
    rng = random.Random(seed)
    regions = hq_villages(rng)
    cum = [list(itertools.accumulate(1.0 / (i + 5) for i in range(len(v)))) for v in regions]
    people: list[Person] = []
    cross: list[tuple[str, str]] = []
    counters = dict.fromkeys(HQ_POSTS, 0)

    def regno(post: str) -> str:
        counters[post] += 1
        return f"{post}-26-{counters[post]:06d}"

    def again_of(row: dict[str, str]) -> dict[str, str]:
        return registered_again(rng, row)

    def elsewhere(post: str) -> str:
        return rng.choice([p for p in HQ_POSTS if p != post]) if rng.random() < 0.7 else post

    while len(people) < n_people:
        post = rng.choices(HQ_POSTS, HQ_POST_WEIGHTS)[0]
        home = HQ_POSTS.index(post) if rng.random() < 0.85 else rng.randrange(len(HQ_POSTS))
        village = rng.choices(regions[home], cum_weights=cum[home])[0]
        head = GEN["new_person"](rng)
        members = [head]
        for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5))):
            m = GEN["new_person"](rng)
            m["family"] = head["family"] if rng.random() < 0.8 else m["family"]
            members.append(m)
        number = regno(post)
        for n, row in enumerate(members, start=1):
            row["locality"] = village
            people.append(to_person(row, f"{number}/{n}", number, post))
            if model == "person" and rng.random() < 0.05:
                again = again_of(row)
                where = elsewhere(post)
                other = regno(where)
                people.append(to_person(again, f"{other}/1", other, where))
                if where != post:
                    cross.append((f"{number}/{n}", f"{other}/1"))
        if model == "household" and rng.random() < 0.05:
            if rng.random() < 0.2:
                back = [rng.randrange(len(members))]
            else:
                back = [i for i in range(len(members)) if rng.random() < 0.9] or [0]
            locality = again_of(members[0])["locality"]  # the household's origin, once
            where = elsewhere(post)
            other = regno(where)
            for n, i in enumerate(back, start=1):
                again = again_of(members[i])
                again["locality"] = locality
                people.append(to_person(again, f"{other}/{n}", other, where))
                if where != post:
                    cross.append((f"{number}/{i + 1}", f"{other}/{n}"))
    return people, cross


def bench_hq(n_people: int, baseline_people: int, any_origin_too: bool = False, rounds: int = 1, *,
             model: str = "household", processes: int = 2) -> None:
    row("HQ pass: load average at start", Path("/proc/loadavg").read_text().split()[0])
    if baseline_people:
        people, cross = hq_population(baseline_people, seed=21, model=model)
        index = DedupIndex(people, ref_year=REF_YEAR)
        evidence = HouseholdEvidence(people, ref_year=REF_YEAR)
        hq = {"across_sites": True, "same_origin": True}
        variants: dict[str, Callable[[], HqRun]] = {
            "the pass alone, one process (the HQ list until issue 17)": lambda: _hq_pass(index, cross, hq),
            f"ranked by household evidence, {processes} processes (HQ default)":
                lambda: _hq_ranked(index, evidence, cross, processes),
        }
        runs = alternate(variants, rounds=rounds)
        for label, results in runs.items():
            _hq_row(f"{len(people):,} people ({model} model): {label}", results, len(cross))
        del index, people, evidence
        gc.collect()
    if n_people:
        t = time.perf_counter()
        people, cross = hq_population(n_people, seed=22, model=model)
        gen_s = time.perf_counter() - t
        t = time.perf_counter()
        index = DedupIndex(people, ref_year=REF_YEAR)
        evidence = HouseholdEvidence(people, ref_year=REF_YEAR)
        row(f"HQ {len(people):,} people: population generated / index and frequencies built",
            f"{gen_s:.0f} s / {time.perf_counter() - t:.0f} s, RSS {rss_mib():,.0f} MiB")
        _hq_row(f"{len(people):,} people ({model} model): ranked by household evidence, {processes} processes",
                [_hq_ranked(index, evidence, cross, processes)], len(cross))
        row("HQ: this process's peak memory (VmHWM)", f"{vm_hwm_mib():,.0f} MiB")
        if any_origin_too:
            _hq_row(f"{len(people):,} people: cross-post only, any origin",
                    [_hq_pass(index, cross, {"across_sites": True})], len(cross))


#: (seconds, pairs listed, known cross-post re-registrations among them, true among the first 1,000)
HqRun = tuple[float, int, int, float]


def _hq_pass(index: DedupIndex, cross: list[tuple[str, str]], kw: dict[str, object]) -> HqRun:
    """The blocked pass alone (block order: no ranking, so no "first 1,000")."""
    t = time.perf_counter()
    found = {frozenset((m.a, m.b)) for m in index.all_pairs(**kw)}  # type: ignore[arg-type]
    pass_s = time.perf_counter() - t
    return pass_s, len(found), sum(frozenset(pair) in found for pair in cross), float("nan")


def _hq_ranked(index: DedupIndex, evidence: HouseholdEvidence, cross: list[tuple[str, str]],
               processes: int) -> HqRun:
    """What ``fieldreg hq duplicates`` lists: the pass on ``processes`` processes, then the ranking."""
    t = time.perf_counter()
    found = all_pairs_in_processes(index, processes=processes, across_sites=True, same_origin=True)
    ranked = evidence.rank(found, processes=processes)
    pass_s = time.perf_counter() - t
    truth = {frozenset(pair) for pair in cross}
    listed = [frozenset((r.match.a, r.match.b)) for r in ranked]
    first = listed[:1000]
    return (pass_s, len(listed), sum(pair in truth for pair in listed),
            sum(pair in truth for pair in first) / max(1, len(first)))


def _hq_row(label: str, results: list[HqRun], cross: int) -> None:
    pass_s = statistics.median(r[0] for r in results)
    _, pairs, hits, first = results[0]
    rounds = f" (median of {len(results)} rounds)" if len(results) > 1 else ""
    top = "" if first != first else f"; precision in the first 1,000: {first:.3f}"  # nan: not ranked
    row(label, f"{pass_s:.0f} s ({pass_s / 60:.1f} min){rounds}, {pairs:,} pairs; "
        f"{hits:,} of {cross:,} cross-post re-registrations found (recall {hits / max(1, cross):.3f}, "
        f"precision {hits / max(1, pairs):.3f}{top})")
    sys.stdout.flush()


def vm_hwm_mib() -> float:
    """This process's own peak resident memory (docs/benchmarks.md: why VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--all-pairs-people", type=int, default=100_000)
    parser.add_argument("--hq-people", type=int, default=1_000_000)
    parser.add_argument("--hq-baseline-people", type=int, default=100_000)
    parser.add_argument("--hq-any-origin", action="store_true",
                        help="also run the --hq-people pass without the origin rule (slow)")
    parser.add_argument("--hq-rounds", type=int, default=1,
                        help="alternating rounds of the --hq-baseline-people passes (each ~1 min)")
    parser.add_argument("--hq-model", choices=("household", "person"), default="household",
                        help="who registers again: whole households (default) or single people")
    parser.add_argument("--hq-processes", type=int, default=2)
    args = parser.parse_args()
    print(f"fieldreg dedup benchmark, {datetime.date.today()}, {platform.platform()}, "
          f"Python {platform.python_version()}, {os.cpu_count()} cores")
    print("| what | figure |\n|---|---|")
    if args.households:
        bench_candidates(args.households, args.probes)
    if args.all_pairs_people:
        bench_all_pairs(args.all_pairs_people)
    if args.hq_people or args.hq_baseline_people:
        bench_hq(args.hq_people, args.hq_baseline_people, args.hq_any_origin, args.hq_rounds,
                 model=args.hq_model, processes=args.hq_processes)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
