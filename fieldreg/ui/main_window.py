"""The one window: set-up wizard, sign-in, then the screens a user may use, and the lock.

>>> window = MainWindow(data_dir, store, settings=UiSettings.load(data_dir))  # doctest: +SKIP
>>> window.show()                                                            # doctest: +SKIP

Pages (a stack, one shown at a time): the wizard when the data directory has
no store yet; the sign-in page, which is also the lock screen; the workspace,
a navigation list on the left and the screens on the right. Which screens a
user gets follows the station's kind (``store.kind``) and the permissions of
the user's role (``fieldreg.store.accounts.PERMISSIONS``): see ``SCREENS``.
Screens are imported by name when a user signs in; a screen whose module does
not exist (yet) or fails to load is left out with a line in the log.

Locking (Ctrl+L, the status bar's button, or ``settings.idle_lock_minutes``
without a key press or a mouse event) shows the sign-in page in place of the
workspace. What the lock does with the data key:

- The window holds the signed-in :class:`~fieldreg.station.session.Session` (which
  holds the data key, its field cipher and the decrypted search index) in one
  place only, ``self._session``, and the screens reach it only through
  ``ctx.session`` of the one :class:`AppContext` they share. Locking replaces
  ``ctx.session`` by a stand-in that refuses every use and drops the window's
  reference, so nothing in the UI reaches the key any more and Python frees
  the session. (The key's bytes are not overwritten in memory: Python gives no
  way to; the laptop's disk encryption and a short idle time cover that.)
- The screens themselves stay as they were, hidden and disabled behind the
  sign-in page: a half-typed registration is kept. Their own dialogs are
  hidden too and come back on unlock.
- The same user unlocking gets a fresh session put back into the same
  ``ctx``: every screen, field and focus is exactly as it was left
  (``activated()`` is not called, so nothing is refreshed under the user's hands).
- Another user signing in is first asked to confirm if a screen
  ``has_unsaved_work()``; then the screens are rebuilt for that user.

So screens must read ``self.ctx.session`` when they use it and never keep the
session (or its ``index``/``cipher``) in an attribute of their own.

Object names for tests: ``navList``, ``screenStack``, ``workspace``, ``pages``,
``loginScreen`` (sign-in and lock page, see :mod:`fieldreg.ui.screens.login`),
``setupWizard``, ``statusUser``, ``statusStation``, ``lockButton``,
``discardWorkDialog``, ``quitConfirm``, ``languageSwitchConfirm``.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from fieldreg.errors import AuthError
from fieldreg.ui.context import AppContext
from fieldreg.ui.settings import UiSettings

if TYPE_CHECKING:
    from fieldreg.station.session import Session
    from fieldreg.station import Station
    from fieldreg.ui.screens import Screen
    from fieldreg.ui.screens.login import LoginScreen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScreenSpec:
    """One screen: ``"module:Class"``, the permission it needs (None: everyone), station kinds."""

    target: str
    permission: str | None = None
    kinds: tuple[str, ...] = ("post", "camp")


# In navigation order. Permissions are those of fieldreg.store.accounts.PERMISSIONS.
SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec("fieldreg.ui.screens.register:RegisterScreen", "register", ("post",)),
    ScreenSpec("fieldreg.ui.screens.records:RecordsScreen", "view", ("post",)),
    ScreenSpec("fieldreg.ui.screens.verify:VerifyScreen", "verify", ("camp",)),
    ScreenSpec("fieldreg.ui.screens.dashboard:DashboardScreen", "stats", ("post",)),
    ScreenSpec("fieldreg.ui.screens.export:ExportScreen", "export", ("post",)),
    ScreenSpec("fieldreg.ui.screens.accounts:AccountsScreen", "manage_officers"),
    ScreenSpec("fieldreg.ui.screens.station:StationScreen", "manage_officers"),
    ScreenSpec("fieldreg.ui.screens.preferences:PreferencesScreen"),
)


def screens_for(kind: str, role: str, specs: Sequence[ScreenSpec] = SCREENS) -> list[ScreenSpec]:
    """The screens a ``role`` gets at a station of ``kind``, in navigation order."""
    from fieldreg.store.accounts import PERMISSIONS

    return [s for s in specs if kind in s.kinds
            and (s.permission is None or role in PERMISSIONS[s.permission])]


def load_screen(spec: ScreenSpec, ctx: AppContext) -> Screen | None:
    """Import and build one screen; ``None`` (and a log line) if it is missing or broken."""
    module_name, _, class_name = spec.target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name == module_name:
            log.info("screen %s is not available; left out", spec.target)
        else:
            log.exception("screen %s cannot be imported; left out", spec.target)
        return None
    except Exception:  # a broken screen must not take the others down
        log.exception("screen %s cannot be imported; left out", spec.target)
        return None
    cls = getattr(module, class_name, None)
    if cls is None:
        log.warning("screen %s: no class %s in %s; left out", spec.target, class_name, module_name)
        return None
    try:
        screen: Screen = cls(ctx)
    except Exception:
        log.exception("screen %s failed to start; left out", spec.target)
        return None
    return screen


class WindowLocked(AuthError):
    """A screen used the session while the window was locked (a timer that fired late)."""


class LockedSession:
    """What ``ctx.session`` is while the window is locked: every use is refused."""

    def __getattr__(self, name: str) -> Any:
        raise WindowLocked("the window is locked: sign in again to carry on")

    def __bool__(self) -> bool:
        return False


LOCKED = LockedSession()


class _ActivityWatch(QObject):
    """An application-wide event filter: any key press or mouse event restarts the idle timer."""

    EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                        QEvent.Type.Wheel, QEvent.Type.TouchBegin})

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in self.EVENTS or not self.window.idle_timer.isActive():
            return False
        self.window.restart_idle()
        if (kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_L
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier
                and isinstance(watched, QWidget) and self.window.owns(watched.window())):
            # Ctrl+L typed in one of our dialogs: a window-modal dialog blocks the
            # window's own shortcut, and the lock must work from everywhere.
            event.accept()
            self.window.lock()
            return True
        return False


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, store: Station | None, *,
                 settings: UiSettings | None = None,
                 screens: Sequence[ScreenSpec] = SCREENS, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.data_dir = data_dir
        self.store = store
        self.settings = settings if settings is not None else UiSettings.load(data_dir)
        self.screen_specs = tuple(screens)
        self.ctx: AppContext | None = None
        self._session: Session | None = None
        self._locked_user: str | None = None
        self._hidden_dialogs: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self._screens: list[Screen] = []
        self._closing_confirmed = False
        self._wizard: QWidget | None = None
        self._login: LoginScreen | None = None

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.setCentralWidget(self.pages)
        self.workspace = self._build_workspace()
        self.pages.addWidget(self.workspace)
        self._build_status_bar()
        self._build_actions()

        # The idle lock: single-shot, restarted by any input (see _ActivityWatch).
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle)
        self._idle_override_ms: int | None = None
        self._activity = _ActivityWatch(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)

        self.setMinimumSize(720, 480)
        self.resize(1280, 760)
        if store is None:
            self._show_wizard()
        else:
            self._show_login()
        self._retranslate()

    # -- building -----------------------------------------------------------------------

    def _build_workspace(self) -> QWidget:
        workspace = QWidget()
        workspace.setObjectName("workspace")
        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(230)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.nav.setFont(font)
        self.nav.setStyleSheet("QListWidget#navList::item { padding: 6px 10px; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("screenStack")
        layout = QHBoxLayout(workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self._nav_changed)
        return workspace

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_user = QLabel()
        self.status_user.setObjectName("statusUser")
        self.status_station = QLabel()
        self.status_station.setObjectName("statusStation")
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never steals a form's focus
        self.lock_button.clicked.connect(self.lock)
        bar.addWidget(self.status_user)
        bar.addWidget(self.status_station, 1)
        bar.addPermanentWidget(self.lock_button)

    def _build_actions(self) -> None:
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        self.addAction(self.lock_action)
        self.addAction(self.quit_action)
        self.screen_actions: list[QAction] = []
        for number in range(1, 10):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, row=number - 1: self.show_screen(row))
            self.addAction(action)
            self.screen_actions.append(action)

    def _retranslate(self) -> None:
        """Texts of the window's own widgets (again after a language switch)."""
        self.lock_button.setText(self.tr("Lock (Ctrl+L)"))
        self.lock_button.setToolTip(self.tr("Hide everything until you type your passphrase again"))
        self.lock_action.setText(self.tr("Lock"))
        self.quit_action.setText(self.tr("Quit"))
        self._update_status()
        self._update_title()

    # -- pages ----------------------------------------------------------------------------

    def page_name(self) -> str:
        """``"wizard"``, ``"login"``, ``"locked"`` or ``"workspace"``: what the window shows."""
        current = self.pages.currentWidget()
        if current is self.workspace:
            return "workspace"
        if current is not None and current is self._wizard:
            return "wizard"
        return "locked" if self._locked_user else "login"

    @property
    def login_screen(self) -> LoginScreen | None:
        """The sign-in (or lock) page while it is shown."""
        return self._login

    @property
    def is_unlocked(self) -> bool:
        return self._session is not None

    def _show_wizard(self) -> None:
        from fieldreg.ui.screens.wizard import SetupWizard

        wizard = SetupWizard(self.data_dir)
        wizard.created.connect(self._station_created)
        self._wizard = wizard
        self.pages.addWidget(wizard)
        self.pages.setCurrentWidget(wizard)
        self._update_title()

    def _station_created(self, store: Station, note: str) -> None:
        self.store = store
        log.info("station %s (%s) set up", store.post_id, store.kind)
        wizard, self._wizard = self._wizard, None
        self._show_login(note=note)
        if wizard is not None:
            self._retire(wizard)

    def _show_login(self, *, note: str = "") -> None:
        """A fresh sign-in page (or lock page when ``_locked_user`` is set)."""
        from fieldreg.ui.screens.login import LoginScreen

        assert self.store is not None
        old = self._login
        login = LoginScreen(self.store, locked_user=self._locked_user, note=note)
        login.signedIn.connect(self._signed_in)
        self._login = login
        self.pages.addWidget(login)
        self.pages.setCurrentWidget(login)
        if old is not None:
            self._retire(old)
        login.setFocus()
        self._update_status()
        self._update_title()

    # -- signing in, locking ------------------------------------------------------------------

    def _signed_in(self, session: Session) -> None:
        if self._locked_user is not None and session.user == self._locked_user and self.ctx:
            self._resume(session)
            return
        unsaved = [s.title() for s in self._screens if s.has_unsaved_work()]
        if not unsaved:
            self._start(session)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Sign in as {user}?").format(user=session.user),
            self.tr("{previous} left unsaved work in: {screens}. It will be lost if {user} signs in "
                    "now.").format(previous=self._locked_user or "", screens=", ".join(unsaved),
                                   user=session.user),
            QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("discardWorkDialog")
        discard = box.addButton(self.tr("Discard it and sign in"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        pending: list[Session] = [session]  # dropped when the box closes, whatever the answer

        def answered(_result: int) -> None:
            chosen = pending.pop()
            if box.clickedButton() is discard:
                self._start(chosen)
            else:
                log.info("sign-in of %s cancelled to keep %s's work", chosen.user, self._locked_user)
                self._show_login(note=self.tr("Sign-in cancelled: {user}'s work is kept.").format(
                    user=self._locked_user or ""))

        box.finished.connect(answered)
        box.open()

    def _start(self, session: Session) -> None:
        """Build the screens for a newly signed-in user (the previous user's are dropped)."""
        assert self.store is not None
        self._drop_screens()
        self._restore_dialogs(show=False)
        self._session = session
        self._locked_user = None
        self.ctx = AppContext(self.data_dir, self.store, session, self.settings)
        self._build_screens(self.ctx)
        self.workspace.setEnabled(True)
        self.pages.setCurrentWidget(self.workspace)
        self._discard_login()
        self.show_screen(0)
        self.restart_idle()
        self._update_status()
        log.info("%s (%s) signed in; screens: %s", session.user, session.role,
                 ", ".join(type(s).__name__ for s in self._screens))

    def _build_screens(self, ctx: AppContext) -> None:
        assert self.store is not None
        self.nav.blockSignals(True)
        self.nav.clear()
        for spec in screens_for(self.store.kind, ctx.session.role, self.screen_specs):
            screen = load_screen(spec, ctx)
            if screen is None:
                continue
            signal = getattr(screen, "languageChanged", None)
            if signal is not None:
                signal.connect(self.switch_language)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(screen)
            self.stack.addWidget(scroll)
            self._screens.append(screen)
            number = len(self._screens)
            item = QListWidgetItem(screen.title() or type(screen).__name__)
            if number <= 9:
                item.setToolTip(self.tr("Ctrl+{number}").format(number=number))
            self.nav.addItem(item)
        self.nav.blockSignals(False)

    def _drop_screens(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        while (scroll := self.stack.widget(0)) is not None:
            self.stack.removeWidget(scroll)
            scroll.deleteLater()
        self._screens = []
        self.ctx = None

    def _resume(self, session: Session) -> None:
        """The same user is back: the same screens, a fresh session."""
        assert self.ctx is not None
        self._session = session
        self._locked_user = None
        self.ctx.session = session
        self.workspace.setEnabled(True)
        self.pages.setCurrentWidget(self.workspace)
        self._discard_login()
        self._restore_dialogs(show=True)
        focus, self._focus_before_lock = self._focus_before_lock, None
        if focus is not None and shiboken6.isValid(focus):
            focus.window().activateWindow()
            focus.setFocus()
        self.restart_idle()
        self._update_status()
        self._update_title()
        log.info("%s unlocked", session.user)

    def _discard_login(self) -> None:
        login, self._login = self._login, None
        if login is not None:
            self._retire(login)

    def _retire(self, page: QWidget) -> None:
        """Take a sign-in or wizard page out of the window for good."""
        self.pages.removeWidget(page)
        page.hide()
        page.deleteLater()

    def lock(self) -> None:
        """Hide everything behind the sign-in page and let go of the session (Ctrl+L)."""
        if self._session is None or self.ctx is None:
            return
        focus = QApplication.focusWidget()
        self._focus_before_lock = focus if focus is not None and self.owns(focus.window()) else None
        self._hide_dialogs()
        self._locked_user = self._session.user
        self.ctx.session = LOCKED  # type: ignore[assignment]  # refuses every use while locked
        self._session = None
        self.idle_timer.stop()
        self.workspace.setEnabled(False)
        self._show_login()
        log.info("%s locked the window", self._locked_user)

    def _idle(self) -> None:
        if self._session is None:
            return
        if self.findChild(QProgressDialog, "taskProgress") is not None:
            self.restart_idle()  # long work is running: lock once it has finished
            return
        log.info("idle for %d min: locking", self.settings.idle_lock_minutes)
        self.lock()

    def restart_idle(self) -> None:
        """Start the idle countdown again (the settings' minutes, read each time)."""
        if self._session is None:
            return
        ms = self._idle_override_ms or self.settings.idle_lock_minutes * 60_000
        self.idle_timer.start(ms)

    def set_idle_interval_ms(self, ms: int | None) -> None:
        """For tests: lock after ``ms`` milliseconds without input instead of the settings' minutes."""
        self._idle_override_ms = ms
        self.restart_idle()

    def owns(self, window: QWidget | None) -> bool:
        """Whether ``window`` is this window or a dialog opened (at any depth) from it."""
        while window is not None and window is not self:
            window = window.parentWidget()
        return window is self

    def _own_dialogs(self) -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w is not self and w.isVisible() and self.owns(w)]

    def _hide_dialogs(self) -> None:
        """Dialogs the screens opened may show personal data: hide them while locked."""
        self._hidden_dialogs = self._own_dialogs()
        for dialog in self._hidden_dialogs:
            dialog.hide()

    def _restore_dialogs(self, *, show: bool) -> None:
        hidden, self._hidden_dialogs = self._hidden_dialogs, []
        for dialog in hidden:
            if not shiboken6.isValid(dialog):
                continue  # deleted meanwhile
            if show:
                dialog.show()
            else:
                dialog.close()

    # -- navigation -------------------------------------------------------------------------

    @property
    def screens(self) -> list[Screen]:
        return list(self._screens)

    def current_screen(self) -> Screen | None:
        row = self.nav.currentRow()
        return self._screens[row] if 0 <= row < len(self._screens) else None

    def show_screen(self, row: int) -> None:
        """Select screen ``row`` (0-based; Ctrl+1 is row 0) if it exists and the window is unlocked."""
        if self._session is None or not 0 <= row < len(self._screens):
            return
        self.nav.setCurrentRow(row)

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self._screens):
            return
        self.stack.setCurrentIndex(row)
        screen = self._screens[row]
        self._update_title()
        screen.activated()
        focus = QApplication.focusWidget()
        if focus is None or not screen.isAncestorOf(focus):
            screen.setFocus()
            screen.focusNextChild()

    # -- status and title -----------------------------------------------------------------------

    def _role_name(self, role: str) -> str:
        return {"officer": self.tr("officer"), "supervisor": self.tr("supervisor"),
                "admin": self.tr("administrator")}.get(role, role)

    def _update_status(self) -> None:
        if self._session is not None:
            self.status_user.setText(self.tr("Signed in: {user} ({role})").format(
                user=self._session.user, role=self._role_name(self._session.role)))
        elif self._locked_user:
            self.status_user.setText(self.tr("Locked ({user})").format(user=self._locked_user))
        else:
            self.status_user.setText(self.tr("Not signed in"))
        if self.store is None:
            self.status_station.setText(self.tr("No station set up yet"))
        else:
            kind = (self.tr("camp station, verify only") if self.store.kind == "camp"
                    else self.tr("border post"))
            self.status_station.setText(self.tr("{name} ({id}), {kind}").format(
                name=self.store.post_name, id=self.store.post_id, kind=kind))
        self.lock_button.setVisible(self._session is not None)

    def _update_title(self) -> None:
        page = self.page_name()
        if page == "wizard":
            where = self.tr("Set up this computer")
        elif page == "workspace":
            screen = self.current_screen()
            where = screen.title() if screen is not None else ""
        elif page == "locked":
            where = self.tr("Locked")
        else:
            where = self.tr("Sign in")
        parts = ["FieldReg"]
        if self.store is not None:
            parts.append(self.store.post_name)
        if where:
            parts.append(where)
        self.setWindowTitle(" — ".join(parts))

    # -- language ---------------------------------------------------------------------------------

    def switch_language(self, setting: str) -> None:
        """Switch the whole app to ``setting`` now, asking first if work would be lost."""
        unsaved = [s.title() for s in self._screens if s.has_unsaved_work()]
        if not unsaved:
            self._apply_language(setting)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Switch the language now?"),
            self.tr("Switching now rebuilds every screen, and the unsaved work in {screens} would be "
                    "lost. Otherwise the new language is used from the next start of FieldReg."
                    ).format(screens=", ".join(unsaved)),
            QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("languageSwitchConfirm")
        now = box.addButton(self.tr("Switch now"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(self.tr("At the next start"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._apply_language(setting) if box.clickedButton() is now
                             else None)
        box.open()

    def _apply_language(self, setting: str) -> None:
        from fieldreg.ui.app import apply_language

        apply_language(setting)
        row = self.nav.currentRow()
        self._retranslate()
        if self._session is not None and self.ctx is not None:
            ctx = self.ctx
            self._drop_screens()
            self.ctx = ctx
            self._build_screens(ctx)
            self.show_screen(max(row, 0))
        elif self._login is not None:
            self._show_login()
        self._update_status()
        self._update_title()

    # -- closing ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = [s.title() for s in self._screens if s.has_unsaved_work()]
        if unsaved and not self._closing_confirmed:
            event.ignore()
            box = QMessageBox(
                QMessageBox.Icon.Question, self.tr("Quit FieldReg?"),
                self.tr("There is unsaved work in: {screens}. It will be lost.").format(
                    screens=", ".join(unsaved)),
                QMessageBox.StandardButton.Cancel, self)
            box.setObjectName("quitConfirm")
            quit_button = box.addButton(self.tr("Quit and lose it"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

            def answered(_result: int) -> None:
                if box.clickedButton() is quit_button:
                    self._closing_confirmed = True
                    QTimer.singleShot(0, self.close)

            box.finished.connect(answered)
            box.open()
            return
        self.idle_timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        self._session = None
        if self.ctx is not None:
            self.ctx.session = LOCKED  # type: ignore[assignment]
        event.accept()
