"""The variant tables load, are consistent, and a field team can extend them."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from fieldreg.dedup import Person, score_pair
from fieldreg.dedup.tables import NameTables, TableError, VariantTable, default_tables


def test_shipped_tables_load_without_conflicts() -> None:
    t = default_tables()
    assert len(t.given) > 50 and len(t.family) > 50
    assert t.given.class_of("Muhammad") == t.given.class_of("Mohamed")
    assert t.given.class_of("Ibrahima") == t.given.class_of("Brahima") == t.given.class_of("Ibrahim")
    assert t.family.class_of("Trawore") == t.family.class_of("Traoré")
    assert t.family.class_of("Koné") != t.family.class_of("Kané")
    assert t.given.display(t.given.class_of("Usman") or "") == "Ousmane"


def test_a_spelling_in_two_classes_is_rejected_with_its_line() -> None:
    with pytest.raises(TableError, match=r"x\.txt:2: 'Kulibali' is already a spelling of 'Coulibaly'"):
        VariantTable.parse("x.txt", ["Coulibaly, Kulibali", "Kouyaté, Kulibali"])


def test_multi_word_spelling_is_rejected() -> None:
    with pytest.raises(TableError, match="not a single word"):
        VariantTable.parse("x.txt", ["Abdoulkarim, Abdoul Karim"])


def test_comments_and_blank_lines_are_ignored() -> None:
    table = VariantTable.parse("x.txt", ["# comment", "", "  Seydou, Saidou  "])
    assert len(table) == 1 and table.class_of("Saïdou") == table.class_of("Seydou")


def test_extending_a_table_directory_changes_matching(tmp_path: Path) -> None:
    shipped = resources.files("fieldreg.dedup") / "data"
    for name in ("given_names.txt", "family_names.txt", "localities.txt", "particles.txt"):
        (tmp_path / name).write_text((shipped / name).read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "family_names.txt").open("a", encoding="utf-8") as f:
        f.write("Sangho, Sankho\n")
    extended = NameTables.from_directory(tmp_path)
    assert extended.family.class_of("Sankho") == extended.family.class_of("Sangho")
    assert default_tables().family.class_of("Sankho") is None
    shutil.rmtree(tmp_path)


def test_particles_and_titles_are_ignored_in_names() -> None:
    a = Person("a", "Mohamed", "Ag Alhassane", sex="M", birth_year=1980)
    b = Person("b", "El Hadj Mohamed", "Alhassane", sex="M", birth_year=1981)
    assert score_pair(a, b, ref_year=2026).score > 0.9
