"""The household registration as the rest of FieldReg sees it.

These are plain, immutable values. They are built from untrusted JSON only by
:func:`fieldreg.validation.parse_household`, which checks every rule, so code
holding a ``Household`` may rely on it being valid.

>>> m = Member(id="m1", given_names="Aminata", family_name="Traoré", sex="F",
...            relationship="head", birth=Birth.from_year(1990))
>>> m.birth.estimated
True
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SEXES = {"F": "female", "M": "male", "X": "other / not stated"}

RELATIONSHIPS = (
    "head",
    "spouse",
    "child",
    "parent",
    "sibling",
    "grandchild",
    "other_relative",
    "unrelated",
)

# UNHCR-style specific-needs codes (a short subset of the proGres categories
# that border posts are asked to flag at level-1 registration).
SPECIFIC_NEEDS = {
    "UM": "unaccompanied minor",
    "SC": "separated child",
    "CR": "child at risk",
    "SM": "serious medical condition",
    "DS": "disability",
    "WR": "woman at risk",
    "ER": "older person at risk",
    "SP": "single parent or caregiver",
    "PL": "pregnant or lactating",
    "LP": "legal and physical protection needs",
    "TR": "survivor of torture",
    "SV": "survivor of gender-based violence",
}

DOCUMENT_TYPES = (
    "national_id",
    "passport",
    "birth_certificate",
    "consular_card",
    "voter_card",
    "driving_licence",
    "refugee_id",
    "other",
)


@dataclass(frozen=True)
class Birth:
    """A birth date that is exact, or estimated from a birth year or an age.

    ``basis`` says what was given: ``"date"`` (exact), ``"year"`` or ``"age"``
    (both estimated). ``year`` is always set; ``date`` only when exact.
    """

    basis: str
    year: int
    date: dt.date | None = None
    age: int | None = None  # as given, when basis == "age"

    @property
    def estimated(self) -> bool:
        return self.basis != "date"

    @classmethod
    def from_date(cls, value: dt.date) -> Birth:
        return cls("date", value.year, date=value)

    @classmethod
    def from_year(cls, year: int) -> Birth:
        return cls("year", year)

    @classmethod
    def from_age(cls, age: int, *, on: dt.date) -> Birth:
        """An estimated birth year from an age in years on a given day."""
        return cls("age", on.year - age, age=age)

    def age_on(self, day: dt.date) -> int:
        if self.date is not None:
            before_birthday = (day.month, day.day) < (self.date.month, self.date.day)
            return day.year - self.date.year - before_birthday
        return day.year - self.year

    def to_json(self) -> dict[str, Any]:
        if self.basis == "date":
            assert self.date is not None
            return {"birth_date": self.date.isoformat()}
        if self.basis == "age":
            return {"age": self.age, "birth_year": self.year, "birth_estimated": True}
        return {"birth_year": self.year, "birth_estimated": True}


@dataclass(frozen=True)
class Document:
    type: str
    number: str


@dataclass(frozen=True)
class Member:
    id: str  # random, stable across corrections; HQ and dedup decisions refer to it
    given_names: str
    family_name: str
    sex: str
    relationship: str
    birth: Birth
    other_names: str = ""
    nationality: str = ""
    languages: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    phone: str = ""
    specific_needs: tuple[str, ...] = ()
    photo: bytes | None = None

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "given_names": self.given_names,
            "family_name": self.family_name,
        }
        if self.other_names:
            out["other_names"] = self.other_names
        out["sex"] = self.sex
        out.update(self.birth.to_json())
        out["relationship"] = self.relationship
        if self.nationality:
            out["nationality"] = self.nationality
        if self.languages:
            out["languages"] = list(self.languages)
        if self.documents:
            out["documents"] = [{"type": d.type, "number": d.number} for d in self.documents]
        if self.phone:
            out["phone"] = self.phone
        if self.specific_needs:
            out["specific_needs"] = list(self.specific_needs)
        if self.photo is not None:
            out["photo"] = base64.b64encode(self.photo).decode("ascii")
        return out


@dataclass(frozen=True)
class Origin:
    country: str
    region: str = ""
    locality: str = ""

    def to_json(self) -> dict[str, str]:
        out = {"country": self.country}
        if self.region:
            out["region"] = self.region
        if self.locality:
            out["locality"] = self.locality
        return out


@dataclass(frozen=True)
class Household:
    """What an officer registers: who arrived, from where, going where."""

    arrived_at: datetime  # UTC, aware
    origin: Origin
    members: tuple[Member, ...]
    consent: bool
    destination: str = ""
    travel_mode: str = ""
    notes: str = ""
    # False when only a date was given: arrived_at is then midnight UTC that day.
    arrival_time_known: bool = True

    @property
    def head(self) -> Member:
        return next(m for m in self.members if m.relationship == "head")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.arrival_time_known:
            out["arrived_at"] = iso_utc(self.arrived_at)
        else:
            out["arrival_date"] = self.arrived_at.date().isoformat()
        out["origin"] = self.origin.to_json()
        if self.destination:
            out["destination"] = self.destination
        if self.travel_mode:
            out["travel_mode"] = self.travel_mode
        out["consent"] = self.consent
        if self.notes:
            out["notes"] = self.notes
        out["members"] = [m.to_json() for m in self.members]
        return out


@dataclass(frozen=True)
class Registration:
    """A stored household with its registration number and life-cycle state."""

    regno: str
    household: Household
    version: int
    status: str  # "active" or "void"
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    void_reason: str = ""
    history: tuple[HistoryEntry, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "regno": self.regno,
            "status": self.status,
            "version": self.version,
            "created_at": iso_utc(self.created_at),
            "created_by": self.created_by,
            "updated_at": iso_utc(self.updated_at),
            "updated_by": self.updated_by,
        }
        if self.void_reason:
            out["void_reason"] = self.void_reason
        out.update(self.household.to_json())
        if self.history:
            out["history"] = [h.to_json() for h in self.history]
        return out


@dataclass(frozen=True)
class HistoryEntry:
    """One earlier version, kept when a registration was corrected or voided."""

    version: int
    replaced_at: datetime
    replaced_by: str
    action: str  # "correct" or "void"
    reason: str
    previous: dict[str, Any]  # the household JSON as it was

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "replaced_at": iso_utc(self.replaced_at),
            "replaced_by": self.replaced_by,
            "action": self.action,
            "reason": self.reason,
            "previous": self.previous,
        }


def utcnow() -> datetime:
    """The current time, aware, in UTC (callers pass it on; nothing below them reads the clock)."""
    return datetime.now(dt.UTC)


def iso_utc(moment: datetime) -> str:
    """``2026-11-20T08:30:00Z``: seconds precision, always UTC."""
    utc = moment if moment.tzinfo is dt.UTC else moment.astimezone(dt.UTC)
    if utc.year < 1000:  # strftime does not pad the year to four digits; isoformat does
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    return utc.isoformat(timespec="seconds")[:19] + "Z"  # the same text, without strftime's cost


def parse_iso_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


# -- summaries: what search results, statistics and duplicate finders show -----------------

@dataclass(frozen=True)
class MemberSummary:
    uid: str
    given_names: str
    family_name: str
    other_names: str
    sex: str
    birth_year: int
    birth_estimated: bool
    relationship: str


@dataclass(frozen=True)
class HouseholdSummary:
    regno: str
    day: str
    status: str
    country: str
    region: str
    locality: str
    members: tuple[MemberSummary, ...]

    @property
    def head(self) -> MemberSummary:
        return next((m for m in self.members if m.relationship == "head"), self.members[0])


@dataclass(frozen=True)
class Unreadable:
    """A registration (one version of it) that could not be opened: named, never its content.

    ``part`` is what failed (``households.summary``, ``members/<member id>.family_name``,
    ``history@<version>.previous``, ``record``); ``lost`` is true for a version that was
    replaced by a correction while unreadable (its content is gone; nothing will repair it).
    """

    regno: str
    part: str
    version: int | None = None
    lost: bool = False

    def line(self) -> str:
        """``TGR1-26-000003-K version 2 (members/ab12.family_name)``, for notes and reports."""
        version = f" version {self.version}" if self.version is not None else ""
        return f"{self.regno}{version} ({self.part})"
