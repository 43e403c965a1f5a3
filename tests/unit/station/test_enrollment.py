"""fieldreg.station.enrollment: setting up an enrolled border post and a verify-only camp.

Real HQ directories (cheap KDF) and real stores in ``tmp_path``. What a station
does with its trust afterwards is tests/unit/station/test_trust.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreg.errors import CorruptData, InvalidInput
from fieldreg.keys import Enrollment, HqDir, key_id_hex
from fieldreg.station import Station
from fieldreg.station.enrollment import create_camp, create_enrolled_post
from fieldreg.station.session import Session
from fieldreg.station.tokens import current_post_key
from fieldreg.station.trust import station_trust, trust_dir
from fieldreg.tokens import Status, verify_token
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, household
from tests.unit.station.at_t0 import CAMP_ADMIN, DAY, T0, audit, enroll, reopened

# -- an enrolled border post --------------------------------------------------------------

def test_enrolled_post_holds_its_key_and_pins_its_hq(
        post_t0: Session, hq_t0: HqDir, enrollment: Enrollment, data_dir: Path) -> None:
    store = post_t0.station
    assert (store.kind, store.post_id, store.post_name) == ("post", "TGR1", "Tengréla")
    assert store.store.meta("hq_root") == hq_t0.root_public.hex()
    assert store.store.meta("hq_fingerprint") == hq_t0.fingerprint
    assert store.store.meta("hq_age_recipient") == hq_t0.age_recipient
    files = trust_dir(data_dir)
    assert files == data_dir / "trust"
    assert (files / "trustlist.cose").read_bytes() == enrollment.trust_list.raw
    assert (files / "trustlist.cose").stat().st_mode & 0o777 == 0o600
    trust = station_trust(store)
    assert trust.root_public == hq_t0.root_public and trust.trust.version == 2
    assert trust.revocations is None
    kid = key_id_hex(enrollment.post_key.key_id)
    assert post_t0.trust.post_keys() == [(kid, "2026-11-01T08:00:00Z", "2028-10-31T08:00:00Z", True)]
    assert current_post_key(post_t0, now=T0 + DAY).key_id == enrollment.post_key.key_id
    assert audit(post_t0, "key_load") == [(ADMIN, "TGR1", {"key": kid})]
    assert post_t0.audit.verify()[1] is None


def test_enrolled_post_signs_slips_that_hq_trusts(post_t0: Session, hq_t0: HqDir) -> None:
    regno = post_t0.households.register(parse_household(household()))
    issued = post_t0.tokens.issue(regno, now=T0 + DAY)
    verdict = verify_token(issued.text, station_trust(post_t0.station).trust, None, T0 + 2 * DAY)
    assert verdict.status is Status.VALID and verdict.claims == issued.claims


def test_enrolled_post_is_not_created_over_an_existing_store(
        post_t0: Session, hq_t0: HqDir, data_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="already holds a FieldReg store"):
        create_enrolled_post(data_dir, enroll(hq_t0, now=T0 + DAY), post_name="Autre",
                             admin="moussa", passphrase=ADMIN_PASS, kdf=FAST_KDF)
    again = Station.open(data_dir)
    assert again.post_name == "Tengréla"
    assert len(again.unlock(ADMIN, ADMIN_PASS).trust.post_keys()) == 1
    assert station_trust(again).trust.version == 2


# -- a camp -------------------------------------------------------------------------------

def test_camp_is_set_up_from_a_trust_list_checked_against_the_fingerprint(
        hq_t0: HqDir, enrollment: Enrollment, camp_dir: Path) -> None:
    typed = hq_t0.fingerprint.lower().replace("-", " ")  # as a person may type it
    store = create_camp(camp_dir, camp_id="CAMP1", camp_name="Site de transit",
                        trust_list=hq_t0.trust_list().raw, fingerprint=typed,
                        admin=CAMP_ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    assert (store.kind, store.post_id, store.post_name) == ("camp", "CAMP1", "Site de transit")
    assert store.store.meta("hq_root") == hq_t0.root_public.hex()
    assert store.store.meta("hq_fingerprint") == hq_t0.fingerprint
    assert store.store.meta_or("hq_age_recipient") is None
    trust = station_trust(store)
    assert trust.trust.raw == hq_t0.trust_list().raw
    assert trust.trust.find(enrollment.post_key.key_id) is not None
    session = store.unlock(CAMP_ADMIN, ADMIN_PASS)
    assert session.trust.post_keys() == []
    with pytest.raises(InvalidInput, match="no signing key"):
        current_post_key(session)


def test_camp_with_a_wrong_fingerprint_leaves_nothing_behind(
        hq_t0: HqDir, other_hq: HqDir, camp_dir: Path) -> None:
    with pytest.raises(CorruptData, match="different HQ key than the fingerprint"):
        create_camp(camp_dir, camp_id="CAMP1", camp_name="Site de transit",
                    trust_list=hq_t0.trust_list().raw, fingerprint=other_hq.fingerprint,
                    admin=CAMP_ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    assert not Station.exists(camp_dir)
    assert not trust_dir(camp_dir).exists()


def test_camp_is_not_created_over_an_existing_store(camp: Session, hq_t0: HqDir, camp_dir: Path,
                                                    other_hq: HqDir) -> None:
    with pytest.raises(InvalidInput, match="already holds a FieldReg store"):
        create_camp(camp_dir, camp_id="CAMP2", camp_name="Autre site",
                    trust_list=other_hq.trust_list().raw, fingerprint=other_hq.fingerprint,
                    admin=CAMP_ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    assert Station.open(camp_dir).post_id == "CAMP1"
    assert reopened(camp).root_public == hq_t0.root_public
