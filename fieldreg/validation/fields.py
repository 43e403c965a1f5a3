"""Reading one field of an untrusted JSON object: its clean value, or a problem noted.

    problems = Problems()
    region = read_text(problems, None, "origin", origin, "region", required=False, max_len=MAX_PLACE)
    given = read_name(problems, 2, member, "given_names", required=True)
    country = read_country(problems, None, "origin.country", origin.get("country"), required=True)
    problems.found   # every Problem so far, each with its code, member and field

A reader returns "" (never raises) when the value is missing or wrong, so the
parser goes on and reports every problem of the household at once.
"""

from __future__ import annotations

from typing import Any

from fieldreg.errors import Problem
from fieldreg.messages import Message
from fieldreg.validation.rules import clean_text, country_codes, has_control, name_problem


def shown(value: Any, most: int = 40) -> Any:
    """``value`` as a message may quote it: long text cut short, a huge number or a container named.

    >>> shown("x" * 50)[-3:], shown(10**5000), shown(["F"])
    ('xx…', 'a number of 5001 digits', 'a list')
    """
    if isinstance(value, str):
        return value if len(value) <= most else value[:most] + "…"
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int) and value.bit_length() > 64:
        return f"a number of {len(str(value)) if value.bit_length() < 14_000 else 'many'} digits"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else type(value).__name__


def _path(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


class Problems:
    """Collects every problem found, each with its code and where it is.

    ``member`` is None for the household or the member's number; ``field`` the
    JSON path within that object (docs/formats/household.md, "Errors").
    """

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, code: str, member: int | None, field: str, problem: str | Message, /, **params: Any) -> None:
        message = Message(problem, **params) if isinstance(problem, str) else problem
        self.found.append(Problem(code, message, member=member, field=field))

    def unknown_keys(self, member: int | None, field: str, obj: dict[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(obj) - allowed):
            self.add("unknown_key", member, field, "unknown key {key!r}", key=key)


def _given_text(
    problems: Problems, member: int | None, prefix: str, obj: dict[str, Any], key: str, *, required: bool
) -> str | None:
    """The raw text at ``key``, or None (with a problem when it was required or not text)."""
    value = obj.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add("required", member, _path(prefix, key), "is required")
        return None
    if not isinstance(value, str):
        problems.add("wrong_type", member, _path(prefix, key), "must be text")
        return None
    return value


def read_text(
    problems: Problems, member: int | None, prefix: str, obj: dict[str, Any], key: str, *,
    required: bool, max_len: int,
) -> str:
    value = _given_text(problems, member, prefix, obj, key, required=required)
    if value is None:
        return ""
    if has_control(value):
        problems.add("control_character", member, _path(prefix, key), "contains control characters")
        return ""
    cleaned = clean_text(value)
    if len(cleaned) > max_len:
        problems.add("too_long", member, _path(prefix, key), "is {length} characters long (at most {most})",
                     length=len(cleaned), most=max_len)
        return ""
    return cleaned


def read_name(problems: Problems, member: int, obj: dict[str, Any], key: str, *, required: bool) -> str:
    value = _given_text(problems, member, "", obj, key, required=required)
    if value is None:
        return ""
    cleaned = value if has_control(value) else clean_text(value)
    why = name_problem(cleaned)
    if why:
        problems.add(why[0], member, key, why[1])
        return ""
    return cleaned


def read_country(problems: Problems, member: int | None, field: str, value: Any, *, required: bool) -> str:
    if value is None or value == "":
        if required:
            problems.add("required", member, field, "is required (ISO 3166 alpha-3, e.g. MLI)")
        return ""
    if not isinstance(value, str) or value.upper() not in country_codes():
        problems.add("not_a_country", member, field,
                     "{value!r} is not an ISO 3166 alpha-3 country code (e.g. MLI, BFA)", value=shown(value))
        return ""
    return value.upper()
