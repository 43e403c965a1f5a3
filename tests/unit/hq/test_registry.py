"""The HQ registry database, on both engines: creation, ownership, sealing, schema version, gap wording."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from fieldreg.errors import CorruptData, NotFound
from fieldreg.hq import Registry, describe_missing, import_batch
from fieldreg.hq.schema import MIGRATIONS, SCHEMA_VERSION
from fieldreg.keys import HqDir

from .builders import HQ_PASSPHRASE, PostSim, household, make_hq

sqlite_only = pytest.mark.parametrize("engine", ["sqlite"])  # what only a file has


def test_created_on_first_open_with_every_schema_step(hq: HqDir) -> None:
    with Registry.open(hq) as registry:
        assert registry.db.applied() == [name for name, _ in MIGRATIONS]
        assert registry.posts() == []
    with Registry.open(HqDir.open(hq.path, HQ_PASSPHRASE)) as again:
        assert again.posts() == []
        assert again.db.applied() == [name for name, _ in MIGRATIONS]  # nothing applied twice


@sqlite_only
def test_sqlite_registry_is_a_private_wal_file(hq: HqDir) -> None:
    with Registry.open(hq) as registry:
        assert registry.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert registry.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    if os.name != "nt":
        assert stat.S_IMODE((hq.path / "registry.db").stat().st_mode) == 0o600


def test_registry_of_another_hq_is_refused(hq: HqDir, tmp_path: Path) -> None:
    with Registry.open(hq) as registry:
        named = registry.path  # registry.db itself, or the registry.conf naming the server
    other = make_hq(tmp_path / "other")
    shutil.copy(named, other.path / named.name)
    with pytest.raises(CorruptData, match="another HQ"):
        Registry.open(other)


def test_registry_with_wrong_key_check_is_refused(hq: HqDir, registry: Registry) -> None:
    registry.db.execute("UPDATE meta SET value = ? WHERE key = 'key_check'", ("01" + "00" * 40,))
    with pytest.raises(CorruptData, match="registry key"):
        Registry.open(hq)


def test_newer_schema_is_refused(hq: HqDir, registry: Registry, engine: str) -> None:
    if engine == "sqlite":
        registry.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:  # PostgreSQL has no user_version: a step this FieldReg does not know
        registry.db.execute("INSERT INTO migrations (name, applied_at) VALUES ('9999_future', '')")
    with pytest.raises(CorruptData, match="newer than this FieldReg understands"):
        Registry.open(hq)


def _stored_bytes(registry: Registry, hq: HqDir) -> bytes:
    """Everything the registry stores: SQLite's files; every row of every table on PostgreSQL."""
    if registry.db.engine == "sqlite":
        registry.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return b"".join(p.read_bytes() for p in hq.path.glob("registry.db*"))
    tables = [r[0] for r in registry.db.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    assert "household_versions" in tables
    return "".join(registry.db.execute(f"SELECT coalesce(string_agg(t::text, ''), '') FROM {t} t"
                                       ).fetchone()[0] for t in tables).encode("utf-8")


def test_personal_data_is_sealed_and_bound_to_its_row(hq: HqDir, registry: Registry,
                                                      post: PostSim, stick: Path) -> None:
    first = post.register(household(family="Zerbo-Ouédraogo"))
    second = post.register(household(family="Kouyaté"))
    post.correct(second, reason="typo Dembélé-Sangaré")
    post.revoke_token(first, b"\x11" * 16, reason="lost in Niangoloko-Kaboré")
    assert import_batch(hq, registry, post.batch(stick)).status == "imported"
    raw = _stored_bytes(registry, hq)
    assert first.encode() in raw  # the registration numbers are clear, by design
    for secret in ("Zerbo-Ouédraogo", "Kouyaté", "Dembélé-Sangaré", "Niangoloko-Kaboré",
                   "Loulouni", "Aminata"):
        assert secret.encode("utf-8") not in raw, secret
    assert registry.household(first).household["members"][0]["family_name"] == "Zerbo-Ouédraogo"
    assert registry.household(second).reason == "typo Dembélé-Sangaré"
    assert registry.revocation_reason("11" * 16) == "lost in Niangoloko-Kaboré"
    # A sealed household copied onto another row does not open there.
    registry.db.execute(
        "UPDATE household_versions SET sealed = (SELECT sealed FROM household_versions"
        " WHERE regno = ?) WHERE regno = ? AND version = 1", (first, second))
    with pytest.raises(CorruptData):
        registry.versions(second)


def test_household_not_held(registry: Registry) -> None:
    with pytest.raises(NotFound):
        registry.household("TGR1-26-000001-E")


@pytest.mark.parametrize(("missing", "text"), [
    ([], None),
    ([4], "post TGR1: batch 4 missing"),
    ([4, 5], "post TGR1: batches 4–5 missing"),
    ([2, 4, 5, 6, 9], "post TGR1: batches 2, 4–6, 9 missing"),
])
def test_describe_missing(missing: list[int], text: str | None) -> None:
    assert describe_missing("TGR1", missing) == text


@sqlite_only
def test_registry_spills_big_transactions_to_disk_but_a_post_keeps_them_in_memory(
        registry: Registry, tmp_path: Path) -> None:
    # An import is one transaction; with temp_store=MEMORY its statement journal held a
    # copy of every page it rewrote (126 MB peak at 50,000 households, docs/benchmarks.md).
    from fieldreg.sqlitedb import connect

    assert registry.db.execute("PRAGMA temp_store").fetchone()[0] == 1  # FILE
    assert connect(tmp_path / "post.db").execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_missing_numbers_the_same_for_one_post_and_for_the_report(
        hq: HqDir, registry: Registry, post: PostSim, stick: Path) -> None:
    from fieldreg.hq import build_report
    from fieldreg.regno import RegNo

    post.register(household())
    post.numbers += 1  # number 2 deleted at the post, its audit entry with it
    post.register(household())
    post.register(household())
    post.data.pop()  # number 4: the audit says registered, the record never came
    other = PostSim(hq, "NIA1")
    other.register(household())
    for sim in (post, other):
        assert import_batch(hq, registry, sim.batch(stick)).status == "imported"
    expected = [str(RegNo.build("TGR1", 2026, n)) for n in (2, 4)]
    assert registry.missing_numbers("TGR1") == expected
    assert registry.missing_numbers("NIA1") == []
    report = build_report(registry)
    assert {p.post: p.missing_numbers for p in report.posts} == {"TGR1": expected, "NIA1": []}
    assert {p.post: p.households for p in report.posts} == {"TGR1": 2, "NIA1": 1}
