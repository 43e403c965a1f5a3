"""A household version's JSON as the matcher and the reports read it.

    household = summary(regno, registry.household(regno).household)   # a HouseholdSummary
    household.members[0].birth_year                                   # 0 when the record gives none

The household JSON of the batches (docs/formats/household.md) read into the
post's ``HouseholdSummary``, so HQ and the posts describe people alike
(fieldreg/dedup/candidates.py).
"""

from __future__ import annotations

from typing import Any

from fieldreg.model import HouseholdSummary, MemberSummary


def summary(regno: str, household: dict[str, Any]) -> HouseholdSummary:
    """What the matcher needs of a household as posts export it (docs/formats/household.md).

    The same fields a post's search index keeps (``summary_of`` of the post's
    store), read from the JSON: an exact ``birth_date`` gives an exact
    year; ``birth_year`` or an ``age`` on the arrival date an estimated one.
    """
    origin = household.get("origin") or {}
    arrival = str(household.get("arrival_date") or household.get("arrived_at") or "")
    members = tuple(
        MemberSummary(
            uid=str(m.get("id", n)), given_names=str(m.get("given_names", "")),
            family_name=str(m.get("family_name", "")), other_names=str(m.get("other_names", "")),
            sex=str(m.get("sex", "")), birth_year=_birth_year(m, arrival),
            birth_estimated="birth_date" not in m, relationship=str(m.get("relationship", "")),
        )
        for n, m in enumerate(household.get("members", ()), start=1)
    )
    return HouseholdSummary(regno, arrival[:10], "active", str(origin.get("country", "")),
                            str(origin.get("region", "")), str(origin.get("locality", "")), members)


def _birth_year(member: dict[str, Any], arrival: str) -> int:
    """The member's birth year, 0 when the record gives none (the matcher then ignores it)."""
    try:
        if member.get("birth_date"):
            return int(str(member["birth_date"])[:4])
        if member.get("birth_year"):
            return int(member["birth_year"])
        if member.get("age") is not None and arrival[:4].isdigit():
            return int(arrival[:4]) - int(member["age"])
    except (TypeError, ValueError):
        pass  # HQ imports what posts validated; an odd value only loses the year
    return 0
