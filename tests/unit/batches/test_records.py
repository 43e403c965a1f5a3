"""The record schema (fieldreg/batches/records.py): one definition, and docs/formats/batch.md §4 agrees."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from fieldreg.batches import FIELDS, KINDS, make_record, record_problem
from fieldreg.batches.records import registrations

DOC = Path(__file__).parents[3] / "docs" / "formats" / "batch.md"

HOUSEHOLD = {"members": [{"id": "m0", "family_name": "Traoré"}]}
GOOD: dict[str, dict[str, Any]] = {
    "registration": {"regno": "TGR1-26-000001-7", "version": 1, "at": "2026-11-02T08:00:00Z",
                     "by": "agent", "status": "active", "household": HOUSEHOLD},
    "correction": {"regno": "TGR1-26-000001-7", "version": 2, "at": "2026-11-02T09:00:00Z",
                   "by": "superviseur", "status": "active", "reason": "typo", "household": HOUSEHOLD},
    "void": {"regno": "TGR1-26-000001-7", "version": 3, "at": "2026-11-02T10:00:00Z",
             "by": "superviseur", "status": "void", "reason": "twice", "household": HOUSEHOLD},
    "duplicate_decision": {"member_a": "TGR1-26-000001-7/m0", "member_b": "TGR1-26-000002-5/m0",
                           "decision": "different", "at": "2026-11-02T11:00:00Z", "by": "superviseur"},
    "token_revocation": {"token_id": "ab" * 16, "regno": "TGR1-26-000001-7", "serial": 1,
                         "at": "2026-11-02T12:00:00Z", "by": "superviseur", "reason": "slip lost"},
    "unreadable": {"regno": "TGR1-26-000002-5", "version": 1, "at": "2026-11-02T08:30:00Z",
                   "part": "members/m0.family_name", "lost": False},
    "audit": {"seq": 1, "at": "2026-11-02T08:00:00Z", "actor": "agent", "action": "register",
              "subject": "TGR1-26-000001-7", "details": {"members": 1}, "prev_hash": "0" * 64,
              "hash": "f" * 64},
}


def documented_fields() -> dict[str, list[str]]:
    """§4's table: kind -> the field names it lists, in order (values in parentheses left out)."""
    section = DOC.read_text(encoding="utf-8").split("## 4. Records")[1].split("\n## ")[0]
    table: dict[str, list[str]] = {}
    header, *rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", section, re.MULTILINE)
    assert header == ("kind", "fields besides `kind` and `n`")
    for kind, fields in rows:
        table[kind] = re.findall(r"`(\w+)`", re.sub(r"\([^)]*\)", "", fields))
    return table


def test_the_format_documents_every_kind_with_the_schemas_fields_in_order() -> None:
    assert documented_fields() == {kind: list(FIELDS[kind]) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_make_record_puts_the_fields_in_the_formats_order(kind: str) -> None:
    fields = dict(reversed(GOOD[kind].items()))
    record = make_record(kind, **fields)
    assert list(record) == ["kind", *FIELDS[kind]]
    assert record_problem({**record, "n": 1}) is None


def test_make_record_refuses_a_missing_or_unknown_field() -> None:
    with pytest.raises(TypeError, match="not so: reason"):
        make_record("correction", **{k: v for k, v in GOOD["correction"].items() if k != "reason"})
    with pytest.raises(TypeError, match="not so: reason"):
        make_record("registration", **GOOD["registration"], reason="typo")


@pytest.mark.parametrize(("kind", "change", "problem"), [
    ("registration", {"version": 2}, "a registration is version 1"),
    ("correction", {"version": 1}, "a correction is version 2 or later"),
    ("void", {"status": "active"}, "field 'status' has a wrong type or value"),
    ("registration", {"household": {"members": []}}, "field 'household' has a wrong type or value"),
    ("registration", {"at": "2026-11-02 08:00"}, "field 'at' has a wrong type or value"),
    ("registration", {"by": ""}, "field 'by' has a wrong type or value"),
    ("duplicate_decision", {"member_a": "TGR1-26-000001-7"}, "field 'member_a' has a wrong type or value"),
    ("duplicate_decision", {"decision": "maybe"}, "field 'decision' has a wrong type or value"),
    ("token_revocation", {"token_id": "AB" * 16}, "field 'token_id' has a wrong type or value"),
    ("token_revocation", {"serial": 0}, "field 'serial' has a wrong type or value"),
    ("token_revocation", {"extra": 1}, "unknown field 'extra'"),
    ("audit", {"hash": "f" * 63}, "field 'hash' has a wrong type or value"),
    ("audit", {"details": []}, "field 'details' has a wrong type or value"),
])
def test_record_problem(kind: str, change: dict[str, Any], problem: str) -> None:
    record = {"kind": kind, "n": 7, **GOOD[kind], **change}
    assert record_problem(record) == f"record 7 ({kind}): {problem}"


def test_record_problem_names_a_missing_field_and_an_unknown_kind() -> None:
    record = {"kind": "void", "n": 3, **GOOD["void"]}
    del record["reason"]
    assert record_problem(record) == "record 3 (void): field 'reason' is missing"
    assert record_problem({"kind": "gossip", "n": 4}) == "record 4 (gossip): unknown kind"
    assert record_problem({"kind": ["audit"], "n": 5}) == "record 5 (['audit']): unknown kind"


def test_registrations_a_record_names() -> None:
    assert registrations({"kind": "registration", **GOOD["registration"]}) == ["TGR1-26-000001-7"]
    assert registrations({"kind": "duplicate_decision", **GOOD["duplicate_decision"]}) == [
        "TGR1-26-000001-7", "TGR1-26-000002-5"]
    assert registrations({"kind": "audit", **GOOD["audit"]}) == []
