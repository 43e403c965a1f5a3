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

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from fieldreg.ui.context import AppContext
from fieldreg.ui.tasks import Progress, Task, run_task


class Screen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False  # background work of this screen is running (one at a time)

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

    def run_busy(
        self, label: str, work: Callable[[Progress], Any], *,
        on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """:func:`fieldreg.ui.tasks.run_task` with ``self.busy`` set until the work ends.

        :meth:`busy_changed` runs when it starts and when it ends (before the callback).
        """
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(err: BaseException) -> None:
            self._set_busy(False)
            if on_error is not None:
                on_error(err)
            else:
                from fieldreg.ui.dialogs import show_error

                show_error(self, err)

        return run_task(self, label, work, on_done=done, on_error=failed)

    def busy_changed(self) -> None:
        """Enable or disable what must wait while background work runs."""

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed()
