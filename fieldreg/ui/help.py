"""Help in the user's language: F1 opens the guide of the screen on view, inside the app.

    path = guide_path("RegisterScreen", "fr")   # .../fieldreg/data/help/fr/officer.md
    viewer = HelpViewer(window); viewer.show_guide(path)
    write_markdown_pdf(card_markdown, Path("fiche-memo.pdf"))   # the quick card for the wall

The guides are package data (``fieldreg/data/help/<lang>/<guide>.md``), found
beside this package both in a source checkout and in an installed copy, and
shown as Markdown in a QTextBrowser: no browser, no network. docs/app/README.md
points to them; there is one copy of each text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP = Path(__file__).resolve().parent.parent / "data" / "help"
LANGUAGES = ("en", "fr")
DEFAULT_GUIDE = "start-up"

# Which guide explains which screen (by class name) or page of the window.
GUIDES: dict[str, str] = {
    "RegisterScreen": "officer",
    "RecordsScreen": "officer",
    "VerifyScreen": "camp",
    "DashboardScreen": "supervisor",
    "ExportScreen": "supervisor",
    "AccountsScreen": "supervisor",
    "StationScreen": "supervisor",
    "PreferencesScreen": "start-up",
    "wizard": "start-up",
    "login": "start-up",
    "locked": "start-up",
}


def current_language() -> str:
    """``"fr"`` or ``"en"``: the language the UI is in (apply_language sets the default locale)."""
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def guide_path(page: str, language: str | None = None) -> Path:
    """The guide for ``page`` (a screen's class name, or "wizard"/"login"/"locked") in
    ``language`` (the UI's by default); English when that language has no such guide."""
    name = GUIDES.get(page, DEFAULT_GUIDE)
    lang = language or current_language()
    path = HELP / (lang if lang in LANGUAGES else "en") / f"{name}.md"
    return path if path.exists() else HELP / "en" / f"{name}.md"


class HelpViewer(QDialog):
    """A window beside the app showing one guide; links to other guides open in it too."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpViewer")
        self.resize(760, 620)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)  # local .md links stay here; web links go to a browser
        self.browser.anchorClicked.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        column = QVBoxLayout(self)
        column.addWidget(self.browser)
        column.addWidget(buttons)
        self.path: Path | None = None

    def show_guide(self, path: Path) -> None:
        """Show ``path`` (Markdown) and bring the window forward."""
        self.path = path
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        title = self.browser.document().toPlainText().split("\n", 1)[0].strip()
        self.setWindowTitle(title or "FieldReg")
        self.show()
        self.raise_()
        self.activateWindow()

    def text(self) -> str:
        return self.browser.toPlainText()

    def _follow(self, url: QUrl) -> None:
        if url.isRelative() and url.path().endswith(".md") and self.path is not None:
            target = (self.path.parent / url.path()).resolve()
            if target.is_file() and HELP.resolve() in target.parents:
                self.show_guide(target)
                return
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def write_markdown_pdf(markdown: str, target: Path) -> int:
    """Render ``markdown`` on A4 pages to the PDF ``target`` (the quick card for the wall);
    returns the number of pages."""
    writer = QPdfWriter(str(target))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setResolution(96)  # the layout in screen pixels, as the fonts are; the text stays vector
    writer.setTitle("FieldReg")
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setMarkdown(markdown)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    return document.pageCount()
