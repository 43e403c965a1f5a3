"""The French translation is complete and the shipped .qm is compiled from the current sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]


def _script():  # scripts/ is not a package; load the one tool that knows the layout
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_french_string_is_translated() -> None:
    assert _script().untranslated("fr") == []


def test_no_string_in_the_code_is_missing_from_the_ts_files(tmp_path: Path) -> None:
    """Re-extracting the strings from today's code finds nothing untranslated."""
    import shutil

    script = _script()
    shutil.copytree(script.SOURCES, tmp_path / "translations")
    script.update(tmp_path / "translations")
    assert script.untranslated("fr", tmp_path / "translations") == []


def test_shipped_qm_matches_the_ts_sources(tmp_path: Path) -> None:
    script = _script()
    (fresh,) = script.build(tmp_path)
    shipped = script.COMPILED / fresh.name
    assert shipped.read_bytes() == fresh.read_bytes(), "run: python scripts/translations.py build"


def test_shipped_qm_translates(qapp: object) -> None:
    translator = QTranslator()
    assert translator.load(str(_script().COMPILED / "fieldreg_fr.qm"))
    assert translator.translate("Errors", "Not found") == "Introuvable"
