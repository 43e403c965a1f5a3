"""Qt's own dialog texts that Qt's French catalogue lacks, so FieldReg's catalogue supplies them.

    QT_GAPS  # (context, English) pairs, extracted by scripts/translations.py like any UI string

:func:`fieldreg.ui.language.apply_language` loads Qt's ``qtbase_fr.qm`` (from
``QLibraryInfo.path(TranslationsPath)``) for its file, print and message
dialogs; but that catalogue lags behind Qt's source: "&Look in:" and
"Files of &type:" of the file dialog, for one, changed in Qt 6 and are not
in it, so a French file dialog was half English. Translators are asked in
reverse order of installation and fall through when they have no answer, so
these entries, in Qt's own contexts, fill exactly the gaps (ours is loaded
first, Qt's second, so Qt's catalogue wins wherever it has a translation).

tests/qt/test_qt_dialogs_french.py lists what Qt's dialogs ask for and fails
on an English text left, so a Qt upgrade that moves a string shows there.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

QT_GAPS: tuple[tuple[str, object], ...] = (  # QT_TRANSLATE_NOOP gives the English back
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:")),
)


def folder_type_name() -> str:
    """The file dialog's "Folder" in its Type column: a text with a disambiguation, which
    QT_TRANSLATE_NOOP cannot carry, so it is written as the call Qt itself makes."""
    return QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms")
