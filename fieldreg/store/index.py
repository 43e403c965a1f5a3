"""The in-memory index of an unlocked store: name search and statistics.

Personal fields are encrypted on disk, so searching them there is impossible
by design. Each registration also stores a small encrypted *summary* (names,
sex, birth year, origin, and its search words already folded); after unlock
these are decrypted once into this index, and searches and statistics run in
memory. The index lives only as long as the unlocked session.

Loading must stay well under a second for 100,000 households, so ``put``
keeps the summary as the decrypted string and only splits out its search
words; the structured :class:`HouseholdSummary` is parsed when asked for.

>>> index = RegistryIndex()
>>> index.put("TGR1-26-000001-3", encode_summary(day="2026-11-20", status="active",
...     country="MLI", region="Sikasso", locality="Loulouni",
...     members=[("a1", "Aminata", "Traoré", "", "F", 1990, True, "head")]))
>>> [h.regno for h in index.search("traore ami")]
['TGR1-26-000001-3']
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any, NamedTuple

from fieldreg.errors import CorruptData, UnreadableRecord
from fieldreg.model import HouseholdSummary, MemberSummary

AGE_BANDS = ((0, 4, "0-4"), (5, 11, "5-11"), (12, 17, "12-17"), (18, 59, "18-59"),
             (60, 200, "60+"))

# Summary string: fields split by US (0x1F), members by RS (0x1E). Validation
# forbids control characters in every text field, so they cannot collide.
SUMMARY_VERSION = "S1"
_FS, _RS = "\x1f", "\x1e"

MemberTuple = tuple[str, str, str, str, str, int, bool, str]


# Accented Latin letters fold through a translate table (C speed); anything
# else (Arabic, N'Ko...) goes through full decomposition. The table maps ASCII
# to itself too: a character missing from it costs str.translate a KeyError.
_LATIN_FOLD = {
    code: "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
    for code in range(0xC0, 0x250)
} | {code: chr(code) for code in range(0xC0)}


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search: 'Keïta' -> 'keita'."""
    folded = text.translate(_LATIN_FOLD)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub(" ", folded.casefold())


_NOT_ALNUM = re.compile(r"[\W_]+")


def search_words(members: Sequence[MemberTuple]) -> str:
    # Folded in one piece: folding works character by character and the spaces keep the
    # members' names apart, so the words are those of each member folded alone.
    names = " ".join(f"{m[1]} {m[2]} {m[3]}" for m in members)
    return " ".join(sorted(set(fold(names).split())))


def encode_summary(
    *, day: str, status: str, country: str, region: str, locality: str,
    members: Sequence[MemberTuple],
) -> str:
    head = _FS.join((SUMMARY_VERSION, day, status, country, region, locality,
                     search_words(members)))
    rows = [_FS.join((uid, given, family, other, sex, str(year), "1" if est else "0", rel))
            for uid, given, family, other, sex, year, est, rel in members]
    return _RS.join([head, *rows])


def decode_summary(regno: str, raw: str) -> HouseholdSummary:
    head, *rows = raw.split(_RS)
    version, day, status, country, region, locality, _words = head.split(_FS)
    if version != SUMMARY_VERSION:
        raise CorruptData("summary of {regno} has unknown version {version!r}", regno=regno, version=version)
    date.fromisoformat(day)  # ValueError if it is not a day: statistics count by it
    members = []
    for row in rows:
        uid, given, family, other, sex, year, est, rel = row.split(_FS)
        members.append(MemberSummary(uid, given, family, other, sex, int(year), est == "1", rel))
    return HouseholdSummary(regno, day, status, country, region, locality, tuple(members))


def well_formed(raw: str) -> bool:
    """A cheap check of a summary string's shape, for the unlock path (no parsing).

    >>> well_formed(encode_summary(day="2026-11-20", status="active", country="MLI", region="",
    ...     locality="", members=[("a1", "Awa", "Diallo", "", "F", 1990, False, "head")]))
    True
    >>> well_formed("S1\x1fgarbage")
    False
    """
    return raw.startswith(SUMMARY_VERSION + _FS) and raw.count(_FS) == 6 + 7 * raw.count(_RS)


_SUMMARY_PART = "households.summary"


def _words_of(raw: str) -> list[str]:
    head = raw.split(_RS, 1)[0]
    return head.rsplit(_FS, 1)[1].split()


