"""Sign in, or unlock a locked window: user name, passphrase, one line when refused.

>>> login = LoginScreen(store, locked_user="awa")       # doctest: +SKIP
>>> login.signedIn.connect(window.open_session)          # doctest: +SKIP

The passphrase is checked by the core (``Station.unlock``) on a pool thread
through :func:`fieldreg.ui.tasks.run_task`, because the key derivation is slow
on purpose. The core also counts wrong guesses and makes the account wait
longer after each one; this screen only shows what the core said. A user who
must still replace a first passphrase (``Account.must_change``) chooses a new
one here before anything else, exactly as ``fieldreg user passwd`` would
(``session.accounts.change_passphrase``).

Object names for tests: ``loginUser``, ``loginPassphrase``, ``loginButton``,
``loginMessage``; for a first sign-in ``newPassphrase``, ``repeatPassphrase``,
``changePassphraseButton``, ``changeMessage``; ``demoAccounts`` on the demo post.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import (
    AccountDisabled,
    FieldRegError,
    LockedOut,
    PassphraseIsUserName,
    WrongPassphrase,
)
from fieldreg.station.accounts import MIN_PASSPHRASE
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.tasks import run_task
from fieldreg.ui.text import error_text
from fieldreg.ui.widgets.labels import heading

if TYPE_CHECKING:
    from fieldreg.station import Station
    from fieldreg.station.session import Session

DEMO_POST_ID = "DEMO"  # fieldreg.station.demo.DEMO_POST_ID, without importing the demo generator


def demo_users() -> tuple[tuple[str, str, str], ...]:
    """(user, role, passphrase) of the published demo accounts."""
    from fieldreg.station.demo import DEMO_USERS

    return DEMO_USERS


class LoginScreen(QWidget):
    """The sign-in page; ``signedIn(session)`` fires once a user is fully signed in."""

    signedIn = Signal(object)

    def __init__(self, store: Station, *, locked_user: str | None = None, note: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginScreen")
        self.store = store
        self.locked_user = locked_user
        self._pending: Session | None = None  # a signed-in user who must first change passphrase
        self._busy = False
        self.setWindowTitle(self.tr("Unlock") if locked_user else self.tr("Sign in"))

        self.pages = QStackedWidget()
        self.pages.addWidget(self._sign_in_page(note))
        self.pages.addWidget(self._change_page())

        card = QFrame()
        card.setObjectName("loginCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(520)  # a fixed width lets the wrapped texts take the height they need
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(self.pages)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setFocusProxy(self.passphrase if locked_user else self.user)

    # -- building ---------------------------------------------------------------------

    def _message_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020;")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _sign_in_page(self, note: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        station = QLabel(self.tr("{name} ({id})").format(name=self.store.post_name, id=self.store.post_id))
        station.setObjectName("loginStation")
        station.setWordWrap(True)
        if self.locked_user:
            layout.addWidget(heading(self.tr("Locked")))
            layout.addWidget(station)
            hint = QLabel(self.tr(
                "{user} locked this window. {user}: type your passphrase to carry on where you left "
                "off. Someone else may sign in instead; {user}'s unsaved work would then be lost."
            ).format(user=self.locked_user))
        else:
            layout.addWidget(heading(self.tr("Sign in to FieldReg")))
            layout.addWidget(station)
            hint = QLabel(self.tr("Type your user name and your passphrase."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        if note:
            extra = QLabel(note)
            extra.setObjectName("loginNote")
            extra.setWordWrap(True)
            layout.addWidget(extra)
        if self.store.post_id == DEMO_POST_ID:
            layout.addWidget(self._demo_hint())

        form = QFormLayout()
        self.user = QLineEdit(self.locked_user or "")
        self.user.setObjectName("loginUser")
        self.user.setAccessibleName(self.tr("User name"))
        self.user.setMaxLength(64)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("loginPassphrase")
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMaxLength(1024)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        layout.addLayout(form)

        self.message = self._message_label("loginMessage")
        layout.addWidget(self.message)
        self.button = QPushButton(self.tr("Unlock", "button") if self.locked_user
                                  else self.tr("Sign in", "button"))
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)

        self.user.returnPressed.connect(self._user_entered)
        self.passphrase.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        return page

    def _demo_hint(self) -> QLabel:
        roles = {"admin": self.tr("administrator"), "supervisor": self.tr("supervisor"),
                 "officer": self.tr("officer")}
        lines = [self.tr("Demo post: every person in it is fictitious. Demo accounts:")]
        lines += [self.tr("{user} ({role}), passphrase {passphrase}").format(
            user=user, role=roles.get(role, role), passphrase=passphrase)
            for user, role, passphrase in demo_users()]
        label = QLabel("\n".join(lines))
        label.setObjectName("demoAccounts")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _change_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Choose your own passphrase")))
        self.change_hint = QLabel()
        self.change_hint.setWordWrap(True)
        layout.addWidget(self.change_hint)
        form = QFormLayout()
        self.new_passphrase = QLineEdit()
        self.new_passphrase.setObjectName("newPassphrase")
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_passphrase = QLineEdit()
        self.repeat_passphrase.setObjectName("repeatPassphrase")
        self.repeat_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&New passphrase:"), self.new_passphrase)
        form.addRow(self.tr("&Repeat it:"), self.repeat_passphrase)
        layout.addLayout(form)
        self.change_message = self._message_label("changeMessage")
        layout.addWidget(self.change_message)
        self.change_button = QPushButton(self.tr("Save my passphrase"))
        self.change_button.setObjectName("changePassphraseButton")
        layout.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignRight)
        self.new_passphrase.returnPressed.connect(self.repeat_passphrase.setFocus)
        self.repeat_passphrase.returnPressed.connect(self.change)
        self.change_button.clicked.connect(self.change)
        return page

    # -- signing in -------------------------------------------------------------------

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.user, self.passphrase, self.button, self.new_passphrase,
                       self.repeat_passphrase, self.change_button):
            widget.setEnabled(not busy)

    def _user_entered(self) -> None:
        if self.passphrase.text():
            self.submit()
        else:
            self.passphrase.setFocus()

    def submit(self) -> None:
        """Check the typed passphrase (on a pool thread: the key derivation is slow)."""
        if self._busy:
            return
        user = self.user.text().strip()
        passphrase = self.passphrase.text()
        if not user:
            self._show(self.message, self.tr("Type your user name."))
            self.user.setFocus()
            return
        if not passphrase:
            self._show(self.message, self.tr("Type your passphrase."))
            self.passphrase.setFocus()
            return
        self._show(self.message, "")
        self._set_busy(True)
        store = self.store
        run_task(self, self.tr("Checking the passphrase…"),
                 lambda progress: store.unlock(user, passphrase),
                 on_done=self._unlocked, on_error=self._refused)

    def _refused(self, err: BaseException) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        if isinstance(err, FieldRegError):
            self._show(self.message, self.refusal(err))
        else:
            self._show(self.message, self.tr("Signing in did not work."))
            show_error(self, err)
        self.passphrase.setFocus()

    def _unlocked(self, session: Session) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        if session.account.must_change:
            self._pending = session
            self.change_hint.setText(self.tr(
                "{user}, this is your first sign-in with the passphrase you were given. Choose your "
                "own (at least {n} characters); nobody else should know it."
            ).format(user=session.user, n=MIN_PASSPHRASE))
            self.pages.setCurrentIndex(1)
            self.setFocusProxy(self.new_passphrase)
            self.new_passphrase.setFocus()
            return
        self.signedIn.emit(session)

    def refusal(self, err: FieldRegError) -> str:
        """The core's refusal as one translated line, in this screen's own words when it has some."""
        params = err.message.params
        user, seconds = params.get("username", ""), params.get("seconds", "")
        # An unknown user name (UnknownUser) is worded as a wrong passphrase on purpose.
        if isinstance(err, WrongPassphrase):
            line = (self.tr("Wrong passphrase for {user}. Wait {seconds} s before trying again.")
                    if seconds else self.tr("Wrong passphrase for {user}."))
        elif isinstance(err, LockedOut):
            line = self.tr("Too many wrong passphrases for {user}: try again in {seconds} s.")
        elif isinstance(err, AccountDisabled):
            line = self.tr("The account {user} is disabled: ask a supervisor.")
        else:
            return error_text(err)
        return line.format(user=user, seconds=seconds)

    # -- first sign-in: a passphrase of one's own ----------------------------------------

    def change(self) -> None:
        session = self._pending
        if session is None or self._busy:
            return
        new, repeat = self.new_passphrase.text(), self.repeat_passphrase.text()
        if len(new) < MIN_PASSPHRASE:
            self._show(self.change_message, self.tr("A passphrase needs at least {n} characters.")
                       .format(n=MIN_PASSPHRASE))
            self.new_passphrase.setFocus()
            return
        if new != repeat:
            self._show(self.change_message, self.tr("The two passphrases differ; type them again."))
            self.repeat_passphrase.clear()
            self.repeat_passphrase.setFocus()
            return
        self._show(self.change_message, "")
        self._set_busy(True)
        run_task(self, self.tr("Saving your new passphrase…"),
                 lambda progress: session.accounts.change_passphrase(new),
                 on_done=lambda _result: self._changed(session), on_error=self._change_refused)

    def _change_refused(self, err: BaseException) -> None:
        self._set_busy(False)
        if isinstance(err, FieldRegError):
            text = error_text(err)
            if isinstance(err, PassphraseIsUserName):
                text = self.tr("The passphrase must not be your user name.")
            self._show(self.change_message, text)
        else:
            show_error(self, err)
        self.new_passphrase.setFocus()

    def _changed(self, session: Session) -> None:
        self._set_busy(False)
        self._pending = None
        self.new_passphrase.clear()
        self.repeat_passphrase.clear()
        self.signedIn.emit(session)

