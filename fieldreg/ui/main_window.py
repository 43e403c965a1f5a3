"""The one window: set-up wizard, sign-in, then the screens a user may use, and the lock.

>>> window = MainWindow(data_dir, store, settings=UiSettings.load(data_dir))  # doctest: +SKIP
>>> window.show()                                                            # doctest: +SKIP

Pages (a stack, one shown at a time): the wizard when the data directory has
no store yet; the sign-in page, which is also the lock screen; the
:class:`~fieldreg.ui.workspace.Workspace`, a navigation list on the left and
the screens on the right. Which screens a user gets follows the station's kind
(``store.kind``) and the permissions of the user's role: see
:mod:`fieldreg.ui.screens.catalog`, imported when the first user signs in. A
screen that fails to import or to build is a bug: the sign-in stops with the
error dialog (and its trace in the log) and the sign-in page stays.

Locking (Ctrl+L, the status bar's button, or ``settings.idle_lock_minutes``
without a key press or a mouse event, see :mod:`fieldreg.ui.lock`) shows the
sign-in page in place of the workspace. What the lock does with the data key:

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

Object names for tests: ``pages``, ``workspace`` (with ``navList``,
``screenStack``), ``loginScreen`` (sign-in and lock page, see
:mod:`fieldreg.ui.screens.login`), ``setupWizard``, ``statusUser``,
``statusStation``, ``lockButton`` (see :mod:`fieldreg.ui.status`),
``discardWorkDialog``, ``quitConfirm``, ``languageSwitchConfirm`` (the questions
before unsaved work is lost, :mod:`fieldreg.ui.widgets.confirm`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from fieldreg.ui.background_sync import BackgroundSync
from fieldreg.ui.context import AppContext
from fieldreg.ui.help import HelpViewer, guide_path
from fieldreg.ui.language import apply_language
from fieldreg.ui.lock import LOCKED, DialogCurtain, IdleLock, owns
from fieldreg.ui.settings import UiSettings
from fieldreg.ui.shortcuts import WindowShortcuts
from fieldreg.ui.status import StatusLine
from fieldreg.ui.widgets.confirm import ask_discard_work, ask_language_switch, ask_quit
from fieldreg.ui.workspace import Workspace

if TYPE_CHECKING:
    from fieldreg.station import Station
    from fieldreg.station.session import Session
    from fieldreg.ui.screens import Screen
    from fieldreg.ui.screens.catalog import ScreenSpec
    from fieldreg.ui.screens.login import LoginScreen

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, store: Station | None, *,
                 settings: UiSettings | None = None,
                 screens: Sequence[ScreenSpec] | None = None, parent: QWidget | None = None):
        """``screens``: the screens to offer (default: the app's own, ``catalog.SCREENS``)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.data_dir = data_dir
        self.store = store
        self.settings = settings if settings is not None else UiSettings.load(data_dir)
        self.screen_specs = tuple(screens) if screens is not None else None
        self.ctx: AppContext | None = None
        self._session: Session | None = None
        self._locked_user: str | None = None
        self._focus_before_lock: QWidget | None = None
        self._closing_confirmed = False
        self._wizard: QWidget | None = None
        self._login: LoginScreen | None = None

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.setCentralWidget(self.pages)
        self.workspace = Workspace()
        self.workspace.screenShown.connect(self._update_title)
        self.workspace.languageChosen.connect(self.switch_language)
        self.pages.addWidget(self.workspace)
        self.status = StatusLine(self.statusBar(), lock=self.lock)
        self.sync = BackgroundSync(self, every=lambda: self.settings.sync_every_seconds)
        self.sync.changed.connect(self.status.show_sync)
        self.sync.progressed.connect(self.status.show_progress)
        self.sync.new_key.connect(self.status.show_new_key)
        self.shortcuts = WindowShortcuts(self, lock=self.lock, close=self.close, show_screen=self.show_screen,
                                         show_help=self.show_help)
        self.help_viewer: HelpViewer | None = None
        self.idle_lock = IdleLock(self, lock=self.lock, minutes=lambda: self.settings.idle_lock_minutes)
        self._curtain = DialogCurtain(self)

        self.setMinimumSize(720, 480)
        self.resize(1280, 760)
        if store is None:
            self._show_wizard()
        else:
            self._show_login()
        self._retranslate()

    # -- texts --------------------------------------------------------------------------

    def _retranslate(self) -> None:
        """Texts of the window's own widgets (again after a language switch)."""
        self.status.retranslate()
        self.shortcuts.retranslate()
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

    def help_page(self) -> str:
        """What F1 explains: the class name of the screen on view, else the page's name."""
        screen = self.current_screen() if self.page_name() == "workspace" else None
        return type(screen).__name__ if screen is not None else self.page_name()

    def show_help(self) -> None:
        """F1: the guide of the screen on view, in the UI's language, in a window of its own."""
        if self.help_viewer is None:
            self.help_viewer = HelpViewer(self)
        self.help_viewer.show_guide(guide_path(self.help_page()))

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
        unsaved = [s.title() for s in self.screens if s.has_unsaved_work()]
        if not unsaved:
            self._start(session)
            return
        pending: list[Session] = [session]  # dropped when the box closes, whatever the answer

        def answered(discard: bool) -> None:
            chosen = pending.pop()
            if discard:
                self._start(chosen)
            else:
                log.info("sign-in of %s cancelled to keep %s's work", chosen.user, self._locked_user)
                self._show_login(note=self.tr("Sign-in cancelled: {user}'s work is kept.").format(
                    user=self._locked_user or ""))

        ask_discard_work(self, previous=self._locked_user or "", user=session.user, screens=unsaved,
                         answered=answered)

    def _start(self, session: Session) -> None:
        """Build the screens for a newly signed-in user (the previous user's are dropped)."""
        assert self.store is not None
        self._drop_screens()
        self._curtain.lift(show=False)
        ctx = AppContext(self.data_dir, self.store, session, self.settings)
        self._build_screens(ctx)  # a screen that fails raises here: still signed out
        self._session = session
        self._locked_user = None
        self.ctx = ctx
        self.workspace.setEnabled(True)
        self.pages.setCurrentWidget(self.workspace)
        self._discard_login()
        self.show_screen(0)
        self.idle_lock.start()
        self._update_status()
        self.sync.set_session(session, self.store)
        log.info("%s (%s) signed in; screens: %s", session.user, session.role,
                 ", ".join(type(s).__name__ for s in self.screens))

    def _build_screens(self, ctx: AppContext) -> None:
        from fieldreg.ui.screens.catalog import SCREENS, screens_for

        assert self.store is not None
        specs = self.screen_specs if self.screen_specs is not None else SCREENS
        try:
            self.workspace.build(screens_for(self.store.kind, ctx.session.role, specs), ctx)
        except BaseException:
            self.workspace.clear()  # none of them may keep the session
            raise

    def _drop_screens(self) -> None:
        self.workspace.clear()
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
        self._curtain.lift(show=True)
        focus, self._focus_before_lock = self._focus_before_lock, None
        if focus is not None and shiboken6.isValid(focus):
            focus.window().activateWindow()
            focus.setFocus()
        self.idle_lock.start()
        self._update_status()
        self._update_title()
        self.sync.set_session(session, self.store)
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
        self._focus_before_lock = focus if focus is not None and owns(self, focus.window()) else None
        self._curtain.hide_all()
        self._locked_user = self._session.user
        self.ctx.session = LOCKED  # type: ignore[assignment]  # refuses every use while locked
        self._session = None
        self.sync.set_session(None)  # a round already on its way ends on its own connection
        self.status.hide_sync()
        self.idle_lock.stop()
        self.workspace.setEnabled(False)
        self._show_login()
        log.info("%s locked the window", self._locked_user)

    # -- navigation -------------------------------------------------------------------------

    @property
    def screens(self) -> list[Screen]:
        return self.workspace.screens

    def current_screen(self) -> Screen | None:
        return self.workspace.current_screen()

    def show_screen(self, row: int) -> None:
        """Select screen ``row`` (0-based; Ctrl+1 is row 0) if it exists and the window is unlocked."""
        if self._session is None:
            return
        self.workspace.show_screen(row)

    # -- status and title -----------------------------------------------------------------------

    def _update_status(self) -> None:
        session = self._session
        self.status.show_state(user=session.user if session is not None else None,
                               role=session.role if session is not None else None,
                               locked_user=self._locked_user, station=self.store)

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
        unsaved = [s.title() for s in self.screens if s.has_unsaved_work()]
        if not unsaved:
            self._apply_language(setting)
            return
        ask_language_switch(self, screens=unsaved,
                            answered=lambda now: self._apply_language(setting) if now else None)

    def _apply_language(self, setting: str) -> None:
        apply_language(setting)
        row = self.workspace.current_row()
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
        unsaved = [s.title() for s in self.screens if s.has_unsaved_work()]
        if unsaved and not self._closing_confirmed:
            event.ignore()

            def answered(quit_anyway: bool) -> None:
                if quit_anyway:
                    self._closing_confirmed = True
                    QTimer.singleShot(0, self.close)

            ask_quit(self, screens=unsaved, answered=answered)
            return
        self.idle_lock.uninstall()
        self._session = None
        self.sync.set_session(None)
        if self.ctx is not None:
            self.ctx.session = LOCKED  # type: ignore[assignment]
        event.accept()
