"""The receiver on an HQ whose registry is on PostgreSQL: the same uploads, imports and receipts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldreg.hq import Registry, import_batch
from tests.e2e.hq_receiver import HqSite
from tests.e2e.sync_setup import batches_at_hq, household_versions_at_hq, post_at
from tests.pgserver import PgServer, use_postgresql


@pytest.fixture
def pg_site(tmp_path: Path, pg_server: PgServer) -> Iterator[HqSite]:
    site = HqSite.create(tmp_path)
    use_postgresql(site.hq.path, pg_server.new_database())
    yield site
    site.stop_all()


def test_uploads_to_a_postgresql_registry_are_imported_once_stick_or_network(pg_site: HqSite,
                                                                            tmp_path: Path) -> None:
    server = pg_site.start()
    with Registry.open(pg_site.hq) as registry:
        assert registry.db.engine == "postgresql"
    first = post_at(pg_site, tmp_path / "a", server.url, households=3)
    report = first.sync.run_once()
    assert report.problem is None and [(s, r.status) for s, r in report.uploads] == [(1, "imported")]
    assert report.receipt is not None and report.receipt.acknowledged == (1,)

    # Another post's batch, carried on a stick and also uploaded: imported once.
    second = post_at(pg_site, tmp_path / "b", server.url, households=2, post_id="KDG2")
    (tmp_path / "usb").mkdir()
    exported = second.batches.export(tmp_path / "usb")
    assert exported is not None
    with Registry.open(pg_site.hq) as registry:
        assert import_batch(pg_site.hq, registry, exported.path).status == "imported"
    again = second.sync.run_once()
    assert [(s, r.status) for s, r in again.uploads] == [(1, "already_imported")]
    assert again.receipt is not None and again.receipt.acknowledged == (1,)

    assert [seq for seq, _ in batches_at_hq(pg_site)] == [1]
    assert [seq for seq, _ in batches_at_hq(pg_site, "KDG2")] == [1]
    assert household_versions_at_hq(pg_site) == 5
    assert not (pg_site.hq.path / "registry.db").exists()  # nothing went to a SQLite file beside it
