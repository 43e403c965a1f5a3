"""Names printed safely: control and bidirectional characters escaped, at the post's CLI too."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from subprocess import CompletedProcess

from fieldreg.cli.main import main
from fieldreg.safetext import escape_controls, isolate
from fieldreg.station.session import Session
from fieldreg.validation import parse_household
from tests.conftest import household

UNSAFE = "\x00\x07\x1b\x7f\x85\x9b\u00ad\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
         "\u2066\u2067\u2068\u2069\u2028\u2029\ufeff\U000e0041"


def test_every_control_and_bidi_character_is_escaped_and_json_stays_the_same() -> None:
    text = "Awa " + UNSAFE + " Traoré ߒߞߏ محمد\tend\n"
    escaped = escape_controls(text)
    assert not any(ch in escaped for ch in UNSAFE)
    assert escaped.endswith("Traoré ߒߞߏ محمد\tend\n")  # letters of every script, tab, newline kept
    assert "\\u001b" in escaped and "\\u202e" in escaped and "\\udb40\\udc41" in escaped
    dumped = json.dumps({"name": text}, ensure_ascii=False)
    assert json.loads(escape_controls(dumped)) == {"name": text}
    assert escape_controls("Aminata Traoré") == "Aminata Traoré"
    assert isolate("\u202eabc") == "\u2068\\u202eabc\u2069"


def test_cli_errors_and_output_are_escaped(capsys: object) -> None:
    code = main(["hq", "held", "--dir", "/nonexistent\x1b[2J\u202e"])
    out, err = capsys.readouterr()  # type: ignore[attr-defined]
    assert code != 0 and "\x1b" not in out + err and "\u202e" not in out + err


def test_names_stored_at_a_post_print_escaped(admin: Session,
                                              run_cli: Callable[..., CompletedProcess[str]]) -> None:
    """A name with an ESC and an override got into the store (an older version, a modified
    program): search, show and duplicates print it escaped."""
    valid = parse_household(household())
    evil = dataclasses.replace(valid.members[0], given_names="Awa\x1b]0;x\x07", family_name="\u202eéroarT")
    regno = admin.households.register(dataclasses.replace(valid, members=(evil, *valid.members[1:])))
    for args in (["search", "roarT"], ["search", "Awa"], ["show", regno], ["show", regno, "--json"],
                 ["duplicates"]):
        result = run_cli(*args)
        printed = result.stdout + result.stderr
        assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed, args
    shown = run_cli("show", regno)
    assert "\\u202e" in shown.stdout and "Awa\\u001b]0;x\\u0007" in shown.stdout
    assert json.loads(run_cli("show", regno, "--json").stdout)["members"][0]["given_names"] == "Awa\x1b]0;x\x07"
