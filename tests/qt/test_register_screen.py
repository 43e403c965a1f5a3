"""The register screen, driven from the keyboard as an officer would: typing, Tab, Ctrl+S, Ctrl+P.

All people are fictitious.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from fieldreg.keys import HqDir
from fieldreg.model import utcnow
from fieldreg.station.form import today_utc
from fieldreg.station.session import Session
from fieldreg.station.slips import A6, THERMAL_80MM
from fieldreg.tokens import Status, verify_token
from fieldreg.ui.context import AppContext
from fieldreg.ui.language import apply_language
from fieldreg.ui.printing import SlipDialog, paint_slips, prepare_printer, prepare_slip
from fieldreg.ui.screens.register import RegisterScreen
from fieldreg.ui.widgets.members import AGE, BIRTH_YEAR, FAMILY, GIVEN, SEX
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household, make_user
from tests.qt.conftest import context_for

# The offscreen platform cannot do these window-manager things; they are not our warnings.
REGNO = re.compile(r"^TGR1-\d\d-\d{6}-[0-9A-Z]$")
Typer = Callable[[QWidget, str], None]


class Officer:
    """Keys pressed into whatever has the focus, like a person at the keyboard."""

    def __init__(self, qtbot: object, type_text: Typer):
        self.qtbot = qtbot
        self.type_text = type_text

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:  # one by one: the first key may open a cell editor that takes the rest
            if char.isascii():
                self.qtbot.keyClicks(self.focus(), char)  # type: ignore[attr-defined]
            else:
                self.type_text(self.focus(), char)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)  # type: ignore[attr-defined]
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QApplication.processEvents()  # a cell editor commits Return through a queued call

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Tab)

    def ctrl(self, key: Qt.Key) -> None:
        self.press(key, Qt.KeyboardModifier.ControlModifier)

    def member(self, given: str, family: str, sex: str, relationship: str, birth: str = "") -> None:
        """One row, from its first cell: names, sex and relationship by their letters, then birth.

        Ends in the age cell (an age, a birth date or a year): Ctrl+M adds the next
        member, Tab leaves the table after the last one.
        """
        for i, text in enumerate((given, family, sex, relationship, birth)):
            if i:
                self.tab()
            if text:
                self.type(text)


def activate(qtbot: object, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # type: ignore[attr-defined]


def open_screen(qtbot: object, ctx: AppContext) -> RegisterScreen:
    screen = RegisterScreen(ctx)
    qtbot.addWidget(screen)  # type: ignore[attr-defined]
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)  # type: ignore[attr-defined]
    activate(qtbot, screen)
    screen.activated()
    return screen


@pytest.fixture
def officer_ctx(post: Session) -> AppContext:
    return context_for(make_user(post, "ali", "officer"))


@pytest.fixture
def officer(qtbot: object, type_text: Typer) -> Officer:
    return Officer(qtbot, type_text)


def fill_keita_family(screen: RegisterScreen, officer: Officer) -> None:
    """Head by age, spouse by birth date, child by age; origin, destination, consent: all typed."""
    assert officer.focus() is screen.form.table
    officer.member("Moussa", "Keïta", "M", "", "41")
    officer.ctrl(Qt.Key.Key_M)
    officer.member("Awa", "Traoré", "F", "S", "12/05/1990")
    officer.ctrl(Qt.Key.Key_M)
    officer.member("Issa", "Keïta", "M", "C", "7")
    officer.tab()  # the last cell of the table: on to the next field
    assert officer.focus() is screen.form.country
    officer.type("MLI")
    officer.tab()
    officer.type("Sikasso")
    officer.tab()
    officer.type("Loulouni")
    officer.tab()
    officer.type("Tengréla transit site")
    officer.tab()
    officer.type("à pied")
    officer.tab(2)  # past the arrival date (today)
    assert officer.focus() is screen.form.consent
    officer.press(Qt.Key.Key_Space)


def test_officer_registers_a_household_of_three_and_its_printed_slip_verifies(
        qtbot, officer, officer_ctx, hq: HqDir, tmp_path: Path, pdf_tools) -> None:
    screen = open_screen(qtbot, officer_ctx)
    assert not screen.has_unsaved_work()
    fill_keita_family(screen, officer)
    model = screen.form.model
    year = today_utc().year
    assert model.index(0, BIRTH_YEAR).data() == f"~{year - 41}"  # the age filled an estimated year
    assert model.index(1, AGE).data() and model.index(1, BIRTH_YEAR).data() == "1990"
    assert screen.has_unsaved_work()

    officer.ctrl(Qt.Key.Key_S)
    regno = screen.saved_regno.text()
    assert REGNO.match(regno), screen.form.problem_list.count()
    assert screen.stack.currentWidget() is screen.saved_page and not screen.has_unsaved_work()
    assert officer.focus() is screen.print_button
    stored = officer_ctx.session.households.get(regno).household
    assert [(m.given_names, m.family_name, m.sex, m.relationship) for m in stored.members] == [
        ("Moussa", "Keïta", "M", "head"), ("Awa", "Traoré", "F", "spouse"), ("Issa", "Keïta", "M", "child")]
    assert [m.birth.basis for m in stored.members] == ["age", "date", "age"]
    assert stored.members[1].birth.date == date(1990, 5, 12)
    assert (stored.origin.country, stored.origin.locality, stored.destination, stored.travel_mode,
            stored.consent) == ("MLI", "Loulouni", "Tengréla transit site", "à pied", True)

    officer.ctrl(Qt.Key.Key_P)  # the slip, one keystroke away
    dialog = screen.findChild(SlipDialog, "slipDialog")
    assert dialog is not None and dialog.layout_choice() is A6
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    chooser = dialog.findChild(QFileDialog, "slipPdfDialog")
    assert chooser is not None
    pdf = tmp_path / "slip.pdf"
    chooser.selectFile(str(pdf))
    chooser.accept()
    assert pdf.exists() and dialog.printed == ["slip pdf a6"]
    # The next slip PDF dialog opens where this one went.
    assert screen.ctx.settings.last_folders["slip-pdf"] == str(tmp_path)
    again = dialog.ask_pdf_path()
    assert Path(again.directory().absolutePath()) == tmp_path
    again.reject()

    (page,) = pdf_tools.rasterize(pdf)
    (code,) = pdf_tools.decode(page)
    verdict = verify_token(code.text, hq.trust_list(), None, utcnow())
    assert verdict.status is Status.VALID, verdict.message
    claims = verdict.claims
    assert claims is not None and claims.registration_number == regno
    assert (claims.family_name, claims.given_names, claims.household_size) == ("Keïta", "Moussa", 3)
    assert "KEÏTA Moussa" in pdf_tools.text(pdf) and "Awa" in pdf_tools.text(pdf)

    activate(qtbot, dialog)  # offscreen has no window manager to do it
    officer.press(Qt.Key.Key_Escape)  # the slip dialog closes; the saved number stays on screen
    qtbot.waitUntil(lambda: not dialog.isVisible())
    activate(qtbot, screen)
    assert officer.focus() is screen.print_button
    officer.ctrl(Qt.Key.Key_N)  # the next family: a fresh form, the cursor on the head's name
    assert screen.stack.currentWidget() is screen.form_page
    assert screen.form.model.rowCount() == 1 and screen.form.model.row(0).given_names == ""
    assert officer.focus() is screen.form.table and not screen.has_unsaved_work()


def test_invalid_entry_marks_each_field_says_why_and_saves_nothing(qtbot, officer, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    officer.type("Aminata")
    officer.tab()
    officer.type("Traor3")  # a digit in a name
    officer.tab(2)  # sex left empty, relationship head
    officer.tab()
    officer.type("forty")  # not an age
    officer.ctrl(Qt.Key.Key_S)  # saved while the cell is still being typed: it counts
    assert screen.stack.currentWidget() is screen.form_page
    assert len(ctx.session.index) == 0
    marks = screen.form.model.marks()
    assert set(marks) == {(0, FAMILY), (0, SEX), (0, AGE)}
    assert "letters" in marks[(0, FAMILY)] and "whole number" in marks[(0, AGE)]
    assert screen.form.country in screen.form.marked_widgets()
    lines = [screen.form.problem_list.item(i).text() for i in range(screen.form.problem_list.count())]
    assert "Country of origin: required" in lines and "Member 1 · Sex: choose female, male or other" in lines
    assert screen.form.problem_title.text() == "4 problems to fix before saving:"
    assert "Not saved" in screen.status.text()
    assert screen.form.table.currentIndex().column() == FAMILY  # the cursor went to the first problem
    assert screen.has_unsaved_work()

    screen.form.country.setFocus()
    officer.type("MLI")  # fixing a field takes its mark away
    assert screen.form.country not in screen.form.marked_widgets()


def test_in_french_the_core_s_reasons_are_french_too(qtbot, officer, ctx) -> None:
    ctx.session.households.register(parse_household(household()))  # Aminata Traoré, born 1990
    apply_language("fr")
    try:
        screen = open_screen(qtbot, ctx)
        officer.type("Aminata")
        officer.tab()
        officer.type("Trawore")
        qtbot.waitUntil(lambda: screen.duplicates.count() > 0, timeout=3000)
        (shown,) = screen.duplicates.texts()
        assert "variante du nom de famille Trawore/Traoré" in shown and "même prénom Aminata" in shown
        officer.tab()
        officer.type("F")
        officer.tab(2)
        officer.type("150")  # an age no one has: the core's own rule, in French
        officer.ctrl(Qt.Key.Key_S)
        assert screen.form.model.marks()[(0, AGE)].endswith("\u00a0: l'âge estimé 150 dépasse 120")
        assert len(ctx.session.index) == 1  # nothing saved
    finally:
        apply_language("en")


def test_duplicates_panel_shows_a_near_duplicate_while_typing_and_never_blocks(
        qtbot, officer, ctx) -> None:
    existing = ctx.session.households.register(parse_household(household()))  # Aminata Traoré, born 1990
    screen = open_screen(qtbot, ctx)
    officer.type("Aminata")
    officer.tab()
    officer.type("Trawore")  # not yet committed: the panel follows the typing
    qtbot.waitUntil(lambda: screen.duplicates.count() > 0, timeout=3000)
    (shown,) = screen.duplicates.texts()
    assert "TRAORÉ Aminata" in shown and existing in shown and "Why:" in shown
    assert ctx.session.households.get(existing)  # nothing changed
    officer.tab()
    officer.type("F")
    officer.tab(2)
    officer.type("35")
    screen.form.country.setText("MLI")
    screen.form.consent.setChecked(True)
    officer.ctrl(Qt.Key.Key_S)
    assert REGNO.match(screen.saved_regno.text())  # a possible duplicate never stops a save
    officer.press(Qt.Key.Key_Return)  # Enter on the saved page prints too
    assert screen.findChild(SlipDialog, "slipDialog") is not None


def test_tab_walks_the_table_then_the_form_in_interview_order(qtbot, officer, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    form = screen.form
    cells = []
    for _ in range(5):
        cells.append(form.table.currentIndex().column())
        officer.tab()
    assert cells == [GIVEN, FAMILY, SEX, 3, AGE]  # the date and year cells are computed: no Tab stop
    seen = [officer.focus()]
    for _ in range(len(form.tab_order) + 1):
        officer.tab()
        seen.append(officer.focus())
    expected = [form.country, form.region, form.locality,
                form.destination, form.travel_mode, form.arrival, form.consent, form.notes,
                form.other_names, form.nationality, form.phone, form.languages, form.needs,
                form.document_type, form.document_number, form.add_button, form.remove_button,
                screen.save_button, screen.clear_button]
    assert [w.objectName() for w in seen[: len(expected)]] == [w.objectName() for w in expected]


def test_origin_and_destination_complete_from_values_used_here(qtbot, ctx) -> None:
    ctx.session.households.register(parse_household(household()))
    screen = open_screen(qtbot, ctx)
    completer = screen.form.destination.completer()
    completer.setCompletionPrefix("teng")
    assert completer.currentCompletion() == "Tengréla transit site"
    locality = screen.form.locality.completer()
    locality.setCompletionPrefix("lou")
    assert locality.currentCompletion() == "Loulouni"
    screen.form.country.setText("")
    country = screen.form.country.completer()
    country.setCompletionPrefix("ML")
    assert country.currentCompletion() == "MLI"


def test_new_form_asks_before_discarding_typing(qtbot, officer, ctx) -> None:
    screen = open_screen(qtbot, ctx)
    officer.type("Fanta")
    officer.press(Qt.Key.Key_Return)
    officer.ctrl(Qt.Key.Key_N)
    question = screen.findChild(QWidget, "discardQuestion")
    assert question is not None and screen.form.model.row(0).given_names == "Fanta"
    question.accept()  # type: ignore[attr-defined]
    assert screen.form.model.row(0).given_names == "" and not screen.has_unsaved_work()


def test_slip_paints_on_a_printer_in_both_layouts(qtbot, ctx, hq: HqDir, tmp_path: Path, pdf_tools) -> None:
    regno = ctx.session.households.register(parse_household(household()))
    slip = prepare_slip(ctx, regno)
    for layout in (A6, THERMAL_80MM):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        target = tmp_path / f"printed-{layout.name}.pdf"
        printer.setOutputFileName(str(target))
        prepare_printer(printer, layout)
        paint_slips(printer, [slip], layout)
        (page,) = pdf_tools.rasterize(target)
        width_mm = page.width / 150 * 25.4
        assert abs(width_mm - layout.page_width_mm) < 1.5
        (code,) = pdf_tools.decode(page)
        assert code.text == slip.token  # a reprint shows the very same token
    assert verify_token(slip.token, hq.trust_list(), None, utcnow()).status is Status.VALID


def test_slip_dialog_follows_the_station_layout_and_records_pdf(qtbot, ctx, tmp_path: Path) -> None:
    ctx.settings.slip_layout = "80mm"
    regno = ctx.session.households.register(parse_household(household()))
    dialog = SlipDialog(ctx, prepare_slip(ctx, regno))
    qtbot.addWidget(dialog)
    assert dialog.layout_choice() is THERMAL_80MM
    assert dialog.save_pdf(tmp_path / "roll.pdf")
    assert dialog.printed == ["slip pdf 80mm"] and (tmp_path / "roll.pdf").read_bytes()[:5] == b"%PDF-"
    assert not dialog.save_pdf(tmp_path / "missing-folder" / "x.pdf")  # a clear dialog, nothing recorded
    assert dialog.printed == ["slip pdf 80mm"]
    assert dialog.findChild(QWidget, "errorDialog") is not None


def test_slip_dialog_grows_with_its_status_and_keeps_the_number_whole(qtbot, ctx, tmp_path: Path) -> None:
    regno = ctx.session.households.register(parse_household(household()))
    dialog = SlipDialog(ctx, prepare_slip(ctx, regno))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.size()
    deep = tmp_path.joinpath(*[f"folder-number-{n}" for n in range(8)])
    deep.mkdir(parents=True)
    assert dialog.save_pdf(deep / f"{regno}.pdf")
    status = dialog.status
    assert status.text().replace("\u200b", "").endswith(f"{regno}.pdf")
    # Grown (not squeezed): every widget gets at least its size hint, the number whole.
    assert dialog.height() > before.height()
    number = next(label for label in dialog.findChildren(QLabel) if label.text() == regno)
    assert number.width() >= number.sizeHint().width() and number.height() >= number.sizeHint().height()
    assert status.height() >= status.heightForWidth(status.width())
    assert dialog.width() <= 1366  # the long path wraps at its separators instead


def test_sign_in_reads_the_places_once(qtbot, post: Session, data_dir: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The register screen's first showing loads the form's places once, not again when it is
    activated (at 100,000 households each load is a pass over every summary beside the finder)."""
    from fieldreg.station.households import Households
    from fieldreg.ui.screens.catalog import SCREENS
    from tests.qt.test_app_shell import make_window, sign_in

    calls: list[int] = []
    real = Households.places
    monkeypatch.setattr(Households, "places", lambda self: calls.append(1) or real(self))
    window = make_window(qtbot, data_dir, post.station, screens=SCREENS)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert len(calls) == 1
    window.show_screen(1)
    window.show_screen(0)  # shown again: fresh places
    assert len(calls) == 2
