"""fieldreg.station.tokens: the post's signing key, the first slip's token, reprints, reissues and what
the slip prints (``session.tokens``).

A real HQ directory (cheap KDF) enrolls a real post store in ``tmp_path``; tokens
are checked by decoding and verifying them against HQ's own trust list.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fieldreg.errors import AuthError, InvalidInput, NotFound
from fieldreg.keys import Enrollment, HqDir, key_id_hex, open_enrollment
from fieldreg.regno import RegNo
from fieldreg.sqlitedb import transaction
from fieldreg.station import Station
from fieldreg.station.enrollment import create_enrolled_post
from fieldreg.station.session import Session
from fieldreg.station.slips import SlipMember
from fieldreg.station.tokens import NO_KEY, Tokens, current_post_key
from fieldreg.station.trust import install_post_key
from fieldreg.store.tokens import OUTBOX_TOKEN_REVOCATION
from fieldreg.tokens import Member, Sex, Status, verify_token
from fieldreg.tokens.codec import decode_token, parse_claims
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, household

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)  # HQ set up, post key valid from here
ISSUE = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # first slips
HQ_PASS = "test-only hq passphrase"
HEAD, CHILD_M, CHILD_F = Member(Sex.FEMALE, 1990), Member(Sex.MALE, 2019), Member(Sex.FEMALE, 2024)


@pytest.fixture
def hq(tmp_path: Path) -> HqDir:
    return HqDir.init(tmp_path / "hq", HQ_PASS, kdf=FAST_KDF, now=T0)


def enroll(hq: HqDir, post_id: str = "TGR1", *, now: datetime = T0) -> Enrollment:
    pkg = hq.enroll_post(post_id, now=now)
    return open_enrollment(pkg.data, pkg.passphrase)


@pytest.fixture
def enrollment(hq: HqDir) -> Enrollment:
    return enroll(hq)


@pytest.fixture
def post(enrollment: Enrollment, data_dir: Path) -> Session:
    store = create_enrolled_post(data_dir, enrollment, post_name="Tengréla", admin=ADMIN,
                                 passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return store.unlock(ADMIN, ADMIN_PASS)


def register(session: Session, **overrides: Any) -> str:
    return session.households.register(parse_household(household(**overrides)))


def tokens(session: Session, regno: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in session.store.db.execute(
        "SELECT token_id, serial, status, issued_at, issued_by, key_id, revoked_at, revoked_by"
        " FROM tokens WHERE regno = ? ORDER BY serial", (regno,))]


def audit(session: Session, action: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(r[0], r[1], json.loads(r[2])) for r in session.store.db.execute(
        "SELECT actor, subject, details FROM audit WHERE action = ? ORDER BY seq", (action,))]


def outbox(session: Session) -> list[tuple[str, int]]:
    return [tuple(r) for r in session.store.db.execute(
        "SELECT subject, version FROM outbox WHERE kind = ? ORDER BY seq",
        (OUTBOX_TOKEN_REVOCATION,))]


def members(*specs: tuple[str, str, str, dict[str, Any]]) -> list[dict[str, Any]]:
    """(given names, sex, relationship, birth fields) -> member objects of the Traoré family."""
    return [{"given_names": g, "family_name": "Traoré", "sex": s, "relationship": rel, **birth}
            for g, s, rel, birth in specs]


# -- the first slip ---------------------------------------------------------------------

def test_first_slip_signs_a_token_saying_who_the_household_is(
        post: Session, hq: HqDir, enrollment: Enrollment) -> None:
    regno = register(post)
    issued = post.tokens.issue(regno, now=ISSUE)
    assert issued.created is True
    assert issued.registration.regno == regno
    c = issued.claims
    assert (c.registration_number, c.issuing_post, c.family_name, c.given_names) == (
        regno, "TGR1", "Traoré", "Aminata")
    assert c.members == (HEAD, CHILD_M, CHILD_F) and c.household_size == 3
    assert (c.serial, c.issued_at, c.expires_at) == (1, ISSUE, None)
    assert issued.token_id == c.token_id.hex() and len(issued.token_id) == 32
    assert parse_claims(decode_token(issued.text)) == c  # the text carries exactly these claims
    verdict = verify_token(issued.text, hq.trust_list(), None, ISSUE + timedelta(hours=1))
    assert verdict.status is Status.VALID, verdict.message
    assert verdict.claims == c and verdict.key is not None
    assert verdict.key.key_id == enrollment.post_key.key_id


def test_first_slip_is_stored_sealed_and_audited(post: Session, enrollment: Enrollment) -> None:
    regno = register(post)
    issued = post.tokens.issue(regno, now=ISSUE)
    kid = key_id_hex(enrollment.post_key.key_id)
    assert tokens(post, regno) == [
        (issued.token_id, 1, "active", "2026-12-01T08:00:00Z", ADMIN, kid, None, None)]
    (blob,) = post.store.db.execute("SELECT token FROM tokens WHERE token_id = ?",
                                    (issued.token_id,)).fetchone()
    assert issued.text.encode() not in blob and "Traoré".encode() not in blob
    assert post.cipher.open("tokens", issued.token_id, "token", blob) == issued.text
    assert audit(post, "token_issue") == [
        (ADMIN, regno, {"token": issued.token_id, "serial": 1})]
    assert outbox(post) == []
    assert post.audit.verify()[1] is None


def test_reprint_shows_the_very_same_token(post: Session, data_dir: Path) -> None:
    regno = register(post)
    first = post.tokens.issue(regno, now=ISSUE)
    again = post.tokens.issue(regno, now=ISSUE + timedelta(days=2))
    assert again.created is False
    assert (again.text, again.claims) == (first.text, first.claims)
    assert again.claims.issued_at == ISSUE  # not the reprint time
    # Another process, later, still gets the stored token.
    other = Station.open(data_dir).unlock(ADMIN, ADMIN_PASS)
    assert other.tokens.issue(regno).text == first.text
    assert len(tokens(post, regno)) == 1
    assert len(audit(post, "token_issue")) == 1


def test_reprint_needs_no_key_valid_today(post: Session) -> None:
    regno = register(post)
    first = post.tokens.issue(regno, now=ISSUE)
    long_after = T0 + timedelta(days=800)  # the key may no longer sign
    with pytest.raises(InvalidInput):
        current_post_key(post, now=long_after)
    assert post.tokens.issue(regno, now=long_after).text == first.text


def test_head_is_listed_first_whatever_the_order_of_entry(post: Session) -> None:
    regno = register(post, members=members(
        ("Issa", "M", "child", {"age": 7}),
        ("Mariam", "F", "child", {"birth_date": "2024-03-02"}),
        ("Aminata", "F", "head", {"birth_year": 1990}),
    ))
    issued = post.tokens.issue(regno, now=ISSUE)
    assert issued.claims.members == (HEAD, CHILD_M, CHILD_F)
    assert issued.claims.given_names == "Aminata"
    slip = post.tokens.slip(issued)
    assert [m.given_names for m in slip.members] == ["Aminata", "Issa", "Mariam"]


def test_sex_other_or_not_stated_is_carried_as_unknown(post: Session) -> None:
    regno = register(post, members=members(
        ("Aminata", "X", "head", {"birth_year": 1990}),
        ("Issa", "M", "child", {"age": 7}),
    ))
    claims = post.tokens.issue(regno, now=ISSUE).claims
    assert claims.members == (Member(Sex.UNKNOWN, 1990), CHILD_M)


# -- what the slip prints -----------------------------------------------------------------

def test_slip_shows_the_post_the_token_and_ages_on_the_issue_day(post: Session) -> None:
    regno = register(post)
    issued = post.tokens.issue(regno, now=ISSUE)
    slip = post.tokens.slip(issued)
    assert (slip.regno, slip.post_id, slip.post_name) == (regno, "TGR1", "Tengréla")
    assert (slip.head_family_name, slip.head_given_names) == ("Traoré", "Aminata")
    assert slip.issued_at == ISSUE and slip.token == issued.text
    expected = (SlipMember("Aminata", 36, True), SlipMember("Issa", 7, True),
                SlipMember("Mariam", 2, False))
    assert slip.members == expected
    # A reprint half a year later is the same slip: ages stay those of the issue day.
    later = post.tokens.slip(post.tokens.issue(regno, now=datetime(2027, 6, 1, tzinfo=UTC)))
    assert later.members == expected and later.issued_at == ISSUE


def test_slip_ages_are_counted_on_the_issue_day_not_today(post: Session) -> None:
    regno = register(post)
    eve_of_birthday = datetime(2028, 3, 1, 8, 0, tzinfo=UTC)  # Mariam born 2024-03-02
    slip = post.tokens.slip(post.tokens.issue(regno, now=eve_of_birthday))
    assert slip.members == (SlipMember("Aminata", 38, True), SlipMember("Issa", 9, True),
                            SlipMember("Mariam", 3, False))


@pytest.mark.parametrize(("family", "given", "printed_family", "printed_given"), [
    ("Ouattara-Konaté Diabaté Sangaré Kouyaté Bamba", "Fatoumata Bintou Kadiatou Mariétou Aïssata",
     "Ouattara-Konaté Diabaté Sangaré", "Fatoumata Bintou Kadiatou Mariétou"),
    ("Kadidiatou-Marie-Hélène-Aïssatou-Bintou-Fanta", "عبد الرحمن محمد الأمين ولد سيدي أحمد",
     "Kadidiatou-Marie-Hélène-Aïssatou-Bint", "عبد الرحمن محمد"),
])
def test_long_names_are_shortened_and_the_slip_prints_them_as_signed(
        post: Session, hq: HqDir, family: str, given: str, printed_family: str,
        printed_given: str) -> None:
    specs = members((given, "F", "head", {"birth_year": 1990}), ("Issa", "M", "child", {"age": 7}))
    specs[0]["family_name"] = family
    regno = register(post, members=specs)
    head = post.households.get(regno).household.head  # the registration keeps the whole name
    assert (head.family_name, head.given_names) == (family, given)
    issued = post.tokens.issue(regno, now=ISSUE)
    assert (issued.claims.family_name, issued.claims.given_names) == (printed_family, printed_given)
    assert len(printed_family.encode()) <= 40 and len(printed_given.encode()) <= 40
    slip = post.tokens.slip(issued)
    assert (slip.head_family_name, slip.head_given_names) == (printed_family, printed_given)
    verdict = verify_token(issued.text, hq.trust_list(), None, ISSUE)
    assert verdict.claims is not None
    assert (verdict.claims.family_name, verdict.claims.given_names) == (printed_family, printed_given)
    # Shortened names are not mistaken for a correction at the next reprint.
    assert post.tokens.issue(regno).text == issued.text


# -- reissue ------------------------------------------------------------------------------

def test_reissue_revokes_the_old_token_and_signs_the_next_serial(post: Session, hq: HqDir) -> None:
    regno = register(post)
    old = post.tokens.issue(regno, now=ISSUE)
    when = ISSUE + timedelta(days=3)
    new, old_id = post.tokens.reissue(regno, reason="  slip   lost in\nthe river ", now=when)
    assert old_id == old.token_id
    assert new.created is True and new.token_id != old.token_id
    assert (new.claims.serial, new.claims.issued_at) == (2, when)
    assert (new.claims.registration_number, new.claims.family_name, new.claims.members) == (
        regno, "Traoré", (HEAD, CHILD_M, CHILD_F))
    rows = tokens(post, regno)
    assert [r[:3] for r in rows] == [(old.token_id, 1, "revoked"), (new.token_id, 2, "active")]
    assert rows[0][6:] == ("2026-12-04T08:00:00Z", ADMIN)
    assert rows[1][6:] == (None, None)
    (reason,) = post.store.db.execute("SELECT revoke_reason FROM tokens WHERE token_id = ?",
                                      (old_id,)).fetchone()
    assert b"river" not in reason
    assert post.cipher.open("tokens", old_id, "revoke_reason", reason) == "slip lost in the river"
    assert outbox(post) == [(old_id, 1)]
    assert audit(post, "token_reissue") == [
        (ADMIN, regno, {"revoked": old_id, "token": new.token_id, "serial": 2})]
    assert post.audit.verify()[1] is None
    # The next print shows the new slip.
    reprint = post.tokens.issue(regno)
    assert (reprint.created, reprint.text) == (False, new.text)
    # Once HQ publishes the id from the outbox, camps refuse the old slip only.
    revocations = hq.revoke_tokens([bytes.fromhex(old_id)], now=when + timedelta(days=1))
    at = when + timedelta(days=2)
    assert verify_token(old.text, hq.trust_list(), revocations, at).status is Status.REVOKED
    assert verify_token(new.text, hq.trust_list(), revocations, at).status is Status.VALID


def test_each_reissue_takes_the_next_serial(post: Session) -> None:
    regno = register(post)
    first = post.tokens.issue(regno, now=ISSUE)
    second, revoked_1 = post.tokens.reissue(regno, reason="torn", now=ISSUE + timedelta(hours=1))
    third, revoked_2 = post.tokens.reissue(regno, reason="wet", now=ISSUE + timedelta(hours=2))
    assert (revoked_1, revoked_2) == (first.token_id, second.token_id)
    assert [c.serial for c in (first.claims, second.claims, third.claims)] == [1, 2, 3]
    assert [r[1:3] for r in tokens(post, regno)] == [(1, "revoked"), (2, "revoked"), (3, "active")]
    assert outbox(post) == [(first.token_id, 1), (second.token_id, 2)]


def test_serials_are_counted_per_household(post: Session) -> None:
    a, b = register(post), register(post)
    post.tokens.issue(a, now=ISSUE)
    post.tokens.reissue(a, reason="lost", now=ISSUE)
    assert post.tokens.issue(b, now=ISSUE).claims.serial == 1


def test_reissue_without_a_first_slip_is_refused(post: Session) -> None:
    regno = register(post)
    with pytest.raises(NotFound, match="no slip yet"):
        post.tokens.reissue(regno, reason="lost", now=ISSUE)
    assert tokens(post, regno) == [] and outbox(post) == []
    assert audit(post, "token_reissue") == []


@pytest.mark.parametrize("reason", ["", "   \n ", "x" * 501])
def test_reissue_needs_a_reason_and_changes_nothing_without_one(post: Session, reason: str) -> None:
    regno = register(post)
    old = post.tokens.issue(regno, now=ISSUE)
    with pytest.raises(InvalidInput, match="reason"):
        post.tokens.reissue(regno, reason=reason, now=ISSUE)
    assert [r[:3] for r in tokens(post, regno)] == [(old.token_id, 1, "active")]
    assert outbox(post) == []


# -- refusals -----------------------------------------------------------------------------

def test_no_slip_for_a_void_registration(post: Session) -> None:
    regno = register(post)
    post.households.void(regno, reason="registered twice")
    with pytest.raises(InvalidInput, match="void"):
        post.tokens.issue(regno, now=ISSUE)
    with pytest.raises(InvalidInput, match="void"):
        post.tokens.reissue(regno, reason="lost", now=ISSUE)
    assert tokens(post, regno) == [] and audit(post, "token_issue") == []


def test_no_reprint_once_the_registration_is_void(post: Session) -> None:
    regno = register(post)
    post.tokens.issue(regno, now=ISSUE)
    post.households.void(regno, reason="registered twice")
    with pytest.raises(InvalidInput, match="void"):
        post.tokens.issue(regno)


def test_voiding_revokes_the_slip_so_camps_stop_accepting_it(post: Session, hq: HqDir) -> None:
    regno = register(post)
    issued = post.tokens.issue(regno, now=ISSUE)
    post.households.void(regno, reason="registered twice")
    assert [(t[0], t[2], t[7]) for t in tokens(post, regno)] == [(issued.token_id, "revoked", ADMIN)]
    assert outbox(post) == [(issued.token_id, 1)]  # carried to HQ by the next batch
    (entry,) = audit(post, "void")
    assert entry[2]["token_revoked"] == issued.token_id
    revocations = hq.revoke_tokens([bytes.fromhex(issued.token_id)], now=ISSUE)
    verdict = verify_token(issued.text, hq.trust_list(), revocations, ISSUE + timedelta(hours=1))
    assert verdict.status is Status.REVOKED


def test_voiding_without_a_slip_revokes_nothing(post: Session) -> None:
    regno = register(post)
    post.households.void(regno, reason="registered twice")
    assert outbox(post) == [] and "token_revoked" not in audit(post, "void")[0][2]


def test_a_household_larger_than_a_token_lists_still_gets_a_slip(post: Session) -> None:
    # Validation accepts up to 40 members; a token lists at most 30, and its "size"
    # claim exists for exactly this case (size >= number of members listed).
    children = [("Enfant " + "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÉÈÊÎÔ"[i], "M" if i % 2 else "F", "child",
                 {"age": 5 + i % 10}) for i in range(32)]
    regno = register(post, members=members(("Aminata", "F", "head", {"birth_year": 1990}),
                                           *children))
    issued = post.tokens.issue(regno, now=ISSUE)
    assert issued.claims.household_size == 33
    assert len(issued.claims.members) == 30 and issued.claims.members[0] == HEAD


def test_post_without_a_key_cannot_issue(admin: Session) -> None:
    regno = register(admin)
    assert admin.trust.post_keys() == []
    with pytest.raises(InvalidInput) as refused:
        admin.tokens.issue(regno, now=ISSUE)
    assert str(refused.value) == str(NO_KEY)
    assert tokens(admin, regno) == [] and audit(admin, "token_issue") == []
    with pytest.raises(InvalidInput, match="no signing key"):
        current_post_key(admin)


def test_key_signs_only_inside_its_window(post: Session, enrollment: Enrollment) -> None:
    kid = enrollment.post_key.key_id
    assert current_post_key(post, now=T0).key_id == kid  # from not_before, inclusive
    last = T0 + timedelta(days=730) - timedelta(seconds=1)
    assert current_post_key(post, now=last).key_id == kid
    regno = register(post)
    for moment in (T0 - timedelta(seconds=1), T0 + timedelta(days=730)):
        with pytest.raises(InvalidInput, match="may sign only from 2026-11-01 to 2028-10-31"):
            post.tokens.issue(regno, now=moment)
    assert tokens(post, regno) == []


def test_unknown_or_mistyped_number(post: Session) -> None:
    regno = register(post)
    mistyped = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    with pytest.raises(InvalidInput, match="check"):
        post.tokens.issue(mistyped, now=ISSUE)
    with pytest.raises(NotFound):
        post.tokens.issue(str(RegNo.build("TGR1", 2026, 999)), now=ISSUE)
    # A number typed in lower case with spaces is the same registration.
    assert post.tokens.issue(f"  {regno.lower()} ", now=ISSUE).registration.regno == regno


def test_an_account_that_must_change_its_passphrase_cannot_print(post: Session) -> None:
    regno = register(post)
    post.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    fresh = post.station.unlock("moussa", "moussa first pass")
    with pytest.raises(AuthError, match="new passphrase"):
        fresh.tokens.issue(regno, now=ISSUE)
    assert tokens(post, regno) == []


# -- corrections after the slip -----------------------------------------------------------

def test_correction_of_what_the_token_says_requires_a_reissue(post: Session) -> None:
    regno = register(post)
    old = post.tokens.issue(regno, now=ISSUE)
    fixed = household()
    fixed["members"][0]["given_names"] = "Aminata Fanta"
    post.households.correct(regno, parse_household(fixed), base_version=1, reason="second given name missing")
    with pytest.raises(InvalidInput, match=r"corrected after its slip was issued.*--reissue"):
        post.tokens.issue(regno)
    new, revoked = post.tokens.reissue(regno, reason="name corrected", now=ISSUE + timedelta(days=1))
    assert revoked == old.token_id
    assert (new.claims.given_names, new.claims.serial) == ("Aminata Fanta", 2)


def test_correction_of_a_birth_year_requires_a_reissue(post: Session) -> None:
    regno = register(post)
    post.tokens.issue(regno, now=ISSUE)
    fixed = household()
    fixed["members"][0]["birth_year"] = 1989
    post.households.correct(regno, parse_household(fixed), base_version=1, reason="year misheard")
    with pytest.raises(InvalidInput, match="--reissue"):
        post.tokens.issue(regno)


def test_correction_of_what_the_token_does_not_say_keeps_the_slip(post: Session) -> None:
    regno = register(post)
    old = post.tokens.issue(regno, now=ISSUE)
    post.households.correct(regno, parse_household(household(notes="arrived on foot")), base_version=1, reason="notes")
    again = post.tokens.issue(regno)
    assert (again.created, again.text) == (False, old.text)


# -- post keys ----------------------------------------------------------------------------

def test_a_new_key_becomes_current_and_the_old_one_is_kept(
        post: Session, hq: HqDir, enrollment: Enrollment) -> None:
    old_kid = key_id_hex(enrollment.post_key.key_id)
    rotated = enroll(hq, now=T0 + timedelta(days=10))
    new_kid = key_id_hex(rotated.post_key.key_id)
    with transaction(post.store.db) as conn:
        install_post_key(conn, post.cipher, post.audit_on(conn), rotated.post_key,
                         station_post_id="TGR1", actor=ADMIN, now=T0 + timedelta(days=10))
    keys = {k[0]: k[1:] for k in post.trust.post_keys()}
    assert keys == {
        old_kid: ("2026-11-01T08:00:00Z", "2028-10-31T08:00:00Z", False),
        new_kid: ("2026-11-11T08:00:00Z", "2028-11-10T08:00:00Z", True),
    }
    assert audit(post, "key_load")[-1] == (ADMIN, "TGR1", {"key": new_kid})
    regno = register(post)
    issued = post.tokens.issue(regno, now=ISSUE)
    assert tokens(post, regno)[0][5] == new_kid
    verdict = verify_token(issued.text, hq.trust_list(), None, ISSUE)
    assert verdict.status is Status.VALID and verdict.key is not None
    assert key_id_hex(verdict.key.key_id) == new_kid


def test_a_key_for_another_post_or_loaded_twice_is_refused(
        post: Session, hq: HqDir, enrollment: Enrollment) -> None:
    before = post.trust.post_keys()
    other = enroll(hq, "NIA")
    for key, refusal in ((other.post_key, "for post NIA, but this station is post TGR1"),
                         (enrollment.post_key, "already loaded")):
        with pytest.raises(InvalidInput, match=refusal), transaction(post.store.db) as conn:
            install_post_key(conn, post.cipher, post.audit_on(conn), key,
                             station_post_id="TGR1", actor=ADMIN)
    assert post.trust.post_keys() == before
    assert len(audit(post, "key_load")) == 1


# -- today's registrations ----------------------------------------------------------------

def test_registered_today_lists_active_registrations_of_the_day_in_order(post: Session) -> None:
    a, b, c = register(post), register(post), register(post)
    post.households.void(b, reason="registered twice")
    day = post.households.get(a).created_at
    listed = post.tokens.registered_today(now=day)
    # (Registrations made across midnight UTC belong to their own day.)
    assert listed == [r for r in (a, c) if post.households.get(r).created_at.date() == day.date()]
    assert listed[0] == a and b not in listed
    assert post.tokens.registered_today(now=day + timedelta(days=1)) == []


# -- printing, and who may do what ----------------------------------------------------------

def test_a_print_is_audited_with_what_was_printed(post: Session) -> None:
    regno = register(post)
    post.tokens.record_print(regno, what="slip pdf a6")
    post.tokens.record_print(regno, what="token text")
    assert audit(post, "print") == [(ADMIN, regno, {"what": "slip pdf a6"}),
                                    (ADMIN, regno, {"what": "token text"})]
    assert post.audit.verify()[1] is None


def test_the_tokens_service_declares_what_each_operation_needs() -> None:
    assert dict(Tokens.permissions) == {"issue": "print", "reissue": "print", "slip": "print",
                                        "record_print": "print", "registered_today": "view"}


def test_an_account_that_must_change_its_passphrase_can_use_no_token_service(
        post: Session) -> None:
    regno = register(post)
    issued = post.tokens.issue(regno, now=ISSUE)
    post.accounts.add("moussa", role="officer", passphrase="moussa first pass")
    fresh = post.station.unlock("moussa", "moussa first pass")
    for refused in (lambda: fresh.tokens.reissue(regno, reason="lost"),
                    lambda: fresh.tokens.slip(issued),
                    lambda: fresh.tokens.record_print(regno, what="slip pdf a6"),
                    lambda: fresh.tokens.registered_today()):
        with pytest.raises(AuthError, match="new passphrase"):
            refused()
    assert audit(post, "print") == [] and audit(post, "token_reissue") == []

