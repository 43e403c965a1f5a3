"""The questions the window asks before unsaved work is lost: another user, a language, quitting.

>>> ask_discard_work(window, previous="awa", user="ali", screens=["Register"],   # doctest: +SKIP
...                  answered=lambda discard: ...)
>>> ask_language_switch(window, screens=["Register"], answered=lambda now: ...)  # doctest: +SKIP
>>> ask_quit(window, screens=["Register"], answered=lambda quit: ...)            # doctest: +SKIP

Each opens a window-modal box (no nested event loop: tests find it by its
object name, ``discardWorkDialog``, ``languageSwitchConfirm``, ``quitConfirm``)
whose safe answer is the default, and calls ``answered(True)`` only when the
user chose to lose the work. The box deletes itself once closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_discard_work(parent: QWidget, *, previous: str, user: str, screens: list[str],
                     answered: Callable[[bool], None]) -> QMessageBox:
    """Another user signs in while ``previous`` left unsaved work in ``screens``."""
    return _ask(
        parent, "discardWorkDialog", answered=answered,
        title=QCoreApplication.translate("Confirm", "Sign in as {user}?").format(user=user),
        text=QCoreApplication.translate(
            "Confirm", "{previous} left unsaved work in: {screens}. It will be lost if {user} signs in "
            "now.").format(previous=previous, screens=", ".join(screens), user=user),
        lose=QCoreApplication.translate("Confirm", "Discard it and sign in"))


def ask_language_switch(parent: QWidget, *, screens: list[str],
                        answered: Callable[[bool], None]) -> QMessageBox:
    """Switching the language now rebuilds every screen: ``answered(True)`` is "now"."""
    return _ask(
        parent, "languageSwitchConfirm", answered=answered,
        title=QCoreApplication.translate("Confirm", "Switch the language now?"),
        text=QCoreApplication.translate(
            "Confirm", "Switching now rebuilds every screen, and the unsaved work in {screens} would be "
            "lost. Otherwise the new language is used from the next start of FieldReg."
            ).format(screens=", ".join(screens)),
        lose=QCoreApplication.translate("Confirm", "Switch now"),
        keep=QCoreApplication.translate("Confirm", "At the next start"))


def ask_quit(parent: QWidget, *, screens: list[str], answered: Callable[[bool], None]) -> QMessageBox:
    """Closing the window with unsaved work in ``screens``."""
    return _ask(
        parent, "quitConfirm", answered=answered,
        title=QCoreApplication.translate("Confirm", "Quit FieldReg?"),
        text=QCoreApplication.translate("Confirm", "There is unsaved work in: {screens}. It will be lost.").format(
            screens=", ".join(screens)),
        lose=QCoreApplication.translate("Confirm", "Quit and lose it"))


def _ask(parent: QWidget, name: str, *, title: str, text: str, lose: str, keep: str | None = None,
         answered: Callable[[bool], None]) -> QMessageBox:
    """Open the box: ``lose`` loses the work; ``keep`` (else Cancel) is the default, safe answer."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    lose_button = box.addButton(lose, QMessageBox.ButtonRole.DestructiveRole)
    safe = (box.addButton(QMessageBox.StandardButton.Cancel) if keep is None
            else box.addButton(keep, QMessageBox.ButtonRole.RejectRole))
    box.setDefaultButton(safe)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: answered(box.clickedButton() is lose_button))
    box.open()
    return box
