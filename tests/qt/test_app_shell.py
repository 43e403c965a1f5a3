"""The app's shell: first-run wizard, sign-in, navigation by role and station, lock, languages.

Most tests host stand-in screens (defined here, one per real screen, with the
same permissions and station kinds) so the shell is tested on its own; one
test checks that the real screens plug in (tests/qt/test_screen_catalog.py
builds each of them for every role and station kind that gets it).
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import weakref
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import AuthError
from fieldreg.keys import HqDir
from fieldreg.station import Station
from fieldreg.station.session import Session
from fieldreg.ui.context import AppContext
from fieldreg.ui.language import apply_language
from fieldreg.ui.lock import WindowLocked
from fieldreg.ui.main_window import MainWindow
from fieldreg.ui.screens import Screen
from fieldreg.ui.screens.catalog import SCREENS, ScreenSpec
from fieldreg.ui.screens.login import LoginScreen
from fieldreg.ui.screens.preferences import PreferencesScreen
from fieldreg.ui.settings import UiSettings
from tests.conftest import ADMIN, ADMIN_PASS, make_user

ROOT = Path(__file__).resolve().parents[2]
TASK_TIMEOUT = 30_000  # ms: the default KDF, the demo's 300 households


class StandIn(Screen):
    """A screen with one text field; unsaved work is whatever is typed in it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        name = type(self).__name__.removeprefix("StandIn")
        self.setWindowTitle(name)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{name}Edit")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{name} for {ctx.session.user}"))
        layout.addWidget(self.edit)
        self.activations = 0

    def activated(self) -> None:
        self.activations += 1

    def has_unsaved_work(self) -> bool:
        return bool(self.edit.text())


class StandInRegister(StandIn): ...
class StandInRecords(StandIn): ...
class StandInVerify(StandIn): ...
class StandInDashboard(StandIn): ...
class StandInExport(StandIn): ...
class StandInAccounts(StandIn): ...
class StandInStation(StandIn): ...


class BrokenScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        raise RuntimeError("a bug in a screen")


def stand_ins() -> tuple[ScreenSpec, ...]:
    """SCREENS with every screen but Preferences replaced by its stand-in (same rules)."""
    specs = []
    for spec in SCREENS:
        if spec.screen is not PreferencesScreen:
            spec = replace(spec, screen=globals()[f"StandIn{spec.screen.__name__.removesuffix('Screen')}"])
        specs.append(spec)
    return tuple(specs)


@pytest.fixture(autouse=True)
def english(qapp: object) -> Iterator[None]:
    """Every test starts and ends in English, whatever it switched to."""
    apply_language("en")
    yield
    apply_language("en")


def make_window(qtbot, data_dir: Path, store: Station | None, *,
                screens: tuple[ScreenSpec, ...] | None = None,
                settings: UiSettings | None = None) -> MainWindow:
    window = MainWindow(data_dir, store, settings=settings or UiSettings(),
                        screens=stand_ins() if screens is None else screens)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def login_page(window: MainWindow) -> LoginScreen:
    page = window.login_screen
    assert page is not None and window.pages.currentWidget() is page
    return page


def attempt(qtbot, window: MainWindow, user: str, passphrase: str) -> LoginScreen:
    """Type a user and passphrase on the sign-in page and wait for the core's answer."""
    page = login_page(window)
    page.user.setText(user)
    page.passphrase.setText(passphrase)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.button.isEnabled(), timeout=TASK_TIMEOUT)
    return page


def sign_in(qtbot, window: MainWindow, user: str, passphrase: str) -> None:
    page = login_page(window)
    page.user.setText(user)
    page.passphrase.setText(passphrase)
    with qtbot.waitSignal(page.signedIn, timeout=TASK_TIMEOUT):
        qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)


def nav_titles(window: MainWindow) -> list[str]:
    nav = window.workspace.nav
    return [nav.item(i).text() for i in range(nav.count())]


def ctrl(qtbot, widget: QWidget, key: Qt.Key) -> None:
    """Press Ctrl+key in ``widget`` (the release would go to a widget the press may have hidden)."""
    qtbot.keyPress(widget, key, Qt.KeyboardModifier.ControlModifier)


