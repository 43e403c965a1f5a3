"""HQDIR/registry.conf: which registry an HQ directory uses, and how a server is named in messages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from fieldreg.errors import InvalidInput
from fieldreg.hq.db import configured_url
from fieldreg.hq.db.postgres import describe, pyformat


def test_without_the_file_the_registry_is_sqlite(tmp_path: Path) -> None:
    assert configured_url(tmp_path) is None


@pytest.mark.parametrize("url", ["postgresql://fieldreg@db.hq.example/fieldreg",
                                 "postgres:///fieldreg?host=/run/postgresql",
                                 "service=fieldreg"])
def test_a_postgresql_connection_string(tmp_path: Path, url: str) -> None:
    (tmp_path / "registry.conf").write_text(f'# the HQ server\nurl = "{url}"\n', "utf-8")
    assert configured_url(tmp_path) == url


@pytest.mark.parametrize(("text", "says"), [
    ("url = ", "is not a valid settings file"),
    ("engine = 'postgresql'\n", "names no registry"),
    ("url = ''\n", "names no registry"),
    ("url = 5\n", "names no registry"),
    ("url = 'sqlite:///registry.db'\n", "must be a PostgreSQL connection string"),
])
def test_a_broken_file_is_refused_with_one_line(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "registry.conf").write_text(text, "utf-8")
    with pytest.raises(InvalidInput, match=says) as caught:
        configured_url(tmp_path)
    assert "\n" not in str(caught.value)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "registry.conf").write_bytes(b"url = '\xff'\n")
    with pytest.raises(InvalidInput, match="cannot read"):
        configured_url(tmp_path)


def test_messages_never_show_the_password() -> None:
    for url in ("postgresql://fieldreg:s3cret@db.hq.example:5433/fieldreg",
                "host=db.hq.example user=fieldreg password=s3cret dbname=fieldreg"):
        shown = describe(url)
        assert "s3cret" not in shown
        assert "host=db.hq.example" in shown and "user=fieldreg" in shown
    assert "s3cret" not in describe("postgresql://fieldreg:s3cret@[bad")


def test_placeholders_become_psycopg_ones_outside_string_literals() -> None:
    assert pyformat("SELECT ? WHERE a = '?' AND b LIKE 'x%' AND c = ?") == \
        "SELECT %s WHERE a = '?' AND b LIKE 'x%%' AND c = %s"
    assert pyformat("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', %s"


def test_a_postgresql_registry_without_postgresql_support_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.hq.db import open_db

    (tmp_path / "registry.conf").write_text('url = "postgresql://fieldreg@db.hq.example/fieldreg"\n')
    monkeypatch.setitem(sys.modules, "fieldreg.hq.db.postgres", None)  # as in the posts' bundle
    with pytest.raises(InvalidInput, match="installed without PostgreSQL support"):
        open_db(tmp_path)
