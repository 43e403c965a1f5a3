"""The setup wizard's demo page: what the demo post holds, its published accounts, and creating it.

>>> page = DemoPage(data_dir)                      # doctest: +SKIP
>>> page.created.connect(window.station_created)   # doctest: +SKIP

"Create the demo post" calls ``create_demo``, as ``fieldreg init --demo`` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fieldreg.ui.screens.wizard_page import WizardPage, paragraph


class DemoPage(WizardPage):
    """The demo post: what it holds and its published accounts."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(data_dir, parent)
        from fieldreg.ui.screens.login import demo_users

        layout = self._page(self.tr("Set up the demo post"))
        roles = {"admin": self.tr("administrator"), "supervisor": self.tr("supervisor"),
                 "officer": self.tr("officer")}
        accounts = "\n".join(
            self.tr("{user} ({role}), passphrase {passphrase}").format(
                user=user, role=roles.get(role, role), passphrase=passphrase)
            for user, role, passphrase in demo_users())
        layout.addWidget(paragraph(self.tr(
            "The demo post holds about 300 fictitious households registered over the last 30 days, "
            "with a surge in the last three, and a demo HQ so slips verify. Never type real "
            "people's data into it.")))
        layout.addWidget(paragraph(self.tr("Its accounts (published, demo only):")))
        users = paragraph(accounts)
        users.setObjectName("demoUsers")
        users.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(users)
        self.demo_message = self._message("demoMessage")
        layout.addWidget(self.demo_message)
        self.create_demo_button = self._buttons(layout, self.tr("Create the demo post"),
                                                "createDemo", self.create_demo)

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