POST_ADMIN = ["Register", "Records", "Dashboard", "Export", "Accounts", "Station", "Preferences"]
POST_OFFICER = ["Register", "Records", "Preferences"]


# -- first run -------------------------------------------------------------------------------

def test_first_run_shows_the_wizard_then_the_demo_users_get_their_screens(qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    window = make_window(qtbot, data_dir, None)
    assert window.page_name() == "wizard"
    assert window.windowTitle() == "FieldReg — Set up this computer"
    assert window.findChild(QLabel, "demoUsers").text().count("passphrase demo-") == 3

    qtbot.mouseClick(window.findChild(QPushButton, "chooseDemo"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.findChild(QPushButton, "createDemo"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name() == "login", timeout=TASK_TIMEOUT)
    assert Station.exists(data_dir)
    page = login_page(window)
    assert "agent (officer), passphrase demo-agent-2026" in page.findChild(QLabel, "demoAccounts").text()
    assert window.windowTitle() == "FieldReg — Poste frontière de démonstration (fictif) — Sign in"

    expected = {"admin": POST_ADMIN, "superviseur": POST_ADMIN, "agent": POST_OFFICER}
    from fieldreg.station.demo import DEMO_USERS

    for user, role, passphrase in DEMO_USERS:
        if window.is_unlocked:
            window.lock()
        sign_in(qtbot, window, user, passphrase)
        assert window.page_name() == "workspace"
        assert nav_titles(window) == expected[user], role
        assert window.ctx is not None and window.ctx.session.user == user
        assert user in window.findChild(QLabel, "statusUser").text()
        assert "DEMO" in window.findChild(QLabel, "statusStation").text()
        assert window.windowTitle().endswith(" — Register")


def test_wizard_sets_up_an_enrolled_post_refusing_a_wrong_passphrase_first(qtbot, tmp_path: Path, hq: HqDir) -> None:
    package = hq.enroll_post("KDL2")
    enrollment = tmp_path / "KDL2.enroll"
    enrollment.write_bytes(package.data)
    data_dir = tmp_path / "station"
    window = make_window(qtbot, data_dir, None)
    wizard = window.findChild(QWidget, "setupWizard")
    qtbot.mouseClick(wizard.findChild(QPushButton, "choosePost"), Qt.MouseButton.LeftButton)

    def field(name: str) -> QLineEdit:
        return wizard.findChild(QLineEdit, name)

    message = wizard.findChild(QLabel, "postMessage")
    qtbot.mouseClick(wizard.findChild(QPushButton, "createPost"), Qt.MouseButton.LeftButton)
    assert message.text() == "Choose the enrollment file."

    field("enrollmentFile").setText(str(enrollment))
    assert "KDL2" in wizard.findChild(QLabel, "enrollmentInfo").text()
    assert hq.fingerprint in wizard.findChild(QLabel, "enrollmentInfo").text()
    assert field("postName").text() == "KDL2"  # proposed from the file
    field("postName").setText("Kadiolo")
    field("postAdminUser").setText("moussa")
    field("postAdminPassphrase").setText("moussa's long passphrase")
    field("postAdminRepeat").setText("something else entirely")
    field("enrollmentPassphrase").setText("not the one HQ gave")
    qtbot.mouseClick(wizard.findChild(QPushButton, "createPost"), Qt.MouseButton.LeftButton)
    assert message.text() == "The two passphrases differ; type them again."

    field("postAdminRepeat").setText("moussa's long passphrase")
    button = wizard.findChild(QPushButton, "createPost")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=TASK_TIMEOUT)
    assert message.text() == "Wrong enrollment passphrase: type it exactly as HQ gave it."
    assert "\n" not in message.text()
    assert not Station.exists(data_dir)

    field("enrollmentPassphrase").setText(package.passphrase)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name() == "login", timeout=TASK_TIMEOUT)
    assert window.store is not None and window.store.post_id == "KDL2"
    assert window.store.post_name == "Kadiolo"
    sign_in(qtbot, window, "moussa", "moussa's long passphrase")
    assert nav_titles(window) == POST_ADMIN


def test_wizard_sets_up_a_camp_that_shows_verify(qtbot, tmp_path: Path, hq: HqDir) -> None:
    trust = tmp_path / "trust.cose"
    trust.write_bytes(hq.trust_list().raw)
    data_dir = tmp_path / "camp"
    window = make_window(qtbot, data_dir, None)
    wizard = window.findChild(QWidget, "setupWizard")
    qtbot.mouseClick(wizard.findChild(QPushButton, "chooseCamp"), Qt.MouseButton.LeftButton)
    for name, text in (("campId", "camp1"), ("campName", "Site de transit"), ("trustFile", str(trust)),
                       ("hqFingerprint", hq.fingerprint), ("campAdminUser", "ali"),
                       ("campAdminPassphrase", "ali's long passphrase"),
                       ("campAdminRepeat", "ali's long passphrase")):
        wizard.findChild(QLineEdit, name).setText(text)
    qtbot.mouseClick(wizard.findChild(QPushButton, "createCamp"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name() == "login", timeout=TASK_TIMEOUT)
    assert window.store is not None and window.store.kind == "camp" and window.store.post_id == "CAMP1"
    sign_in(qtbot, window, "ali", "ali's long passphrase")
    assert nav_titles(window) == ["Verify", "Accounts", "Station", "Preferences"]
    assert "verify only" in window.findChild(QLabel, "statusStation").text()


# -- signing in ------------------------------------------------------------------------------

def test_wrong_passphrase_is_one_line_and_the_core_delay_is_shown(qtbot, post: Session, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, post.station)
    assert window.page_name() == "login"
    page = attempt(qtbot, window, ADMIN, "not my passphrase")
    message = page.findChild(QLabel, "loginMessage")
    assert message.isVisible() and message.text() == "Wrong passphrase for awa."
    assert page.passphrase.text() == "" and page.passphrase.hasFocus()
    assert window.page_name() == "login" and not window.is_unlocked

    attempt(qtbot, window, ADMIN, "still wrong")
    attempt(qtbot, window, ADMIN, "wrong again")  # the third: the core starts the delay
    assert message.text() == "Wrong passphrase for awa. Wait 1 s before trying again."
    attempt(qtbot, window, ADMIN, ADMIN_PASS)  # at once: refused by the delay, right or not
    assert message.text().startswith("Too many wrong passphrases for awa: try again in ")
    attempt(qtbot, window, "nobody", "whatever passphrase")
    # An unknown name is worded as a wrong passphrase: the page says nothing of who exists.
    assert message.text() == "Wrong passphrase for nobody."
    assert all("\n" not in t for t in (message.text(),))

    page.user.setText("")
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
    assert message.text() == "Type your user name."


def test_a_first_passphrase_must_be_replaced_at_sign_in(qtbot, post: Session, data_dir: Path) -> None:
    post.accounts.add("ali", role="officer", passphrase="ali first pass")  # must change
    window = make_window(qtbot, data_dir, post.station)
    page = attempt(qtbot, window, "ali", "ali first pass")
    assert page.pages.currentIndex() == 1 and not window.is_unlocked
    new, repeat = page.findChild(QLineEdit, "newPassphrase"), page.findChild(QLineEdit, "repeatPassphrase")
    button = page.findChild(QPushButton, "changePassphraseButton")
    new.setText("ali's own passphrase")
    repeat.setText("ali's own passphrasf")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.findChild(QLabel, "changeMessage").text() == "The two passphrases differ; type them again."
    repeat.setText("ali's own passphrase")
    with qtbot.waitSignal(page.signedIn, timeout=TASK_TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.page_name() == "workspace" and nav_titles(window) == POST_OFFICER
    assert not post.station.unlock("ali", "ali's own passphrase").account.must_change


# -- locking ---------------------------------------------------------------------------------

def test_ctrl_l_locks_drops_the_session_and_unlock_brings_everything_back(
        qtbot, post: Session, data_dir: Path, type_text: Callable[[QWidget, str], None]) -> None:
    window = make_window(qtbot, data_dir, post.station)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    register = window.screens[0]
    assert isinstance(register, StandInRegister)
    register.edit.setFocus()
    type_text(register.edit, "Traoré, Aminata")
    session_ref = weakref.ref(window.ctx.session)
    activations = register.activations
    ctrl(qtbot, register.edit, Qt.Key.Key_L)
    assert window.page_name() == "locked"
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.page_name() == "workspace" and register.edit.hasFocus()

    # Again, with a window-modal dialog of the screen open: Ctrl+L typed in it locks too.
    box = QMessageBox(QMessageBox.Icon.Information, "Slip", "A slip preview", parent=register)
    box.open()
    qtbot.waitExposed(box)
    ctrl(qtbot, box, Qt.Key.Key_L)
    assert window.page_name() == "locked"
    assert window.windowTitle() == "FieldReg — Tengréla — Locked"
    assert not window.workspace.isVisible() and not box.isVisible()
    assert "awa" in login_page(window).user.text()
    with pytest.raises(AuthError):
        window.ctx.session.households.search("Traoré")
    gc.collect()
    assert session_ref() is None, "the signed-in session (and its key) is still reachable while locked"
    window.shortcuts.screen_actions[1].trigger()  # Ctrl+2: no screen while locked
    assert window.page_name() == "locked"

    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.page_name() == "workspace"
    assert window.screens[0] is register and register.edit.text() == "Traoré, Aminata"
    assert box.isVisible()  # back on top of its screen, as it was
    assert register.activations == activations  # nothing refreshed under the user's hands
    assert window.ctx.session.user == ADMIN and window.ctx.session.households.search("Traoré") == []


def test_the_window_locks_itself_when_idle(qtbot, post: Session, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, post.station)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.idle_lock.timer.isActive()
    assert window.idle_lock.timer.interval() == UiSettings().idle_lock_minutes * 60_000

    # Any key press starts the countdown again (here from 1 s back to the full 10 min).
    window.idle_lock.set_interval_ms(600_000)
    window.idle_lock.timer.start(1_000)
    edit = window.screens[0].edit
    QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    assert window.idle_lock.timer.remainingTime() > 1_000

    # While long work runs behind its progress dialog, the idle lock waits for it.
    busy = QProgressDialog(window.screens[0])
    busy.setObjectName("taskProgress")
    window.idle_lock.timer.timeout.emit()
    assert window.page_name() == "workspace" and window.idle_lock.timer.isActive()
    busy.deleteLater()
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "taskProgress") is None)

    window.idle_lock.set_interval_ms(30)
    qtbot.waitUntil(lambda: window.page_name() == "locked", timeout=5_000)
    assert not window.is_unlocked and not window.idle_lock.timer.isActive()


def test_another_user_is_asked_before_discarding_work_then_gets_own_screens(
        qtbot, post: Session, data_dir: Path) -> None:
    make_user(post, "ali", "officer")
    window = make_window(qtbot, data_dir, post.station)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert nav_titles(window) == POST_ADMIN
    window.show_screen(2)
    window.screens[2].edit.setText("half a dashboard note")
    window.lock()

    sign_in(qtbot, window, "ali", "ali own passphrase")
    box = window.findChild(QMessageBox, "discardWorkDialog")
    assert box is not None and "Dashboard" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.login_screen is not None and window.page_name() == "locked")
    assert "awa's work is kept" in window.login_screen.findChild(QLabel, "loginNote").text()

    sign_in(qtbot, window, "ali", "ali own passphrase")
    box = window.findChild(QMessageBox, "discardWorkDialog")
    discard = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    discard.click()
    qtbot.waitUntil(lambda: window.page_name() == "workspace")
    assert nav_titles(window) == POST_OFFICER
    assert window.ctx.session.user == "ali"
    assert all(s.ctx.session.user == "ali" for s in window.screens)
    assert window.screens[0].edit.text() == ""
    assert "ali (officer)" in window.findChild(QLabel, "statusUser").text()

    # Another user with nothing unsaved: no question.
    window.lock()
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.findChild(QMessageBox, "discardWorkDialog") is None or not window.findChild(
        QMessageBox, "discardWorkDialog").isVisible()
    assert nav_titles(window) == POST_ADMIN


