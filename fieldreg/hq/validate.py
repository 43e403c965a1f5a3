"""HQ checks each record a post sent with the post's own validation before applying it.

    problems = record_problems(record, post="TGR1", created_at=manifest.created_at)
    problems   # [] or [HeldProblem("too_large", None, "members"), ...]: codes, never values

A batch signed by a genuine post key is still only as trustworthy as the
program that wrote it: a post running a modified program, or an older version
with weaker rules, can send a household of 40,000 members, 10 MB of notes, a
malformed registration number or a name holding terminal escapes. Each data
record is therefore checked here with what the post checks before it stores
(fieldreg/validation/: ``parse_household``, so every limit added there applies
at HQ too) and what the batch format promises (a well-formed registration
number of the batch's post, fieldreg/regno.py; staff user names; reasons). A
record with a problem is *held* by the importer (fieldreg/hq/staging.py) for a
person to release or reject (``fieldreg hq held``); the rest of the batch applies.

The household is judged as of the moment the post recorded it (its ``at``): an
arrival after that moment is in the future. ``at`` itself may not lie more than a
day after the batch was made (the post's clock is the same for both; a day
allows for a clock corrected in between).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fieldreg.batches import DUPLICATE_DECISION, TOKEN_REVOCATION, UNREADABLE, VERSIONED_KINDS
from fieldreg.errors import ValidationError
from fieldreg.model import parse_iso_utc
from fieldreg.regno import is_canonical_regno
from fieldreg.validation import MAX_REASON, parse_household
from fieldreg.validation.rules import MEMBER_ID_RE, has_control
from fieldreg.validation.staff import USERNAME_RE

AT_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class HeldProblem:
    """What is wrong, and where: a code from fieldreg/validation (or below), never a value."""

    code: str
    member: int | None = None
    field: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "member": self.member, "field": self.field}

    def __str__(self) -> str:
        where = " ".join(filter(None, (f"member {self.member}" if self.member else "", self.field)))
        return f"{self.code} ({where})" if where else self.code


def record_problems(record: dict[str, Any], *, post: str, created_at: datetime) -> list[HeldProblem]:
    """Every problem of one data record (its fields already passed ``record_problem``).

    Audit entries are not checked here: the hash chain vouches for them, and a
    held entry would break it (they carry no personal data by design).
    """
    kind = record["kind"]
    found: list[HeldProblem] = []
    if kind in VERSIONED_KINDS or kind in (TOKEN_REVOCATION, UNREADABLE):
        _regno(found, "regno", record["regno"], post)
    if kind == DUPLICATE_DECISION:
        for key in ("member_a", "member_b"):
            regno, _, member = record[key].partition("/")
            _regno(found, key, regno, post)
            if not MEMBER_ID_RE.match(member):
                found.append(HeldProblem("bad_format", None, key))
    # Every data kind but ``unreadable`` (a version the post could not open) has ``by``.
    if "by" in record and not USERNAME_RE.match(record["by"]):
        found.append(HeldProblem("bad_format", None, "by"))
    if "reason" in record:  # corrections, voids, token revocations: typed by staff
        _reason(found, record["reason"])
    try:
        at = parse_iso_utc(record["at"])
    except ValueError:
        found.append(HeldProblem("not_a_date", None, "at"))
        return found
    if at > created_at + AT_SLACK:
        found.append(HeldProblem("future", None, "at"))
        at = created_at
    if kind in VERSIONED_KINDS:
        try:
            parse_household(record["household"], now=at)
        except ValidationError as err:
            found.extend(HeldProblem(p.code, p.member, p.field) for p in err.problems)
    return found


def _regno(found: list[HeldProblem], field: str, regno: str, post: str) -> None:
    if not (is_canonical_regno(regno) and regno.partition("-")[0] == post):
        found.append(HeldProblem("bad_regno", None, field))


def _reason(found: list[HeldProblem], reason: str) -> None:
    # What clean_reason lets a post store: one line, non-empty, bounded.
    if has_control(reason):
        found.append(HeldProblem("control_character", None, "reason"))
    elif len(reason) > MAX_REASON:
        found.append(HeldProblem("too_long", None, "reason"))
    elif not reason.strip():
        found.append(HeldProblem("required", None, "reason"))
