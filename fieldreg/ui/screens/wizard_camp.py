"""The setup wizard's camp page: a verify-only station from HQ's trust list and HQ's fingerprint.

>>> page = CampPage(data_dir)                      # doctest: +SKIP
>>> page.created.connect(window.station_created)   # doctest: +SKIP

"Set up the camp station" calls ``create_camp``, as ``fieldreg init --camp``
does; the fingerprint HQ gave by phone or on paper proves the list is HQ's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from fieldreg.regno import POST_ID_RE
from fieldreg.ui.screens.wizard_page import AdminFields, WizardPage, paragraph


class CampPage(WizardPage):
    """A camp station: its id and name, HQ's trust list checked against HQ's fingerprint, its first administrator."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(data_dir, parent)
        layout = self._page(self.tr("Set up a camp station (verify only)"))
        layout.addWidget(paragraph(self.tr(
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
        self.camp_admin = AdminFields("camp", form)
        layout.addLayout(form)
        self.camp_message = self._message("campMessage")
        layout.addWidget(self.camp_message)
        self.create_camp_button = self._buttons(layout, self.tr("Set up the camp station"),
                                                "createCamp", self.create_camp)

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
