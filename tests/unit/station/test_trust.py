"""fieldreg.station.trust: the pinned HQ key, loading newer HQ lists, and a running post's
enrollments and keys (``session.trust``).

Real HQ directories (cheap KDF) and real stores in ``tmp_path``.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldreg.errors import AuthError, CorruptData, InvalidInput, PermissionDenied
from fieldreg.keys import (
    Enrollment,
    HqDir,
    RevocationList,
    StaleTrustList,
    TrustList,
    key_id_hex,
)
from fieldreg.station import Station
from fieldreg.station.service import ANY_USER
from fieldreg.station.session import Session
from fieldreg.station.tokens import current_post_key
from fieldreg.station.trust import Trust, document_kind, station_trust, trust_dir
from fieldreg.tokens import Status, verify_token
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household, make_user
from tests.unit.station.at_t0 import CAMP_ADMIN, DAY, HQ_PASS, T0, audit, enroll, reopened

# -- the station's trust ------------------------------------------------------------------

def test_a_station_without_hq_has_no_trust(store: Station) -> None:
    with pytest.raises(InvalidInput, match="holds no HQ trust list"):
        station_trust(store)


def test_trust_files_swapped_for_another_hqs_are_refused(
        camp: Session, other_hq: HqDir, camp_dir: Path) -> None:
    (trust_dir(camp_dir) / "trustlist.cose").write_bytes(other_hq.trust_list().raw)
    with pytest.raises(CorruptData, match="not signed by the HQ key this station was set up with"):
        station_trust(camp.station)
    with pytest.raises(CorruptData):
        camp.trust.load_list(other_hq.issue_trust_list(now=T0 + DAY).raw)


# -- loading newer lists ------------------------------------------------------------------

def test_newer_trust_list_is_loaded_kept_and_audited(camp: Session, hq_t0: HqDir) -> None:
    newer = hq_t0.issue_trust_list(now=T0 + 5 * DAY)
    loaded = camp.trust.load_list(newer.raw)
    assert isinstance(loaded, TrustList)
    assert (loaded.version, loaded.raw) == (3, newer.raw)
    kept = reopened(camp)
    assert kept.trust.version == 3 and kept.clock_floor == T0 + 5 * DAY
    assert audit(camp, "trust_load") == [(CAMP_ADMIN, "CAMP1", {"version": 3})]


def test_older_trust_list_is_refused(camp: Session, hq_t0: HqDir) -> None:
    current = hq_t0.trust_list()
    camp.trust.load_list(hq_t0.issue_trust_list(now=T0 + 5 * DAY).raw)
    with pytest.raises(StaleTrustList, match="version 2 is older than the loaded version 3"):
        camp.trust.load_list(current.raw)
    assert reopened(camp).trust.version == 3
    assert len(audit(camp, "trust_load")) == 1


def test_two_different_lists_with_one_version_are_refused(camp: Session, hq_t0: HqDir,
                                                          tmp_path: Path) -> None:
    # An HQ directory restored from a backup issues its own, different, version 3.
    shutil.copytree(hq_t0.path, tmp_path / "hq-backup")
    camp.trust.load_list(hq_t0.issue_trust_list(now=T0 + 5 * DAY).raw)
    rival = HqDir.open(tmp_path / "hq-backup", HQ_PASS).issue_trust_list(now=T0 + 6 * DAY)
    assert rival.version == 3
    with pytest.raises(CorruptData, match="both claim version 3"):
        camp.trust.load_list(rival.raw)
    assert reopened(camp).trust.issued_at == T0 + 5 * DAY


def test_revocation_lists_are_loaded_and_raise_the_clock_floor(camp: Session, hq_t0: HqDir) -> None:
    assert reopened(camp).revocations is None
    assert reopened(camp).clock_floor == T0
    token_id = bytes(range(16))
    first = hq_t0.revoke_tokens([token_id], now=T0 + 10 * DAY)
    loaded = camp.trust.load_list(first.raw)
    assert isinstance(loaded, RevocationList)
    assert loaded.version == 2 and token_id in loaded
    kept = reopened(camp)
    assert kept.revocations is not None and kept.revocations.version == 2
    assert token_id in kept.revocations
    assert kept.clock_floor == T0 + 10 * DAY
    # A newer trust list issued before that revocation list does not lower the floor.
    camp.trust.load_list(hq_t0.issue_trust_list(now=T0 + 5 * DAY).raw)
    assert reopened(camp).clock_floor == T0 + 10 * DAY
    camp.trust.load_list(hq_t0.revoke_tokens([], now=T0 + 20 * DAY).raw)
    assert reopened(camp).clock_floor == T0 + 20 * DAY
    assert [d for _, _, d in audit(camp, "revocations_load")] == [{"version": 2}, {"version": 3}]


def test_clock_floor_overrides_a_clock_that_was_set_back(camp: Session, hq_t0: HqDir,
                                                         post_t0: Session) -> None:
    regno = post_t0.households.register(parse_household(household()))
    text = post_t0.tokens.issue(regno, now=T0 + 11 * DAY + timedelta(hours=12)).text
    camp.trust.load_list(hq_t0.revoke_tokens([], now=T0 + 11 * DAY).raw)
    trust = reopened(camp)
    dead_battery = datetime(2000, 1, 1, tzinfo=UTC)
    # Judged at the floor, not in 2000: the token is only 12 h ahead (VALID, with warnings).
    verdict = verify_token(text, trust.trust, trust.revocations, dead_battery,
                           clock_floor=trust.clock_floor)
    assert verdict.status is Status.VALID
    assert any("behind the latest HQ list" in w for w in map(str, verdict.warnings))
    assert any(w.startswith("issued 12 h in the future") for w in map(str, verdict.warnings))


def test_older_revocation_list_is_refused(camp: Session, hq_t0: HqDir) -> None:
    second = hq_t0.revoke_tokens([bytes(16)], now=T0 + DAY)
    third = hq_t0.revoke_tokens([bytes(15) + b"\x01"], now=T0 + 2 * DAY)
    camp.trust.load_list(third.raw)
    with pytest.raises(StaleTrustList, match="version 2 is older than the loaded version 3"):
        camp.trust.load_list(second.raw)
    kept = reopened(camp).revocations
    assert kept is not None and kept.version == 3 and bytes(16) in kept


def test_lists_signed_by_another_hq_are_refused(camp: Session, other_hq: HqDir) -> None:
    newer_trust = other_hq.issue_trust_list(now=T0 + DAY)
    newer_revocations = other_hq.revoke_tokens([bytes(16)], now=T0 + DAY)
    for data in (newer_trust.raw, newer_revocations.raw):
        with pytest.raises(CorruptData):
            camp.trust.load_list(data)
    kept = reopened(camp)
    assert kept.trust.version == 2 and kept.revocations is None
    assert audit(camp, "trust_load") == [] and audit(camp, "revocations_load") == []


def test_loading_needs_an_account_that_chose_its_passphrase(camp: Session, hq_t0: HqDir) -> None:
    camp.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    fresh = camp.station.unlock("moussa", "moussa first pass")
    with pytest.raises(AuthError):
        fresh.trust.load_list(hq_t0.issue_trust_list(now=T0 + DAY).raw)
    assert reopened(camp).trust.version == 2


def test_document_kind_tells_lists_apart(hq_t0: HqDir, enrollment: Enrollment) -> None:
    assert document_kind(hq_t0.trust_list().raw) == "trustlist"
    assert document_kind(hq_t0.revocation_list().raw) == "revocations"
    others = [enrollment.post_key.certificate.raw, b"", b"not a list at all",
              b"\xd2\x84\x40\xa0\x40\x40", json.dumps({"format": "fieldreg-hq"}).encode()]
    for data in others:
        with pytest.raises(InvalidInput, match="neither a FieldReg trust list nor a revocation list"):
            document_kind(data)


def test_load_list_refuses_what_is_not_a_list(camp: Session, enrollment: Enrollment) -> None:
    with pytest.raises(InvalidInput, match="neither"):
        camp.trust.load_list(enrollment.post_key.certificate.raw)
    assert audit(camp, "trust_load") == [] and audit(camp, "revocations_load") == []


# -- loading an enrollment into a running post --------------------------------------------

def test_key_rotation_at_a_running_post(post_t0: Session, hq_t0: HqDir, enrollment: Enrollment) -> None:
    rotated = enroll(hq_t0, now=T0 + 10 * DAY)  # trust list version 3, both keys
    post_t0.trust.enroll(rotated)
    keys = {k[0]: k[3] for k in post_t0.trust.post_keys()}
    assert keys == {key_id_hex(enrollment.post_key.key_id): False,
                    key_id_hex(rotated.post_key.key_id): True}
    assert current_post_key(post_t0, now=T0 + 11 * DAY).key_id == rotated.post_key.key_id
    trust = reopened(post_t0)
    assert trust.trust.version == 3
    assert trust.trust.find(enrollment.post_key.key_id) is not None
    assert trust.trust.find(rotated.post_key.key_id) is not None
    assert [d for _, _, d in audit(post_t0, "key_load")][-1] == {
        "key": key_id_hex(rotated.post_key.key_id)}


def test_a_post_set_up_without_keys_pins_hq_at_its_first_enrollment(
        admin: Session, hq_t0: HqDir, enrollment: Enrollment, data_dir: Path) -> None:
    assert admin.store.meta_or("hq_root") is None
    admin.trust.enroll(enrollment)
    store = Station.open(data_dir)
    assert store.store.meta("hq_root") == hq_t0.root_public.hex()
    assert store.store.meta("hq_fingerprint") == hq_t0.fingerprint
    assert store.store.meta("hq_age_recipient") == hq_t0.age_recipient
    assert station_trust(store).trust.raw == enrollment.trust_list.raw
    session = store.unlock(ADMIN, ADMIN_PASS)
    assert current_post_key(session, now=T0 + DAY).key_id == enrollment.post_key.key_id


def test_an_enrollment_from_another_hq_is_refused(post_t0: Session, other_hq: HqDir,
                                                  enrollment: Enrollment) -> None:
    with pytest.raises(InvalidInput, match="another HQ"):
        post_t0.trust.enroll(enroll(other_hq))
    assert [k[0] for k in post_t0.trust.post_keys()] == [key_id_hex(enrollment.post_key.key_id)]
    assert reopened(post_t0).trust.raw == enrollment.trust_list.raw


def test_an_enrollment_for_another_post_changes_nothing(admin: Session, hq_t0: HqDir,
                                                         data_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="for post NIA, but this station is post TGR1"):
        admin.trust.enroll(enroll(hq_t0, "NIA"))
    assert admin.trust.post_keys() == []
    assert admin.store.meta_or("hq_root") is None  # nothing pinned
    assert not trust_dir(data_dir).exists()


def test_the_same_enrollment_twice_is_refused(post_t0: Session, enrollment: Enrollment) -> None:
    with pytest.raises(InvalidInput, match="already loaded"):
        post_t0.trust.enroll(enrollment)
    assert len(post_t0.trust.post_keys()) == 1


def test_an_enrollment_older_than_the_stations_trust_list_still_loads_its_key(
        post_t0: Session, hq_t0: HqDir) -> None:
    rotated = enroll(hq_t0, now=T0 + 10 * DAY)  # carries trust list version 3
    post_t0.trust.load_list(hq_t0.issue_trust_list(now=T0 + 11 * DAY).raw)  # the post already has 4
    post_t0.trust.enroll(rotated)
    assert current_post_key(post_t0, now=T0 + 12 * DAY).key_id == rotated.post_key.key_id
    assert reopened(post_t0).trust.version == 4


def test_only_administrators_load_enrollments(post_t0: Session, hq_t0: HqDir) -> None:
    supervisor = make_user(post_t0, "fatou", "supervisor")
    with pytest.raises(PermissionDenied):
        supervisor.trust.check_enroll()
    with pytest.raises(PermissionDenied):
        supervisor.trust.enroll(enroll(hq_t0, now=T0 + DAY))
    assert len(post_t0.trust.post_keys()) == 1
    post_t0.trust.check_enroll()  # an administrator of a post may


def test_a_camp_holds_no_signing_keys(camp: Session, hq_t0: HqDir) -> None:
    with pytest.raises(InvalidInput, match="only a border post"):
        camp.trust.check_enroll()
    with pytest.raises(InvalidInput, match="only a border post"):
        camp.trust.enroll(enroll(hq_t0, "CAMP1", now=T0 + DAY))
    assert camp.trust.post_keys() == []


def test_the_role_is_checked_before_the_kind_of_station(camp: Session) -> None:
    officer = make_user(camp, "moussa", "officer")
    with pytest.raises(PermissionDenied):
        officer.trust.check_enroll()


def test_every_user_sees_the_posts_keys(post_t0: Session, enrollment: Enrollment) -> None:
    post_t0.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    fresh = post_t0.station.unlock("moussa", "moussa first pass")  # yet to choose a passphrase
    assert [k.key_id for k in fresh.trust.post_keys()] == [key_id_hex(enrollment.post_key.key_id)]
    assert fresh.trust.post_keys()[0].current


def test_the_trust_service_declares_what_each_operation_needs() -> None:
    assert dict(Trust.permissions) == {"load_list": "verify", "check_enroll": "manage_all_accounts",
                                       "enroll": "manage_all_accounts", "post_keys": ANY_USER}
