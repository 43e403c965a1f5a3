"""A household from untrusted JSON: a valid Household, or every problem at once.

    household = parse_household(obj, now=datetime(2026, 11, 20, tzinfo=timezone.utc))
    household = parse_household(household_input(correction, current))   # a correction file

Its members are parsed by :mod:`fieldreg.validation.members`; the shape is
docs/formats/household.md.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fieldreg.errors import Problem, ValidationError
from fieldreg.messages import Message
from fieldreg.model import Household, Member, Origin, Registration
from fieldreg.validation.fields import Problems, read_country, read_text, shown
from fieldreg.validation.members import parse_member
from fieldreg.validation.rules import MAX_NOTES, MAX_PLACE

MAX_MEMBERS = 40

HOUSEHOLD_KEYS = {
    "arrival_date", "arrived_at", "origin", "destination", "travel_mode",
    "consent", "notes", "members",
}
ORIGIN_KEYS = {"country", "region", "locality"}

# A laptop clock a few minutes ahead of the officer's watch is not an error.
_CLOCK_SLACK = timedelta(minutes=10)
# No arrival before this day is believed (a typing slip: 0001-01-01, 1026-11-20); it also
# keeps every date computed from an arrival (an age's birth year) within what dates hold.
EARLIEST_ARRIVAL = date(2000, 1, 1)


def _arrival(problems: Problems, obj: dict[str, Any], now: datetime) -> tuple[datetime, bool]:
    if "arrived_at" in obj and "arrival_date" in obj:
        problems.add("one_of", None, "", "give arrival_date or arrived_at, not both")
        return now, True
    if "arrived_at" in obj:
        raw = obj["arrived_at"]
        if not isinstance(raw, str):
            problems.add("wrong_type", None, "arrived_at", "must be text: an ISO date-time")
            return now, True
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            problems.add("not_a_date", None, "arrived_at", "{raw!r} is not an ISO date-time", raw=shown(raw))
            return now, True
        if moment.tzinfo is None:
            problems.add("no_time_zone", None, "arrived_at", "needs a time zone (e.g. 2026-11-20T08:30Z)")
            return now, True
        if moment.date() < EARLIEST_ARRIVAL:  # before converting: year 1 at +01:00 is no UTC time
            problems.add("too_early", None, "arrived_at", "{raw} is before {earliest}",
                         raw=shown(raw), earliest=EARLIEST_ARRIVAL.isoformat())
            return now, True
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:  # 9999-12-31T23:00-05:00
            problems.add("future", None, "arrived_at", "{raw} is in the future", raw=shown(raw))
            return now, True
        if moment > now.replace(microsecond=0) + _CLOCK_SLACK:
            problems.add("future", None, "arrived_at", "{raw} is in the future", raw=shown(raw))
        return moment, True
    if "arrival_date" in obj:
        raw = obj["arrival_date"]
        if not isinstance(raw, str):
            problems.add("wrong_type", None, "arrival_date", "must be text: an ISO date (YYYY-MM-DD)")
            return now, True
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            problems.add("not_a_date", None, "arrival_date", "{raw!r} is not an ISO date (YYYY-MM-DD)",
                         raw=shown(raw))
            return now, True
        if day < EARLIEST_ARRIVAL:
            problems.add("too_early", None, "arrival_date", "{raw} is before {earliest}",
                         raw=raw, earliest=EARLIEST_ARRIVAL.isoformat())
            return now, True
        if day > now.date():
            problems.add("future", None, "arrival_date", "{raw} is in the future", raw=raw)
        return datetime.combine(day, time(), tzinfo=UTC), False
    return now.replace(microsecond=0), True


def parse_household(obj: Any, *, now: datetime | None = None) -> Household:
    """Validate a household JSON object; raise ``ValidationError`` listing every problem."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    problems = Problems()
    if not isinstance(obj, dict):
        raise ValidationError([Problem("wrong_type", Message("must be a JSON object"))])
    problems.unknown_keys(None, "", obj, HOUSEHOLD_KEYS)
    arrived_at, time_known = _arrival(problems, obj, now)
    today = arrived_at.date() if arrived_at <= now else now.date()

    origin_obj = obj.get("origin")
    origin = Origin("")
    if not isinstance(origin_obj, dict):
        problems.add("required" if origin_obj is None else "wrong_type", None, "origin",
                     "is required: {country, region, locality}")
    else:
        problems.unknown_keys(None, "origin", origin_obj, ORIGIN_KEYS)
        origin = Origin(
            country=read_country(problems, None, "origin.country", origin_obj.get("country"), required=True),
            region=read_text(problems, None, "origin", origin_obj, "region", required=False, max_len=MAX_PLACE),
            locality=read_text(problems, None, "origin", origin_obj, "locality", required=False, max_len=MAX_PLACE),
        )
    destination = read_text(problems, None, "", obj, "destination", required=False, max_len=MAX_PLACE)
    travel_mode = read_text(problems, None, "", obj, "travel_mode", required=False, max_len=MAX_PLACE)
    notes = read_text(problems, None, "", obj, "notes", required=False, max_len=MAX_NOTES)
    consent = obj.get("consent")
    if not isinstance(consent, bool):
        problems.add("required" if consent is None else "wrong_type", None, "consent",
                     "must be recorded as true or false")

    raw_members = obj.get("members")
    members: list[Member] = []
    if not isinstance(raw_members, list) or not raw_members:
        problems.add("no_members" if not raw_members else "wrong_type", None, "members",
                     "must list at least one member")
    elif len(raw_members) > MAX_MEMBERS:
        problems.add("too_large", None, "members", "{count} members (at most {most})",
                     count=len(raw_members), most=MAX_MEMBERS)
    else:
        for number, raw in enumerate(raw_members, 1):
            member = parse_member(problems, number, raw, today)
            if member is not None:
                members.append(member)
        heads = [
            i for i, raw in enumerate(raw_members, 1)
            if isinstance(raw, dict) and raw.get("relationship") == "head"
        ]
        if not heads:
            problems.add("no_head", None, "", "no member is the head (relationship \"head\")")
        elif len(heads) > 1:
            problems.add("two_heads", None, "", "members {heads} are both marked as head",
                         heads=", ".join(map(str, heads)))
        ids = [m.id for m in members]
        if len(ids) != len(set(ids)):
            problems.add("duplicate_id", None, "members", "two members share the same id")

    if problems.found:
        raise ValidationError(problems.found)
    return Household(
        arrived_at=arrived_at, origin=origin, members=tuple(members), consent=bool(consent),
        destination=destination, travel_mode=travel_mode, notes=notes,
        arrival_time_known=time_known,
    )