class SummaryRows(NamedTuple):
    """A registration's summary as :meth:`RegistryIndex.households` reads it: each member a
    row of strings, ``[uid, given, family, other, sex, birth year, "1" if estimated else "0",
    relationship]`` (:class:`HouseholdSummary` makes an object of each member)."""

    regno: str
    day: str
    status: str
    country: str
    region: str
    locality: str
    rows: list[list[str]]


def age_band(age: int) -> str:
    return next(label for low, high, label in AGE_BANDS if low <= age <= high)


class RegistryIndex:
    def __init__(self) -> None:
        self._regnos: list[str] = []
        self._raw: list[str] = []
        self._position: dict[str, int] = {}
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._sorted_words: list[str] | None = None
        self._changed: set[int] = set()  # positions whose postings may hold stale words
        self._checked = bytearray()  # 1 at positions whose summary is known to parse (see origins)
        self._log: list[str] = []  # registrations put() since the unlock, in order (see changed_since)
        # Registrations whose summary did not open or parse: regno -> the part that failed.
        # They are left out of searches and statistics, and named (docs/store.md).
        self.unreadable: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._regnos)

    def put(self, regno: str, raw: str) -> None:
        """Add or replace one registration's summary string (see encode_summary)."""
        self.unreadable.pop(regno, None)  # a correction repaired it
        self._log.append(regno)
        position = self._position.get(regno)
        if position is None:
            position = len(self._regnos)
            self._position[regno] = position
            self._regnos.append(regno)
            self._raw.append(raw)
            self._checked.append(0)
        else:
            self._raw[position] = raw
            self._changed.add(position)
            self._checked[position] = 0
        postings = self._postings
        for word in _words_of(raw):
            if word not in postings:
                self._sorted_words = None
            postings[word].append(position)

    def note_unreadable(self, error: UnreadableRecord) -> None:
        """Record a registration whose summary did not open (``iter_summaries``' ``on_unreadable``)."""
        self.unreadable[error.regno] = error.part

    def load(self, items: Iterable[tuple[str, str]]) -> None:
        """Add many (regno, summary) pairs at once: ``put`` with the loop inlined (unlock path).

        A summary that is not well formed is left out and noted in ``unreadable``.
        """
        regnos, raws, positions, postings = self._regnos, self._raw, self._position, self._postings
        checked = self._checked
        for regno, raw in items:
            if not well_formed(raw):
                self.unreadable[regno] = _SUMMARY_PART
                continue
            if regno in positions:
                self.put(regno, raw)
                continue
            position = len(regnos)
            positions[regno] = position
            regnos.append(regno)
            raws.append(raw)
            checked.append(0)
            for word in raw[: raw.find(_RS)].rsplit(_FS, 1)[1].split():
                postings[word].append(position)
        self._sorted_words = None

    @property
    def change_mark(self) -> int:
        """A position in the change log: pass it to :meth:`changed_since` later."""
        return len(self._log)

    def changed_since(self, mark: int) -> tuple[list[str], int]:
        """Registrations added or replaced since ``mark`` (repeats possible), and the new mark.

        Lets a view built from the index (the live duplicate finder) catch up
        without reading every summary again.
        """
        return self._log[mark:], len(self._log)

    def _decode(self, position: int) -> HouseholdSummary | None:
        """The summary at ``position``, or None (noted in ``unreadable``) if it does not parse."""
        regno = self._regnos[position]
        if regno in self.unreadable:
            return None
        try:
            return decode_summary(regno, self._raw[position])
        except (CorruptData, ValueError):  # sealed with the data key, yet not a summary
            self.unreadable[regno] = _SUMMARY_PART
            return None

    def get(self, regno: str) -> HouseholdSummary | None:
        position = self._position.get(regno)
        return None if position is None else self._decode(position)

    def summaries(self) -> Iterator[HouseholdSummary]:
        for position in range(len(self._regnos)):
            summary = self._decode(position)
            if summary is not None:
                yield summary

    def households(self) -> Iterator[SummaryRows]:
        """Every readable registration as :class:`SummaryRows`: what :meth:`summaries`
        gives without an object per member (the duplicate finder reads 400,000 members
        at sign-in, on a worker thread).

        The same registrations as :meth:`summaries`: one that does not parse is left
        out and noted in ``unreadable``.
        """
        for position in range(len(self._regnos)):
            rows = self._rows(position)
            if rows is not None:
                yield rows

    def origins(self) -> Iterator[tuple[str, str, str]]:
        """``(country, region, locality)`` of every readable registration (the register
        form's completions), the same registrations as :meth:`summaries`. Once a summary
        is known to parse, only its first fields are read again."""
        regnos, raws, checked, unreadable = self._regnos, self._raw, self._checked, self.unreadable
        for position in range(len(regnos)):
            if checked[position]:
                raw = raws[position]
                _v, _d, _s, country, region, locality, _w = raw[:raw.find(_RS)].split(_FS)
                yield country, region, locality
            elif regnos[position] not in unreadable:
                rows = self._rows(position)
                if rows is not None:
                    checked[position] = 1  # here only: put() runs on this thread, households() may not
                    yield rows.country, rows.region, rows.locality

    def _rows(self, position: int) -> SummaryRows | None:
        """The summary at ``position`` as rows, or None (noted in ``unreadable``) if it does not parse."""
        regno = self._regnos[position]
        if regno in self.unreadable:
            return None
        head, *members = self._raw[position].split(_RS)
        rows = [row.split(_FS) for row in members]
        try:  # what decode_summary() checks, no more, no less
            version, day, status, country, region, locality, _words = head.split(_FS)
            if version != SUMMARY_VERSION:
                raise ValueError(version)
            date.fromisoformat(day)
            for row in rows:
                _uid, _given, _family, _other, _sex, year, _est, _rel = row
                int(year)
        except ValueError:
            self._decode(position)  # names it unreadable, as summaries() would
            return None
        return SummaryRows(regno, day, status, country, region, locality, rows)

    def _prefix_matches(self, prefix: str) -> set[int]:
        if self._sorted_words is None:
            self._sorted_words = sorted(self._postings)
        words = self._sorted_words
        found: set[int] = set()
        for i in range(bisect.bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                break
            found.update(self._postings[words[i]])
        return found

    def search(self, text: str, *, limit: int = 50) -> list[HouseholdSummary]:
        """Households where every word of ``text`` starts a name of one of their members.

        Exact word matches rank before prefix matches; newer registrations first.
        """
        query = fold(text).split()
        if not query:
            return []
        hits: set[int] | None = None
        for word in query:
            matched = self._prefix_matches(word)
            hits = matched if hits is None else hits & matched
            if not hits:
                return []
        assert hits is not None
        ranked = []
        for position in hits:
            words = _words_of(self._raw[position])
            if position in self._changed and not all(
                any(w.startswith(q) for w in words) for q in query
            ):
                continue  # matched a word a correction has since removed
            exact = sum(q in words for q in query)
            ranked.append((exact, self._regnos[position], position))
        ranked.sort(reverse=True)
        found = (self._decode(p) for _, _, p in ranked)
        return list(islice((h for h in found if h is not None), limit))

    def find_regno(self, fragment: str, *, limit: int = 50) -> list[HouseholdSummary]:
        """Registrations whose number contains ``fragment`` (case-insensitive)."""
        needle = fragment.strip().upper()
        found = sorted((r for r in self._regnos if needle in r), reverse=True)
        decoded = (self._decode(self._position[r]) for r in found)
        return list(islice((h for h in decoded if h is not None), limit))

    def stats(self) -> dict[str, Any]:
        """Arrivals (active registrations) by day, origin, sex and age band."""
        by_day: dict[str, Counter[str]] = defaultdict(Counter)
        by_origin: Counter[str] = Counter()
        by_sex: Counter[str] = Counter()
        by_band: Counter[str] = Counter()
        households = people = voided = 0
        for h in self.summaries():
            if h.status != "active":
                voided += 1
                continue
            households += 1
            people += len(h.members)
            by_day[h.day]["households"] += 1
            by_day[h.day]["people"] += len(h.members)
            by_origin[" / ".join(p for p in (h.country, h.region) if p)] += len(h.members)
            arrival_year = date.fromisoformat(h.day).year
            for m in h.members:
                by_sex[m.sex] += 1
                by_band[age_band(max(0, arrival_year - m.birth_year))] += 1
        return {
            "households": households,
            "people": people,
            "voided": voided,
            "by_day": {d: dict(c) for d, c in sorted(by_day.items())},
            "by_origin": dict(by_origin.most_common()),
            "by_sex": dict(sorted(by_sex.items())),
            "by_age_band": {label: by_band[label] for _, _, label in AGE_BANDS},
        }
