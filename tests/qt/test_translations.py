"""The French translation is complete and the shipped .qm is compiled from the current sources."""

from __future__ import annotations

import importlib.util
import string
from pathlib import Path

import pytest
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


def _fields(text: str) -> list[tuple[str, str, str]]:
    return sorted((name, spec or "", conversion or "") for _, name, spec, conversion
                  in string.Formatter().parse(text) if name is not None)


def test_translations_of_core_templates_keep_their_values() -> None:
    """A French core template names the same values as the English (fieldreg/ui/text.py fills them)."""
    import xml.etree.ElementTree as ET

    wrong = []
    for message in ET.parse(_script().SOURCES / "fr" / "core.ts").getroot().iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if not translation:
            continue
        try:
            same = _fields(source) == _fields(translation)
        except ValueError:  # literal braces: such a template has no values and is shown as written
            same = source.count("{") == translation.count("{")
        if not same:
            wrong.append((source, translation))
    assert wrong == []


def test_a_core_error_is_shown_in_french(qapp: object) -> None:
    from fieldreg.errors import InvalidInput
    from fieldreg.regno import parse_regno
    from fieldreg.ui.dialogs import show_error
    from fieldreg.ui.language import apply_language
    from fieldreg.ui.text import error_text

    with pytest.raises(InvalidInput) as caught:
        parse_regno("TGR1-26-000042")
    english = str(caught.value)
    apply_language("fr")
    try:
        box = show_error(None, caught.value)
        assert box.windowTitle() == "Veuillez vérifier la saisie"
        # Shown on its own, the core's fragment is a sentence: a full stop, NBSP before the colon.
        assert box.text() == error_text(caught.value) == (
            "'TGR1-26-000042' n'est pas un numéro d'enregistrement "
            "(format attendu\u00a0: POST-YY-NNNNNN-C).")
        assert box.text() != english
        box.close()
    finally:
        apply_language("en")
    assert error_text(caught.value) == english[0].upper() + english[1:] + "."  # and back in English


def test_core_fragments_become_sentences_and_problems_join_in_french(qapp: object) -> None:
    from fieldreg.errors import InvalidInput, Problem, ValidationError
    from fieldreg.keys.ids import normalise_fingerprint
    from fieldreg.messages import Message
    from fieldreg.ui.language import apply_language
    from fieldreg.ui.text import as_sentence, error_text

    assert as_sentence("l'empreinte ne correspond pas") == "L'empreinte ne correspond pas."
    assert as_sentence("Déjà une phrase ?") == "Déjà une phrase ?"
    with pytest.raises(InvalidInput) as caught:
        normalise_fingerprint("K3QF")
    problems = ValidationError([Problem("not_json", Message("not valid JSON: {problem}", problem="x")),
                                Problem("not_json", Message("not valid JSON: {problem}", problem="y"))])
    apply_language("fr")
    try:
        fingerprint = error_text(caught.value)  # the wizard shows it alone, under the field
        assert "empreinte" in fingerprint and fingerprint.endswith(".")
        assert error_text(problems) == ("JSON non valide\u00a0: x\u00a0; JSON non valide\u00a0: y.")
    finally:
        apply_language("en")
    assert error_text(problems) == "Not valid JSON: x; not valid JSON: y."



def test_apply_fills_only_what_is_untranslated(tmp_path: Path) -> None:
    """Carrying the French of moved strings never changes a translation made elsewhere."""
    import shutil
    import xml.etree.ElementTree as ET

    script = _script()
    sources = tmp_path / "translations"
    shutil.copytree(script.SOURCES, sources)
    ts = sources / "fr" / "screens.records.ts"
    tree = ET.parse(ts)
    records, search = tree.getroot().findall("./context/message")[:2]
    assert records.findtext("source") == "Records" and records.findtext("translation") == "Dossiers"
    search.find("translation").text = ""
    search.find("translation").set("type", "unfinished")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    table = {"Records": "Données", search.findtext("source"): "Noms ou numéro"}
    assert script.apply("fr", table, sources) == 1
    again = ET.parse(ts).getroot().findall("./context/message")
    assert again[0].findtext("translation") == "Dossiers"
    assert again[1].findtext("translation") == "Noms ou numéro" and again[1].find("translation").get("type") is None
