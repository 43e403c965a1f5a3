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

By keyboard alone: the choices take the focus (and show it, with a frame),
Tab and the arrows move between them, Enter or Space chooses; "Back" returns
the focus to the choice that was taken; Enter in a page's last field creates.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
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
        self._chosen: QWidget | None = None  # the choice button that led to the page shown
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
        page.setObjectName("choicePage")
        page.setMaximumWidth(760)
        # Qt's command-link buttons draw no focus in most styles: a frame shows where Enter goes.
        page.setStyleSheet("QCommandLinkButton { border: 2px solid transparent; border-radius: 4px; }"
                           " QCommandLinkButton:focus { border-color: palette(highlight); }")
        layout = QVBoxLayout(page)
        layout.addWidget(heading(self.tr("Set up this computer")))
        layout.addWidget(paragraph(self.tr(
            "There is no FieldReg station on this computer yet (folder {folder}). "
            "Choose what this computer will be.").format(folder=self.data_dir)))
        self.choices: list[QCommandLinkButton] = []
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
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(lambda _checked=False, target=target, button=button: self._choose(button, target()))
            layout.addWidget(button)
            self.choices.append(button)
        layout.addStretch(1)
        return page

    def _choose(self, button: QWidget, page: QWidget) -> None:
        self._chosen = button
        self.show_page(page)

    def show_page(self, page: QWidget) -> None:
        """Show ``page`` with the focus on its first field (on the choices: the one taken before)."""
        for index in range(self.pages.count()):
            scroll = self.pages.widget(index)
            if isinstance(scroll, QScrollArea) and scroll.widget() is page:
                self.pages.setCurrentIndex(index)
                self._focus_first(page)
                return

    def _focus_first(self, page: QWidget) -> None:
        if page is self.choice_page:
            target: QWidget | None = self._chosen or self.choices[0]
        else:
            target = next((w for w in page.findChildren(QWidget)
                           if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
                           and w.isVisibleTo(page) and w.focusProxy() is None), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.current_page() is self.choice_page and not any(b.hasFocus() for b in self.choices):
            self._focus_first(self.choice_page)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up and Down move between the choices too."""
        buttons: list[QWidget] = list(self.choices)
        focused = next((i for i, b in enumerate(buttons) if b.hasFocus()), None)
        if focused is not None and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            buttons[(focused + step) % len(buttons)].setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)

    def current_page(self) -> QWidget | None:
        scroll = self.pages.currentWidget()
        return scroll.widget() if isinstance(scroll, QScrollArea) else None
