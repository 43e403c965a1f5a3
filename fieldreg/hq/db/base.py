"""What both registry engines offer (fieldreg/hq/db/__init__.py says how the registry uses it)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from fieldreg.messages import Message

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
    def append(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many new rows at once, none of which can already be there (no ``ON CONFLICT``)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Db]:
        """A write transaction: committed at the end of the block, rolled back on an error."""

    @abstractmethod
    def lock_against_writers(self, table: str) -> None:
        """Inside :meth:`transaction`: no other connection writes ``table`` until it ends."""

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
