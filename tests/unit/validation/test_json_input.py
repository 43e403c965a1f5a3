"""Hostile bytes to the JSON reader: each refused with its own code, the lines around it kept."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from fieldreg.errors import ValidationError
from fieldreg.validation import MAX_DEPTH, MAX_LINE_BYTES, parse_json, read_households
from tests.conftest import household

GOOD = json.dumps(household()).encode()


def refused(data: bytes) -> tuple[str, str]:
    with pytest.raises(ValidationError) as err:
        parse_json(data)
    (problem,) = err.value.problems
    return problem.code, str(problem)


@pytest.mark.parametrize(("data", "code", "line"), [
    (b'{"consent": false, "consent": true}', "duplicate_key", "the key 'consent' is given twice in one object"),
    (b'{"members": [{"sex": "F", "sex": "M"}]}', "duplicate_key", "the key 'sex' is given twice"),
    (b'{"a": ' + b"9" * 5000 + b"}", "number_too_long", "a number of 5000 characters (at most 20)"),
    (b'{"a": 1e999}', "number_too_long", "the number 1e999 is too large"),
    (b'{"a": NaN}', "not_json", "not valid JSON: NaN is not a JSON value"),
    (b"[" * 200_000 + b"]" * 200_000, "too_deep", f"lists and objects nested more than {MAX_DEPTH} deep"),
    (b'{"a": ' + b"[" * (MAX_DEPTH) + b"]" * (MAX_DEPTH) + b"}", "too_deep", "lists and objects nested"),
    (b'{"notes": "caf\xe9"}', "not_utf8", "not UTF-8 text (byte 0xe9 at position 15)"),
    (b'{"notes": "\xed\xa0\x80"}', "not_utf8", "not UTF-8 text (byte 0xed"),  # an encoded surrogate
    (GOOD[:30], "not_json", "not valid JSON: "),
])
def test_hostile_bytes_are_one_problem_each(data: bytes, code: str, line: str) -> None:
    got_code, got_line = refused(data)
    assert got_code == code and got_line.startswith(line), got_line


def test_nesting_up_to_the_limit_and_long_text_are_accepted() -> None:
    deepest = parse_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)
    for _ in range(MAX_DEPTH - 1):
        (deepest,) = deepest
    assert deepest == []
    assert parse_json(GOOD) == household()
    assert parse_json(b'{"notes": "' + b"x" * 100_000 + b'", "year": -1990}')["year"] == -1990


def households(data: bytes) -> list[tuple[int, Any]]:
    return list(read_households(io.BytesIO(data)))


def test_each_line_stands_alone_whatever_the_first_line_holds() -> None:
    hostile = [GOOD[:30], b'{"sex": ["F"]}', b"9" * 5000, b"[" * 200_000, b"\xff\xfe", b'{"a": 1, "a": 2}']
    for bad in hostile:
        data = b"\n".join([bad, GOOD, b"", GOOD, bad, GOOD]) + b"\n"
        got = households(data)
        assert [n for n, _ in got] == [1, 2, 4, 5, 6], bad[:20]
        assert [n for n, value in got if value == household()] == [2, 4, 6], bad[:20]


def test_an_oversize_line_is_skipped_unread_and_the_next_line_kept() -> None:
    big = b'{"notes": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}'
    got = households(GOOD + b"\n" + big + b"\n" + GOOD + b"\n")
    assert [n for n, _ in got] == [1, 2, 3]
    assert got[0][1] == got[2][1] == household()
    assert isinstance(got[1][1], ValidationError) and got[1][1].problems[0].code == "line_too_long"


def test_a_pretty_printed_household_is_one_household() -> None:
    pretty = b"\n" + json.dumps(household(), indent=2).encode()
    assert households(pretty) == [(2, household())]
    broken = pretty.replace(b'"consent": true', b'"consent": tru')
    ((line, err),) = households(broken)
    assert isinstance(err, ValidationError) and err.problems[0].code == "not_json"
    assert broken.split(b"\n")[line - 1].strip().startswith(b'"consent"')
    twice = pretty.replace(b'"consent": true', b'"consent": true, "consent": false')
    ((line, err),) = households(twice)
    assert (line, err.problems[0].code) == (2, "duplicate_key")


def test_a_byte_order_mark_and_crlf_are_accepted() -> None:
    assert households(b"\xef\xbb\xbf" + GOOD + b"\r\n" + GOOD + b"\r\n") == [(1, household()), (2, household())]
