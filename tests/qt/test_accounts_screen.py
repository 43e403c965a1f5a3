"""Managing accounts: add, disable/enable, reset; bad passphrases refused at the field; roles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldreg.errors import AuthError
from fieldreg.station.session import Session
from fieldreg.ui.context import AppContext
from fieldreg.ui.screens.accounts import AccountsScreen
from tests.conftest import make_user
from tests.qt.conftest import context_for

GOOD = "river stones 42"


def open_screen(qtbot, ctx: AppContext) -> AccountsScreen:  # type: ignore[no-untyped-def]
    screen = AccountsScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    return screen


def rows(screen: AccountsScreen) -> dict[str, list[str]]:
    return {screen.table.item(r, 0).text(): [screen.table.item(r, c).text() for c in range(1, 4)]
            for r in range(screen.table.rowCount())}


def fill_and_add(qtbot, screen: AccountsScreen, username: str, passphrase: str,  # type: ignore[no-untyped-def]
                 repeat: str | None = None, *, role: str = "officer") -> None:
    for field in (screen.username, screen.passphrase, screen.repeat):
        field.edit.clear()
    qtbot.keyClicks(screen.username.edit, username)
    screen.role.setCurrentIndex(screen.role.findData(role))
    qtbot.keyClicks(screen.passphrase.edit, passphrase)
    qtbot.keyClicks(screen.repeat.edit, passphrase if repeat is None else repeat)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)


def test_admin_adds_disables_enables_and_resets(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, ctx)
    assert rows(screen) == {"awa": ["Administrator", "Active", ""]}
    assert [screen.role.itemData(i) for i in range(screen.role.count())] == [
        "officer", "supervisor", "admin"]

    fill_and_add(qtbot, screen, "moussa", GOOD)
    qtbot.waitUntil(lambda: screen.result.kind != "")
    assert screen.result.kind == "success", screen.result.text()
    assert screen.result.text().startswith("Account moussa (Officer) added")
    assert rows(screen)["moussa"] == ["Officer", "Active", "Must choose a new one at next sign-in"]
    assert screen.username.text() == "" and screen.passphrase.text() == ""
    assert ctx.station.unlock("moussa", GOOD).account.must_change

    fill_and_add(qtbot, screen, "fanta", GOOD, role="supervisor")
    assert rows(screen)["fanta"][0] == "Supervisor"

    screen.table.choose("moussa")
    assert screen.disable_button.text() == "Disable"
    qtbot.mouseClick(screen.disable_button, Qt.MouseButton.LeftButton)
    assert rows(screen)["moussa"][1] == "Disabled"
    assert screen.result.text() == "moussa can no longer sign in. Nothing they registered is changed."
    with pytest.raises(AuthError):
        ctx.station.unlock("moussa", GOOD)
    assert screen.disable_button.text() == "Enable"
    qtbot.mouseClick(screen.disable_button, Qt.MouseButton.LeftButton)
    assert rows(screen)["moussa"][1] == "Active"
    ctx.station.unlock("moussa", GOOD)

    qtbot.mouseClick(screen.reset_button, Qt.MouseButton.LeftButton)
    assert screen.reset_box.isVisible() and "moussa" in screen.reset_box.title()
    qtbot.keyClicks(screen.reset_pass.edit, "short")
    qtbot.keyClicks(screen.reset_repeat.edit, "short")
    assert screen.reset_now() is None
    assert screen.reset_pass.error.text() == "Too short: a passphrase needs at least 10 characters."
    screen.reset_pass.edit.clear()
    screen.reset_repeat.edit.clear()
    qtbot.keyClicks(screen.reset_pass.edit, "a new first one")
    qtbot.keyClicks(screen.reset_repeat.edit, "a new first one")
    qtbot.mouseClick(screen.reset_confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.busy and screen.reset_box.isHidden(), timeout=20_000)
    assert screen.result.text().startswith("New first passphrase set for moussa")
    with pytest.raises(AuthError):
        ctx.station.unlock("moussa", GOOD)
    assert ctx.station.unlock("moussa", "a new first one").account.must_change

    # Your own account is not disabled or reset from here.
    screen.table.choose("awa")
    assert not screen.disable_button.isEnabled() and not screen.reset_button.isEnabled()


@pytest.mark.parametrize(("username", "passphrase", "repeat", "field", "message"), [
    ("moussa", "short", None, "passphrase", "Too short: a passphrase needs at least 10 characters."),
    ("moussakeita", "MoussaKeita", None, "passphrase", "The passphrase must not be the user name."),
    ("moussa", GOOD, "river stones 43", "repeat", "The two passphrases are not the same."),
    ("Moussa!", GOOD, None, "username",
     "2 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter."),
    ("", GOOD, None, "username", "Type a user name."),
    ("awa", GOOD, None, "username", "There is already an account with this user name."),
])
def test_bad_entries_are_refused_at_the_field(qtbot, ctx: AppContext, username: str,  # type: ignore[no-untyped-def]
                                              passphrase: str, repeat: str | None, field: str,
                                              message: str) -> None:
    screen = open_screen(qtbot, ctx)
    fill_and_add(qtbot, screen, username, passphrase, repeat)
    marked = getattr(screen, field)
    assert marked.error.isVisible() and marked.error.text() == message
    assert "border" in marked.edit.styleSheet()
    assert [a.username for a in ctx.session.accounts.list()] == ["awa"]
    assert screen.result.kind == ""
    qtbot.keyClicks(marked.edit, "x")  # typing again clears the mark
    assert marked.error.isHidden() and marked.edit.styleSheet() == ""


def test_a_supervisor_manages_officers_only(qtbot, post: Session) -> None:  # type: ignore[no-untyped-def]
    make_user(post, "ali", "officer")
    supervisor = make_user(post, "sara", "supervisor")
    screen = open_screen(qtbot, context_for(supervisor))
    assert [screen.role.itemData(i) for i in range(screen.role.count())] == ["officer"]
    screen.table.choose("awa")
    assert not screen.disable_button.isEnabled() and not screen.reset_button.isEnabled()
    assert "administrator" in screen.disable_button.toolTip()
    screen.table.choose("ali")
    assert screen.disable_button.isEnabled() and screen.reset_button.isEnabled()
    qtbot.mouseClick(screen.disable_button, Qt.MouseButton.LeftButton)
    assert rows(screen)["ali"][1] == "Disabled"
    fill_and_add(qtbot, screen, "binta", GOOD)
    assert rows(screen)["binta"][0] == "Officer"


def test_an_officer_sees_no_accounts(qtbot, post: Session) -> None:  # type: ignore[no-untyped-def]
    officer = make_user(post, "ali", "officer")
    screen = open_screen(qtbot, context_for(officer))
    assert screen.refused.isVisible()
    assert screen.table.rowCount() == 0
    assert not screen.add_button.isEnabled() and not screen.disable_button.isEnabled()
    assert screen.add_now() is None


def test_enter_in_the_last_field_adds(qtbot, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, ctx)
    qtbot.keyClicks(screen.username.edit, "binta")
    qtbot.keyClicks(screen.passphrase.edit, GOOD)
    qtbot.keyClicks(screen.repeat.edit, GOOD)
    qtbot.keyClick(screen.repeat.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "binta" in rows(screen), timeout=20_000)
    assert rows(screen)["binta"][0] == "Officer"
