"""Escrow recipients travel from HQ to the post: hq.json -> enrollment file -> post settings."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage

from fieldreg.keys import open_enrollment
from fieldreg.station import Station
from fieldreg.station.enrollment import create_enrolled_post

from .builders import FAST_KDF, T0, make_hq

ADMIN_PASS = "test passphrase 1"  # test fixture only


def _recipient() -> str:
    return str(pyrage.x25519.Identity.generate().to_public())


def test_enrolled_post_stores_escrow_recipients(tmp_path: Path) -> None:
    escrow = [_recipient(), _recipient()]
    hq = make_hq(tmp_path / "hq", escrow=escrow)
    pkg = hq.enroll_post("TGR1", now=T0, kdf=FAST_KDF)
    store = create_enrolled_post(tmp_path / "post", open_enrollment(pkg.data, pkg.passphrase),
                                 post_name="Tengréla", admin="awa", passphrase=ADMIN_PASS,
                                 kdf=FAST_KDF)
    assert json.loads(store.store.meta("escrow_recipients")) == escrow
    assert store.store.meta("hq_age_recipient") == hq.age_recipient


def test_post_of_an_hq_without_escrow_stores_an_empty_list(tmp_path: Path) -> None:
    hq = make_hq(tmp_path / "hq")
    pkg = hq.enroll_post("TGR1", now=T0, kdf=FAST_KDF)
    store = create_enrolled_post(tmp_path / "post", open_enrollment(pkg.data, pkg.passphrase),
                                 post_name="Tengréla", admin="awa", passphrase=ADMIN_PASS,
                                 kdf=FAST_KDF)
    assert json.loads(store.store.meta("escrow_recipients")) == []


def test_loading_an_enrollment_into_a_running_post_sets_escrow(tmp_path: Path) -> None:
    escrow = [_recipient()]
    hq = make_hq(tmp_path / "hq", escrow=escrow)
    store = Station.create(tmp_path / "post", post_id="TGR1", post_name="Tengréla", admin="awa",
                             passphrase=ADMIN_PASS, kdf=FAST_KDF)
    assert store.store.meta_or("escrow_recipients") is None
    pkg = hq.enroll_post("TGR1", now=T0, kdf=FAST_KDF)
    store.unlock("awa", ADMIN_PASS).trust.enroll(open_enrollment(pkg.data, pkg.passphrase))
    assert json.loads(store.store.meta("escrow_recipients")) == escrow
    # Rotation: the new file's list replaces the old one (here: the same HQ, same list).
    pkg = hq.enroll_post("TGR1", now=T0, kdf=FAST_KDF)
    store.unlock("awa", ADMIN_PASS).trust.enroll(open_enrollment(pkg.data, pkg.passphrase))
    assert json.loads(store.store.meta("escrow_recipients")) == escrow
