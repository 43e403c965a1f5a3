"""Fixtures for HQ tests: a real HQ directory, its registry on disk, a simulated post."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldreg.hq import Registry
from fieldreg.keys import HqDir
from tests.pgserver import use_postgresql

from .builders import PostSim, make_hq

TABLES = ("posts", "batches", "held", "household_versions", "duplicate_decisions",
          "token_revocations", "issued_tokens", "audit", "staged_audit", "hq_counted_members")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> str:
    """Every registry test runs on both engines: SQLite (the default) and a real PostgreSQL."""
    return str(request.param)


@pytest.fixture
def hq(tmp_path: Path, engine: str, request: pytest.FixtureRequest) -> HqDir:
    hq = make_hq(tmp_path / "hq")
    if engine == "postgresql":
        use_postgresql(hq.path, request.getfixturevalue("pg_server").new_database())
    return hq


@pytest.fixture
def registry(hq: HqDir) -> Iterator[Registry]:
    with Registry.open(hq) as registry:
        yield registry


@pytest.fixture
def post(hq: HqDir) -> PostSim:
    return PostSim(hq, "TGR1")


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    return tmp_path / "stick"


def snapshot(registry: Registry) -> dict[str, object]:
    """Everything an import could change, to compare before and after a refusal."""
    state: dict[str, object] = {
        t: registry.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES
    }
    return state


def merged(registry: Registry) -> dict[str, int]:
    """Row counts of what a merged batch adds (a refusal leaves all at their earlier values)."""
    return {t: registry.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in TABLES if t not in ("held",)}
