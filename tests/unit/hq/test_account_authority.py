"""HQ pins a post's account authority and flags what the laptop alone cannot prevent (issue 13, item 1).

The attacker is an officer who writes a program with the library and their own
passphrase (so the data key): they replace the whole authority in ``meta``,
re-sign every row, make themselves administrator, sign in through that forged
account and export. The post cannot stop it; HQ must flag it on that batch —
and still import it, losing nothing valid. Batches here come from a real
station (``enrolled_post``) and a real HQ directory on disk.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldreg.batches import read_batch
from fieldreg.batches.manifest import MANIFEST_NAME
from fieldreg.hq import HqDir, Registry, build_report, import_batch
from fieldreg.hq.authority import account_flags, check_accounts, grant_problem, pinned_batch
from fieldreg.keys.authority import Authority, new_authority, sign_grant
from fieldreg.station.session import Session
from fieldreg.store import accounts
from fieldreg.store.accounts import Secrets, make_wrap
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, HQ_PASS, enrolled_post, household

from .builders import PostSim, repack, unpack

OFFICER, OFFICER_PASS = "moussa", "moussa passphrase"
SUPERVISOR, SUPERVISOR_PASS = "sali", "sali passphrase 1"


@pytest.fixture
def real_hq(tmp_path: Path) -> HqDir:
    """An HQ at today's date (the station enrolls now)."""
    return HqDir.init(tmp_path / "hq-real", HQ_PASS, kdf=FAST_KDF)


@pytest.fixture
def station(real_hq: HqDir, tmp_path: Path) -> Session:
    """Post TGR1 enrolled with ``real_hq``, with an officer and a supervisor, and one household."""
    admin = enrolled_post(real_hq, tmp_path / "station")
    admin.accounts.add(OFFICER, role="officer", passphrase=OFFICER_PASS, must_change=False)
    admin.accounts.add(SUPERVISOR, role="supervisor", passphrase=SUPERVISOR_PASS, must_change=False)
    admin.households.register(parse_household(household()))
    return admin


def export_and_import(session: Session, hq: HqDir, usb: Path) -> Any:
    usb.mkdir()
    result = session.batches.export(usb)
    assert result is not None
    with Registry.open(hq) as registry:
        return import_batch(hq, registry, result.path)


def flags(hq: HqDir, batch: int | None = None) -> list[tuple[int, str, str | None]]:
    with Registry.open(hq) as registry:
        return [(f.batch, f.code, f.user) for f in account_flags(registry.db, "TGR1")
                if batch is None or f.batch == batch]


def register(session: Session, family: str) -> str:
    content = household()
    for member in content["members"]:
        member["family_name"] = family
    return session.households.register(parse_household(content))


def replace_authority(session: Session) -> None:
    """The officer's program: its own authority in meta, every row re-signed, itself admin."""
    officer = session.station.unlock(OFFICER, OFFICER_PASS)
    db_path = session.store.data_dir / "fieldreg.db"
    authority, keys = new_authority("TGR1")
    forged = Secrets(officer.data_key, keys)
    with sqlite3.connect(db_path) as conn:
        accounts.set_authority(conn, authority)
        conn.execute("UPDATE accounts SET role = 'admin', wrap = ? WHERE username = ?",
                     (make_wrap(OFFICER, forged, OFFICER_PASS, first=False, kdf=FAST_KDF), OFFICER))
        accounts.sign_all(conn, keys, post="TGR1")


def test_a_genuine_post_exporting_twice_is_not_flagged(station: Session, real_hq: HqDir,
                                                       tmp_path: Path) -> None:
    first = export_and_import(station, real_hq, tmp_path / "usb1")
    station.accounts.add("ali", role="officer", passphrase="ali first pass")  # officers: no flag
    register(station, "Coulibaly")
    second = export_and_import(station, real_hq, tmp_path / "usb2")
    assert (first.status, second.status) == ("imported", "imported")
    assert "accounts flagged" not in (first.gaps or "") + (second.gaps or "")
    assert flags(real_hq) == []
    with Registry.open(real_hq) as registry:
        assert pinned_batch(registry.db, "TGR1") == 1
        report = build_report(registry).to_json()["posts"][0]["accounts"]
        assert report == {"pinned_batch": 1, "flags": []}
    # What travelled: the store's authority and each row's grant; no wrap, no personal data.
    with open(tmp_path / "usb2" / "TGR1-000002.frb", "rb") as f:
        carried = read_batch(f, real_hq.age_identity(), hq_root_public=real_hq.root_public,
                             on_record=lambda r: None).manifest.accounts
    assert carried is not None
    assert Authority.from_json(carried["authority"]) == accounts.get_authority(station.store.db)
    assert [(e["user"], e["role"], e["disabled"]) for e in carried["grants"]] == [
        ("ali", "officer", False), (ADMIN, "admin", False), (OFFICER, "officer", False),
        (SUPERVISOR, "supervisor", False)]
    assert all(set(e) == {"user", "role", "disabled", "grant"} for e in carried["grants"])
    assert "wrap" not in json.dumps(carried) and "Traor" not in json.dumps(carried)


