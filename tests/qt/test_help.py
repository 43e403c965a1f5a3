"""F1 opens the guide of the screen on view, in the UI's language; the guides and the quick card.

The window is the real one with the real screens, at a post, the administrator signed in.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldreg.station.session import Session
from fieldreg.ui.help import GUIDES, HELP, guide_path, write_markdown_pdf
from fieldreg.ui.language import apply_language
from fieldreg.ui.screens.catalog import SCREENS
from tests.conftest import ADMIN, ADMIN_PASS
from tests.qt.test_app_shell import make_window, sign_in
from tests.qt.test_register_screen import activate

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {"RegisterScreen": "officer", "RecordsScreen": "officer", "DashboardScreen": "supervisor",
            "ExportScreen": "supervisor", "AccountsScreen": "supervisor", "StationScreen": "supervisor",
            "PreferencesScreen": "start-up", "VerifyScreen": "camp"}
TITLES = {("officer", "en"): "Officer guide", ("officer", "fr"): "Guide de l’agent",
          ("supervisor", "en"): "The supervisor's screens", ("supervisor", "fr"): "Les écrans du superviseur",
          ("start-up", "en"): "Starting FieldReg", ("start-up", "fr"): "Démarrer FieldReg",
          ("camp", "en"): "Camp guide", ("camp", "fr"): "Guide du camp"}


@pytest.fixture(autouse=True)
def english(qapp: object) -> Iterator[None]:
    apply_language("en")
    yield
    apply_language("en")


def test_every_screen_has_its_guide_in_both_languages() -> None:
    assert {spec.screen.__name__ for spec in SCREENS} <= set(GUIDES)
    for page, guide in {**EXPECTED, "wizard": "start-up", "login": "start-up"}.items():
        for lang in ("en", "fr"):
            path = guide_path(page, lang)
            assert path == HELP / lang / f"{guide}.md" and path.is_file()
    assert guide_path("RegisterScreen", "de") == HELP / "en" / "officer.md"  # no German: English
    # One place for each text: docs/app/ holds no copy of a guide.
    assert {
        p.name for p in (ROOT / "docs" / "app").glob("*.md")} == {"README.md"}


def test_the_guides_are_package_data() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/help/*/*"' in text
    assert sorted(p.name for p in (HELP / "en").glob("*.md")) == sorted(
        p.name for p in (HELP / "fr").glob("*.md") if p.name != "quick-card.md")


def test_links_between_guides_resolve() -> None:
    for guide in HELP.glob("*/*.md"):
        for link in re.findall(r"\]\(([^)#]+\.md)\)", guide.read_text(encoding="utf-8")):
            assert (guide.parent / link).is_file(), (guide, link)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_f1_opens_the_guide_of_each_screen_in_the_ui_language(
        qtbot, post: Session, data_dir: Path, language: str) -> None:
    apply_language(language)
    window = make_window(qtbot, data_dir, post.station, screens=SCREENS)
    action = window.shortcuts.help_action
    assert action.shortcut().toString() == "F1" and action in window.actions()
    assert action.shortcutContext() is Qt.ShortcutContext.ApplicationShortcut


    def press_f1() -> None:  # a real key event, where the user's focus is
        activate(qtbot, window)
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)

    press_f1()  # the sign-in page: start-up
    assert window.help_viewer is not None and window.help_viewer.path == HELP / language / "start-up.md"
    assert window.help_viewer.isVisible()
    window.help_viewer.close()
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    for row, screen in enumerate(window.screens):
        window.show_screen(row)
        # The same action, fired directly: offscreen, once a help window has been closed,
        # no window is active again for a synthetic key press to reach the shortcut.
        action.trigger()
        guide = EXPECTED[type(screen).__name__]
        viewer = window.help_viewer
        assert viewer.path == HELP / language / f"{guide}.md", type(screen).__name__
        assert viewer.isVisible() and viewer.text().startswith(TITLES[(guide, language)])
        assert viewer.windowTitle().startswith(TITLES[(guide, language)])
        viewer.close()


def test_a_link_in_a_guide_opens_the_other_guide(qtbot) -> None:
    from PySide6.QtCore import QUrl

    from fieldreg.ui.help import HelpViewer

    viewer = HelpViewer()
    qtbot.addWidget(viewer)
    viewer.show_guide(HELP / "fr" / "start-up.md")
    viewer.browser.anchorClicked.emit(QUrl("officer.md"))
    assert viewer.path == HELP / "fr" / "officer.md"
    viewer.browser.anchorClicked.emit(QUrl("../../../../etc/passwd.md"))  # never outside the guides
    assert viewer.path == HELP / "fr" / "officer.md"


def test_the_quick_card_is_one_a4_page_in_french(qapp: object, tmp_path: Path) -> None:
    card = (HELP / "fr" / "quick-card.md").read_text(encoding="utf-8")
    for needed in ("Ctrl+S", "Ctrl+P", "F1", "co", "Conjoint(e)", "ch", "Chef de ménage", "**H** / **F**",
                   "La fiche ne s’imprime pas", "Enregistrer en PDF"):
        assert needed in card
    pages = write_markdown_pdf(card, tmp_path / "card.pdf")
    assert pages == 1 and (tmp_path / "card.pdf").read_bytes().startswith(b"%PDF")
    shown = subprocess.run([sys.executable, str(ROOT / "scripts" / "quick_card.py"), "--out",
                            str(tmp_path / "script.pdf")], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "1 page(s)" in shown.stdout and (tmp_path / "script.pdf").stat().st_size > 10_000
