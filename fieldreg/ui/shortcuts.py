"""The window's keyboard shortcuts: Ctrl+L locks, Ctrl+Q quits, Ctrl+1 … Ctrl+9 show a screen,
F1 opens the guide of the screen on view.

>>> shortcuts = WindowShortcuts(window, lock=window.lock, close=window.close,  # doctest: +SKIP
...                             show_screen=window.show_screen)
>>> shortcuts.retranslate()                                                    # doctest: +SKIP

Lock and Quit work wherever the focus is in the app (the sign-in page, a
screen's dialog); ``screen_actions[n]`` is Ctrl+<n+1>, which shows screen row
``n`` of the workspace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class WindowShortcuts(QObject):
    def __init__(self, window: QWidget, *, lock: Callable[[], None], close: Callable[[], object],
                 show_screen: Callable[[int], None], show_help: Callable[[], None] | None = None):
        super().__init__(window)
        self.lock_action = QAction(window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(lock)
        self.quit_action = QAction(window)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(close)
        window.addAction(self.lock_action)
        window.addAction(self.quit_action)
        self.help_action = QAction(window)
        self.help_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if show_help is not None:
            self.help_action.triggered.connect(show_help)
        window.addAction(self.help_action)
        self.screen_actions: list[QAction] = []
        for number in range(1, 10):
            action = QAction(window)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, row=number - 1: show_screen(row))
            window.addAction(action)
            self.screen_actions.append(action)

    def retranslate(self) -> None:
        """The actions' names (again after a language switch)."""
        self.lock_action.setText(self.tr("Lock"))
        self.quit_action.setText(self.tr("Quit"))
        self.help_action.setText(self.tr("Help"))
