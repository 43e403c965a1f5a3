from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from fieldreg.errors import InvalidInput
from fieldreg.regno import ALPHABET, DAMM_TABLE, RegNo, check_character, is_canonical_regno, parse_regno

post_ids = st.from_regex(r"[A-Z][A-Z0-9]{1,7}", fullmatch=True)
regnos = st.builds(RegNo.build, post_ids, st.integers(2000, 2099), st.integers(1, 999_999))


def test_format_and_round_trip() -> None:
    regno = RegNo.build("TGR1", 2026, 42)
    assert str(regno).startswith("TGR1-26-000042-")
    assert parse_regno(str(regno)) == regno
    assert parse_regno(f"  {str(regno).lower()} ") == regno


def test_table_is_totally_antisymmetric_quasigroup() -> None:
    # Latin square: single substitutions change the result.
    for row in DAMM_TABLE:
        assert sorted(row) == list(range(36))
    for col in range(36):
        assert sorted(DAMM_TABLE[r][col] for r in range(36)) == list(range(36))
    # Total anti-symmetry: (c*x)*y == (c*y)*x only when x == y, so swaps are caught.
    for c in range(36):
        for x in range(36):
            for y in range(x + 1, 36):
                assert DAMM_TABLE[DAMM_TABLE[c][x]][y] != DAMM_TABLE[DAMM_TABLE[c][y]][x]


@given(regnos)
def test_every_single_wrong_character_is_caught(regno: RegNo) -> None:
    text = str(regno)
    for i, original in enumerate(text):
        if original == "-":
            continue
        for replacement in ALPHABET:
            if replacement != original:
                mistyped = text[:i] + replacement + text[i + 1:]
                with pytest.raises(InvalidInput):
                    parse_regno(mistyped)


@given(regnos)
def test_every_swap_of_neighbours_is_caught(regno: RegNo) -> None:
    compact = regno.payload + check_character(regno.payload)
    for i in range(len(compact) - 1):
        if compact[i] == compact[i + 1]:
            continue
        swapped = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2:]
        payload, check = swapped[:-1], swapped[-1]
        assert check_character(payload) != check, swapped


@pytest.mark.parametrize("text, message", [
    ("TGR1-26-42-X", "not a registration number"),
    ("TGR1-26-000000-" + check_character("TGR126000000"), "sequence 000000"),
    ("", "not a registration number"),
])
def test_rejects_malformed(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_regno(text)


def test_bad_check_character_message() -> None:
    good = str(RegNo.build("TGR1", 2026, 7))
    bad = good[:-1] + ("A" if good[-1] != "A" else "B")
    with pytest.raises(InvalidInput, match="wrong check character"):
        parse_regno(bad)


@pytest.mark.parametrize("post_id", ["tgr1", "1TG", "T", "TOOLONGID", "TG-1"])
def test_post_id_rules(post_id: str) -> None:
    with pytest.raises(InvalidInput):
        RegNo.build(post_id, 2026, 1)


def test_worked_example_in_docs() -> None:
    # docs/formats/regno.md
    assert check_character("TGR126000042") == "B"
    assert [DAMM_TABLE[0][s] for s in range(4)] == [0, 1, 2, 3]


@given(regnos, st.sampled_from(["lower", "space", "newline", "typo", "zero"]))
def test_is_canonical_regno_only_for_the_printed_spelling(regno: RegNo, change: str) -> None:
    text = str(regno)
    assert is_canonical_regno(text)
    changed = {
        "lower": text.lower(),
        "space": f" {text}",
        "newline": f"{text}\n",
        "typo": text[:-1] + ("0" if text[-1] != "0" else "1"),
        "zero": f"{regno.post_id}-26-000000-{check_character(regno.post_id + '26000000')}",
    }[change]
    if changed != text:
        assert not is_canonical_regno(changed)
