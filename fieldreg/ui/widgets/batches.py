"""The batches a post has made, on the export screen: choose one to write again, load HQ's receipt.

>>> made = BatchesBox(ctx, where, parent)                 # doctest: +SKIP
>>> made.changed.connect(update_buttons)                  # doctest: +SKIP
>>> made.refresh_batches(); made.choose_batch(3)          # doctest: +SKIP
>>> made.chosen_batch().status                            # doctest: +SKIP
'exported'
>>> made.load_receipt_file(Path("/media/usb/receipt-TGR1.cose"))  # doctest: +SKIP

Newest first; each with its status (not yet written, exported, received by
HQ). The screen writes the chosen batch again with ``again_button``; this box
loads a receipt itself and says in ``batches_result`` which batches HQ
acknowledged, and what does not match.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldreg import errors
from fieldreg.station.batches import BatchInfo
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for
from fieldreg.ui.file_dialogs import Folders, open_file
from fieldreg.ui.text import error_text, os_reason
from fieldreg.ui.widgets.destination import DestinationBox
from fieldreg.ui.widgets.notice import Notice

log = logging.getLogger(__name__)


def number_ranges(numbers: tuple[int, ...]) -> str:
    """``1-3, 5``"""
    out: list[list[int]] = []
    for n in sorted(numbers):
        if out and out[-1][-1] == n - 1:
            out[-1] = [out[-1][0], n]
        else:
            out.append([n])
    return ", ".join("-".join(str(x) for x in part) for part in out)


class BatchesBox(QGroupBox):
    """The batches made so far: write one again, load HQ's receipt.

    ``changed`` is emitted when the list is refreshed or another batch is chosen.
    Receipts are looked for first where batches are written (``where``).
    """

    changed = Signal()

    def __init__(self, ctx: AppContext, where: DestinationBox, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Batches of this post"))
        self._ctx = ctx  # its session changes (locked, unlocked): looked up at each use
        self._where = where
        self._batches: list[BatchInfo] = []
        made_layout = QVBoxLayout(self)
        self.batch_table = QTableWidget(0, 5, self)
        self.batch_table.setObjectName("batchTable")
        self.batch_table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Made on"), self.tr("Records"), self.tr("Status"),
            self.tr("File")])
        self.batch_table.verticalHeader().setVisible(False)
        self.batch_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.batch_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.batch_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.batch_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        self.batch_table.setMinimumHeight(160)
        self.batch_table.itemSelectionChanged.connect(self.changed)
        made_layout.addWidget(self.batch_table)
        row = QHBoxLayout()
        self.again_button = QPushButton(self.tr("Write the chosen batch again"), self)
        self.again_button.setObjectName("againButton")
        self.again_button.setToolTip(self.tr("For a lost or broken stick: the same file is "
                                             "written again to the destination chosen above."))
        self.receipt_button = QPushButton(self.tr("Load a receipt from HQ…"), self)
        self.receipt_button.setObjectName("receiptButton")
        self.receipt_button.clicked.connect(self._ask_receipt)
        row.addWidget(self.again_button)
        row.addWidget(self.receipt_button)
        row.addStretch(1)
        made_layout.addLayout(row)
        self.batches_result = Notice(self)
        self.batches_result.setObjectName("batchesResult")
        made_layout.addWidget(self.batches_result)

    def update_buttons(self, *, ready: bool, can_write: bool) -> None:
        """``ready``: nothing is running and the user may export; ``can_write``: a destination is chosen."""
        chosen = self.chosen_batch()
        self.again_button.setEnabled(ready and can_write and chosen is not None
                                     and chosen.status != "prepared")
        self.receipt_button.setEnabled(ready)

    def refresh_batches(self) -> None:
        try:
            found = self._ctx.session.batches.list()
        except errors.FieldRegError as err:
            self.batches_result.show_failure(error_text(err))
            return
        self._batches = found
        self.batch_table.setRowCount(len(found))
        locale = QLocale()
        for r, b in enumerate(reversed(found)):  # newest first
            status = {
                "prepared": self.tr("Not yet written to a stick: export again"),
                "exported": self.tr("Exported on {date}, not yet received by HQ"),
                "acknowledged": self.tr("Received by HQ on {date}"),
            }.get(b.status, b.status)
            when = b.acknowledged_at if b.status == "acknowledged" else b.exported_at
            cells = (locale.toString(b.seq), self._local_time(b.created_at),
                     locale.toString(b.records), status.format(date=self._local_time(when)),
                     b.file_name)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, b.seq)
                if c in (0, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.batch_table.setItem(r, c, item)
        self.batch_table.resizeColumnsToContents()
        self.changed.emit()

    def chosen_batch(self) -> BatchInfo | None:
        rows = self.batch_table.selectionModel().selectedRows() if self.batch_table.selectionModel() else []
        if not rows:
            return None
        item = self.batch_table.item(rows[0].row(), 0)
        seq = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((b for b in self._batches if b.seq == seq), None)

    def choose_batch(self, seq: int) -> None:
        for r in range(self.batch_table.rowCount()):
            item = self.batch_table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == seq:
                self.batch_table.selectRow(r)
                return
        raise errors.NotFound(f"no batch {seq}")

    @staticmethod
    def _local_time(iso: str | None) -> str:
        if not iso:
            return ""
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
        if not moment.isValid():
            return iso
        return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)

    def _ask_receipt(self) -> None:
        path = open_file(self, Folders(self._ctx.settings, self._ctx.data_dir), "receipt",
                         self.tr("Load a receipt from HQ"),
                         self.tr("HQ receipts (receipt-*.cose);;All files (*)"))
        if path is not None:
            self.load_receipt_file(path)

    def load_receipt_file(self, path: Path) -> None:
        """Mark the batches HQ acknowledges in the receipt ``path``."""
        try:
            data = path.read_bytes()
        except OSError as err:
            self.batches_result.show_failure(self.tr("Cannot read {file}: {reason}").format(
                file=str(path), reason=os_reason(err)))
            return
        try:
            got = self._ctx.session.batches.load_receipt(data)
        except Exception as err:  # shown in one line, never a traceback; a bug is logged too
            if not isinstance(err, errors.FieldRegError):
                log.error("export failed unexpectedly", exc_info=err)
            self.batches_result.show_failure(self.tr("Receipt not loaded: {reason}").format(
                reason=message_for(err)))
            self.refresh_batches()
            return
        if len(got.acknowledged) == 1:
            text = self.tr("Receipt from HQ for post {post}: batch {numbers} received by HQ.").format(
                post=got.post, numbers=number_ranges(got.acknowledged))
        elif got.acknowledged:
            text = self.tr("Receipt from HQ for post {post}: batches {numbers} received by HQ.").format(
                post=got.post, numbers=number_ranges(got.acknowledged))
        else:
            text = self.tr("Receipt from HQ for post {post}: no batch newly received.").format(
                post=got.post)
        if got.already:
            text += " " + self.tr("(Already known as received: {numbers}.)").format(
                numbers=number_ranges(got.already))
        problems = []
        if got.mismatched:
            problems.append(self.tr(
                "HQ holds a different batch {numbers} from this post than this station made (a "
                "copied laptop or a restored backup?): tell HQ.").format(
                    numbers=number_ranges(got.mismatched)))
        if got.unknown:
            problems.append(self.tr(
                "HQ holds batch {numbers} of this post that this station never made (a copied "
                "laptop or a restored backup?): tell HQ before exporting again.").format(
                    numbers=number_ranges(got.unknown)))
        if problems:
            self.batches_result.show_warning(" ".join([text, *problems]))
        else:
            self.batches_result.show_success(text)
        self.refresh_batches()
