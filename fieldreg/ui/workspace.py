"""The signed-in user's screens: a navigation list on the left, the chosen screen on the right.

    workspace = Workspace()
    workspace.build(screens_for(station.kind, session.role), ctx)   # when a user signs in
    workspace.show_screen(0)                                        # Ctrl+1
    workspace.clear()                                               # another user signs in

Each screen sits in its own scroll area, so a screen taller than the window
(1366×768 laptops) scrolls instead of squeezing. Showing a screen calls its
``activated()`` and gives it the keyboard focus.

Object names for tests: ``workspace``, ``navList``, ``screenStack``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from fieldreg.ui.context import AppContext
from fieldreg.ui.screens import Screen

if TYPE_CHECKING:
    from fieldreg.ui.screens.catalog import ScreenSpec


class Workspace(QWidget):
    screenShown = Signal()  # another screen is in front (the window's title names it)
    languageChosen = Signal(str)  # a screen (Preferences) switched the language

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("workspace")
        self._screens: list[Screen] = []
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self._nav_changed)

    @property
    def screens(self) -> list[Screen]:
        return list(self._screens)

    def current_screen(self) -> Screen | None:
        row = self.nav.currentRow()
        return self._screens[row] if 0 <= row < len(self._screens) else None

    def current_row(self) -> int:
        return self.nav.currentRow()

    def show_screen(self, row: int) -> None:
        """Select screen ``row`` (0-based; Ctrl+1 is row 0) if it exists."""
        if 0 <= row < len(self._screens):
            self.nav.setCurrentRow(row)

    def build(self, specs: Sequence[ScreenSpec], ctx: AppContext) -> None:
        """Build the screens of ``specs`` for ``ctx``, in this order, after the ones already here.

        A screen that fails to build raises (its error is a bug to see, not a
        screen to leave out); the screens built so far stay: :meth:`clear` them.
        """
        self.nav.blockSignals(True)
        try:
            for spec in specs:
                self._add(spec.screen(ctx))
        finally:
            self.nav.blockSignals(False)

    def _add(self, screen: Screen) -> None:
        signal = getattr(screen, "languageChanged", None)
        if signal is not None:
            signal.connect(self.languageChosen)
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

    def clear(self) -> None:
        """Take every screen out, to be deleted."""
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        while (scroll := self.stack.widget(0)) is not None:
            self.stack.removeWidget(scroll)
            scroll.deleteLater()
        self._screens = []

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self._screens):
            return
        self.stack.setCurrentIndex(row)
        screen = self._screens[row]
        self.screenShown.emit()
        screen.activated()
        focus = QApplication.focusWidget()
        if focus is None or not screen.isAncestorOf(focus):
            screen.setFocus()
            screen.focusNextChild()
