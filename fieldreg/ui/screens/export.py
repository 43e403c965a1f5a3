"""Export to HQ: write the new records as one batch onto a USB stick or a folder.

The screen calls the same service as ``fieldreg export``, ``fieldreg batches``
and ``fieldreg receipt load`` (``session.batches``). The USB sticks offered are
the mounted volumes :mod:`fieldreg.station.drives` calls removable; the export
runs off the UI thread behind a progress bar and ends with a message that stays
on the screen: what was written, how many records, where, and that the stick may
be removed -- or the core's one-line reason it failed (nothing is marked
exported then).

Its parts: where to write (:class:`~fieldreg.ui.widgets.destination.DestinationBox`),
the export itself (here), and the batches made so far with HQ's receipts
(:class:`~fieldreg.ui.widgets.batches.BatchesBox`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg import errors
from fieldreg.station.batches import ExportResult
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for
from fieldreg.ui.file_dialogs import Folders
from fieldreg.ui.screens import Screen
from fieldreg.ui.tasks import Task
from fieldreg.ui.text import unreadable_line
from fieldreg.ui.widgets.batches import BatchesBox
from fieldreg.ui.widgets.destination import DestinationBox
from fieldreg.ui.widgets.labels import wrapped
from fieldreg.ui.widgets.notice import Notice

log = logging.getLogger(__name__)
POLL_MS = 3000  # how often the list of sticks is refreshed while the screen is shown


class ExportScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Export"))
        self.allowed = ctx.session.account.may("export") and not ctx.is_camp

        body, layout = self.scrolling_column()

        self.refused = QLabel(self.tr("Only supervisors and administrators of a border post "
                                      "export batches."), body)
        self.refused.setObjectName("exportRefused")
        self.refused.setWordWrap(True)
        layout.addWidget(self.refused)

        self.destination = DestinationBox(body)
        self.destination.folders = Folders(ctx.settings, ctx.data_dir)
        self.destination.changed.connect(self._update_buttons)
        run = self._build_export(body)
        self.batches = BatchesBox(ctx, self.destination, body)
        self.batches.changed.connect(self._update_buttons)
        self.batches.again_button.clicked.connect(self.write_again)
        boxes = (self.destination, run, self.batches)
        for box in boxes:
            layout.addWidget(box)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.destination.refresh_drives)

        self.refused.setVisible(not self.allowed)
        for box in boxes:
            box.setEnabled(self.allowed)
        self._update_buttons()
        if self.allowed:
            self.destination.refresh_drives()
            self.batches.refresh_batches()

    def _build_export(self, body: QWidget) -> QGroupBox:
        """2. Export: the button, and the message that stays once it has run."""
        run = QGroupBox(self.tr("2. Export"), body)
        run_layout = QVBoxLayout(run)
        run_layout.addWidget(wrapped(QLabel(self.tr(
            "Every record not yet sent to HQ is written as one signed, encrypted batch, read "
            "back to check it, and only then marked as exported."), run)))
        self.export_button = QPushButton(self.tr("Export new records"), run)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export_now)
        run_layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = Notice(run)
        self.result.setObjectName("exportResult")
        run_layout.addWidget(self.result)
        return run

    # -- the screen contract -----------------------------------------------------------------

    def activated(self) -> None:
        if self.allowed:
            self.destination.refresh_drives()
            self.batches.refresh_batches()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.allowed:
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _update_buttons(self) -> None:
        ready = self.allowed and not self.busy
        self.export_button.setEnabled(ready and self.destination.target is not None)
        self.batches.update_buttons(ready=ready, can_write=self.destination.target is not None)

    # -- export --------------------------------------------------------------------------

    def export_now(self) -> Task | None:
        """Write the pending records to the destination (off the UI thread)."""
        if self.busy or not self.allowed:
            return None
        dest = self.destination
        if dest.target is None:
            self.result.show_failure(self.tr("Choose a USB stick or a folder first."))
            return None
        target, where, stick = dest.target, dest.describe(), dest.drive is not None
        batches = self.ctx.session.batches
        self.result.clear_notice()
        return self.run_busy(
            self.tr("Writing the batch to {where}…").format(where=where),
            lambda progress: batches.export(target, progress=progress),
            on_done=lambda found: self._exported(found, where, stick),
            on_error=lambda err: self._failed(self.result, err),
        )

    def _exported(self, found: ExportResult | None, where: str, stick: bool) -> None:
        if found is None:
            self.result.show_info(self.tr(
                "Nothing new to export: no new registrations, corrections, duplicate decisions "
                "or slips since the last batch."))
            return
        b = found.batch
        text = self.tr("Batch {seq} written and checked: {records} records ({what}), in the "
                       "file {file} on {where}.").format(
            seq=b.seq, records=QLocale().toString(b.records), what=self.describe_counts(b.counts),
            file=found.path.name, where=where)
        if found.reused:
            text += " " + self.tr("(An earlier export of this batch had not finished; the same "
                                  "batch was written.)")
        if b.unreadable:
            text += " " + self.tr(
                "Left out because they cannot be opened (damaged or altered), and reported to "
                "HQ: {records}. They stay queued; a supervisor can correct them from their "
                "slips.").format(records=", ".join(unreadable_line(u) for u in b.unreadable))
        text += " " + (self.tr("You may now remove the stick.") if stick
                       else self.tr("Take this file to HQ."))
        self.result.show_success(text)
        self.batches.refresh_batches()

    def write_again(self) -> Task | None:
        """Write the chosen exported batch to the destination again (a lost stick)."""
        chosen, dest = self.batches.chosen_batch(), self.destination
        if self.busy or chosen is None or dest.target is None:
            return None
        target, where, stick = dest.target, dest.describe(), dest.drive is not None
        batches, seq = self.ctx.session.batches, chosen.seq
        self.batches.batches_result.clear_notice()

        def done(found: ExportResult) -> None:
            text = self.tr("Batch {seq} written again and checked, in the file {file} on "
                           "{where}.").format(seq=seq, file=found.path.name, where=where)
            text += " " + (self.tr("You may now remove the stick.") if stick
                           else self.tr("Take this file to HQ."))
            self.batches.batches_result.show_success(text)

        return self.run_busy(self.tr("Writing batch {seq} again…").format(seq=seq),
                             lambda progress: batches.export_again(seq, target),
                             on_done=done,
                             on_error=lambda err: self._failed(self.batches.batches_result, err))

    def busy_changed(self) -> None:
        self.destination.busy = self.busy
        self._update_buttons()

    def _failed(self, notice: Notice, err: BaseException) -> None:
        if not isinstance(err, errors.FieldRegError):
            log.error("export failed unexpectedly", exc_info=err)
        notice.show_failure(self.tr("Not written: {reason}").format(reason=message_for(err, sentence=False)))
        self.batches.refresh_batches()

    def describe_counts(self, counts: dict[str, int]) -> str:
        """``2 registrations, 1 correction, 7 audit entries`` (kinds with none left out)."""
        words = {
            "registration": (self.tr("1 registration"), self.tr("{n} registrations")),
            "correction": (self.tr("1 correction"), self.tr("{n} corrections")),
            "void": (self.tr("1 void"), self.tr("{n} voids")),
            "duplicate_decision": (self.tr("1 duplicate decision"),
                                   self.tr("{n} duplicate decisions")),
            "token_revocation": (self.tr("1 slip revocation"), self.tr("{n} slip revocations")),
            "unreadable": (self.tr("1 unreadable version left out"),
                           self.tr("{n} unreadable versions left out")),
            "audit": (self.tr("1 audit entry"), self.tr("{n} audit entries")),
        }
        locale = QLocale()
        parts = [(one if counts[key] == 1 else many.format(n=locale.toString(counts[key])))
                 for key, (one, many) in words.items() if counts.get(key)]
        return ", ".join(parts) or self.tr("no records")
