"""fieldreg.station.scanner: a US-layout scanner on a French AZERTY computer, recognised and undone.

Real tokens come from a real enrolled post (tests/conftest.py) and are verified
by a real camp after the repair.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from fieldreg.keys import HqDir
from fieldreg.station.enrollment import create_camp
from fieldreg.station.scanner import (
    AZERTY_TO_US,
    SCANNER_ADVICE,
    US_TO_AZERTY,
    is_acceptable,
    looks_mangled,
    mangle_us_on_azerty,
    repair_scanned,
    unmangle_us_on_azerty,
)
from fieldreg.station.session import Session
from fieldreg.station.verifying import Verifier
from fieldreg.tokens import Status
from fieldreg.tokens.base45 import ALPHABET as BASE45
from fieldreg.validation import parse_household
from tests.conftest import ADMIN_PASS, FAST_KDF, household

base45_text = st.text(alphabet=BASE45, max_size=300)


# -- the mapping ------------------------------------------------------------------------

def test_number_row_is_the_french_azerty_one() -> None:
    assert mangle_us_on_azerty("1234567890") == "&é\"'(-è_çà"
    assert mangle_us_on_azerty("0123") == "à&é\""  # the issue's example


def test_letters_and_symbols_follow_the_physical_keys() -> None:
    assert mangle_us_on_azerty("AQZWM") == "QAWZ?"
    assert mangle_us_on_azerty("BCDEFGHIJKLNOPRSTUVXY") == "BCDEFGHIJKLNOPRSTUVXY"
    assert mangle_us_on_azerty("FR1:") == "FR&M"
    assert mangle_us_on_azerty(" $%*+-./") == " 458+):!"


@pytest.mark.parametrize("char", list(BASE45))
def test_every_base45_character_survives_the_round_trip(char: str) -> None:
    assert unmangle_us_on_azerty(mangle_us_on_azerty(char)) == char


def test_the_mapping_is_one_to_one_on_base45() -> None:
    mangled = [mangle_us_on_azerty(c) for c in BASE45]
    assert len(set(mangled)) == len(BASE45)
    assert set(AZERTY_TO_US) == set(US_TO_AZERTY.values())


@given(base45_text)
def test_any_base45_text_survives_the_round_trip(text: str) -> None:
    assert unmangle_us_on_azerty(mangle_us_on_azerty(text)) == text


@given(st.text(max_size=200))
def test_repair_only_ever_yields_acceptable_text(text: str) -> None:
    repaired, mangled = repair_scanned(text)
    if mangled:
        assert is_acceptable(repaired) and not is_acceptable(text)
        assert mangle_us_on_azerty(repaired) == text.strip()
    else:
        assert repaired == text.strip()  # untouched (only the line ending goes)


@given(base45_text)
def test_garbage_stays_garbage(text: str) -> None:
    # base45 noise is neither a token nor a number, mangled or not
    repaired, mangled = repair_scanned(mangle_us_on_azerty("FR1:" + text) + "!!")
    assert not mangled and repaired.endswith("!!")


# -- real tokens and numbers ------------------------------------------------------------

@pytest.fixture
def slip(post: Session) -> tuple[str, str]:
    """(registration number, token text) of a real household's first slip."""
    regno = post.households.register(parse_household(household()))
    return regno, post.tokens.issue(regno).text


@pytest.fixture
def verifier(hq: HqDir, tmp_path: Path) -> Verifier:
    camp = create_camp(tmp_path / "camp", camp_id="CAMP1", camp_name="Site", trust_list=hq.trust_list().raw,
                       fingerprint=hq.fingerprint, admin="ali", passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return Verifier.for_station(camp)


def test_a_mangled_token_is_repaired_and_verifies(slip: tuple[str, str], verifier: Verifier) -> None:
    _, token = slip
    typed = mangle_us_on_azerty(token)
    assert typed != token and typed.startswith("FR&M")
    assert verifier.verify_text(typed).status is Status.INVALID  # as typed, nothing works
    repaired, mangled = repair_scanned(typed + "\n")
    assert (repaired, mangled) == (token, True)
    assert verifier.verify_text(repaired).status is Status.VALID


def test_a_good_token_is_never_touched(slip: tuple[str, str]) -> None:
    _, token = slip
    assert repair_scanned(token) == (token, False)
    assert repair_scanned(f"  {token}\r\n") == (token, False)


def test_an_altered_token_is_not_repaired_into_anything(slip: tuple[str, str],
                                                        verifier: Verifier) -> None:
    _, token = slip
    i = len(token) // 2
    altered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]
    repaired, mangled = repair_scanned(altered)
    assert not mangled and repaired == altered
    assert verifier.verify_text(repaired).status is Status.INVALID
    # altered AND mangled: the keyboard is undone, the alteration is still caught
    repaired, mangled = repair_scanned(mangle_us_on_azerty(altered))
    if mangled:
        assert repaired == altered
    assert verifier.verify_text(repaired).status is Status.INVALID


def test_a_mangled_registration_number_is_repaired(slip: tuple[str, str]) -> None:
    regno, _ = slip
    typed = mangle_us_on_azerty(regno)
    assert typed != regno
    assert repair_scanned(typed) == (regno, True)
    assert repair_scanned(regno) == (regno, False)


def test_a_number_with_a_wrong_check_character_is_left_for_the_check_to_refuse(
        slip: tuple[str, str]) -> None:
    regno, _ = slip
    wrong = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    assert repair_scanned(wrong) == (wrong, False)
    assert repair_scanned(mangle_us_on_azerty(wrong)) == (mangle_us_on_azerty(wrong), False)


@pytest.mark.parametrize("garbage", ["", "   ", "hello", "FR1:", "FR1:ABC", "à&é\"", "&&&&&&&&",
                                     "TGR1-26-000042", "FR2:6BF"])
def test_garbage_is_returned_as_typed(garbage: str) -> None:
    assert repair_scanned(garbage) == (garbage.strip(), False)


def test_the_advice_says_how_to_set_the_scanner() -> None:
    assert "French (AZERTY)" in SCANNER_ADVICE and "keyboard emulation" in SCANNER_ADVICE


def test_looks_mangled_spots_a_damaged_mangled_scan(slip: tuple[str, str]) -> None:
    regno, token = slip
    damaged = mangle_us_on_azerty(token)[:40]  # half a scan: cannot be repaired
    assert repair_scanned(damaged) == (damaged, False) and looks_mangled(damaged)
    assert looks_mangled(mangle_us_on_azerty(regno))
    assert not looks_mangled(token) and not looks_mangled(regno) and not looks_mangled("Traoré")