def test_a_genuine_new_supervisor_is_flagged_for_a_look(station: Session, real_hq: HqDir,
                                                        tmp_path: Path) -> None:
    export_and_import(station, real_hq, tmp_path / "usb1")
    station.accounts.add("binta", role="supervisor", passphrase="binta first pass")
    register(station, "Coulibaly")
    result = export_and_import(station, real_hq, tmp_path / "usb2")
    assert result.status == "imported"
    assert flags(real_hq) == [(2, "new_privileged", "binta")]
    assert "accounts flagged: new supervisor grant: binta" in (result.gaps or "")
    # The next batch does not repeat it: it is new since the previous batch only.
    register(station, "Diallo")
    export_and_import(station, real_hq, tmp_path / "usb3")
    assert flags(real_hq, 3) == []


def test_a_replaced_authority_is_flagged_and_the_batch_still_imported(
        station: Session, real_hq: HqDir, tmp_path: Path) -> None:
    export_and_import(station, real_hq, tmp_path / "usb1")  # HQ pins the genuine authority
    replace_authority(station)
    forger = station.station.unlock(OFFICER, OFFICER_PASS)  # the laptop cannot stop this
    assert forger.role == "admin"
    regno = register(forger, "Keïta")  # a genuine registration made meanwhile
    result = export_and_import(forger, real_hq, tmp_path / "usb2")

    assert result.status == "imported" and result.post == "TGR1" and result.seq == 2
    found = flags(real_hq, 2)
    assert (2, "authority_changed", None) in found
    assert (2, "new_privileged", OFFICER) in found
    assert {u for _, code, u in found if code == "grant_invalid"} == {ADMIN, OFFICER, SUPERVISOR}
    assert "the account authority changed since HQ pinned it at batch 1" in (result.gaps or "")
    assert f"new admin grant: {OFFICER}" in (result.gaps or "")
    # Nothing valid lost: the registration made under the forged account is at HQ.
    with Registry.open(real_hq) as registry:
        assert registry.household(regno).household["members"][0]["family_name"] == "Keïta"
        assert pinned_batch(registry.db, "TGR1") == 1  # the pin is not moved by the forger
        report = build_report(registry)
    text = "\n".join(report.lines())
    assert "batch 2: the account authority changed" in text
    assert f"batch 2: new admin grant: {OFFICER}" in text
    assert {f["code"] for f in report.to_json()["posts"][0]["accounts"]["flags"]} == {
        "authority_changed", "grant_invalid", "new_privileged"}

    # The real administrator signs in: the authority is put back (part A); the next batch
    # carries the pinned authority again, and the rows the forger signed stay flagged.
    real = station.station.unlock(ADMIN, ADMIN_PASS)
    register(real, "Sanogo")
    export_and_import(real, real_hq, tmp_path / "usb3")
    third = flags(real_hq, 3)
    assert not [f for f in third if f[1] == "authority_changed"]
    assert {u for _, code, u in third if code == "grant_invalid"} == {OFFICER, SUPERVISOR}


def test_an_authority_missing_after_one_was_pinned_is_flagged(hq: HqDir, registry: Registry,
                                                              post: PostSim, stick: Path) -> None:
    authority, keys = new_authority("TGR1")
    grant = sign_grant(keys, post="TGR1", user="awa", role="admin", disabled=False, pin="")
    assert grant is not None
    carried = {"authority": authority.to_json(),
               "grants": [{"user": "awa", "role": "admin", "disabled": False, "grant": grant.to_json()}]}
    post.register()
    assert import_batch(hq, registry, post.batch(stick, accounts=carried)).status == "imported"
    post.register()
    result = import_batch(hq, registry, post.batch(stick))  # a store put back from before it existed?
    assert result.status == "imported" and result.records == 2
    assert "the account authority is missing" in (result.gaps or "")
    assert [(f.batch, f.code) for f in account_flags(registry.db)] == [(2, "authority_missing")]


def test_a_legacy_post_without_an_authority_is_not_flagged(hq: HqDir, registry: Registry,
                                                           post: PostSim, stick: Path) -> None:
    for _ in range(2):
        post.register()
        assert import_batch(hq, registry, post.batch(stick)).gaps is None
    assert account_flags(registry.db) == [] and pinned_batch(registry.db, "TGR1") is None


