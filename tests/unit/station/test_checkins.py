"""fieldreg.station.checkins: recording valid scans at a camp and warning about earlier check-ins
(``session.checkins``).

A real HQ directory (cheap KDF), a post that issues real slips and a camp that
verifies them, all in ``tmp_path``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldreg.errors import AuthError, InvalidInput
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.model import parse_iso_utc, utcnow
from fieldreg.station import Station
from fieldreg.station.checkins import Checkin, Checkins, EarlierWarning, Seen, earlier_warnings
from fieldreg.station.enrollment import create_camp, create_enrolled_post
from fieldreg.station.session import Session
from fieldreg.station.trust import station_trust
from fieldreg.tokens import Reason, Status, Verdict, verify_token
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, household, make_user

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
ISSUE = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
SCAN = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
HQ_PASS = "test-only hq passphrase"
CAMP_ADMIN = "ali"


@dataclass
class World:
    hq: HqDir
    post: Session
    camp: Session
    camp_dir: Path

    def slip(self, **overrides: Any) -> tuple[str, str]:
        """Register a household at the post and print its first slip: (regno, token text)."""
        regno = self.post.households.register(parse_household(household(**overrides)))
        return regno, self.post.tokens.issue(regno, now=ISSUE).text

    def verify(self, text: str, now: datetime = SCAN) -> Verdict:
        trust = station_trust(self.camp.station)
        return verify_token(text, trust.trust, trust.revocations, now,
                            clock_floor=trust.clock_floor)


@pytest.fixture
def world(tmp_path: Path) -> World:
    hq = HqDir.init(tmp_path / "hq", HQ_PASS, kdf=FAST_KDF, now=T0)
    pkg = hq.enroll_post("TGR1", now=T0)
    post = create_enrolled_post(tmp_path / "post", open_enrollment(pkg.data, pkg.passphrase),
                                post_name="Tengréla", admin=ADMIN, passphrase=ADMIN_PASS,
                                kdf=FAST_KDF)
    camp_dir = tmp_path / "camp"
    camp = create_camp(camp_dir, camp_id="CAMP1", camp_name="Site de transit",
                       trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint,
                       admin=CAMP_ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return World(hq, post.unlock(ADMIN, ADMIN_PASS), camp.unlock(CAMP_ADMIN, ADMIN_PASS), camp_dir)


def checkin(world: World, text: str, *, at: datetime = SCAN,
            session: Session | None = None) -> list[Checkin]:
    verdict = world.verify(text, at)
    assert verdict.status is Status.VALID, verdict.message
    return (session or world.camp).checkins.record(verdict, text, now=at)


def rows(session: Session) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in session.store.db.execute(
        "SELECT token_id, regno, checked_at, checked_by FROM checkins ORDER BY checked_at, rowid")]


def audit(session: Session) -> list[tuple[str, str, dict[str, Any]]]:
    return [(r[0], r[1], json.loads(r[2])) for r in session.store.db.execute(
        "SELECT actor, subject, details FROM audit WHERE action = 'checkin' ORDER BY seq")]


def token_id(world: World, text: str) -> str:
    claims = world.verify(text).claims
    assert claims is not None
    return claims.token_id.hex()


# -- recording ----------------------------------------------------------------------------

def test_first_scan_is_recorded_sealed_and_audited(world: World) -> None:
    regno, text = world.slip()
    tid = token_id(world, text)
    assert checkin(world, text) == []
    assert rows(world.camp) == [(tid, regno, "2026-12-02T09:00:00Z", CAMP_ADMIN)]
    uid, blob = world.camp.store.db.execute("SELECT uid, token FROM checkins").fetchone()
    assert re.fullmatch("[0-9a-f]{16}", uid)
    assert text.encode() not in blob and "Traoré".encode() not in blob
    assert world.camp.cipher.open("checkins", uid, "token", blob) == text
    assert audit(world.camp) == [(CAMP_ADMIN, regno, {"token": tid, "earlier": 0})]
    assert world.camp.audit.verify()[1] is None


def test_without_a_time_the_scan_is_recorded_now(world: World) -> None:
    _, text = world.slip()
    before = utcnow().replace(microsecond=0)
    world.camp.checkins.record(world.verify(text), text)
    after = utcnow()
    (checked_at,) = world.camp.store.db.execute("SELECT checked_at FROM checkins").fetchone()
    assert before <= parse_iso_utc(checked_at) <= after


def test_same_slip_again_warns_when_and_by_whom(world: World) -> None:
    regno, text = world.slip()
    tid = token_id(world, text)
    checkin(world, text)
    officer = make_user(world.camp, "moussa", "officer")
    earlier = checkin(world, text, at=SCAN + 2 * HOUR, session=officer)
    first = Checkin(tid, regno, "2026-12-02T09:00:00Z", CAMP_ADMIN, True)
    assert earlier == [first]
    assert [w.describe() for w in earlier_warnings(earlier)] == [
        "this same slip was already checked in on 2026-12-02T09:00:00Z by ali"]
    assert rows(world.camp)[1] == (tid, regno, "2026-12-02T11:00:00Z", "moussa")
    assert audit(world.camp)[1] == ("moussa", regno, {"token": tid, "earlier": 1})
    third = checkin(world, text, at=SCAN + 3 * HOUR)
    second = Checkin(tid, regno, "2026-12-02T11:00:00Z", "moussa", True)
    assert third == [first, second]
    # Two earlier scans of the same slip: one warning, not one line per scan.
    assert earlier_warnings(third) == [EarlierWarning(Seen.SAME_SLIP, 2, second)]
    assert [w.describe() for w in earlier_warnings(third)] == [
        "this same slip was already checked in 2 times, last on 2026-12-02T11:00:00Z by moussa"]


def test_another_slip_of_the_same_household_is_caught(world: World) -> None:
    regno, old = world.slip()
    old_id = token_id(world, old)
    checkin(world, old)
    # The post reissues; the camp has not yet received the revocation list.
    new = world.post.tokens.reissue(regno, reason="slip lost", now=ISSUE + HOUR)[0].text
    earlier = checkin(world, new, at=SCAN + HOUR)
    assert earlier == [Checkin(old_id, regno, "2026-12-02T09:00:00Z", CAMP_ADMIN, False)]
    assert [w.describe() for w in earlier_warnings(earlier)] == [
        f"another slip of household {regno} was already checked in on 2026-12-02T09:00:00Z by ali"]


def test_other_households_do_not_warn(world: World) -> None:
    _, first = world.slip()
    other_regno, second = world.slip(members=[
        {"given_names": "Seydou", "family_name": "Konaté", "sex": "M", "birth_year": 1975,
         "relationship": "head"}])
    checkin(world, first)
    assert checkin(world, second, at=SCAN + HOUR) == []
    assert [r[1] for r in rows(world.camp)][1] == other_regno


def test_earlier_checkins_come_in_time_order(world: World) -> None:
    regno, old = world.slip()
    new = world.post.tokens.reissue(regno, reason="slip torn", now=ISSUE + HOUR)[0].text
    # Recorded out of order (the second scan carries an earlier time).
    checkin(world, new, at=SCAN + 3 * HOUR)
    checkin(world, old, at=SCAN)
    earlier = checkin(world, new, at=SCAN + 5 * HOUR)
    assert [(c.checked_at, c.same_token) for c in earlier] == [
        ("2026-12-02T09:00:00Z", False), ("2026-12-02T12:00:00Z", True)]


def test_warnings_one_per_kind_same_slip_first(world: World) -> None:
    regno, old = world.slip()
    new = world.post.tokens.reissue(regno, reason="slip torn", now=ISSUE + HOUR)[0].text
    checkin(world, old, at=SCAN)
    checkin(world, new, at=SCAN + HOUR)
    checkin(world, old, at=SCAN + 2 * HOUR)
    earlier = checkin(world, new, at=SCAN + 3 * HOUR)
    warnings = earlier_warnings(earlier)
    assert [(w.seen, w.times, w.last.checked_at) for w in warnings] == [
        (Seen.SAME_SLIP, 1, "2026-12-02T10:00:00Z"), (Seen.OTHER_SLIP, 2, "2026-12-02T11:00:00Z")]
    # A number typed by hand: no slip was scanned, so every earlier check-in is the household's.
    typed = earlier_warnings(world.camp.checkins.lookup(regno), scanned=False)
    assert [(w.seen, w.times, w.last.checked_at) for w in typed] == [
        (Seen.HOUSEHOLD, 4, "2026-12-02T12:00:00Z")]
    assert typed[0].describe() == (
        f"household {regno} was already checked in 4 times, last on 2026-12-02T12:00:00Z by ali")
    assert earlier_warnings([]) == []


# -- nothing recorded for a slip that is not valid ----------------------------------------

def assert_nothing_recorded(world: World) -> None:
    assert rows(world.camp) == [] and audit(world.camp) == []


def test_an_altered_slip_is_not_recorded(world: World) -> None:
    _, text = world.slip()
    i = len(text) // 2
    altered = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1:]
    verdict = world.verify(altered)
    assert verdict.status is Status.INVALID and verdict.claims is None
    with pytest.raises(InvalidInput, match="only a valid slip is checked in"):
        world.camp.checkins.record(verdict, altered, now=SCAN)
    assert_nothing_recorded(world)


def test_a_revoked_slip_is_not_recorded(world: World) -> None:
    _, text = world.slip()
    revocations = world.hq.revoke_tokens([bytes.fromhex(token_id(world, text))], now=ISSUE + HOUR)
    world.camp.trust.load_list(revocations.raw)
    verdict = world.verify(text)
    assert verdict.status is Status.REVOKED and verdict.claims is not None
    with pytest.raises(InvalidInput, match="only a valid slip"):
        world.camp.checkins.record(verdict, text, now=SCAN)
    assert_nothing_recorded(world)


def test_a_slip_signed_by_a_revoked_key_is_not_recorded(world: World) -> None:
    _, text = world.slip()
    kid = world.hq.trust_list().for_post("TGR1")[0].key_id
    world.camp.trust.load_list(world.hq.revoke_key(kid, now=ISSUE + HOUR).raw)
    verdict = world.verify(text)
    assert (verdict.status, verdict.reason) == (Status.INVALID, Reason.REVOKED_KEY)
    assert verdict.claims is not None  # genuine claims, but not a valid slip
    with pytest.raises(InvalidInput, match="only a valid slip"):
        world.camp.checkins.record(verdict, text, now=SCAN)
    assert_nothing_recorded(world)


def test_an_account_that_must_change_its_passphrase_records_nothing(world: World) -> None:
    regno, text = world.slip()
    world.camp.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    fresh = world.camp.station.unlock("moussa", "moussa first pass")
    with pytest.raises(AuthError):
        fresh.checkins.record(world.verify(text), text, now=SCAN)
    # The role is checked before the slip: no hint about it to an account that may not scan.
    with pytest.raises(AuthError):
        fresh.checkins.record(world.verify(text[:-4]), text[:-4], now=SCAN)
    with pytest.raises(AuthError):
        fresh.checkins.lookup(regno)
    assert_nothing_recorded(world)


# -- looking a household up by its number -------------------------------------------------

def test_lookup_by_registration_number(world: World) -> None:
    regno, old = world.slip()
    new = world.post.tokens.reissue(regno, reason="slip lost", now=ISSUE + HOUR)[0].text
    other_regno, other = world.slip()
    checkin(world, new, at=SCAN + HOUR)
    checkin(world, old, at=SCAN)
    checkin(world, other, at=SCAN)
    typed = f" {regno.lower()} "  # a number typed by hand
    seen = world.camp.checkins.lookup(typed)
    assert seen == [
        Checkin(token_id(world, old), regno, "2026-12-02T09:00:00Z", CAMP_ADMIN, False),
        Checkin(token_id(world, new), regno, "2026-12-02T10:00:00Z", CAMP_ADMIN, False),
    ]
    assert [c.regno for c in world.camp.checkins.lookup(other_regno)] == [other_regno]


def test_lookup_of_a_number_never_seen_or_mistyped(world: World) -> None:
    regno, text = world.slip()
    assert world.camp.checkins.lookup(regno) == []
    checkin(world, text)
    mistyped = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    with pytest.raises(InvalidInput, match="check"):
        world.camp.checkins.lookup(mistyped)


def test_checkins_are_kept_across_sessions(world: World) -> None:
    regno, text = world.slip()
    checkin(world, text)
    later = Station.open(world.camp_dir).unlock(CAMP_ADMIN, ADMIN_PASS)
    assert [c.checked_at for c in later.checkins.lookup(regno)] == ["2026-12-02T09:00:00Z"]
    verdict = world.verify(text, SCAN + HOUR)
    earlier = later.checkins.record(verdict, text, now=SCAN + HOUR)
    assert [c.same_token for c in earlier] == [True]


def test_checking_in_and_looking_up_need_the_verify_permission() -> None:
    assert dict(Checkins.permissions) == {"record": "verify", "lookup": "verify"}
