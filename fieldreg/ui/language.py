"""The app's language: FieldReg's and Qt's translators, and the default locale.

    >>> apply_language("fr")  # doctest: +SKIP
    'fr'

The app calls :func:`apply_language` once at start-up with the station's
setting; the window calls it again when a user switches language in the
preferences (and then rebuilds its screens). Nothing here imports Qt at
module level: the app imports this module before its first window.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
log = logging.getLogger(__name__)
_translators: list[QTranslator] = []


def effective_language(setting: str) -> str:
    """``"fr"`` or ``"en"``: the setting, else French when the computer's locale is French."""
    if setting in ("fr", "en"):
        return setting
    from PySide6.QtCore import QLocale

    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def speaks_english() -> bool:
    """True while no translation is installed: the app speaks its source language."""
    return not _translators


def apply_language(setting: str) -> str:
    """Install the translators and the default locale for ``setting`` (``""``: the system's).

    >>> apply_language("fr")  # doctest: +SKIP
    'fr'

    Loads FieldReg's own ``fieldreg_<lang>.qm`` and Qt's ``qtbase_<lang>.qm``
    (standard buttons, dialogs), replacing those installed before. Widgets
    built afterwards are in the new language; dates and numbers formatted with
    ``QLocale()`` follow it. Returns the language now in force.
    """
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_language needs the QApplication (make_application)")
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    language = effective_language(setting)
    wanted = QLocale.Language.French if language == "fr" else QLocale.Language.English
    system = QLocale.system()
    # Keep the computer's own country (fr_CI, fr_ML...) when its language is the chosen one.
    QLocale.setDefault(system if system.language() == wanted else QLocale(wanted))
    if language != "en":  # English is the source language: no file to load
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for directory, name in ((str(TRANSLATIONS), f"fieldreg_{language}"),
                                (qt_translations, f"qtbase_{language}")):
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
                _translators.append(translator)
            else:
                log.warning("translation %s not found in %s", name, directory)
    return language