def test_shortcuts_switch_screens_and_quitting_with_unsaved_work_asks(qtbot, post: Session, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, post.station)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    ctrl(qtbot, window.screens[0].edit, Qt.Key.Key_3)
    assert window.current_screen() is window.screens[2]
    assert window.windowTitle() == "FieldReg — Tengréla — Dashboard"
    assert window.screens[2].activations == 1
    ctrl(qtbot, window.screens[2].edit, Qt.Key.Key_9)  # no ninth screen: nothing happens
    assert window.current_screen() is window.screens[2]

    window.screens[2].edit.setText("unsaved")
    ctrl(qtbot, window.screens[2].edit, Qt.Key.Key_Q)
    box = window.findChild(QMessageBox, "quitConfirm")
    assert box is not None and window.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()
    window.close()
    box = window.findChild(QMessageBox, "quitConfirm")
    quit_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_a_screen_that_fails_to_build_stops_the_sign_in_loudly(qtbot, post: Session, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, post.station,
                         screens=(ScreenSpec(StandInRecords), ScreenSpec(BrokenScreen)))
    with qtbot.captureExceptions() as exceptions:
        attempt(qtbot, window, ADMIN, ADMIN_PASS)
        qtbot.waitUntil(lambda: len(exceptions) > 0)
    assert [str(err) for _kind, err, _trace in exceptions] == ["a bug in a screen"]
    assert window.page_name() == "login" and not window.is_unlocked
    assert window.screens == [] and window.ctx is None  # the screen built before it is gone too


