"""Where HQ's registry lives: SQLite (one laptop) or PostgreSQL (a server), behind one small interface.

    db = open_db(hq.path)                   # HQDIR/registry.conf names a PostgreSQL server, else
                                            # HQDIR/registry.db (SQLite)
    db.execute("SELECT seq FROM batches WHERE post = ?", (post,)).fetchall()
    with db.transaction():                  # one transaction; rolled back on any error
        db.execute("INSERT ... ON CONFLICT DO NOTHING", args)
    with db.snapshot():                     # a consistent read that never blocks an import
        ...

The registry's SQL is written once, in the subset both engines read alike:
``?`` placeholders (turned into psycopg's ``%s`` for PostgreSQL), ``INSERT ...
ON CONFLICT ... DO NOTHING | DO UPDATE``, no engine-specific functions. Schema
steps use two type words (:meth:`Db.ddl`): ``{id}`` for a generated integer key
and ``{blob}`` for bytes. Everything else the engines differ in — connecting,
durability settings, transactions, the migration bookkeeping — is in
``sqlite.py`` and ``postgres.py``; ``base.py`` is the interface both implement.

The choice is one file in the HQ directory, ``registry.conf`` (docs/hq.md,
"The registry on PostgreSQL")::

    url = "postgresql://fieldreg@db.hq.example/fieldreg"

Credentials never go in it nor in the repository: libpq finds the password in
``~/.pgpass`` (or ``PGPASSFILE``), a service file (``url = "service=fieldreg"``)
or the environment. If a URL carries a password anyway, it is never shown:
messages name the server by :attr:`Db.location`, which leaves it out.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from fieldreg.errors import InvalidInput
from fieldreg.hq.db.base import POSTGRESQL, SQLITE, Cursor, Db, Step
from fieldreg.hq.db.sqlite import SqliteDb

__all__ = ["CONFIG_FILE", "POSTGRESQL", "SQLITE", "SQLITE_FILE", "Cursor", "Db", "Step",
           "configured_url", "open_db"]

CONFIG_FILE = "registry.conf"
SQLITE_FILE = "registry.db"


def configured_url(hq_path: Path) -> str | None:
    """The PostgreSQL connection string of ``HQDIR/registry.conf``; None without the file (SQLite)."""
    path = hq_path / CONFIG_FILE
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInput("cannot read {path}: {err}", path=path, err=err) from err
    try:
        url = tomllib.loads(text).get("url")
    except tomllib.TOMLDecodeError as err:
        raise InvalidInput("{path} is not a valid settings file: {err}", path=path, err=err) from err
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput('{path} names no registry: write url = "postgresql://user@host/dbname"',
                           path=path)
    url = url.strip()
    if not (url.startswith(("postgresql://", "postgres://")) or "=" in url):
        raise InvalidInput("{path}: the url must be a PostgreSQL connection string "
                           '("postgresql://user@host/dbname" or "service=name")', path=path)
    return url


def open_db(hq_path: Path) -> Db:
    """The registry of the HQ directory ``hq_path``: PostgreSQL if configured, else SQLite."""
    url = configured_url(hq_path)
    if url is None:
        return SqliteDb.open(hq_path / SQLITE_FILE)
    try:
        from fieldreg.hq.db.postgres import PostgresDb  # psycopg loaded only for an HQ that uses it
    except ImportError:  # the bundle for posts and camps leaves PostgreSQL out (packaging/)
        raise InvalidInput("{path} names a PostgreSQL registry, but this FieldReg was installed without "
                           "PostgreSQL support (the package for border posts and camps): run HQ from a "
                           "FieldReg installed for HQ (docs/hq.md)", path=hq_path / CONFIG_FILE) from None
    return PostgresDb.open(url)