# Keys of `fieldreg show --json` that describe the stored registration rather
# than the household; a correction file may carry them unchanged.
REGISTRATION_KEYS = {
    "regno", "status", "version", "created_at", "created_by", "updated_at", "updated_by",
    "void_reason", "history",
}


def household_input(obj: Any, current: Registration | str) -> Any:
    """The household part of a correction file, with member ids carried over.

    Members without an ``id`` keep the id of the member at the same position
    in the current version, so a correction never severs a person's history.
    ``current`` may be only the registration number, for a registration that
    cannot be opened (there are no member ids to carry over then).
    """
    if not isinstance(obj, dict):
        return obj
    regno = current if isinstance(current, str) else current.regno
    if "regno" in obj and (not isinstance(obj["regno"], str) or obj["regno"].strip().upper() != regno):
        raise ValidationError([Problem("wrong_regno", Message("file is for {named}, not {regno}",
                                                              named=shown(obj["regno"]), regno=regno),
                                       field="regno")])
    household = {k: v for k, v in obj.items() if k not in REGISTRATION_KEYS}
    members = household.get("members")
    if isinstance(members, list) and not isinstance(current, str):
        explicit = {m.get("id") for m in members if isinstance(m, dict) and isinstance(m.get("id"), str)}
        carried = []
        for position, member in enumerate(members):
            if isinstance(member, dict) and "id" not in member and position < len(
                current.household.members
            ):
                previous_id = current.household.members[position].id
                if previous_id not in explicit:
                    member = {"id": previous_id, **member}
            carried.append(member)
        household["members"] = carried
    return household
