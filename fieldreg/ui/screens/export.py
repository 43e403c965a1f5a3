"""Export to HQ: write the new records as one batch onto a USB stick or a folder.

The screen calls the same service as ``fieldreg export``, ``fieldreg batches``
and ``fieldreg receipt load`` (``session.batches``). The USB sticks offered are
the mounted volumes :mod:`fieldreg.station.drives` calls removable; the export
runs off the UI thread behind a progress bar and ends with a message that stays
on the screen: what was written, how many records, where, and that the stick may
be removed -- or the core's one-line reason it failed (nothing is marked
exported then).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QStorageInfo, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldreg import errors
from fieldreg.station.batches import BatchInfo, ExportResult
from fieldreg.station.drives import Volume, containing_volume, removable_drives
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for
from fieldreg.ui.screens import Screen
from fieldreg.ui.tasks import Task
from fieldreg.ui.text import error_text
from fieldreg.ui.widgets.notice import Notice

log = logging.getLogger(__name__)
POLL_MS = 3000  # how often the list of sticks is refreshed while the screen is shown


def mounted_volumes() -> list[Volume]:
    """Every volume this computer has mounted, as :mod:`fieldreg.station.drives` describes them."""
    found = []
    for info in QStorageInfo.mountedVolumes():
        found.append(Volume(
            root=info.rootPath(), name=info.name(),
            device=bytes(info.device().data()).decode("utf-8", "replace"),
            fs_type=bytes(info.fileSystemType().data()).decode("utf-8", "replace"),
            bytes_free=max(0, info.bytesAvailable()), bytes_total=max(0, info.bytesTotal()),
            ready=info.isReady(), read_only=info.isReadOnly(), is_root=info.isRoot(),
        ))
    return found


def number_ranges(numbers: tuple[int, ...]) -> str:
    """``1-3, 5``"""
    out: list[list[int]] = []
    for n in sorted(numbers):
        if out and out[-1][-1] == n - 1:
            out[-1] = [out[-1][0], n]
        else:
            out.append([n])
    return ", ".join("-".join(str(x) for x in part) for part in out)


class ExportScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Export"))
        # Where the volumes come from and which are sticks (tests describe their own).
        self.list_volumes: Callable[[], list[Volume]] = mounted_volumes
        self.find_drives: Callable[[list[Volume]], list[Volume]] = removable_drives
        self._drives: list[Volume] = []
        self._batches: list[BatchInfo] = []
        self._target: Path | None = None
        self._target_drive: Volume | None = None
        self.allowed = ctx.session.account.may("export") and not ctx.is_camp

        body, layout = self.scrolling_column()

        self.refused = QLabel(self.tr("Only supervisors and administrators of a border post "
                                      "export batches."), body)
        self.refused.setObjectName("exportRefused")
        self.refused.setWordWrap(True)
        layout.addWidget(self.refused)

        boxes = (self._build_where(body), self._build_export(body), self._build_batches(body))
        for box in boxes:
            layout.addWidget(box)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh_drives)

        self.refused.setVisible(not self.allowed)
        for box in boxes:
            box.setEnabled(self.allowed)
        self._show_target()
        if self.allowed:
            self.refresh_drives()
            self.refresh_batches()

    def _build_where(self, body: QWidget) -> QGroupBox:
        """1. Where to write: the USB sticks found, or a folder."""
        where = QGroupBox(self.tr("1. Where to write"), body)
        where_layout = QVBoxLayout(where)
        where_layout.addWidget(QLabel(self.tr("Plug in a USB stick and choose it below, or "
                                              "choose a folder."), where))
        self.drive_list = QListWidget(where)
        self.drive_list.setObjectName("driveList")
        self.drive_list.setMaximumHeight(120)
        self.drive_list.currentItemChanged.connect(self._drive_chosen)
        where_layout.addWidget(self.drive_list)
        self.no_drives = QLabel(self.tr("No USB stick found. Plug one in (it appears here by "
                                        "itself), or choose a folder."), where)
        self.no_drives.setObjectName("noDrives")
        self.no_drives.setWordWrap(True)
        where_layout.addWidget(self.no_drives)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Look for sticks again"), where)
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button = QPushButton(self.tr("Choose a folder…"), where)
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.clicked.connect(self._ask_folder)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        where_layout.addLayout(buttons)
        self.target_label = QLabel(where)
        self.target_label.setObjectName("targetLabel")
        self.target_label.setWordWrap(True)
        where_layout.addWidget(self.target_label)
        return where

    def _build_export(self, body: QWidget) -> QGroupBox:
        """2. Export: the button, and the message that stays once it has run."""
        run = QGroupBox(self.tr("2. Export"), body)
        run_layout = QVBoxLayout(run)
        run_layout.addWidget(QLabel(self.tr(
            "Every record not yet sent to HQ is written as one signed, encrypted batch, read "
            "back to check it, and only then marked as exported."), run))
        self.export_button = QPushButton(self.tr("Export new records"), run)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export_now)
        run_layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = Notice(run)
        self.result.setObjectName("exportResult")
        run_layout.addWidget(self.result)
        return run

    def _build_batches(self, body: QWidget) -> QGroupBox:
        """The batches made so far: write one again, load HQ's receipt."""
        made = QGroupBox(self.tr("Batches of this post"), body)
        made_layout = QVBoxLayout(made)
        self.batch_table = QTableWidget(0, 5, made)
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
        self.batch_table.itemSelectionChanged.connect(self._update_buttons)
        made_layout.addWidget(self.batch_table)
        row = QHBoxLayout()
        self.again_button = QPushButton(self.tr("Write the chosen batch again"), made)
        self.again_button.setObjectName("againButton")
        self.again_button.setToolTip(self.tr("For a lost or broken stick: the same file is "
                                             "written again to the destination chosen above."))
        self.again_button.clicked.connect(self.write_again)
        self.receipt_button = QPushButton(self.tr("Load a receipt from HQ…"), made)
        self.receipt_button.setObjectName("receiptButton")
        self.receipt_button.clicked.connect(self._ask_receipt)
        row.addWidget(self.again_button)
        row.addWidget(self.receipt_button)
        row.addStretch(1)
        made_layout.addLayout(row)
        self.batches_result = Notice(made)
        self.batches_result.setObjectName("batchesResult")
        made_layout.addWidget(self.batches_result)
        return made

    # -- the screen contract -----------------------------------------------------------------

    def activated(self) -> None:
        if self.allowed:
            self.refresh_drives()
            self.refresh_batches()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.allowed:
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    # -- destination ---------------------------------------------------------------------

    def refresh_drives(self) -> None:
        """List the USB sticks mounted now; keep the one chosen if it is still there."""
        if self.busy:
            return
        try:
            volumes = self.list_volumes()
        except OSError as err:  # a flaky mount table: keep what is shown
            log.warning("cannot list volumes: %s", err)
            return
        drives = self.find_drives(volumes)
        if drives == self._drives:
            return
        self._drives = drives
        chosen = self._target_drive.root if self._target_drive else None
        self.drive_list.blockSignals(True)
        self.drive_list.clear()
        locale = QLocale()
        for drive in drives:
            item = QListWidgetItem(self.tr("{name} — {free} free").format(
                name=drive.label, free=locale.formattedDataSize(drive.bytes_free)))
            item.setData(Qt.ItemDataRole.UserRole, drive.root)
            item.setToolTip(drive.root)
            self.drive_list.addItem(item)
            if drive.root == chosen:
                self.drive_list.setCurrentItem(item)
        self.drive_list.blockSignals(False)
        self.no_drives.setVisible(not drives)
        self.drive_list.setVisible(bool(drives))
        if chosen is not None and chosen not in {d.root for d in drives}:
            self._set_target(None, None)  # the stick was removed

    def _drive_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        root = item.data(Qt.ItemDataRole.UserRole)
        drive = next((d for d in self._drives if d.root == root), None)
        if drive is not None:
            self._set_target(Path(drive.root), drive)

    def choose_drive(self, root: str) -> None:
        """Select the listed stick mounted at ``root`` (what a click on it does)."""
        for i in range(self.drive_list.count()):
            if self.drive_list.item(i).data(Qt.ItemDataRole.UserRole) == root:
                self.drive_list.setCurrentRow(i)
                return
        raise errors.NotFound(f"no USB stick at {root}")

    def _ask_folder(self) -> None:
        start = str(self._target) if self._target else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder to write to"),
                                                  start)
        if folder:
            self.choose_folder(Path(folder))

    def choose_folder(self, folder: Path) -> None:
        """Write to ``folder``; it counts as a stick when it lies on one."""
        self.drive_list.blockSignals(True)
        self.drive_list.clearSelection()
        self.drive_list.setCurrentRow(-1)
        self.drive_list.blockSignals(False)
        self._set_target(folder, containing_volume(str(folder), self._drives))

    def _set_target(self, target: Path | None, drive: Volume | None) -> None:
        self._target, self._target_drive = target, drive
        self._show_target()

    def _where(self) -> str:
        assert self._target is not None
        if self._target_drive is not None:
            return self.tr("the USB stick “{name}” ({path})").format(
                name=self._target_drive.label, path=str(self._target))
        return self.tr("the folder {path}").format(path=str(self._target))

    def _show_target(self) -> None:
        if self._target is None:
            self.target_label.setText(self.tr("Destination: none chosen yet."))
        else:
            self.target_label.setText(self.tr("Destination: {where}").format(where=self._where()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.allowed and not self.busy
        self.export_button.setEnabled(ready and self._target is not None)
        chosen = self._chosen_batch()
        self.again_button.setEnabled(ready and self._target is not None and chosen is not None
                                     and chosen.status != "prepared")
        self.receipt_button.setEnabled(ready)

    # -- export --------------------------------------------------------------------------

    def export_now(self) -> Task | None:
        """Write the pending records to the destination (off the UI thread)."""
        if self.busy or not self.allowed:
            return None
        if self._target is None:
            self.result.show_failure(self.tr("Choose a USB stick or a folder first."))
            return None
        target, where, stick = self._target, self._where(), self._target_drive is not None
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
        text += " " + (self.tr("You may now remove the stick.") if stick
                       else self.tr("Take this file to HQ."))
        self.result.show_success(text)
        self.refresh_batches()

    def write_again(self) -> Task | None:
        """Write the chosen exported batch to the destination again (a lost stick)."""
        chosen = self._chosen_batch()
        if self.busy or chosen is None or self._target is None:
            return None
        target, where, stick = self._target, self._where(), self._target_drive is not None
        batches, seq = self.ctx.session.batches, chosen.seq
        self.batches_result.clear_notice()

        def done(found: ExportResult) -> None:
            text = self.tr("Batch {seq} written again and checked, in the file {file} on "
                           "{where}.").format(seq=seq, file=found.path.name, where=where)
            text += " " + (self.tr("You may now remove the stick.") if stick
                           else self.tr("Take this file to HQ."))
            self.batches_result.show_success(text)

        return self.run_busy(self.tr("Writing batch {seq} again…").format(seq=seq),
                             lambda progress: batches.export_again(seq, target),
                             on_done=done,
                             on_error=lambda err: self._failed(self.batches_result, err))

    def busy_changed(self) -> None:
        self._update_buttons()

    def _failed(self, notice: Notice, err: BaseException, *, receipt: bool = False) -> None:
        if not isinstance(err, errors.FieldRegError):
            log.error("export failed unexpectedly", exc_info=err)
        if receipt:
            notice.show_failure(self.tr("Receipt not loaded: {reason}").format(
                reason=message_for(err)))
        else:
            notice.show_failure(self.tr("Not written: {reason}").format(reason=message_for(err)))
        self.refresh_batches()

    def describe_counts(self, counts: dict[str, int]) -> str:
        """``2 registrations, 1 correction, 7 audit entries`` (kinds with none left out)."""
        words = {
            "registration": (self.tr("1 registration"), self.tr("{n} registrations")),
            "correction": (self.tr("1 correction"), self.tr("{n} corrections")),
            "void": (self.tr("1 void"), self.tr("{n} voids")),
            "duplicate_decision": (self.tr("1 duplicate decision"),
                                   self.tr("{n} duplicate decisions")),
            "token_revocation": (self.tr("1 slip revocation"), self.tr("{n} slip revocations")),
            "audit": (self.tr("1 audit entry"), self.tr("{n} audit entries")),
        }
        locale = QLocale()
        parts = [(one if counts[key] == 1 else many.format(n=locale.toString(counts[key])))
                 for key, (one, many) in words.items() if counts.get(key)]
        return ", ".join(parts) or self.tr("no records")

    # -- batches and receipts ------------------------------------------------------------

    def refresh_batches(self) -> None:
        try:
            found = self.ctx.session.batches.list()
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
        self._update_buttons()

    def _chosen_batch(self) -> BatchInfo | None:
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
        start = str(self._target) if self._target else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load a receipt from HQ"), start,
            self.tr("HQ receipts (receipt-*.cose);;All files (*)"))
        if path:
            self.load_receipt_file(Path(path))

    def load_receipt_file(self, path: Path) -> None:
        """Mark the batches HQ acknowledges in the receipt ``path``."""
        try:
            data = path.read_bytes()
        except OSError as err:
            self.batches_result.show_failure(self.tr("Cannot read {file}: {reason}").format(
                file=str(path), reason=err.strerror or type(err).__name__))
            return
        try:
            got = self.ctx.session.batches.load_receipt(data)
        except Exception as err:  # noqa: BLE001 - shown in one line, never a traceback
            self._failed(self.batches_result, err, receipt=True)
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
