"""Where the export screen writes a batch: a USB stick found mounted, or a folder.

>>> where = DestinationBox(parent)                 # doctest: +SKIP
>>> where.changed.connect(update_buttons)          # doctest: +SKIP
>>> where.refresh_drives()                         # doctest: +SKIP
>>> where.choose_folder(Path("/media/usb"))        # doctest: +SKIP
>>> where.target, where.drive, where.describe()    # doctest: +SKIP
(PosixPath('/media/usb'), Volume(...), 'the USB stick “KINGSTON” (/media/usb)')

The sticks offered are the mounted volumes :mod:`fieldreg.station.drives`
calls removable; ``list_volumes`` and ``find_drives`` may be replaced (tests
describe their own). ``changed`` is emitted whenever the destination is
chosen, or goes away with its stick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg import errors
from fieldreg.station.drives import Volume, containing_volume, removable_drives
from fieldreg.ui.file_dialogs import Folders, choose_folder, mounted_volumes
from fieldreg.ui.widgets.labels import wrapped

log = logging.getLogger(__name__)


class DestinationBox(QGroupBox):
    """1. Where to write: the USB sticks found, or a folder."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("1. Where to write"))
        # Where the volumes come from and which are sticks (tests describe their own).
        self.list_volumes: Callable[[], list[Volume]] = mounted_volumes
        self.folders = Folders()  # the export screen gives the station's (it remembers the last folder)
        self.find_drives: Callable[[list[Volume]], list[Volume]] = removable_drives
        self.target: Path | None = None
        self.drive: Volume | None = None
        # While a batch is being written the list stays as it is: the destination must not
        # change under the export.
        self.busy = False
        self._drives: list[Volume] = []

        where_layout = QVBoxLayout(self)
        where_layout.addWidget(wrapped(QLabel(self.tr("Plug in a USB stick and choose it below, or "
                                                      "choose a folder."), self)))
        self.drive_list = QListWidget(self)
        self.drive_list.setObjectName("driveList")
        self.drive_list.setMaximumHeight(120)
        self.drive_list.currentItemChanged.connect(self._drive_chosen)
        where_layout.addWidget(self.drive_list)
        self.no_drives = QLabel(self.tr("No USB stick found. Plug one in (it appears here by "
                                        "itself), or choose a folder."), self)
        self.no_drives.setObjectName("noDrives")
        self.no_drives.setWordWrap(True)
        where_layout.addWidget(self.no_drives)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Look for sticks again"), self)
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button = QPushButton(self.tr("Choose a folder…"), self)
        self.folder_button.setObjectName("chooseFolder")
        self.folder_button.clicked.connect(self._ask_folder)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        where_layout.addLayout(buttons)
        self.target_label = QLabel(self)
        self.target_label.setObjectName("targetLabel")
        self.target_label.setWordWrap(True)
        where_layout.addWidget(self.target_label)
        self._show_target()

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
        chosen = self.drive.root if self.drive else None
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
        folder = choose_folder(self, self.folders, "export", self.tr("Choose the folder to write to"))
        if folder is not None:
            self.choose_folder(folder)

    def choose_folder(self, folder: Path) -> None:
        """Write to ``folder``; it counts as a stick when it lies on one."""
        self.drive_list.blockSignals(True)
        self.drive_list.clearSelection()
        self.drive_list.setCurrentRow(-1)
        self.drive_list.blockSignals(False)
        self._set_target(folder, containing_volume(str(folder), self._drives))

    def _set_target(self, target: Path | None, drive: Volume | None) -> None:
        self.target, self.drive = target, drive
        self._show_target()
        self.changed.emit()

    def describe(self) -> str:
        """The destination in words, for the messages ("the folder /media/usb")."""
        assert self.target is not None
        if self.drive is not None:
            return self.tr("the USB stick “{name}” ({path})").format(
                name=self.drive.label, path=str(self.target))
        return self.tr("the folder {path}").format(path=str(self.target))

    def _show_target(self) -> None:
        if self.target is None:
            self.target_label.setText(self.tr("Destination: none chosen yet."))
        else:
            self.target_label.setText(self.tr("Destination: {where}").format(where=self.describe()))
