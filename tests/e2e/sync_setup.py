"""Fixtures of the sync tests: an HQ site with its receiver, a fault proxy, an enrolled post."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldreg.hq import Registry
from fieldreg.station.session import Session
from fieldreg.station.tokens import current_post_key
from fieldreg.station.trust import station_trust
from fieldreg.sync.client import HqClient
from fieldreg.validation import parse_household
from tests.conftest import enrolled_post, household
from tests.e2e.hq_receiver import FaultProxy, HqSite, Server


@pytest.fixture
def site(tmp_path: Path) -> Iterator[HqSite]:
    site = HqSite.create(tmp_path)
    yield site
    site.stop_all()


@pytest.fixture
def server(site: HqSite) -> Server:
    return site.start()


@pytest.fixture
def proxy(server: Server) -> Iterator[FaultProxy]:
    proxy = FaultProxy(server.port)
    yield proxy
    proxy.close()


def post_at(site: HqSite, data_dir: Path, url: str, *, households: int = 3,
            post_id: str = "TGR1") -> Session:
    """An enrolled post with ``households`` registered, set to sync with ``url``."""
    session = enrolled_post(site.hq, data_dir, post_id)
    register(session, households)
    session.sync.configure(url=url, auto_batch=True)
    return session


def client_of(session: Session, url: str, **kwargs: Any) -> HqClient:
    """The post's own HTTP client for ``url`` (its key, HQ's pins from its trust list)."""
    pins = station_trust(session.station).trust.tls_pins
    return HqClient(url, current_post_key(session), pins=pins, **kwargs)


def register(session: Session, n: int) -> None:
    for i in range(n):
        session.households.register(parse_household(household(notes=f"household {i} " + "x" * 300)))


def batches_at_hq(site: HqSite, post: str = "TGR1") -> list[tuple[int, str]]:
    with Registry.open(site.hq) as registry:
        return [(int(r[0]), bytes(r[1]).hex()) for r in registry.db.execute(
            "SELECT seq, manifest_hash FROM batches WHERE post = ? ORDER BY seq", (post,))]


def household_versions_at_hq(site: HqSite) -> int:
    with Registry.open(site.hq) as registry:
        return int(registry.db.execute("SELECT COUNT(*) FROM household_versions").fetchone()[0])