def test_a_screen_that_cannot_be_imported_stops_the_sign_in_loudly(
        qtbot, post: Session, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The catalog is imported afresh at sign-in, and one of its screens' modules fails to import.
    monkeypatch.delitem(sys.modules, "fieldreg.ui.screens.catalog")
    monkeypatch.setitem(sys.modules, "fieldreg.ui.screens.verify", None)
    window = MainWindow(data_dir, post.station, settings=UiSettings())  # the app's own screens
    qtbot.addWidget(window)
    window.show()
    with qtbot.captureExceptions() as exceptions:
        attempt(qtbot, window, ADMIN, ADMIN_PASS)
        qtbot.waitUntil(lambda: len(exceptions) > 0)
    assert len(exceptions) == 1 and issubclass(exceptions[0][0], ImportError)
    assert "fieldreg.ui.screens.verify" in str(exceptions[0][1])
    assert window.page_name() == "login" and not window.is_unlocked and window.screens == []


def test_the_real_screens_plug_in_and_the_window_fits_1366x768(
        qtbot, post: Session, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, post.station, screens=SCREENS)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert [type(s) for s in window.screens] == [spec.screen for spec in SCREENS if "post" in spec.kinds]
    for row in range(len(window.screens)):
        window.show_screen(row)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768
    assert (window.width(), window.height()) == (1366, 768)

    # No real screen keeps the session (and so the data key) for itself past the lock,
    # once their background work (which holds it while it runs) has ended and been deleted.
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "taskProgress") is None,
                    timeout=TASK_TIMEOUT)
    session_ref = weakref.ref(window.ctx.session)
    window.lock()

    def released() -> bool:
        gc.collect()
        return session_ref() is None

    qtbot.waitUntil(released, timeout=5_000)


