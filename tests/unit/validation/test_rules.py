"""The rules for one value, as the form and the station apply them one at a time."""

from __future__ import annotations

import unicodedata

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.validation import MAX_NAME, MAX_REASON, clean_reason, clean_text, country_codes, name_problem
from fieldreg.validation.rules import has_control


def test_clean_text_is_nfc_on_one_line() -> None:
    assert clean_text("  Awa \t\n Trao\u0301re  ") == "Awa Traóre"  # o + combining acute -> ó


@pytest.mark.parametrize(("name", "code"), [
    ("Awa", None),
    ("N'Golo", None),
    ("Aïssata Diallo-Bâ", None),
    ("ߊߥߊ", None),  # N'Ko
    ("Awa\u200b", "control_character"),
    ("A" * (MAX_NAME + 1), "too_long"),
    ("Awa3", "bad_character"),
    ("'-", "no_letters"),
])
def test_name_problem_codes(name: str, code: str | None) -> None:
    why = name_problem(name)
    assert (why[0] if why else None) == code


def test_a_name_problem_says_which_character() -> None:
    why = name_problem("Awa3")
    assert why is not None and str(why[1]).startswith("contains '3'")


def test_clean_reason_is_required_one_line_and_bounded() -> None:
    assert clean_reason("  typo in\nthe  name ") == "typo in the name"
    with pytest.raises(InvalidInput, match="a reason is required"):
        clean_reason(" \n ")
    assert clean_reason("x" * MAX_REASON) == "x" * MAX_REASON
    with pytest.raises(InvalidInput, match=f"at most {MAX_REASON}"):
        clean_reason("x" * (MAX_REASON + 1))


def test_country_codes_are_iso_alpha_3() -> None:
    codes = country_codes()
    assert {"MLI", "BFA", "NER"} <= codes
    assert all(len(code) == 3 and code.isupper() for code in codes)


@pytest.mark.parametrize("value", [
    "Aminata", "Traoré", "N'Golo", "Kouyaté-Diallo", "ʼAbd al-Rahman", "آمنة", "ߊߡߌߣߊߕߊ",
    "Awa\u0301", "Awa3", "A\u200bwa", "A\x07wa", "'-", "", " ", "Ma\u00a0riam", "Ibrahim\ufeff",
])
def test_name_rules_fast_path_agrees_with_the_character_loop(value: str) -> None:
    """The C-speed shortcuts give exactly what the per-character rules give."""
    def slow_control(text: str) -> bool:
        return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text)

    def slow_name(text: str) -> str | None:
        if slow_control(text):
            return "control_character"
        for ch in text:
            if ch not in " -'\u2019\u02bc" and unicodedata.category(ch)[0] not in "LM":
                return "bad_character"
        return None if any(unicodedata.category(ch)[0] == "L" for ch in text) else "no_letters"

    assert has_control(value) == slow_control(value)
    problem = name_problem(value)
    assert (problem[0] if problem else None) == slow_name(value)
