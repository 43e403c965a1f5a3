"""The records screen: search, open, reprint, reissue, correct and void with a reason.

All people are fictitious.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fieldreg.keys import HqDir
from fieldreg.model import utcnow
from fieldreg.station.session import Session
from fieldreg.tokens import Status, verify_token
from fieldreg.ui.context import AppContext
from fieldreg.ui.printing import SlipDialog
from fieldreg.ui.screens.records import RecordsScreen
from fieldreg.ui.widgets.correct_dialog import CorrectDialog
from fieldreg.ui.widgets.members import AGE
from fieldreg.ui.widgets.reason import ReasonDialog
from fieldreg.validation import parse_household
from tests.conftest import household, make_user
from tests.qt.conftest import context_for
from tests.qt.test_register_screen import Officer, activate

Typer = Callable[[QWidget, str], None]


def keita(**changes: object) -> dict[str, object]:
    return household(members=[
        {"given_names": "Moussa", "family_name": "Keïta", "sex": "M", "age": 41, "relationship": "head"},
        {"given_names": "Awa", "family_name": "Traoré", "sex": "F", "birth_date": "1990-05-12",
         "relationship": "spouse"},
        {"given_names": "Issa", "family_name": "Keïta", "sex": "M", "age": 7, "relationship": "child"},
    ], **changes)


def open_screen(qtbot: object, ctx: AppContext) -> RecordsScreen:
    screen = RecordsScreen(ctx)
    qtbot.addWidget(screen)  # type: ignore[attr-defined]
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)  # type: ignore[attr-defined]
    activate(qtbot, screen)
    screen.activated()
    return screen


@pytest.fixture
def officer(qtbot: object, type_text: Typer) -> Officer:
    return Officer(qtbot, type_text)


@pytest.fixture
def regno(post: Session) -> str:
    post.households.register(parse_household(household()))  # the Traoré family, another household
    return post.households.register(parse_household(keita()))


def test_search_by_name_without_accents_and_by_number(qtbot, officer, ctx, regno) -> None:
    screen = open_screen(qtbot, ctx)
    assert officer.focus() is screen.search
    officer.type("keita mou")
    qtbot.waitUntil(lambda: screen.result_numbers() == [regno], timeout=3000)  # as you type
    assert screen.current is not None and screen.current.regno == regno
    assert "KEÏTA" in screen.details.toPlainText() and "Awa" in screen.details.toPlainText()
    assert screen.search_status.text() == "1 registration found."

    screen.results.setFocus()
    officer.ctrl(Qt.Key.Key_F)  # back to the search field, its text selected
    assert officer.focus() is screen.search and screen.search.selectedText() == "keita mou"
    officer.type(regno[:14])  # a piece of the number
    officer.press(Qt.Key.Key_Return)
    assert regno in screen.result_numbers()
    screen.search.setText(regno[:-1] + ("0" if regno[-1] != "0" else "1"))  # one wrong character
    screen.run_search()
    assert screen.result_numbers() == [] and "check" in screen.search_status.text()
    screen.search.setText("Zzyzx")
    screen.run_search()
    assert screen.search_status.text() == "No registration matches."


def test_supervisor_corrects_with_a_reason_and_an_empty_reason_is_refused(
        qtbot, officer, post, regno) -> None:
    ctx = context_for(make_user(post, "sara", "supervisor"))
    screen = open_screen(qtbot, ctx)
    screen.open(regno)
    assert screen.correct_button.isVisible() and screen.void_button.isVisible()
    dialog = screen.correct()
    assert isinstance(dialog, CorrectDialog)
    activate(qtbot, dialog)
    form = dialog.form
    assert form.model.row(0).given_names == "Moussa" and form.model.rowCount() == 3
    form.table.focus_cell(2, AGE)
    officer.type("8")  # the child's age was mistyped
    officer.press(Qt.Key.Key_Return)
    assert dialog.save() is None  # no reason: refused, nothing changed
    assert "reason" in dialog.message.text() and ctx.session.households.get(regno).version == 1
    dialog.reason.setFocus()
    officer.type("age mistyped")
    officer.ctrl(Qt.Key.Key_S)
    assert dialog.version == 2
    stored = ctx.session.households.get(regno)
    assert stored.version == 2 and stored.household.members[2].birth.age == 8
    assert [m.id for m in stored.household.members] == [m.id for m in post.households.get(regno).household.members]
    assert stored.history[0].reason == "age mistyped"
    qtbot.waitUntil(lambda: "age mistyped" in screen.details.toPlainText())


def test_correction_with_a_bad_entry_marks_it_and_changes_nothing(qtbot, officer, post, regno) -> None:
    screen = open_screen(qtbot, context_for(post))
    screen.open(regno)
    dialog = screen.correct()
    assert dialog is not None
    dialog.form.country.setText("ZZ")
    dialog.reason.setText("typo")
    assert dialog.save() is None
    assert dialog.form.country in dialog.form.marked_widgets() and post.households.get(regno).version == 1
    dialog.form.country.setText("MLI")
    assert dialog.save() is None  # nothing changed: the core says so, in the dialog
    assert dialog.message.text().startswith("Nothing to correct: ")


def test_void_with_a_reason_revokes_and_an_empty_reason_is_refused(
        qtbot, officer, post, regno, hq: HqDir) -> None:
    token = post.tokens.issue(regno).text
    screen = open_screen(qtbot, context_for(post))
    screen.open(regno)
    dialog = screen.void()
    assert isinstance(dialog, ReasonDialog)
    activate(qtbot, dialog)
    officer.press(Qt.Key.Key_Return)  # empty reason
    assert dialog.isVisible() and dialog.message.isVisible() and post.households.get(regno).status == "active"
    officer.type("registered twice")
    officer.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.findChild(ReasonDialog) is None)  # closed (and deleted)
    reg = post.households.get(regno)
    assert reg.status == "void" and reg.void_reason == "registered twice"
    assert "VOID" in screen.details.toPlainText()
    assert not screen.reprint_button.isEnabled() and not screen.void_button.isEnabled()
    revocations = hq.revoke_tokens([bytes.fromhex(issue_id) for issue_id in _revoked(post)])
    assert verify_token(token, hq.trust_list(), revocations, utcnow()).status is Status.REVOKED


def _revoked(post: Session) -> list[str]:
    return [r[0] for r in post.store.db.execute("SELECT token_id FROM tokens WHERE status = 'revoked'")]


def test_officer_may_not_correct_or_void(qtbot, post, regno) -> None:
    ctx = context_for(make_user(post, "ali", "officer"))
    screen = open_screen(qtbot, ctx)
    screen.open(regno)
    assert not screen.correct_button.isVisible() and not screen.void_button.isVisible()
    assert screen.correct() is None and screen.void() is None
    assert screen.reprint_button.isEnabled() and screen.reissue_button.isEnabled()


def test_reprint_gives_the_same_token_and_reissue_needs_a_reason(
        qtbot, officer, ctx, regno, tmp_path: Path, hq: HqDir, pdf_tools) -> None:
    first = ctx.session.tokens.issue(regno).text
    screen = open_screen(qtbot, ctx)
    screen.open(regno)
    officer.ctrl(Qt.Key.Key_P)
    reprint = screen.findChild(SlipDialog, "slipDialog")
    assert reprint is not None and reprint.slip.token == first
    reprint.close()

    dialog = screen.reissue()
    assert dialog is not None
    dialog.try_accept()  # empty reason refused
    assert dialog.isVisible() and ctx.session.tokens.issue(regno).text == first
    dialog.reason.setText("slip lost in the river")
    dialog.try_accept()
    new = dialog.result_value
    assert isinstance(new, SlipDialog) and new.slip.token != first
    assert new.save_pdf(tmp_path / "new.pdf")
    (page,) = pdf_tools.rasterize(tmp_path / "new.pdf")
    (code,) = pdf_tools.decode(page)
    verdict = verify_token(code.text, hq.trust_list(), None, utcnow())
    assert verdict.status is Status.VALID and verdict.claims is not None and verdict.claims.serial == 2


def test_reissue_before_any_slip_is_refused_in_the_dialog(qtbot, ctx, regno) -> None:
    screen = open_screen(qtbot, ctx)
    screen.open(regno)
    dialog = screen.reissue()
    assert dialog is not None
    dialog.reason.setText("lost")
    dialog.try_accept()
    assert dialog.isVisible() and "no slip yet" in dialog.message.text()
