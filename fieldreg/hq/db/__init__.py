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
``sqlite.py`` and ``postgres.py``.

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
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from fieldreg.errors import InvalidInput
from fieldreg.messages import Message

CONFIG_FILE = "registry.conf"
SQLITE_FILE = "registry.db"
SQLITE, POSTGRESQL = "sqlite", "postgresql"


class Cursor(Protocol):
    """What both engines' cursors offer, and all the registry uses of them."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Db(ABC):
    """One connection to the registry, whichever the engine."""

    engine: str  # SQLITE or POSTGRESQL
    location: str  # for messages: the file, or the server without any password

    @abstractmethod
    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        """Run one statement with ``?`` placeholders (outside a transaction: on its own)."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Db]:
        """A write transaction: committed at the end of the block, rolled back on an error."""

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[Db]:
        """A read-only view of one moment, for a report: never blocks a writer, never blocked."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def types(self) -> dict[str, str]:
        """The schema's type words for this engine: ``{"id": ..., "blob": ...}``."""

    @abstractmethod
    def migrate(self, steps: list[tuple[str, Step]], *, what: Message) -> None:
        """Apply every schema step not yet applied, in order, each in its own transaction.

        ``what`` names the database in the refusal of a newer one ("this HQ registry").
        """

    @abstractmethod
    def applied(self) -> list[str]:
        """Names of the schema steps applied, in order."""

    def ddl(self, sql: str) -> None:
        """Run a schema statement written with ``{id}`` and ``{blob}``."""
        for word, name in self.types.items():
            sql = sql.replace("{" + word + "}", name)
        self.execute(sql)


Step = Callable[[Db], None]  # one schema step, the same for both engines (fieldreg/hq/schema.py)


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
        from fieldreg.hq.db.sqlite import SqliteDb

        return SqliteDb.open(hq_path / SQLITE_FILE)
    from fieldreg.hq.db.postgres import PostgresDb

    return PostgresDb.open(url)
