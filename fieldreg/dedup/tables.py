"""Variant tables shipped as text files in ``fieldreg/dedup/data``.

Example::

    >>> from fieldreg.dedup.tables import default_tables
    >>> t = default_tables()
    >>> t.given.class_of("Ahmadou") == t.given.class_of("Hamadou")
    True
    >>> t.given.display(t.given.class_of("Musa"))
    'Moussa'
    >>> t.is_particle("Ag")
    True

The files are plain UTF-8 text so a field team can extend them with any editor
(docs/dedup.md gives the format). Every spelling is looked up by its canonical
form (see :func:`fieldreg.dedup.normalise.canon`), so a table line only has to
name spellings that the rewrite rules do not already bring together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from fieldreg.dedup.normalise import canon, split_tokens


class TableError(ValueError):
    """A variant table is malformed (a spelling claimed by two classes...)."""


@dataclass(frozen=True)
class VariantTable:
    """Equivalence classes of spellings, keyed by canonical form.

    ``class_of`` returns the canonical form of the class's first spelling, which
    is what the scorer compares instead of the token itself.
    """

    name: str
    _class_of: dict[str, str] = field(default_factory=dict)
    _display: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, name: str, lines: Iterable[str]) -> VariantTable:
        """Build a table from the lines of a data file (format in the module doc)."""
        class_of: dict[str, str] = {}
        display: dict[str, str] = {}
        for lineno, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            spellings = [s.strip() for s in line.split(",") if s.strip()]
            head = canon(spellings[0])
            if head in display and display[head] != spellings[0]:
                raise TableError(f"{name}:{lineno}: class {spellings[0]!r} already defined")
            display[head] = spellings[0]
            for spelling in spellings:
                if len(split_tokens(spelling)) != 1:
                    raise TableError(f"{name}:{lineno}: {spelling!r} is not a single word")
                key = canon(spelling)
                if class_of.get(key, head) != head:
                    other = display[class_of[key]]
                    raise TableError(
                        f"{name}:{lineno}: {spelling!r} is already a spelling of {other!r}"
                    )
                class_of[key] = head
        return cls(name, class_of, display)

    def class_of(self, token: str) -> str | None:
        """Class key of ``token`` (any spelling), or None when it is not listed."""
        return self._class_of.get(canon(token))

    def class_of_canonical(self, canonical: str) -> str | None:
        """Like :meth:`class_of` for a token already in canonical form (hot path)."""
        return self._class_of.get(canonical)

    def display(self, class_key: str) -> str:
        """The spelling shown for a class (first on its line)."""
        return self._display[class_key]

    def __len__(self) -> int:
        return len(self._display)


@dataclass(frozen=True)
class NameTables:
    """All tables the matcher uses; :func:`default_tables` loads the shipped ones."""

    given: VariantTable
    family: VariantTable
    locality: VariantTable
    particles: frozenset[str]

    def is_particle(self, token: str) -> bool:
        """True for filiation particles and titles ("Ag", "Ould", "El Hadj")."""
        return canon(token) in self.particles

    @classmethod
    def from_directory(cls, directory: Path) -> NameTables:
        """Load the four files from ``directory`` (for tests and field overrides)."""
        return cls._load(lambda fname: (directory / fname).read_text(encoding="utf-8"))

    @classmethod
    def _load(cls, read: Callable[[str], str]) -> NameTables:
        particles = frozenset(
            canon(line.strip())
            for line in read("particles.txt").splitlines()
            if line.strip() and not line.startswith("#")
        )
        return cls(
            given=VariantTable.parse("given_names.txt", read("given_names.txt").splitlines()),
            family=VariantTable.parse("family_names.txt", read("family_names.txt").splitlines()),
            locality=VariantTable.parse("localities.txt", read("localities.txt").splitlines()),
            particles=particles,
        )


@lru_cache(maxsize=1)
def default_tables() -> NameTables:
    """The tables shipped in the package, loaded once."""
    data = resources.files("fieldreg.dedup") / "data"
    return NameTables._load(lambda fname: (data / fname).read_text(encoding="utf-8"))
