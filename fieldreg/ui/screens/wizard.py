"""First run: make this computer a border post, a verify-only camp station, or a demo post.

>>> wizard = SetupWizard(data_dir)                 # doctest: +SKIP
>>> wizard.created.connect(window.station_created)  # (store, note for the login page)

Shown when the data directory holds no store. Each choice calls the same core
function as ``fieldreg init``:

- border post: ``open_enrollment`` (HQ's file and its one-time passphrase),
  then ``create_enrolled_post`` with the post's name and its first administrator;
- camp: ``create_camp`` from HQ's trust list, checked against the fingerprint
  HQ gave by phone or on paper;
- demo: ``create_demo`` (fictitious households and the published demo accounts).

The slow parts (key derivations, the demo's households) run through
:func:`fieldreg.ui.tasks.run_task`. Every refusal is one line under the form;
nothing is created unless everything succeeded (the core removes a half-made store).

Object names for tests: ``choosePost``, ``chooseCamp``, ``chooseDemo``; on the post
page ``enrollmentFile``, ``enrollmentPassphrase``, ``postName``, ``postAdminUser``,
``postAdminPassphrase``, ``postAdminRepeat``, ``createPost``, ``postMessage``; on the
camp page ``campId``, ``campName``, ``trustFile``, ``hqFingerprint``, ``campAdminUser``,
``campAdminPassphrase``, ``campAdminRepeat``, ``createCamp``, ``campMessage``; on the
demo page ``createDemo``, ``demoMessage``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.regno import POST_ID_RE
from fieldreg.station.accounts import MIN_PASSPHRASE, USERNAME_RE
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.tasks import run_task
from fieldreg.ui.text import error_text


class _AdminFields:
    """The first administrator: user name and passphrase typed twice."""

    def __init__(self, prefix: str, form: QFormLayout):
        self.user = QLineEdit()
        self.user.setObjectName(f"{prefix}AdminUser")
        self.user.setMaxLength(32)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName(f"{prefix}AdminPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName(f"{prefix}AdminRepeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("SetupWizard", "Administrator's user name:"),
                    self.user)
        form.addRow(QCoreApplication.translate("SetupWizard", "Administrator's passphrase:"),
                    self.passphrase)
        form.addRow(QCoreApplication.translate("SetupWizard", "Passphrase again:"), self.repeat)

    def problem(self) -> tuple[str, QLineEdit] | None:
        """What is wrong with the typed account, in one line, and the field to fix."""
        user = self.user.text().strip()
        if not USERNAME_RE.match(user):
            text = QCoreApplication.translate(
                "SetupWizard", "The user name must be 2 to 32 lower-case letters, digits, '.', '_' "
                "or '-', starting with a letter.")
            return text, self.user
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            text = QCoreApplication.translate(
                "SetupWizard", "The passphrase needs at least {n} characters.")
            return text.format(n=MIN_PASSPHRASE), self.passphrase
        if self.passphrase.text().strip().lower() == user:
            text = QCoreApplication.translate(
                "SetupWizard", "The passphrase must not be the user name.")
            return text, self.passphrase
        if self.passphrase.text() != self.repeat.text():
            text = QCoreApplication.translate(
                "SetupWizard", "The two passphrases differ; type them again.")
            return text, self.repeat
        return None


class SetupWizard(QWidget):
    """``created(store, note)`` fires once the station exists; ``note`` is shown at sign-in."""

    created = Signal(object, str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Set up this computer"))
        self.pages = QStackedWidget()
        self.pages.setObjectName("wizardPages")
        self.choice_page = self._choice_page()
        self.post_page = self._post_page()
        self.camp_page = self._camp_page()
        self.demo_page = self._demo_page()
        for page in (self.choice_page, self.post_page, self.camp_page, self.demo_page):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- pages --------------------------------------------------------------------------

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        label.setFont(font)
        label.setWordWrap(True)
        return label

    def _text(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _message(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020;")
        label.hide()
        return label

    def _page(self, title: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        page.setMaximumWidth(760)
        layout = QVBoxLayout(page)
        layout.addWidget(self._heading(title))
        return page, layout

    def _buttons(self, layout: QVBoxLayout, label: str, name: str, action: Callable[[], None]) -> QPushButton:
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(lambda: self.show_page(self.choice_page))
        go = QPushButton(label)
        go.setObjectName(name)
        go.setDefault(True)
        go.clicked.connect(action)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(go)
        layout.addStretch(1)
        layout.addLayout(row)
        return go

    def _file_row(self, form: QFormLayout, label: str, name: str, caption: str,
                  changed: Callable[[], None] | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        browse = QPushButton(self.tr("Choose…"))

        def choose() -> None:
            path, _ = QFileDialog.getOpenFileName(self, caption, str(Path.home()))
            if path:
                edit.setText(path)

        browse.clicked.connect(choose)
        if changed is not None:
            edit.editingFinished.connect(changed)
            edit.textChanged.connect(lambda _text: changed())
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        form.addRow(label, row)
        return edit

    def _choice_page(self) -> QWidget:
        page, layout = self._page(self.tr("Set up this computer"))
        layout.addWidget(self._text(self.tr(
            "There is no FieldReg station on this computer yet (folder {folder}). "
            "Choose what this computer will be.").format(folder=self.data_dir)))
        for name, title, detail, target in (
            ("choosePost", self.tr("A border post"),
             self.tr("Registers arriving households. You need the enrollment file HQ prepared for "
                     "this post and its passphrase."), lambda: self.post_page),
            ("chooseCamp", self.tr("A camp or host village (verify slips only)"),
             self.tr("Checks the slips people carry. You need HQ's trust list file and HQ's "
                     "fingerprint, given by phone or on paper."), lambda: self.camp_page),
            ("chooseDemo", self.tr("A demo post, to try FieldReg"),
             self.tr("A border post filled with fictitious households and three demo accounts. "
                     "Never for real registrations."), lambda: self.demo_page),
        ):
            button = QCommandLinkButton(title, detail)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, target=target: self.show_page(target()))
            layout.addWidget(button)
        layout.addStretch(1)
        return page

    def _post_page(self) -> QWidget:
        page, layout = self._page(self.tr("Set up a border post"))
        layout.addWidget(self._text(self.tr(
            "HQ gave you an enrollment file for this post (on a USB stick) and, separately, its "
            "passphrase. The post's signing key comes from that file.")))
        form = QFormLayout()
        self.enrollment_file = self._file_row(form, self.tr("Enrollment file:"), "enrollmentFile",
                                              self.tr("HQ's enrollment file"), self._enrollment_chosen)
        self.enrollment_info = QLabel()
        self.enrollment_info.setObjectName("enrollmentInfo")
        self.enrollment_info.setWordWrap(True)
        form.addRow("", self.enrollment_info)
        self.enrollment_passphrase = QLineEdit()
        self.enrollment_passphrase.setObjectName("enrollmentPassphrase")
        self.enrollment_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Enrollment passphrase (from HQ):"), self.enrollment_passphrase)
        self.post_name = QLineEdit()
        self.post_name.setObjectName("postName")
        self.post_name.setMaxLength(120)
        form.addRow(self.tr("Name of the post:"), self.post_name)
        self.post_admin = _AdminFields("post", form)
        layout.addLayout(form)
        self.post_message = self._message("postMessage")
        layout.addWidget(self.post_message)
        self.create_post_button = self._buttons(layout, self.tr("Set up the post"), "createPost",
                                                self.create_post)
        return page

    def _camp_page(self) -> QWidget:
        page, layout = self._page(self.tr("Set up a camp station (verify only)"))
        layout.addWidget(self._text(self.tr(
            "This station checks slips against HQ's trust list; it registers nobody. Compare the "
            "fingerprint with the one HQ gave you by phone or on paper: it proves the list is HQ's.")))
        form = QFormLayout()
        self.camp_id = QLineEdit()
        self.camp_id.setObjectName("campId")
        self.camp_id.setMaxLength(8)
        self.camp_id.setPlaceholderText(self.tr("e.g. CAMP1"))
        form.addRow(self.tr("Station id:"), self.camp_id)
        self.camp_name = QLineEdit()
        self.camp_name.setObjectName("campName")
        self.camp_name.setMaxLength(120)
        form.addRow(self.tr("Name of the camp or village:"), self.camp_name)
        self.trust_file = self._file_row(form, self.tr("Trust list file:"), "trustFile",
                                         self.tr("HQ's trust list"))
        self.hq_fingerprint = QLineEdit()
        self.hq_fingerprint.setObjectName("hqFingerprint")
        self.hq_fingerprint.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        form.addRow(self.tr("HQ fingerprint:"), self.hq_fingerprint)
        self.camp_admin = _AdminFields("camp", form)
        layout.addLayout(form)
        self.camp_message = self._message("campMessage")
        layout.addWidget(self.camp_message)
        self.create_camp_button = self._buttons(layout, self.tr("Set up the camp station"),
                                                "createCamp", self.create_camp)
        return page

    def _demo_page(self) -> QWidget:
        from fieldreg.ui.screens.login import demo_users

        page, layout = self._page(self.tr("Set up the demo post"))
        roles = {"admin": self.tr("administrator"), "supervisor": self.tr("supervisor"),
                 "officer": self.tr("officer")}
        accounts = "\n".join(
            self.tr("{user} ({role}), passphrase {passphrase}").format(
                user=user, role=roles.get(role, role), passphrase=passphrase)
            for user, role, passphrase in demo_users())
        layout.addWidget(self._text(self.tr(
            "The demo post holds about 300 fictitious households registered over the last 30 days, "
            "with a surge in the last three, and a demo HQ so slips verify. Never type real "
            "people's data into it.")))
        layout.addWidget(self._text(self.tr("Its accounts (published, demo only):")))
        users = self._text(accounts)
        users.setObjectName("demoUsers")
        users.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(users)
        self.demo_message = self._message("demoMessage")
        layout.addWidget(self.demo_message)
        self.create_demo_button = self._buttons(layout, self.tr("Create the demo post"),
                                                "createDemo", self.create_demo)
        return page

    def show_page(self, page: QWidget) -> None:
        for index in range(self.pages.count()):
            scroll = self.pages.widget(index)
            if isinstance(scroll, QScrollArea) and scroll.widget() is page:
                self.pages.setCurrentIndex(index)
                page.focusNextChild()
                return

    def current_page(self) -> QWidget | None:
        scroll = self.pages.currentWidget()
        return scroll.widget() if isinstance(scroll, QScrollArea) else None

    # -- checks and creation ----------------------------------------------------------------

    def _say(self, label: QLabel, text: str, field: QWidget | None = None) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        if field is not None:
            field.setFocus()

    def _read(self, path_text: str, missing: str) -> bytes | str:
        """The file's bytes, or the one-line reason it cannot be read (``missing``: none chosen)."""
        path = path_text.strip()
        if not path:
            return missing
        try:
            return Path(path).expanduser().read_bytes()
        except OSError as err:
            return self.tr("Cannot read {path}: {reason}.").format(path=path, reason=err.strerror or err)

    def _enrollment_chosen(self) -> None:
        """Show which post and which HQ the chosen file is for (read without its passphrase)."""
        data = self._read(self.enrollment_file.text(), self.tr("Choose the enrollment file."))
        if not isinstance(data, bytes):
            self.enrollment_info.setText("")
            return
        from fieldreg.station.enrollment import read_enrollment_info

        try:
            info = read_enrollment_info(data)
        except FieldRegError:
            self.enrollment_info.setText(self.tr("This is not an enrollment file from HQ."))
            return
        self.enrollment_info.setText(self.tr(
            "Post {post}. HQ fingerprint {fingerprint}: compare it with the one HQ gave you."
        ).format(post=info.post_id, fingerprint=info.hq_fingerprint))
        if not self.post_name.text().strip():
            self.post_name.setText(info.post_id)

    def _run(self, label: str, message: QLabel, work: Callable[[], tuple[Any, str]],
             button: QWidget) -> None:
        self._say(message, "")
        button.setEnabled(False)

        def failed(err: BaseException) -> None:
            button.setEnabled(True)
            if isinstance(err, FieldRegError):
                self._say(message, error_text(err))
            else:
                self._say(message, self.tr("The station was not set up."))
                show_error(self, err)

        def done(result: tuple[Any, str]) -> None:
            button.setEnabled(True)
            store, note = result
            self.created.emit(store, note)

        run_task(self, label, lambda progress: work(), on_done=done, on_error=failed)

    def create_post(self) -> None:
        data = self._read(self.enrollment_file.text(), self.tr("Choose the enrollment file."))
        if not isinstance(data, bytes):
            self._say(self.post_message, data, self.enrollment_file)
            return
        passphrase = self.enrollment_passphrase.text()
        if not passphrase:
            self._say(self.post_message, self.tr("Type the enrollment passphrase HQ gave you."),
                      self.enrollment_passphrase)
            return
        name = self.post_name.text().strip()
        if not name:
            self._say(self.post_message, self.tr("Type the name of the post."), self.post_name)
            return
        problem = self.post_admin.problem()
        if problem:
            self._say(self.post_message, *problem)
            return
        admin, admin_pass = self.post_admin.user.text().strip(), self.post_admin.passphrase.text()
        data_dir = self.data_dir
        wrong_passphrase = self.tr("Wrong enrollment passphrase: type it exactly as HQ gave it.")

        def work() -> tuple[Any, str]:
            from fieldreg.errors import AuthError
            from fieldreg.station.enrollment import create_enrolled_post, open_enrollment

            try:
                enrollment = open_enrollment(data, passphrase)
            except AuthError:
                raise AuthError(wrong_passphrase) from None
            store = create_enrolled_post(data_dir, enrollment, post_name=name, admin=admin,
                                         passphrase=admin_pass)
            return store, ""

        self._run(self.tr("Setting up the post…"), self.post_message, work,
                  self.create_post_button)

    def create_camp(self) -> None:
        camp_id = self.camp_id.text().strip().upper()
        if not POST_ID_RE.match(camp_id):
            self._say(self.camp_message, self.tr(
                "The station id must be 2 to 8 capital letters or digits, starting with a letter."),
                self.camp_id)
            return
        name = self.camp_name.text().strip() or camp_id
        data = self._read(self.trust_file.text(), self.tr("Choose the trust list file."))
        if not isinstance(data, bytes):
            self._say(self.camp_message, data, self.trust_file)
            return
        fingerprint = self.hq_fingerprint.text().strip()
        if not fingerprint:
            self._say(self.camp_message, self.tr("Type HQ's fingerprint, as HQ gave it to you."),
                      self.hq_fingerprint)
            return
        problem = self.camp_admin.problem()
        if problem:
            self._say(self.camp_message, *problem)
            return
        admin, admin_pass = self.camp_admin.user.text().strip(), self.camp_admin.passphrase.text()
        data_dir = self.data_dir

        def work() -> tuple[Any, str]:
            from fieldreg.station.enrollment import create_camp

            store = create_camp(data_dir, camp_id=camp_id, camp_name=name, trust_list=data,
                                fingerprint=fingerprint, admin=admin, passphrase=admin_pass)
            return store, ""

        self._run(self.tr("Setting up the camp station…"), self.camp_message, work,
                  self.create_camp_button)

    def create_demo(self) -> None:
        data_dir = self.data_dir
        note = self.tr("The demo post is ready.")

        def work() -> tuple[Any, str]:
            from fieldreg.station import Station
            from fieldreg.station.demo import create_demo

            create_demo(data_dir)
            return Station.open(data_dir), note

        self._run(self.tr("Creating the demo post (a few seconds)…"), self.demo_message, work,
                  self.create_demo_button)
