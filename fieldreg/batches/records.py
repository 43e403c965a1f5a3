"""The records of a batch (docs/formats/batch.md §4): each kind, its fields in order, their checks.

    record = make_record(CORRECTION, regno="TGR1-26-000001-7", version=2, at="2026-11-02T08:00:00Z",
                         by="awa", status="active", reason="name misspelt", household=household_json)
    FIELDS[CORRECTION]        # ("regno", "version", "at", "by", "status", "reason", "household")
    record_problem(line)      # None, or "record 12 (correction): field 'reason' is missing"

The one definition both ends use: the post builds every record with ``make_record``
(fieldreg/store/outbox.py), ``write_batch`` checks each with ``record_problem``
before writing it, and HQ's importer refuses a batch holding a record that
``record_problem`` finds fault with. What spans several records (numbering,
order, the audit sequence, the post each record belongs to: ``registrations``)
is checked by the reader and the writer themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

REGISTRATION = "registration"
CORRECTION = "correction"
VOID = "void"
DUPLICATE_DECISION = "duplicate_decision"
TOKEN_REVOCATION = "token_revocation"
UNREADABLE = "unreadable"  # a version the post could not open: named, not carried
AUDIT = "audit"
KINDS = (REGISTRATION, CORRECTION, VOID, DUPLICATE_DECISION, TOKEN_REVOCATION, UNREADABLE, AUDIT)
# Kinds a batch written before they existed does not count in its manifest (counted as 0).
LATER_KINDS = frozenset({UNREADABLE})
DATA_KINDS = KINDS[:-1]  # every kind but audit: they come first in a batch
VERSIONED_KINDS = (REGISTRATION, CORRECTION, VOID)  # a version of a registration each

_AT_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_HEX64_RE = re.compile(r"[0-9a-f]{64}")
_TOKEN_RE = re.compile(r"[0-9a-f]{32}")

Check = Callable[[Any], bool]


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _name(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _at(value: Any) -> bool:
    return isinstance(value, str) and _AT_RE.fullmatch(value) is not None


def _uint(value: Any) -> bool:
    return type(value) is int and value >= 1


def _hex64(value: Any) -> bool:
    return isinstance(value, str) and _HEX64_RE.fullmatch(value) is not None


def _household(value: Any) -> bool:
    members = value.get("members") if isinstance(value, dict) else None
    if not isinstance(members, list) or not members:
        return False
    # A loop, not all(): the writer checks every record, this is its hot path.
    for member in members:  # noqa: SIM110
        if not isinstance(member, dict):
            return False
    return True


def _member_ref(value: Any) -> bool:
    regno, slash, member = value.partition("/") if isinstance(value, str) else ("", "", "")
    return bool(regno and slash and member)


def _one_of(*values: str) -> Check:
    return lambda value: value in values


# kind -> {field: check}, fields in the order the format lists them (and the post writes them).
SCHEMA: dict[str, dict[str, Check]] = {
    REGISTRATION: {"regno": _name, "version": _uint, "at": _at, "by": _name,
                   "status": _one_of("active"), "household": _household},
    CORRECTION: {"regno": _name, "version": _uint, "at": _at, "by": _name,
                 "status": _one_of("active", "void"), "reason": _text, "household": _household},
    VOID: {"regno": _name, "version": _uint, "at": _at, "by": _name,
           "status": _one_of("void"), "reason": _text, "household": _household},
    DUPLICATE_DECISION: {"member_a": _member_ref, "member_b": _member_ref,
                         "decision": _one_of("same", "different"), "at": _at, "by": _name},
    TOKEN_REVOCATION: {"token_id": lambda v: isinstance(v, str) and _TOKEN_RE.fullmatch(v) is not None,
                       "regno": _name, "serial": _uint, "at": _at, "by": _name, "reason": _text},
    UNREADABLE: {"regno": _name, "version": _uint, "at": _at, "part": _name,
                 "lost": lambda v: type(v) is bool},
    AUDIT: {"seq": _uint, "at": _at, "actor": _text, "action": _name, "subject": _text,
            "details": lambda v: isinstance(v, dict), "prev_hash": _hex64, "hash": _hex64},
}
FIELDS: dict[str, tuple[str, ...]] = {kind: tuple(fields) for kind, fields in SCHEMA.items()}
_FIELD_SETS = {kind: frozenset(fields) for kind, fields in SCHEMA.items()}
_ALLOWED = {kind: names | {"kind", "n"} for kind, names in _FIELD_SETS.items()}
assert tuple(SCHEMA) == KINDS


def make_record(kind: str, /, **fields: Any) -> dict[str, Any]:
    """A record of ``kind`` with exactly its fields, in the format's order.

    ``TypeError`` for a field missing or unknown: a bug in the caller, caught
    when the record is made rather than at HQ.
    """
    names = FIELDS[kind]
    if fields.keys() != _FIELD_SETS[kind]:
        wrong = ", ".join(sorted(_FIELD_SETS[kind] ^ fields.keys()))
        raise TypeError(f"a {kind} record has the fields {', '.join(names)}, not so: {wrong}")
    return {"kind": kind, **{name: fields[name] for name in names}}


def record_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with one record's fields, in one line; ``None`` if nothing.

    Every field of its kind present with the right type and value, no unknown
    field (``kind`` and the number ``n`` aside).
    """
    kind = record.get("kind")
    if not isinstance(kind, str) or kind not in SCHEMA:
        return f"{_where(record)}: unknown kind"
    if not record.keys() <= _ALLOWED[kind]:
        unknown = sorted(record.keys() - _ALLOWED[kind])
        return f"{_where(record)}: unknown field {unknown[0]!r}"
    for name, check in SCHEMA[kind].items():
        if name not in record:
            return f"{_where(record)}: field {name!r} is missing"
        if not check(record[name]):
            return f"{_where(record)}: field {name!r} has a wrong type or value"
    if kind == REGISTRATION and record["version"] != 1:
        return f"{_where(record)}: a registration is version 1"
    if kind in (CORRECTION, VOID) and record["version"] < 2:
        return f"{_where(record)}: a {kind} is version 2 or later"
    return None


def _where(record: dict[str, Any]) -> str:
    return f"record {record.get('n')} ({record.get('kind')})"


def registrations(record: dict[str, Any]) -> list[Any]:
    """The registration numbers a record names (each must be of the batch's post).

    Whatever stands there, checked or not: a reader calls this before
    ``record_problem`` has looked at the record.
    """
    if record.get("kind") == DUPLICATE_DECISION:
        return [str(record.get(k, "")).partition("/")[0] for k in ("member_a", "member_b")]
    return [record.get("regno")] if "regno" in record else []
