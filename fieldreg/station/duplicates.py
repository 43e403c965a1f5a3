"""Possible duplicates within a post's store, and the decisions people make about them.

    finder = session.duplicates.finder()                     # indexes every active member once
    finder.candidates(Person("typing", "Ahmadou", "Trawore", birth_year=1989))  # live, while typing
    session.duplicates.pairs()                               # every undecided candidate pair
    session.duplicates.decide("TGR1-26-000012-7/1", "TGR1-26-000031-2/2", "same")  # audited, exported

Nothing is ever merged: a decision is a record that two members are (or are
not) the same person, kept in ``duplicate_decisions`` (:mod:`fieldreg.store.duplicates`),
written to the audit log and carried to HQ in the next batch. A decided pair is
not proposed again. Member keys are ``<regno>/<member id>`` (docs/formats/batch.md §4).
HQ's cross-post pass (fieldreg/hq/duplicates.py) describes its pairs with the same
``Candidate``, ``member_json`` and ``person_of`` (fieldreg/dedup/candidates.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import ClassVar

from fieldreg.dedup import DEFAULT_THRESHOLD, Match, Person
from fieldreg.dedup.candidates import Candidate, member_key, ordered
from fieldreg.dedup.index import DedupIndex
from fieldreg.errors import InvalidInput, NotFound
from fieldreg.model import HouseholdSummary, MemberSummary, iso_utc, utcnow
from fieldreg.regno import parse_regno
from fieldreg.sqlitedb import transaction
from fieldreg.station.service import Service
from fieldreg.store.duplicates import decided_pairs, insert_decision
from fieldreg.store.index import RegistryIndex

# What the CLI and the app pass to and get from this service.
__all__ = ["DECISIONS", "DEFAULT_THRESHOLD", "Candidate", "Duplicates", "Person", "PostDuplicates",
           "member_key"]

DECISIONS = ("same", "different")


class Duplicates(Service):
    """Candidates while typing and pairs for everyone; decisions for supervisors and admins."""

    permissions: ClassVar[Mapping[str, str]] = {
        "finder": "view", "pairs": "view", "decide": "decide_duplicates"}

    def finder(self) -> PostDuplicates:
        """A live finder over the post's active members, kept by the register screen.

        Indexing takes seconds at 100,000 households: the app calls this on a
        worker thread, once ``session.index`` is built.
        """
        return PostDuplicates(self._session.index)

    def pairs(self, *, threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
        """Every candidate pair not yet decided by a person, best first."""
        finder = PostDuplicates(self._session.index)
        decided = {ordered(a, b) for a, b in decided_pairs(self._session.store.db)}
        return finder.pairs(threshold=threshold, decided=decided)

    def decide(self, key_a: str, key_b: str, decision: str) -> None:
        """Record that two members are the same person or different people (never merges)."""
        session = self._session
        if decision not in DECISIONS:
            raise InvalidInput("decision must be 'same' or 'different', not {decision!r}", decision=decision)
        a, b = ordered(self._check_member(key_a), self._check_member(key_b))
        if a == b:
            raise InvalidInput("a member cannot be a duplicate of themselves")
        if a.partition("/")[0] == b.partition("/")[0]:
            raise InvalidInput("both members belong to the same household")
        with transaction(session.store.db) as conn:
            insert_decision(conn, a, b, decision, at=iso_utc(utcnow()), by=session.user)
            session.audit_on(conn).append(actor=session.user, action="duplicate_decision",
                                          subject=a, details={"other": b, "decision": decision})

    def _check_member(self, key: str) -> str:
        regno_text, slash, uid = key.strip().partition("/")
        if not slash or not uid:
            raise InvalidInput("{key!r} is not a member key (REGNO/MEMBER, as `fieldreg duplicates` shows)", key=key)
        regno = str(parse_regno(regno_text))
        household = self._session.index.get(regno)
        if household is None or not any(m.uid == uid for m in household.members):
            raise NotFound("no member {uid} in {regno} at this post", uid=uid, regno=regno)
        return member_key(regno, uid)


class PostDuplicates:
    """The duplicate index of one post's active registrations (void ones are not proposed).

    Lean enough to build at sign-in on a post of 100,000 households (400,000 people):
    it reads the registry index's summaries without decoding them into objects, keeps
    no object per person (:mod:`fieldreg.dedup.signatures`) and describes the members of
    a candidate from the registry index when asked (bench/bench_memory.py).
    """

    def __init__(self, summaries: RegistryIndex):
        # The decrypted index only, never the session: a screen may keep this finder while
        # the app is locked, and the session (the data key) must not outlive the lock.
        self._summaries = summaries
        self._index = DedupIndex()
        # Taken before reading: whatever is saved meanwhile (this may run on a worker
        # thread while the officer saves) is caught up by refresh().
        self._mark = summaries.change_mark
        put = self._index.put_group
        for h in summaries.households():
            if h.status == "active":
                put(h.regno, [(r[0], r[1], r[2], r[3], r[4], int(r[5]) or None, r[6] == "1") for r in h.rows],
                    locality=h.locality)

    def refresh(self) -> None:
        """Catch up with registrations saved, corrected or voided since this finder was built."""
        index = self._summaries
        regnos, self._mark = index.changed_since(self._mark)
        for regno in dict.fromkeys(regnos):
            household = index.get(regno)
            if household is not None:
                self.add_household(household)

    def add_household(self, household: HouseholdSummary) -> None:
        """Index (or re-index) a household, e.g. right after it was registered or corrected."""
        members = () if household.status != "active" else [
            (m.uid, m.given_names, m.family_name, m.other_names, m.sex, m.birth_year or None, m.birth_estimated)
            for m in household.members]
        self._index.put_group(household.regno, members, locality=household.locality)

    def candidates(self, probe: Person, *, limit: int = 10,
                   threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
        """Ranked registered members resembling ``probe`` (a member being typed)."""
        self.refresh()  # the members are described from the registry index: it must agree with it
        return list(self._described(self._index.candidates(probe, limit=limit, threshold=threshold),
                                    probe=probe))

    def pairs(self, *, threshold: float = DEFAULT_THRESHOLD,
              decided: Collection[tuple[str, str]] = ()) -> list[Candidate]:
        """Every candidate pair not in ``decided`` (``ordered`` member keys), best first."""
        self.refresh()
        found = [m for m in self._index.all_pairs(threshold=threshold)
                 if ordered(m.a, m.b) not in decided]
        found.sort(key=lambda m: (-m.score, m.a, m.b))
        return list(self._described(found))

    def _member(self, key: str, households: dict[str, HouseholdSummary | None]) -> tuple[
            HouseholdSummary, MemberSummary] | None:
        regno, _, uid = key.partition("/")
        if regno not in households:
            households[regno] = self._summaries.get(regno)
        household = households[regno]
        member = None if household is None else next((m for m in household.members if m.uid == uid), None)
        return None if household is None or member is None else (household, member)

    def _described(self, matches: Iterable[Match], probe: Person | None = None) -> Iterator[Candidate]:
        households: dict[str, HouseholdSummary | None] = {}  # decoded once for all the pairs
        for match in matches:
            if probe is None:
                a, b = self._member(match.a, households), self._member(match.b, households)
                if a is not None and b is not None:  # else unreadable since it was indexed
                    yield Candidate(match, a, b)
                continue
            # The probe is not registered yet: describe it from what was typed; ``b`` is
            # always the registered member.
            registered = self._member(match.b if match.a == probe.key else match.a, households)
            if registered is None:
                continue
            typed = (HouseholdSummary("", "", "", "", "", probe.locality, ()),
                     MemberSummary(probe.key, probe.given_names, probe.family_name, probe.other_names,
                                   probe.sex, probe.birth_year or 0, probe.birth_estimated, ""))
            yield Candidate(match, typed, registered)
