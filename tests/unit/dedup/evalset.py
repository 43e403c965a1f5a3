"""Read the labelled evaluation set and measure the matcher on it.

Example::

    >>> from .evalset import load, measure  # from a test module in this package
    >>> figures = measure(load("eval_test.csv"))
    >>> figures.n == 720
    True
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fieldreg.dedup import DEFAULT_THRESHOLD, Person, score_pair

DATA = Path(__file__).resolve().parents[2] / "data" / "dedup"
REF_YEAR = 2026  # the generator's reference year (make_eval_set.REF_YEAR)


@dataclass(frozen=True)
class LabelledPair:
    pair: str
    kind: str
    same: bool
    a: Person
    b: Person


def _person(row: dict[str, str], side: str, pair: str) -> Person:
    year = row[f"{side}_year"]
    return Person(
        key=f"{pair}{side}",
        given_names=row[f"{side}_given"],
        family_name=row[f"{side}_family"],
        other_names=row[f"{side}_other"],
        sex=row[f"{side}_sex"],
        birth_year=int(year) if year else None,
        birth_estimated=row[f"{side}_estimated"] == "1",
        locality=row[f"{side}_locality"],
        group=f"{pair}{side}",
    )


def load(name: str) -> list[LabelledPair]:
    """The pairs of ``tests/data/dedup/<name>``."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return [
            LabelledPair(r["pair"], r["kind"], r["label"] == "1",
                         _person(r, "a", r["pair"]), _person(r, "b", r["pair"]))
            for r in csv.DictReader(f)
        ]


@dataclass
class Figures:
    n: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors_by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def measure(pairs: list[LabelledPair], threshold: float = DEFAULT_THRESHOLD) -> Figures:
    """Precision and recall of :func:`score_pair` at ``threshold``."""
    fig = Figures()
    for p in pairs:
        said = score_pair(p.a, p.b, ref_year=REF_YEAR).score >= threshold
        fig.n += 1
        fig.tp += said and p.same
        fig.fp += said and not p.same
        fig.fn += (not said) and p.same
        if said != p.same:
            fig.errors_by_kind[p.kind] += 1
    return fig
