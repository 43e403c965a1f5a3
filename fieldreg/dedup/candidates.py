"""Candidate pairs as people review them, at a post and at HQ.

    person = person_of(household, member, site="TGR1")   # the matcher's view of a registered member
    key = member_key("TGR1-26-000012-7", "1")             # "TGR1-26-000012-7/1"
    Candidate(match, (household_a, member_a), (household_b, member_b)).to_json()

Member keys are ``<regno>/<member id>`` (docs/formats/batch.md §4); a pair is
kept in ``ordered`` form wherever decisions are stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldreg.dedup.person import Match, Person
from fieldreg.model import HouseholdSummary, MemberSummary


@dataclass(frozen=True)
class Candidate:
    """A scored pair with what an officer needs to judge it."""

    match: Match
    a: tuple[HouseholdSummary, MemberSummary]
    b: tuple[HouseholdSummary, MemberSummary]

    def to_json(self) -> dict[str, object]:
        return {
            "score": round(self.match.score, 3),
            "explanation": self.match.explanation(),
            "a": member_json(*self.a),
            "b": member_json(*self.b),
        }


def member_json(household: HouseholdSummary, member: MemberSummary) -> dict[str, object]:
    """One side of a pair as ``--json`` shows it (only what an officer needs to judge)."""
    return {
        "key": member_key(household.regno, member.uid), "regno": household.regno,
        "given_names": member.given_names, "family_name": member.family_name,
        "sex": member.sex, "birth_year": member.birth_year, "locality": household.locality,
    }


def member_key(regno: str, uid: str) -> str:
    return f"{regno}/{uid}"


def person_of(household: HouseholdSummary, member: MemberSummary, *, site: str = "") -> Person:
    """The matcher's view of a member (``site``: where registered, for HQ's cross-post pass)."""
    return Person(
        key=member_key(household.regno, member.uid), given_names=member.given_names,
        family_name=member.family_name, other_names=member.other_names, sex=member.sex,
        birth_year=member.birth_year or None, birth_estimated=member.birth_estimated,
        locality=household.locality, group=household.regno, site=site,
    )


def ordered(a: str, b: str) -> tuple[str, str]:
    """A pair of member keys in the order ``duplicate_decisions`` keeps them."""
    return (a, b) if a <= b else (b, a)