def test_a_grant_edited_into_a_batch_breaks_the_post_signature(
        station: Session, real_hq: HqDir, tmp_path: Path) -> None:
    """Without the post key nobody can change what a batch says about accounts."""
    (tmp_path / "usb").mkdir()
    result = station.batches.export(tmp_path / "usb")
    assert result is not None
    files = unpack(real_hq, result.path.read_bytes())
    manifest = dict(files)[MANIFEST_NAME]
    assert manifest.count(b"supervisor") >= 1
    edited = manifest.replace(b"\x67officer", b"\x67admin  ", 1)  # moussa's role, same length
    assert edited != manifest
    forged = tmp_path / "forged" / result.path.name
    forged.parent.mkdir()
    forged.write_bytes(repack(real_hq.age_recipient, [
        (name, edited if name == MANIFEST_NAME else data) for name, data in files]))
    with Registry.open(real_hq) as registry:
        refused = import_batch(real_hq, registry, forged)
        assert refused.status == "refused" and refused.reason == "forged"
        assert account_flags(registry.db) == [] and registry.posts() == []
        # The genuine file still imports.
        assert import_batch(real_hq, registry, result.path).status == "imported"


# -- the check itself, fed forged grants -----------------------------------------------------------


def _entry(grant: Any, *, user: str = "awa", role: str = "admin", disabled: bool = False) -> dict[str, Any]:
    return {"user": user, "role": role, "disabled": disabled,
            "grant": None if grant is None else grant.to_json() if hasattr(grant, "to_json") else grant}


def test_the_check_refuses_every_forged_grant() -> None:
    pinned, keys = new_authority("TGR1")
    other, other_keys = new_authority("TGR1")
    good = sign_grant(keys, post="TGR1", user="awa", role="admin", disabled=False, pin="")
    assert grant_problem("TGR1", _entry(good), pinned) is None
    # Signed by another authority (the forger's): the signature does not verify.
    forged = sign_grant(other_keys, post="TGR1", user="awa", role="admin", disabled=False, pin="")
    assert grant_problem("TGR1", _entry(forged), pinned) == "bad_signature"
    # A genuine officer grant with its role edited to admin, in the grant and the row; the
    # admin's grant given another user's name.
    officer = sign_grant(keys, post="TGR1", user="ali", role="officer", disabled=False, pin="")
    assert officer is not None and good is not None
    promoted = {**officer.to_json(), "role": "admin"}
    assert grant_problem("TGR1", _entry(promoted, user="ali"), pinned) == "bad_signature"
    assert grant_problem("TGR1", _entry({**good.to_json(), "user": "ali"}, user="ali"),
                         pinned) == "bad_signature"
    # The row says admin, the grant officer; a grant of another post; a disabled account enabled.
    assert grant_problem("TGR1", _entry(officer, user="ali"), pinned) == "account_fields_changed"
    assert grant_problem("NIA", _entry(good), pinned) == "account_fields_changed"
    disabled = sign_grant(keys, post="TGR1", user="awa", role="admin", disabled=True, pin="")
    assert grant_problem("TGR1", {**_entry(disabled), "disabled": True}, pinned) is None
    assert grant_problem("TGR1", {**_entry(disabled), "grant": {**disabled.to_json(),  # type: ignore[union-attr]
                                                                "disabled": False}}, pinned) == "bad_signature"
    # An officer grant signed by the supervisor key, edited into an admin grant; no grant; garbage.
    sup_only = sign_grant(keys.for_role("supervisor"), post="TGR1", user="x", role="officer",
                          disabled=False, pin="")
    assert sup_only is not None
    assert grant_problem("TGR1", _entry({**sup_only.to_json(), "role": "admin", "user": "awa"}),
                         pinned) == "signer_may_not_grant_role"
    assert grant_problem("TGR1", _entry(None), pinned) == "account_unsigned"
    assert grant_problem("TGR1", _entry({"signature": "zz"}), pinned) == "grant_malformed"
    assert grant_problem("TGR1", _entry({**good.to_json(), "signature": "zz"}),  # type: ignore[union-attr]
                         pinned) == "grant_malformed"
    # A whole batch's view: changed authority, forged grant, new admin.
    previous = {"authority": pinned.to_json(), "grants": [_entry(good)]}
    now = {"authority": other.to_json(), "grants": [_entry(forged), _entry(
        sign_grant(other_keys, post="TGR1", user="boss", role="admin", disabled=False, pin=""),
        user="boss")]}
    found, to_pin = check_accounts("TGR1", now, pinned=(pinned, 1), previous=previous)
    assert to_pin is None
    assert [(code, user) for code, user, _ in found] == [
        ("authority_changed", None), ("grant_invalid", "awa"), ("grant_invalid", "boss"),
        ("new_privileged", "boss")]
    # The same batch first seen: pinned as it is, its admins the baseline.
    found, to_pin = check_accounts("TGR1", now, pinned=None, previous=None)
    assert found == [] and to_pin == other
    found, _ = check_accounts("TGR1", {"authority": {"admin": "00", "supervisor": "", "certificate": ""},
                                       "grants": []}, pinned=(pinned, 1), previous=None)
    assert [code for code, _, _ in found] == ["authority_malformed"]