# -- preferences and languages ---------------------------------------------------------------

def test_preferences_are_saved_and_apply_at_once(qtbot, post: Session, data_dir: Path) -> None:
    settings = UiSettings()
    window = make_window(qtbot, data_dir, post.station, settings=settings)
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    window.show_screen(len(window.screens) - 1)
    prefs = window.current_screen()
    assert prefs.title() == "Preferences" and not prefs.has_unsaved_work()
    prefs.findChild(QWidget, "idleLockMinutes").setValue(12)
    prefs.findChild(QWidget, "unusualFlowMultiple").setValue(3.5)
    combo = prefs.findChild(QWidget, "slipLayoutCombo")
    combo.setCurrentIndex(combo.findData("80mm"))
    prefs.findChild(QWidget, "syncWarnDays").setValue(5)
    assert prefs.has_unsaved_work()
    qtbot.mouseClick(prefs.findChild(QPushButton, "savePreferences"), Qt.MouseButton.LeftButton)
    assert not prefs.has_unsaved_work()
    saved = json.loads((data_dir / "ui-settings.json").read_text(encoding="utf-8"))
    assert saved == {"language": "", "idle_lock_minutes": 12, "unusual_flow_multiple": 3.5,
                     "slip_layout": "80mm", "last_folders": {}, "sync_every_seconds": 120,
                     "sync_warn_days": 5}
    assert window.ctx.settings is settings and settings.slip_layout == "80mm"
    QApplication.sendEvent(prefs, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier))
    assert window.idle_lock.timer.interval() == 12 * 60_000


