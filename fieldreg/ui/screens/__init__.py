"""The app's screens: each a QWidget built from an :class:`fieldreg.ui.context.AppContext`.

The main window shows the screens a user's role and the station's kind allow.
Every screen follows one small contract so the window can host it::

    class RegisterScreen(Screen):
        def __init__(self, ctx: AppContext, parent: QWidget | None = None): ...
        # in __init__: self.setWindowTitle(self.tr("Register")) -- the window's navigation shows it
        def activated(self) -> None: ...   # shown again: refresh what may have changed
        def has_unsaved_work(self) -> bool: ...  # asked before a user switch discards the screen
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from fieldreg.ui.context import AppContext


class Screen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        """The screen's name in the navigation: its window title, set (translated) by the screen."""
        return self.windowTitle()

    def activated(self) -> None:
        """Called each time the screen is shown; refresh data here."""

    def has_unsaved_work(self) -> bool:
        return False

    def scrolling_column(self) -> tuple[QWidget, QVBoxLayout]:
        """Lay the screen out as one column that scrolls when the window is small (1366×768).

        Returns the column's widget (the parent for the screen's widgets) and its layout.
        """
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        return body, QVBoxLayout(body)
