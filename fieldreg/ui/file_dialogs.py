"""File dialogs that open where the file is likely to be and remember where the user went.

    folders = Folders(ctx.settings, ctx.data_dir)
    path = open_file(self, folders, "slip-image", self.tr("Open a photo or scan of the slip"),
                     self.tr("Slips (*.png *.pdf)"))
    folder = choose_folder(self, folders, "export", self.tr("Choose the folder to write to"))

Each dialog has a purpose ("trust-list", "receipt", "export", "slip-image",
"enrollment"...). It opens in the folder last used for that purpose (kept in
the station's UI settings, ``last_folders``), else on the first USB stick
plugged in (what HQ hands a post travels on one), else in the user's
documents (``QStandardPaths.DocumentsLocation``) — never in the program's own
folder. The choice is :func:`fieldreg.station.drives.start_folder`.

The dialogs are Qt's own (not the system's), so they follow the app's
language: Qt's French catalogue and the gaps FieldReg fills
(:mod:`fieldreg.ui.qt_strings`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QStorageInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from fieldreg.station.drives import Volume, removable_drives, start_folder
from fieldreg.ui.settings import UiSettings

log = logging.getLogger(__name__)


class Folders:
    """The last folder of each purpose, kept in ``settings`` (saved in ``data_dir`` when given)."""

    def __init__(self, settings: UiSettings | None = None, data_dir: Path | None = None):
        self.settings = settings if settings is not None else UiSettings()
        self.data_dir = data_dir

    def start(self, purpose: str) -> str:
        """Where the dialog for ``purpose`` opens."""
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if not documents or not Path(documents).is_dir():
            documents = str(Path.home())  # a fresh account may have no Documents folder yet
        return start_folder(self.settings.last_folders.get(purpose), mounted_drives(), documents)

    def remember(self, purpose: str, folder: Path) -> None:
        self.settings.last_folders[purpose] = str(folder)
        if self.data_dir is not None:
            try:
                self.settings.save(self.data_dir)
            except OSError as err:  # a full disk must not stop the file from being used
                log.warning("could not save the last folder: %s", err)


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


def mounted_drives() -> list[Volume]:
    """The USB sticks plugged in now (see :mod:`fieldreg.station.drives`)."""
    return removable_drives(mounted_volumes())


def file_dialog(parent: QWidget | None, folders: Folders, purpose: str, caption: str, *,
                name_filter: str = "", mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
                accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen) -> QFileDialog:
    """The dialog, set up and not shown (tests drive it; :func:`open_file` runs it)."""
    dialog = QFileDialog(parent, caption, folders.start(purpose))
    dialog.setObjectName(f"fileDialog-{purpose}")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # in the app's language
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if name_filter:
        dialog.setNameFilter(name_filter)
    return dialog


def _run(dialog: QFileDialog, folders: Folders, purpose: str, *, folder_chosen: bool) -> Path | None:
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    folders.remember(purpose, chosen if folder_chosen else chosen.parent)
    return chosen


def open_file(parent: QWidget | None, folders: Folders, purpose: str, caption: str,
              name_filter: str = "") -> Path | None:
    """Ask for an existing file; None when the user cancels."""
    dialog = file_dialog(parent, folders, purpose, caption, name_filter=name_filter)
    return _run(dialog, folders, purpose, folder_chosen=False)


def choose_folder(parent: QWidget | None, folders: Folders, purpose: str, caption: str) -> Path | None:
    """Ask for a folder; None when the user cancels."""
    dialog = file_dialog(parent, folders, purpose, caption, mode=QFileDialog.FileMode.Directory)
    return _run(dialog, folders, purpose, folder_chosen=True)