def test_the_french_ui_shows_french_strings(qtbot, post: Session, data_dir: Path) -> None:
    assert apply_language("fr") == "fr"
    assert QLocale().language() == QLocale.Language.French
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # Qt's own buttons
    window = make_window(qtbot, data_dir, post.station)
    assert window.windowTitle() == "FieldReg — Tengréla — Connexion"
    page = login_page(window)
    assert page.button.text() == "Se connecter"
    labels = {label.text() for label in page.findChildren(QLabel)}
    assert {"&Nom d'utilisateur\u00a0:", "&Phrase secrète\u00a0:"} <= labels
    attempt(qtbot, window, ADMIN, "pas la bonne")
    assert page.findChild(QLabel, "loginMessage").text() == "Phrase secrète incorrecte pour awa."
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    assert nav_titles(window)[-1] == "Préférences"
    assert window.findChild(QLabel, "statusUser").text() == "Connecté\u00a0: awa (administrateur)"
    assert window.findChild(QPushButton, "lockButton").text() == "Verrouiller (Ctrl+L)"
    window.lock()
    assert window.windowTitle() == "FieldReg — Tengréla — Verrouillé"


def test_switching_language_in_preferences_rebuilds_the_app(qtbot, post: Session, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, post.station, settings=UiSettings(language="en"))
    sign_in(qtbot, window, ADMIN, ADMIN_PASS)
    window.show_screen(len(window.screens) - 1)
    prefs = window.current_screen()
    combo = prefs.findChild(QWidget, "languageCombo")
    combo.setCurrentIndex(combo.findData("fr"))
    qtbot.mouseClick(prefs.findChild(QPushButton, "savePreferences"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: nav_titles(window)[-1] == "Préférences")
    assert window.current_screen().title() == "Préférences"  # the same screen, rebuilt in French
    assert window.windowTitle() == "FieldReg — Tengréla — Préférences"
    assert UiSettings.load(data_dir).language == "fr"

    # With unsaved work elsewhere the user chooses; "at the next start" keeps the work.
    window.screens[0].edit.setText("en cours")
    combo = window.current_screen().findChild(QWidget, "languageCombo")
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.mouseClick(window.current_screen().findChild(QPushButton, "savePreferences"),
                     Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox, "languageSwitchConfirm")
    later = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    later.click()
    assert window.screens[0].edit.text() == "en cours" and nav_titles(window)[-1] == "Préférences"
    assert UiSettings.load(data_dir).language == "en"


# -- the real entry point ----------------------------------------------------------------------

@pytest.mark.parametrize("with_store", [False, True], ids=["first-run", "post"])
def test_python_m_fieldreg_opens_the_window(tmp_path: Path, hq: HqDir, with_store: bool) -> None:
    data_dir = tmp_path / "station"
    if with_store:
        from tests.conftest import enrolled_post

        enrolled_post(hq, data_dir).station.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(QT_QPA_PLATFORM="offscreen", FIELDREG_QUIT_WHEN_SHOWN="1")
    done = subprocess.run([sys.executable, "-m", "fieldreg", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    page = done.stdout.split()[1]
    assert page == ("login" if with_store else "wizard")
    assert (data_dir / "logs" / "fieldreg.log").exists()
    assert oct(data_dir.stat().st_mode & 0o777) == "0o700"


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FIELDREG_") and k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "fieldreg", "--data-dir", str(tmp_path / "station")],
                          capture_output=True, text=True, env=env, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("fieldreg: no display:") and done.stderr.count("\n") == 1
    assert not (tmp_path / "station").exists()  # nothing was created


def test_a_bug_in_a_slot_becomes_a_dialog_and_a_late_use_of_the_lock_is_silent(
        qtbot, post: Session, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreg.ui import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app_module._install_excepthook()
    make_window(qtbot, data_dir, post.station)

    def error_boxes() -> list[QWidget]:
        return [w for w in QApplication.allWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()]

    sys.excepthook(WindowLocked, WindowLocked("locked"), None)
    assert error_boxes() == []
    sys.excepthook(ZeroDivisionError, ZeroDivisionError("bug"), None)
    (box,) = error_boxes()
    assert "nothing was changed" in box.text()
    box.close()
