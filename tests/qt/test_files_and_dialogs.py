"""File dialogs: in French when the app is, opening on a stick or in the documents, remembering.

Qt's own dialogs are translated by Qt's catalogue (qtbase_fr.qm) plus the texts
it lacks, which FieldReg's catalogue supplies (fieldreg/ui/qt_strings.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from fieldreg.station.drives import Volume, start_folder
from fieldreg.ui import file_dialogs
from fieldreg.ui.file_dialogs import Folders, file_dialog
from fieldreg.ui.language import apply_language
from fieldreg.ui.qt_strings import QT_GAPS, folder_type_name
from fieldreg.ui.settings import UiSettings


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    apply_language("fr")
    yield
    apply_language("en")


def test_a_file_dialog_is_french_when_the_app_is(qtbot, french: None, tmp_path: Path) -> None:
    dialog = file_dialog(None, Folders(), "receipt", "Charger", name_filter="Accusés (*.cose)")
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()}
    buttons = {b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.text()}
    assert {"&Regarder dans\u00a0:", "&Nom de fichier\u00a0:", "Fichiers de &type\u00a0:"} <= labels
    assert {"&Ouvrir", "Annuler"} <= buttons
    english = {"&Look in:", "&File name:", "Files of &type:", "&Open", "Cancel"}
    assert not (labels | buttons) & english


def test_every_qt_gap_is_translated_and_qt_still_wins_where_it_has_a_translation(french: None) -> None:
    for context, source in QT_GAPS:
        assert isinstance(source, str) and QCoreApplication.translate(context, source) != source, source
    assert folder_type_name() == "Dossier"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Voir dans\u00a0:"  # Qt's own


def test_dialogs_start_on_the_remembered_folder_else_a_stick_else_the_documents(tmp_path: Path) -> None:
    stick = Volume(str(tmp_path / "KEY"))
    assert start_folder(str(tmp_path), [stick], "/docs") == str(tmp_path)
    assert start_folder(str(tmp_path / "gone"), [stick], "/docs") == stick.root
    assert start_folder(None, [], "/docs") == "/docs"


def test_folders_remember_each_purpose_in_the_station_settings(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "station"
    data_dir.mkdir()
    monkeypatch.setattr(file_dialogs, "mounted_volumes", lambda: [])
    folders = Folders(UiSettings(), data_dir)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    documents = documents if Path(documents).is_dir() else str(Path.home())
    assert folders.start("receipt") == documents and "fieldreg" not in documents.lower()
    receipts, exports = tmp_path / "receipts", tmp_path / "exports"
    receipts.mkdir()
    exports.mkdir()
    folders.remember("receipt", receipts)
    folders.remember("export", exports)
    again = Folders(UiSettings.load(data_dir), data_dir)  # the next start of the app
    assert again.start("receipt") == str(receipts) and again.start("export") == str(exports)
    assert again.start("trust-list") == documents
    stick = tmp_path / "media" / "KEY"
    stick.mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "mounted_volumes", lambda: [Volume("/media/KEY")])
    assert again.start("trust-list") == "/media/KEY"


def test_the_dialog_opens_where_folders_say(qtbot, tmp_path: Path) -> None:
    settings = UiSettings(last_folders={"export": str(tmp_path)})
    dialog = file_dialog(None, Folders(settings), "export", "x")
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == tmp_path


def test_damaged_last_folders_fall_back_to_none() -> None:
    assert UiSettings(last_folders=["not", "a", "dict"]).last_folders == {}  # type: ignore[arg-type]
    assert UiSettings(last_folders={"x": 3, "y": "/a"}).last_folders == {"y": "/a"}  # type: ignore[dict-item]
