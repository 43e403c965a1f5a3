"""HQ's schema steps on both engines: a registry left at every earlier step is brought up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreg.hq import Registry, build_report, import_batch, national_figures
from fieldreg.hq.db import open_db
from fieldreg.hq.schema import MIGRATIONS
from fieldreg.keys import HqDir
from fieldreg.messages import Message

from .builders import PostSim, household


@pytest.mark.parametrize("applied", range(1, len(MIGRATIONS)))
def test_a_registry_at_every_earlier_step_is_migrated_and_keeps_its_rows(
        hq: HqDir, post: PostSim, stick: Path, applied: int) -> None:
    db = open_db(hq.path)  # the registry as an older FieldReg left it
    db.migrate(MIGRATIONS[:applied], what=Message("this HQ registry"))
    older = Registry(db, hq.path / "registry.db", hq.registry_key)  # its owner, its sealing
    older._check_owner(hq)
    with db.transaction():
        db.execute("INSERT INTO posts (post, first_seen_at) VALUES ('OLD1', '2026-01-02T00:00:00Z')")
        for version, kind in ((1, "registration"), (2, "correction")):
            family = household("Diarra", members=2 + version)
            db.execute(
                "INSERT INTO household_versions (post, regno, version, kind, status, at, by_user,"
                " members, content_mac, sealed, batch_seq) VALUES ('OLD1', 'OLD1-26-000001-X', ?,"
                " ?, 'active', '2026-01-02T00:00:00Z', 'awa', ?, ?, ?, 1)",
                (version, kind, len(family["members"]), bytes([version]) * 32,
                 older.seal_version("OLD1-26-000001-X", version, family, "")))
    assert db.applied() == [name for name, _ in MIGRATIONS[:applied]]
    db.close()

    with Registry.open(hq) as registry:
        assert registry.db.applied() == [name for name, _ in MIGRATIONS]
        assert registry.posts() == ["OLD1"]
        assert registry.db.execute("SELECT members FROM household_versions WHERE regno = ?"
                                   " AND version = 2", ("OLD1-26-000001-X",)).fetchone()[0] == 4
        # The versions held before the national figures' counting rows existed have theirs.
        assert registry.db.execute(
            "SELECT version, COUNT(*), SUM(current_active) FROM hq_counted_members"
            " GROUP BY version ORDER BY version").fetchall() == [(1, 3, 0), (2, 4, 4)]
        assert national_figures(registry).by["post"] == {"OLD1": {"people": 4, "households": 1}}
        # ...and the migrated registry does everything a new one does.
        post.register(household())
        assert import_batch(hq, registry, post.batch(stick)).status == "imported"
        report = build_report(registry)
        assert [p.post for p in report.posts] == ["OLD1", "TGR1"]
        assert report.totals.registrations == 2


def test_one_step_definition_makes_the_same_tables_on_both_engines(
        hq: HqDir, registry: Registry, engine: str) -> None:
    if engine == "sqlite":
        tables = {r[0] for r in registry.db.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            " AND name NOT LIKE 'sqlite_%'")}
    else:
        tables = {r[0] for r in registry.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
    assert tables == {
        "meta", "migrations", "posts", "batches", "held", "household_versions",
        "current_households", "duplicate_decisions", "token_revocations", "issued_tokens", "audit",
        "staged_audit", "post_unreadable", "hq_held_records", "hq_post_authority",
        "hq_post_grants", "hq_account_flags", "hq_decisions", "hq_counted_members"}
