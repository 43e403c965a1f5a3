"""The register form for a typist: the household of five in French within 125 keystrokes, every
key a real key event; the letters of the choice cells; Tab, Enter and the questions on the way.

All people are fictitious.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHeaderView, QMessageBox, QPushButton, QWidget

from fieldreg.station.session import Session
from fieldreg.ui.context import AppContext
from fieldreg.ui.enter_keys import install_enter_keys
from fieldreg.ui.language import apply_language
from fieldreg.ui.screens.wizard import SetupWizard
from fieldreg.ui.widgets.members import (
    AGE,
    BIRTH_DATE,
    BIRTH_YEAR,
    FAMILY,
    GIVEN,
    RELATIONSHIP,
    SEX,
    ChoiceEditor,
    relationship_choices,
    sex_choices,
)
from fieldreg.validation import parse_household
from tests.conftest import household, make_user
from tests.qt.conftest import context_for
from tests.qt.test_register_screen import REGNO, Officer, open_screen

KEYSTROKE_GOAL = 125
Typer = Callable[[QWidget, str], None]


class CountingOfficer(Officer):
    """An officer whose every key is counted: a character, Tab, Space, or a Ctrl chord is one."""

    def __init__(self, qtbot: object, type_text: Typer):
        super().__init__(qtbot, type_text)
        self.characters = 0
        self.chords = 0

    def type(self, text: str) -> None:
        self.characters += len(text)
        super().type(text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        if key == Qt.Key.Key_Space:
            self.characters += 1
        else:
            self.chords += 1
        super().press(key, modifier)

    @property
    def keystrokes(self) -> int:
        return self.characters + self.chords


@pytest.fixture
def enter_keys(qapp: QApplication) -> None:
    install_enter_keys(qapp)


@pytest.fixture
def officer_ctx(post: Session) -> AppContext:
    return context_for(make_user(post, "ali", "officer"))


@pytest.fixture
def french() -> object:
    apply_language("fr")
    yield
    apply_language("en")


# The household of five, as typed: given names, family name, sex and relationship letters, birth.
FIVE = [
    ("Moussa", "Keïta", "h", "", "41"),          # the head: the relationship is already "head"
    ("Awa", "Traoré", "f", "co", "12/05/1990"),  # co: Conjoint(e), not Chef
    ("Issa", "Keïta", "h", "e", "7"),
    ("Fanta", "Keïta", "f", "e", "2015"),        # a birth year
    ("Nana", "Sangaré", "f", "p", "63"),         # p: Père ou mère (pe would be Petit-enfant)
]


def test_household_of_five_typed_in_french_within_125_keystrokes_and_stored_exactly(
        qtbot, type_text, officer_ctx, french) -> None:
    # The post has registered before: its places are offered (a post's every household but the first).
    officer_ctx.session.households.register(parse_household(household(travel_mode="à pied")))
    screen = open_screen(qtbot, officer_ctx)
    officer = CountingOfficer(qtbot, type_text)
    assert officer.focus() is screen.form.table
    for number, (given, family, sex, relationship, birth) in enumerate(FIVE):
        if number:
            officer.ctrl(Qt.Key.Key_M)
        officer.member(given, family, sex, relationship, birth)
    officer.tab()  # the last age: out of the table, to the country
    assert officer.focus() is screen.form.country
    for typed in ("ml", "Sik", "Lou", "Ten", "à"):  # each accepted from the suggestions by Tab
        officer.type(typed)
        officer.tab()
    assert officer.focus() is screen.form.arrival
    officer.tab()  # arrived today
    assert officer.focus() is screen.form.consent
    officer.press(Qt.Key.Key_Space)
    officer.ctrl(Qt.Key.Key_S)

    assert REGNO.match(screen.saved_regno.text()), screen.status.text()
    stored = officer_ctx.session.households.get(screen.saved_regno.text()).household
    today = screen.form.model.today
    assert [(m.given_names, m.family_name, m.sex, m.relationship) for m in stored.members] == [
        ("Moussa", "Keïta", "M", "head"), ("Awa", "Traoré", "F", "spouse"),
        ("Issa", "Keïta", "M", "child"), ("Fanta", "Keïta", "F", "child"),
        ("Nana", "Sangaré", "F", "parent")]
    births = [(m.birth.basis, m.birth.year, m.birth.date, m.birth.age) for m in stored.members]
    assert births == [("age", today.year - 41, None, 41), ("date", 1990, date(1990, 5, 12), None),
                      ("age", today.year - 7, None, 7), ("year", 2015, None, None),
                      ("age", today.year - 63, None, 63)]
    assert all(not (m.other_names or m.phone or m.nationality) for m in stored.members)
    assert (stored.origin.country, stored.origin.region, stored.origin.locality, stored.destination,
            stored.travel_mode, stored.consent) == (
        "MLI", "Sikasso", "Loulouni", "Tengréla transit site", "à pied", True)

    print(f"\nhousehold of five: {officer.keystrokes} keystrokes "
          f"({officer.characters} characters, {officer.chords} Tab/Ctrl chords)")
    assert (officer.characters, officer.chords) == (92, 32)  # docs/benchmarks.md records these
    assert officer.keystrokes <= KEYSTROKE_GOAL


def test_choice_cells_take_letters_without_clashes_in_french(qapp, french) -> None:
    relationships = ChoiceEditor(relationship_choices())
    sexes = ChoiceEditor(sex_choices())

    def chosen(editor: ChoiceEditor, letters: str) -> str:
        editor.setCurrentIndex(0)
        editor._typed = ""
        for letter in letters:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                         Qt.KeyboardModifier.NoModifier, letter))
        return str(editor.currentData())

    assert chosen(relationships, "co") == "spouse" and chosen(relationships, "ch") == "head"
    assert chosen(relationships, "c") == "head" and chosen(relationships, "cc") == "head"
    assert chosen(relationships, "CO") == "spouse"  # Shift does not matter
    assert chosen(relationships, "p") == "parent" and chosen(relationships, "pe") == "grandchild"
    assert chosen(relationships, "e") == "child" and chosen(relationships, "s") == "unrelated"
    assert chosen(relationships, "xco") == "spouse"  # a letter leading nowhere is dropped
    assert chosen(sexes, "h") == "M" and chosen(sexes, "f") == "F" and chosen(sexes, "x") == "X"
    texts = [relationships.itemText(i) for i in range(relationships.count())]
    assert "Chef de ménage (CH)" in texts and "Conjoint(e) (CO)" in texts  # the letters are shown
    assert [sexes.itemText(i) for i in range(1, sexes.count())] == [
        "Femme (F)", "Homme (H)", "Autre / non précisé (X)"]
    assert "CO Conjoint(e)" in relationships.toolTip()


def test_in_english_sex_takes_m_and_f(qapp) -> None:
    sexes = ChoiceEditor(sex_choices())
    assert sexes.type_letters("m") and sexes.currentData() == "M"
    assert sexes.type_letters("f") and sexes.currentData() == "F"


def test_tab_skips_the_computed_cells_both_ways_and_leaves_after_the_last_age(qtbot, type_text, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    officer.member("Ali", "Sawadogo", "m", "", "1985")
    officer.ctrl(Qt.Key.Key_M)
    table, model = screen.form.table, screen.form.model
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, GIVEN)
    officer.press(Qt.Key.Key_Backtab)  # back over the computed date and year
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, AGE)
    officer.tab()
    officer.member("Mariam", "Sawadogo", "f", "c", "12/03/2019")
    assert model.row(0).birth_kind == "year" and model.index(0, AGE).data().startswith("~")
    officer.tab()
    assert officer.focus() is screen.form.country
    assert (model.row(1).birth_kind, model.row(1).relationship) == ("date", "child")
    assert model.index(1, BIRTH_DATE).data() == "12/03/2019" and model.index(1, BIRTH_YEAR).data() == "2019"


def test_names_stay_in_view_with_five_members_at_1366_by_768(qtbot, type_text, ctx, french) -> None:
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    for number, (given, family, sex, relationship, birth) in enumerate(FIVE):
        if number:
            officer.ctrl(Qt.Key.Key_M)
        officer.member(given, family, sex, relationship, birth)
        table = screen.form.table
        viewport = table.viewport().rect()
        for column in (GIVEN, FAMILY):  # the names are in view while the age is typed
            cell = table.visualRect(screen.form.model.index(number, column))
            assert viewport.contains(cell), (number, column, cell, viewport)
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert header.sectionPosition(BIRTH_YEAR) + header.sectionSize(BIRTH_YEAR) <= viewport.width()
    for column in (SEX, RELATIONSHIP, AGE, BIRTH_DATE, BIRTH_YEAR):  # no header cut
        text = str(screen.form.model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(text), text
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents
    for column in (GIVEN, FAMILY):
        assert header.sectionSize(column) >= 120


def test_removing_a_member_asks_first_and_no_is_the_default(qtbot, type_text, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    officer.member("Ali", "Sawadogo", "m", "", "40")
    officer.ctrl(Qt.Key.Key_M)
    officer.member("Mariam", "Sawadogo", "f", "c", "6")
    box = screen.form.remove_member()
    assert isinstance(box, QMessageBox) and box.objectName() == "removeMemberQuestion"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert "Mariam Sawadogo" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert screen.form.model.rowCount() == 2
    box = screen.form.remove_member()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert [m.given_names for m in screen.form.model.members()] == ["Ali"]


def test_tab_accepts_the_suggestion_offered(qtbot, type_text, ctx) -> None:
    ctx.session.households.register(parse_household(household()))
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    screen.form.region.setFocus()
    officer.type("Sik")
    assert screen.form.region.completer().popup().isVisible()
    officer.tab()
    assert screen.form.region.text() == "Sikasso" and officer.focus() is screen.form.locality
    officer.type("Nouveau")  # nothing offered: Tab keeps what was typed
    officer.tab()
    assert screen.form.locality.text() == "Nouveau"


def test_enter_presses_the_focused_button(qtbot, type_text, ctx, enter_keys) -> None:
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    officer.type("Ali")
    screen.form.add_button.setFocus()
    officer.press(Qt.Key.Key_Return)
    assert screen.form.model.rowCount() == 2  # "Add member" pressed once
    screen.form.remove_button.setFocus()
    officer.press(Qt.Key.Key_Enter)
    box = screen.form.findChild(QMessageBox, "removeMemberQuestion")
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    assert screen.form.model.rowCount() == 2


def test_saving_without_consent_asks_and_the_audit_says_so(qtbot, type_text, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    officer.member("Ali", "Sawadogo", "m", "", "40")
    screen.form.country.setText("BFA")
    officer.ctrl(Qt.Key.Key_S)  # consent not ticked
    box = screen.findChild(QMessageBox, "withoutConsentQuestion")
    assert box is not None and box.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert box.escapeButton() is box.button(QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.No).click()  # the safe answer: back to the form, nothing saved
    assert len(ctx.session.index) == 0 and screen.stack.currentWidget() is screen.form_page
    assert officer.focus() is screen.form.consent

    officer.ctrl(Qt.Key.Key_S)
    box = screen.findChild(QMessageBox, "withoutConsentQuestion")
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    regno = screen.saved_regno.text()
    assert REGNO.match(regno)
    assert ctx.session.households.get(regno).household.consent is False
    (entry,) = [e for e in ctx.session.audit.entries() if e.action == "register"]
    assert entry.subject == regno and entry.details == {"members": 1, "without_consent": True}


def test_with_consent_no_question_is_asked(qtbot, type_text, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    officer = Officer(qtbot, type_text)
    officer.member("Ali", "Sawadogo", "m", "", "40")
    screen.form.country.setText("BFA")
    screen.form.consent.setChecked(True)
    officer.ctrl(Qt.Key.Key_S)
    assert screen.findChild(QMessageBox, "withoutConsentQuestion") is None
    (entry,) = [e for e in ctx.session.audit.entries() if e.action == "register"]
    assert entry.details == {"members": 1}


def test_the_wizard_works_by_keyboard_alone(qtbot, type_text, tmp_path, enter_keys) -> None:
    wizard = SetupWizard(tmp_path / "new")
    qtbot.addWidget(wizard)
    wizard.resize(1000, 700)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    officer = Officer(qtbot, type_text)
    assert officer.focus().objectName() == "choosePost"
    assert "QCommandLinkButton:focus" in wizard.choice_page.styleSheet()  # the focus shows
    officer.press(Qt.Key.Key_Down)
    assert officer.focus().objectName() == "chooseCamp"
    officer.press(Qt.Key.Key_Return)
    assert wizard.current_page() is wizard.camp_page and officer.focus().objectName() == "campId"
    back = next(b for b in wizard.camp_page.findChildren(QPushButton) if b.text() == "Back")
    back.setFocus()
    officer.press(Qt.Key.Key_Return)  # "Back" by Enter: the focus is on the choice taken
    assert wizard.current_page() is wizard.choice_page and officer.focus().objectName() == "chooseCamp"
    officer.press(Qt.Key.Key_Up)
    officer.press(Qt.Key.Key_Return)
    assert wizard.current_page() is wizard.post_page
    repeat = wizard.post_page.findChild(QWidget, "postAdminRepeat")
    repeat.setFocus()
    officer.press(Qt.Key.Key_Return)  # Enter in the last field: "Set up the post", which says why not
    message = wizard.post_page.findChild(QWidget, "postMessage")
    assert message.isVisible() and message.text()  # type: ignore[attr-defined]
    name = wizard.post_page.findChild(QWidget, "postName")
    name.setFocus()
    officer.press(Qt.Key.Key_Return)  # Enter in an earlier field goes to the next one
    assert officer.focus().objectName() == "postAdminUser"
