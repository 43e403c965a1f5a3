"""Dialogs grow with what they show (issue 14 item 7): a refusal shown later is never cut off."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from fieldreg.errors import InvalidInput
from fieldreg.ui.widgets.reason import ReasonDialog

LONG = ("This registration cannot be voided now: it was changed by another supervisor since you "
        "opened it, and a void needs the version you saw; open it again, read the changes, then "
        "void it with your reason.")


def refuse(_reason: str) -> None:
    raise InvalidInput(LONG)


def test_a_reason_dialog_grows_to_show_a_long_refusal_whole(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReasonDialog(None, "Void", "Why is this registration voided?", refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    before = dialog.height()
    dialog.reason.setText("duplicate")
    dialog.try_accept()
    QApplication.processEvents()
    message = dialog.message
    assert message.isVisible() and LONG.split(":")[0] in message.text()
    # The label has the height its wrapped text needs at its width, inside the dialog.
    assert message.height() >= message.heightForWidth(message.width())
    assert message.geometry().bottom() <= dialog.rect().bottom()
    assert dialog.height() > before
