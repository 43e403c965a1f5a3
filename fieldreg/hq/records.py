"""The shape of each batch record kind (docs/formats/batch.md §4), as HQ checks it.

    problem = record_problem(record)     # None, or "record 12 (correction): field 'reason' ..."

``fieldreg.batches.format.read_batch`` checks numbering, kinds, order, the post
of every registration number and the audit sequence; this module checks the
rest of each line: every field of its kind present with the right type, no
unknown field. A problem makes the whole batch **damaged**.
"""

from __future__ import annotations

import re
from typing import Any

_AT_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_HEX64_RE = re.compile(r"[0-9a-f]{64}")
_TOKEN_RE = re.compile(r"[0-9a-f]{32}")

# kind -> {field: check}
_Check = Any


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _name(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _at(value: Any) -> bool:
    return isinstance(value, str) and _AT_RE.fullmatch(value) is not None


def _uint(value: Any) -> bool:
    return type(value) is int and value >= 1


def _household(value: Any) -> bool:
    members = value.get("members") if isinstance(value, dict) else None
    return isinstance(members, list) and len(members) >= 1 and all(isinstance(m, dict) for m in members)


def _member_ref(value: Any) -> bool:
    regno, slash, member = value.partition("/") if isinstance(value, str) else ("", "", "")
    return bool(regno and slash and member)


_VERSIONED = {"regno": _name, "version": _uint, "at": _at, "by": _name, "household": _household}
_FIELDS: dict[str, dict[str, _Check]] = {
    "registration": {**_VERSIONED, "status": lambda v: v == "active"},
    "correction": {**_VERSIONED, "status": lambda v: v in ("active", "void"), "reason": _text},
    "void": {**_VERSIONED, "status": lambda v: v == "void", "reason": _text},
    "duplicate_decision": {
        "member_a": _member_ref, "member_b": _member_ref,
        "decision": lambda v: v in ("same", "different"), "at": _at, "by": _name,
    },
    "token_revocation": {
        "token_id": lambda v: isinstance(v, str) and _TOKEN_RE.fullmatch(v) is not None,
        "regno": _name, "serial": _uint, "at": _at, "by": _name, "reason": _text,
    },
    "audit": {
        "seq": _uint, "at": _at, "actor": _text, "action": _name, "subject": _text,
        "details": lambda v: isinstance(v, dict),
        "prev_hash": lambda v: isinstance(v, str) and _HEX64_RE.fullmatch(v) is not None,
        "hash": lambda v: isinstance(v, str) and _HEX64_RE.fullmatch(v) is not None,
    },
}


def record_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with one record's fields, in one line; ``None`` if nothing."""
    kind = record.get("kind")
    where = f"record {record.get('n')} ({kind})"
    fields = _FIELDS.get(kind) if isinstance(kind, str) else None
    if fields is None:
        return f"{where}: unknown kind"
    unknown = sorted(set(record) - set(fields) - {"kind", "n"})
    if unknown:
        return f"{where}: unknown field {unknown[0]!r}"
    for name, check in fields.items():
        if name not in record:
            return f"{where}: field {name!r} is missing"
        if not check(record[name]):
            return f"{where}: field {name!r} has a wrong type or value"
    if kind == "registration" and record["version"] != 1:
        return f"{where}: a registration is version 1"
    if kind in ("correction", "void") and record["version"] < 2:
        return f"{where}: a {kind} is version 2 or later"
    return None
