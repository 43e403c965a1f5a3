"""Errors as plain-language dialogs, never tracebacks.

>>> show_error(self, err)  # doctest: +SKIP

A :class:`fieldreg.errors.FieldRegError` already says in one line what went
wrong and what to do; the dialog gives it a translated headline by kind. Any
other exception is a bug: its trace goes to the log (never personal data, only
the exception) and the user is told the action did not complete.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldreg import errors
from fieldreg.ui.text import error_text, os_reason

log = logging.getLogger(__name__)


def headline(err: BaseException) -> str:
    """A short translated title for the kind of error."""
    if isinstance(err, errors.AuthError):
        return QCoreApplication.translate("Errors", "Not signed in")
    if isinstance(err, errors.PermissionDenied):
        return QCoreApplication.translate("Errors", "Not allowed")
    if isinstance(err, errors.NotFound):
        return QCoreApplication.translate("Errors", "Not found")
    if isinstance(err, (errors.InvalidInput, errors.ValidationError)):
        return QCoreApplication.translate("Errors", "Please check the entry")
    if isinstance(err, errors.TokenRevoked):
        return QCoreApplication.translate("Errors", "Slip revoked")
    if isinstance(err, errors.TokenInvalid):
        return QCoreApplication.translate("Errors", "Slip not valid")
    if isinstance(err, errors.FieldRegError):
        return QCoreApplication.translate("Errors", "The action could not be completed")
    return QCoreApplication.translate("Errors", "Unexpected problem")


def message_for(err: BaseException, *, sentence: bool = True) -> str:
    """The one-line explanation shown under the headline (``sentence=False``: to go inside
    another message)."""
    if isinstance(err, errors.FieldRegError):
        return error_text(err, sentence=sentence)
    if isinstance(err, OSError) and err.errno:
        return QCoreApplication.translate("Errors", "The computer refused: {reason}.").format(reason=os_reason(err))
    return QCoreApplication.translate(
        "Errors", "The action did not complete and nothing was changed. Details are in the log file.")


def show_error(parent: QWidget | None, err: BaseException) -> QMessageBox:
    if not isinstance(err, errors.FieldRegError):
        log.error("unexpected error in the app", exc_info=err)
    box = QMessageBox(QMessageBox.Icon.Warning, headline(err), message_for(err),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal without a nested event loop: tests find it by its object name
    return box
