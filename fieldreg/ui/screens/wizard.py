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

One module per page: ``wizard_post``, ``wizard_camp``, ``wizard_demo``, on
what ``wizard_page`` gives them all. Object names for tests: ``choosePost``, ``chooseCamp``, ``chooseDemo``; on the post
page ``enrollmentFile``, ``enrollmentPassphrase``, ``postName``, ``postAdminUser``,
``postAdminPassphrase``, ``postAdminRepeat``, ``createPost``, ``postMessage``; on the
camp page ``campId``, ``campName``, ``trustFile``, ``hqFingerprint``, ``campAdminUser``,
``campAdminPassphrase``, ``campAdminRepeat``, ``createCamp``, ``campMessage``; on the
demo page ``createDemo``, ``demoMessage``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldreg.ui.screens.wizard_camp import CampPage
from fieldreg.ui.screens.wizard_demo import DemoPage
from fieldreg.ui.screens.wizard_page import paragraph
from fieldreg.ui.screens.wizard_post import PostPage
from fieldreg.ui.widgets.labels import heading


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
        self.post_page = PostPage(data_dir)
        self.camp_page = CampPage(data_dir)
        self.demo_page = DemoPage(data_dir)
        for step in (self.post_page, self.camp_page, self.demo_page):
            step.back.connect(lambda: self.show_page(self.choice_page))
            step.created.connect(self.created)
        for page in (self.choice_page, self.post_page, self.camp_page, self.demo_page):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.pages.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _choice_page(self) -> QWidget:
        page = QWidget()
        page.setMaximumWidth(760)
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Set up this computer")))
        layout.addWidget(paragraph(self.tr(
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
