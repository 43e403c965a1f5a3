"""The setup wizard's border-post page: HQ's enrollment file, its passphrase, the first administrator.

>>> page = PostPage(data_dir)                      # doctest: +SKIP
>>> page.created.connect(window.station_created)   # doctest: +SKIP

Choosing the file shows which post and which HQ it is for (read without its
passphrase); "Set up the post" calls ``open_enrollment`` then
``create_enrolled_post``, as ``fieldreg init --enroll FILE`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from fieldreg.errors import FieldRegError
from fieldreg.ui.screens.wizard_page import AdminFields, WizardPage, paragraph


class PostPage(WizardPage):
    """A border post: HQ's enrollment file and passphrase, the post's name, its first administrator."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(data_dir, parent)
        layout = self._page(self.tr("Set up a border post"))
        layout.addWidget(paragraph(self.tr(
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
        self.post_admin = AdminFields("post", form)
        layout.addLayout(form)
        self.post_message = self._message("postMessage")
        layout.addWidget(self.post_message)
        self.create_post_button = self._buttons(layout, self.tr("Set up the post"), "createPost",
                                                self.create_post)

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
