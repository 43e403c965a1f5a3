"""fieldreg.station.verifying: the one path from a scan to a verdict (and a check-in) for CLI and app.

A real HQ (cheap KDF), the enrolled post TGR1 issuing real slips (tests/conftest.py)
and a real camp station set up from HQ's trust list, all in ``tmp_path``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.keys import HqDir
from fieldreg.station import Station
from fieldreg.station.enrollment import create_camp
from fieldreg.station.scanner import mangle_us_on_azerty
from fieldreg.station.session import Session
from fieldreg.station.verifying import (
    Verifier,
    approximate_age,
    check_regno,
    head_name,
    is_token_text,
)
from fieldreg.tokens import Reason, Status
from fieldreg.validation import parse_household
from tests.conftest import ADMIN_PASS, FAST_KDF, household, make_user


@dataclass
class Camp:
    hq: HqDir
    post: Session
    session: Session

    @property
    def verifier(self) -> Verifier:
        return Verifier.for_station(self.session.station)

    def slip(self) -> tuple[str, str]:
        regno = self.post.households.register(parse_household(household()))
        return regno, self.post.tokens.issue(regno).text

    def checkins(self) -> int:
        return int(self.session.store.db.execute("SELECT count(*) FROM checkins").fetchone()[0])


@pytest.fixture
def camp(hq: HqDir, post: Session, tmp_path: Path) -> Camp:
    store = create_camp(tmp_path / "camp", camp_id="CAMP1", camp_name="Site de transit",
                        trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint, admin="ali",
                        passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return Camp(hq, post, store.unlock("ali", ADMIN_PASS))


def altered(token: str) -> str:
    i = len(token) // 2
    return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]


# -- verdicts ---------------------------------------------------------------------------

def test_station_verifier_gives_valid_invalid_and_revoked(camp: Camp) -> None:
    regno, token = camp.slip()
    verdict = camp.verifier.verify_text(token + "\n")
    assert verdict.status is Status.VALID and verdict.claims is not None
    assert verdict.claims.registration_number == regno
    assert head_name(verdict.claims) == "TRAORÉ Aminata"
    bad = camp.verifier.verify_text(altered(token))
    assert bad.status is Status.INVALID and bad.reason is not None
    camp.session.trust.load_list(camp.hq.revoke_tokens([verdict.claims.token_id]).raw)
    revoked = camp.verifier.verify_text(token)  # a fresh verifier reads the newer list
    assert (revoked.status, revoked.reason) == (Status.REVOKED, Reason.TOKEN_REVOKED)


def test_a_station_without_trust_cannot_verify(tmp_path: Path) -> None:
    plain = Station.create(tmp_path / "plain", post_id="KDL2", post_name="Kadiolo", admin="awa",
                             passphrase=ADMIN_PASS, kdf=FAST_KDF)
    with pytest.raises(InvalidInput, match="no HQ trust list"):
        Verifier.for_station(plain)
    with pytest.raises(InvalidInput, match="no trust list"):
        Verifier.from_sources(plain)
    with pytest.raises(InvalidInput, match="no trust list"):
        Verifier.from_sources(None)


def test_lists_given_as_files(camp: Camp) -> None:
    _, token = camp.slip()
    trust = camp.hq.trust_list().raw
    with pytest.raises(InvalidInput, match="fingerprint"):
        Verifier.from_sources(None, trust_list=trust)
    outside = Verifier.from_sources(None, trust_list=trust, fingerprint=camp.hq.fingerprint)
    assert outside.verify_text(token).status is Status.VALID and outside.clock_floor is None
    claims = outside.verify_text(token).claims
    assert claims is not None
    revocations = camp.hq.revoke_tokens([claims.token_id]).raw
    with_file = Verifier.from_sources(camp.session.station, revocation_list=revocations)
    assert with_file.verify_text(token).status is Status.REVOKED
    assert camp.verifier.verify_text(token).status is Status.VALID  # the station's own: not loaded


# -- a scan at the desk -----------------------------------------------------------------

def test_scan_checks_in_a_valid_slip_and_warns_the_second_time(camp: Camp) -> None:
    regno, token = camp.slip()
    first = camp.verifier.scan(token, session=camp.session)
    assert first.verdict is not None and first.verdict.ok
    assert (first.checked_in, first.earlier, first.repaired) == (True, (), False)
    officer = make_user(camp.session, "moussa", "officer")
    second = camp.verifier.scan(token, session=officer)
    assert second.checked_in and [c.checked_by for c in second.earlier] == ["ali"]
    assert second.earlier[0].same_token and second.earlier[0].regno == regno
    assert camp.checkins() == 2


def test_scan_repairs_a_mangled_scanner(camp: Camp) -> None:
    _, token = camp.slip()
    result = camp.verifier.scan(mangle_us_on_azerty(token), session=camp.session)
    assert result.repaired and result.text == token
    assert result.verdict is not None and result.verdict.ok and result.checked_in


def test_scan_records_nothing_for_a_bad_slip(camp: Camp) -> None:
    _, token = camp.slip()
    result = camp.verifier.scan(altered(token), session=camp.session)
    assert result.verdict is not None and result.verdict.status is Status.INVALID
    assert not result.checked_in and camp.checkins() == 0


def test_scan_without_a_camp_session_records_nothing(camp: Camp) -> None:
    _, token = camp.slip()
    anywhere = camp.verifier.scan(token)
    at_post = camp.verifier.scan(token, session=camp.post)
    assert anywhere.verdict is not None and anywhere.verdict.ok and not anywhere.checked_in
    assert at_post.verdict is not None and at_post.verdict.ok and not at_post.checked_in
    assert camp.checkins() == 0


def test_scan_of_a_typed_number(camp: Camp) -> None:
    regno, token = camp.slip()
    never = camp.verifier.scan(f" {regno.lower()} ", session=camp.session)
    assert never.regno is not None and never.verdict is None
    assert never.regno.regno == regno and never.regno.checkins == ()
    camp.verifier.scan(token, session=camp.session)
    seen = camp.verifier.scan(regno, session=camp.session)
    assert seen.regno is not None and [c.regno for c in seen.earlier] == [regno]
    assert not seen.checked_in and camp.checkins() == 1  # looking up records nothing
    wrong = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    with pytest.raises(InvalidInput, match="wrong check character"):
        camp.verifier.scan(wrong, session=camp.session)
    with pytest.raises(InvalidInput, match="nothing was scanned"):
        camp.verifier.scan("  \n")


def test_check_regno_outside_a_camp_looks_nothing_up(camp: Camp) -> None:
    regno, _ = camp.slip()
    assert check_regno(regno).checkins is None
    assert check_regno(regno, camp.post).checkins is None
    assert check_regno(regno, camp.session).checkins == ()
    with pytest.raises(InvalidInput, match="not a registration number"):
        check_regno("hello")


def test_helpers() -> None:
    assert is_token_text("FR1:ABC") and not is_token_text("TGR1-26-000042-B")
    assert approximate_age(1990, datetime(2026, 12, 1, tzinfo=UTC)) == 36
    assert approximate_age(2030, datetime(2026, 12, 1, tzinfo=UTC)) == 0
