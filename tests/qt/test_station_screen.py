"""Station information and loading HQ's newer trust and revocation lists; older ones refused."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fieldreg.keys import HqDir
from fieldreg.model import utcnow
from fieldreg.station.enrollment import create_camp
from fieldreg.station.session import Session
from fieldreg.station.trust import station_trust
from fieldreg.ui.context import AppContext
from fieldreg.ui.screens.station import StationScreen
from tests.conftest import ADMIN, ADMIN_PASS, FAST_KDF, make_user
from tests.qt.conftest import context_for


def open_screen(qtbot, ctx: AppContext) -> StationScreen:  # type: ignore[no-untyped-def]
    screen = StationScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    return screen


def save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_post_information(qtbot, ctx: AppContext, hq: HqDir) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, ctx)
    assert screen.station.text() == "TGR1 — Tengréla"
    assert screen.kind.text() == "Border post"
    ((kid, _, _, current),) = ctx.session.trust.post_keys()
    assert current and screen.keys.text().startswith(kid) and screen.keys.text().endswith("(in use)")
    assert screen.fingerprint.text() == hq.fingerprint
    assert screen.trust.text().startswith(f"version {hq.trust_list().version}, issued ")
    assert screen.revocations.text() == "none loaded yet"


def test_newer_lists_are_loaded_and_older_ones_refused(qtbot, ctx: AppContext, hq: HqDir,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    screen = open_screen(qtbot, ctx)
    old = save(tmp_path, "trustlist-old.cose", hq.trust_list().raw)
    newer = hq.issue_trust_list(now=utcnow() + timedelta(seconds=1))
    screen.load_list_file(save(tmp_path, "trustlist.cose", newer.raw))
    assert screen.result.kind == "success"
    assert screen.result.text() == f"Trust list version {newer.version} is now in use."
    assert screen.trust.text().startswith(f"version {newer.version}, ")
    assert station_trust(ctx.station).trust.version == newer.version

    screen.load_list_file(old)
    assert screen.result.kind == "failure"
    assert screen.result.text() == (f"Not loaded: trust list version {newer.version - 1} is older "
                                    f"than the loaded version {newer.version}: refused")
    assert station_trust(ctx.station).trust.version == newer.version

    screen.load_list_file(tmp_path / "trustlist.cose")
    assert screen.result.kind == "info" and "already in use; nothing changed" in screen.result.text()

    revoked = hq.revoke_tokens([b"\x01" * 16], now=utcnow() + timedelta(seconds=2))
    screen.load_list_file(save(tmp_path, "revocations.cose", revoked.raw))
    assert screen.result.text() == f"Revocation list version {revoked.version} is now in use."
    assert screen.revocations.text().startswith(f"version {revoked.version}, issued ")
    assert screen.revocations.text().endswith(", 1 slip revoked")


def test_a_file_that_is_no_list_is_refused(qtbot, ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, ctx)
    screen.load_list_file(save(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0 not a list"))
    assert screen.result.kind == "failure"
    assert screen.result.text() == ("Not loaded: this file is neither a FieldReg trust list nor a "
                                    "revocation list")
    screen.load_list_file(tmp_path / "missing.cose")
    assert screen.result.text().startswith("Cannot read ")


def test_a_camp_station(qtbot, hq: HqDir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = create_camp(tmp_path / "camp", camp_id="CAMP1", camp_name="Site de transit",
                        trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint,
                        admin=ADMIN, passphrase=ADMIN_PASS, kdf=FAST_KDF)
    screen = open_screen(qtbot, context_for(store.unlock(ADMIN, ADMIN_PASS)))
    assert screen.station.text() == "CAMP1 — Site de transit"
    assert screen.kind.text().startswith("Camp")
    assert screen.keys.isHidden()
    newer = hq.issue_trust_list(now=utcnow() + timedelta(seconds=1))
    screen.load_list_file(save(tmp_path, "trustlist.cose", newer.raw))
    assert screen.result.kind == "success"


def test_an_officer_cannot_load_lists(qtbot, post: Session, hq: HqDir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer = make_user(post, "ali", "officer")
    screen = open_screen(qtbot, context_for(officer))
    assert screen.refused.isVisible() and not screen.load_button.isEnabled()
    before = station_trust(post.station).trust.version
    newer = hq.issue_trust_list(now=utcnow() + timedelta(seconds=1))
    screen.load_list_file(save(tmp_path, "trustlist.cose", newer.raw))
    assert station_trust(post.station).trust.version == before
