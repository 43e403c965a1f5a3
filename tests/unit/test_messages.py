"""Messages are templates with values, so the app can show them translated."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput, NotFound, Problem, ValidationError
from fieldreg.messages import Message
from fieldreg.regno import parse_regno
from fieldreg.tokens.verdict import Reason, TokenError

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = runpy.run_path(str(ROOT / "scripts" / "translations.py"))


def test_a_message_prints_its_english_and_keeps_template_and_values() -> None:
    m = Message("batch {seq} of {post!r} from {day:%Y-%m-%d}", seq=4, post="TGR1",
                day=__import__("datetime").date(2026, 11, 20))
    assert str(m) == "batch 4 of 'TGR1' from 2026-11-20"
    assert m.template == "batch {seq} of {post!r} from {day:%Y-%m-%d}" and m.params["seq"] == 4
    assert Message("is required: {country, region}") .template == str(Message("is required: {country, region}"))


def test_errors_carry_their_message_and_print_the_english() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_regno("ABC")
    assert caught.value.message.template == "{text!r} is not a registration number (expected POST-YY-NNNNNN-C)"
    assert str(caught.value) == "'ABC' is not a registration number (expected POST-YY-NNNNNN-C)"
    assert str(NotFound("plain words {not a field}")) == "plain words {not a field}"  # no values: as written


def test_token_errors_and_validation_errors_keep_each_part() -> None:
    err = TokenError(Reason.MALFORMED, "claims version {version!r} is not supported", version=7)
    assert str(err) == "malformed: claims version 7 is not supported"
    assert str(err.detail) == "claims version 7 is not supported"
    problems = ValidationError([Problem("required", Message("is required"), member=1, field="sex"),
                                Problem("not_json", Message("x"))])
    assert str(problems) == "member 1 sex: is required; x" and problems.problems[1].line == Message("x")
    assert problems.problems[0].line == Message("{where}: {problem}", where="member 1 sex",
                                                problem=Message("is required"))


def test_no_message_is_built_at_run_time() -> None:
    # An f-string (or + or .format) as a template cannot be looked up in a translation.
    everything = [p for p in (ROOT / "fieldreg").rglob("*.py") if "ui" not in p.relative_to(ROOT / "fieldreg").parts]
    assert SCRIPT["built_templates"](everything) == []


def test_the_templates_the_app_can_show_are_extracted() -> None:
    templates = SCRIPT["core_templates"]()
    assert "{text!r} is not a registration number (expected POST-YY-NNNNNN-C)" in templates  # an error
    assert "family name variant {a}/{b}" in templates  # a duplicate's reason
    assert "{where}: {problem}" in templates  # a validation problem's frame
    assert "init needs {options} (or --demo)" not in templates  # the command line stays English
