"""Every text the French app shows, collected: ``python -m tests.qt.french_child french OUT_DIR``.

The smoke run of tests/qt/crash_child.py (every screen, every role, every enabled
button and action, every dialog answered), in French, over a post and a camp with
something on every screen: households registered, corrected and voided, possible
duplicates, slips issued and checked in twice, a batch exported, two registrations
damaged, and an integrity alert of every kind the core records. After each screen, each activation and each
dialog, every visible text is read: labels, buttons, titles, tool tips, combo items,
table cells and headers, list items, read-only text, message boxes, the status bar, and
each screen's guide (F1).
Sign-in is also refused once (wrong passphrase), the camp is given a valid slip, the
same slip again, a registration number, a forged slip and garbage, and the first-run
wizard refuses what each of its pages is given wrong.

It prints one ``RESULT {"texts": [[where, text], ...], ...}`` line; the parent
(tests/qt/test_french_everywhere.py) looks for English in it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from fieldreg.ui.language import apply_language
from fieldreg.ui.runtime import make_application
from fieldreg.ui.settings import UiSettings
from fieldreg.validation import parse_household
from tests.conftest import ADMIN, ADMIN_PASS, household
from tests.e2e.test_corrupt_records import damage_household, damage_member_name
from tests.qt.crash_child import (
    Answerer,
    activate_everything,
    alive,
    end_round,
    every_role,
    post_with_a_household,
    pump,
    quiet,
    settle,
    sign_in,
)

ROWS_READ = 60  # table rows read per view: enough for every kind of row the data makes


class Collector:
    """Every visible text, each (where, text) once."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], None] = {}
        self.guides: set[str] = set()

    def add(self, where: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            self.texts[(where, text)] = None

    def look(self, root: QWidget) -> None:
        """``root`` and every visible widget in it; the window's open dialogs too."""
        if not alive(root):
            return
        tops = [root] + [w for w in QApplication.topLevelWidgets() if w is not root and alive(w) and w.isVisible()]
        for top in tops:
            where = type(top).__name__
            screen = getattr(top, "current_screen", lambda: None)()
            if screen is not None:
                where = type(screen).__name__
            for widget in [top, *top.findChildren(QWidget)]:
                if alive(widget) and widget.isVisible():
                    self.widget(where, widget)

    def look_with_help(self, window: QWidget) -> None:
        """:meth:`look`, and the first time a screen is seen its guide (F1) as the window shows it."""
        self.look(window)
        screen = getattr(window, "current_screen", lambda: None)()
        if screen is None or type(screen).__name__ in self.guides:
            return
        self.guides.add(type(screen).__name__)
        window.show_help()
        self.add(f"guide of {type(screen).__name__}", prose(window.help_viewer.browser.document()))
        window.help_viewer.hide()

    def widget(self, where: str, w: QWidget) -> None:
        add = self.add
        add(where, w.toolTip())
        if w.isWindow():
            add(where, w.windowTitle())
        if isinstance(w, (QLabel, QAbstractButton)):
            add(where, w.text())
        elif isinstance(w, QGroupBox):
            add(where, w.title())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(where, w.itemText(i))
        elif isinstance(w, QLineEdit):
            add(where, w.placeholderText())
            if w.isReadOnly():
                add(where, w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            add(where, w.placeholderText())
            if w.isReadOnly():
                add(where, w.toPlainText())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(where, w.tabText(i))
                add(where, w.tabToolTip(i))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            self.model(where, w.model())
        if isinstance(w, QMessageBox):
            add(where, w.informativeText())
            add(where, w.detailedText())
        if isinstance(w, QMainWindow) and w.statusBar() is not None:
            add(where, w.statusBar().currentMessage())

    def model(self, where: str, model: QAbstractItemModel) -> None:
        # A list model keeps columnCount to itself: it has one.
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for section in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                self.add(where, model.headerData(section, Qt.Orientation.Horizontal, role))
        for row in range(min(model.rowCount(QModelIndex()), ROWS_READ)):
            for column in range(columns):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    self.add(where, model.data(index, role))


def prose(document: QTextDocument) -> str:
    """A guide's text without what it shows as code (monospace: commands, file names, keys)."""
    lines = []
    block = document.begin()
    while block.isValid():
        line = ""
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            code = fragment.charFormat().fontFixedPitch() or "monospace" in (
                fragment.charFormat().fontFamilies() or [])
            line += " " if code else fragment.text()
            fragments += 1
        lines.append(line)
        block = block.next()
    return "\n".join(lines)


# Every alert the core records, with facts of the kinds it records (docs/store.md).
ALERTS = [
    ("audit_head", {"problem": "entries_deleted", "last_seq": 4, "head_seq": 7}),
    ("audit_head", {"problem": "entries_deleted", "last_seq": 4, "head_seq": 5}),
    *[("audit_head", {"problem": problem, "last_seq": 4, "head_seq": 4}) for problem in (
        "entries_replaced", "head_missing", "head_unreadable", "head_forged", "last_entry_changed")],
    ("records_altered", {"count": 1, "regnos": ["TGR1-26-000001-X"]}),
    *[("records_commitment", {"state": state, "expected": 3, "found": 2})
      for state in ("missing", "forged", "mismatch")],
    ("records_rolled_back", {"count": 1, "regnos": ["TGR1-26-000001-X"]}),
    ("records_unreadable", {"count": 1, "regnos": ["TGR1-26-000001-X"]}),
    ("numbers_missing", {"count": 1, "regnos": ["TGR1-26-000003-X"]}),
    *[("records_reseal_refused", {"why": why}) for why in ("sealed_rows", "sealed_envelopes")],
    *[("account_refused", {"user": "ali", "reason": reason}) for reason in (
        "account_missing", "account_unsigned", "grant_malformed", "account_fields_changed",
        "wrap_lacks_authority")],
    ("lockout_tampered", {"user": "ali", "what": "attempt counter lowered", "counter": 0, "acknowledged": 2}),
    ("unknown_user_attempts", {"count": 3}),
    ("authority_replaced", {"post": "TGR1"}),
]


def a_post_with_work(out: Path):  # type: ignore[no-untyped-def]
    """The post of the smoke run, with a correction, a void, a near-duplicate, slips, alerts
    and two damaged registrations."""
    hq, post, regno = post_with_a_household(out)
    current = post.households.get(regno)
    moved = household(destination="Site de Kouakro", notes="Venus à pied")
    post.households.correct(regno, parse_household(moved), base_version=current.version, reason="Faute de frappe")
    twin = post.households.register(parse_household(household(notes="Venus à pied")))
    other = post.households.register(parse_household(household(destination="Ferké", notes="Venus en car")))
    post.households.void(other, reason="Enregistré deux fois")
    issued = post.tokens.issue(regno)
    post.tokens.issue(twin)
    for code, facts in ALERTS:
        post.audit.alert(code, **facts)
    # One damaged household (a flipped bit, as in tests/e2e/test_corrupt_records.py) and one
    # damaged member: the records screen, the dashboard and the export name them.
    damaged = post.households.register(parse_household(household(notes="Venus à pied")))
    damage_household(out / "station", damaged, "summary")
    damage_member_name(out / "station", twin)
    post = post.station.unlock(ADMIN, ADMIN_PASS)  # as after a restart: the damage is seen
    return hq, post, regno, issued.text


def refused_once(window, collector: Collector, user: str) -> None:  # type: ignore[no-untyped-def]
    """A wrong passphrase at sign-in: what the page says."""
    pump(lambda: window.login_screen is not None and window.login_screen.button.isEnabled(), what="sign-in page")
    page = window.login_screen
    page.user.setText(user)
    page.passphrase.setText("not the passphrase")
    page.button.click()
    pump(lambda: window.login_screen is not None and window.login_screen.button.isEnabled(), what="refusal")
    settle(50)
    collector.look(window)


def verify_slips(window, collector: Collector, token: str, regno: str) -> None:  # type: ignore[no-untyped-def]
    """The camp's verdicts: a slip, the same slip again, a number typed by hand, a forged slip, garbage."""
    from fieldreg.ui.screens.verify import VerifyScreen

    for row, screen in enumerate(window.screens):
        if isinstance(screen, VerifyScreen):
            window.show_screen(row)
            forged = token[:-6] + ("AAAAAA" if token[-6:] != "AAAAAA" else "BBBBBB")
            for raw in (token, token, regno, forged, "XK9-ZZ"):
                screen.verify_scanned(raw)
                pump(lambda: quiet(window), what="verdict")
                settle(50)
                collector.look(window)


def wizard_refusals(out: Path, collector: Collector, trust_list: bytes) -> None:
    """The first-run wizard on an empty folder: each choice, and each page's refusals (nothing
    typed; a missing file; a file that is not one; a fingerprint that is not one, then not HQ's)."""
    from fieldreg.ui.main_window import MainWindow

    (out / "trust.cose").write_bytes(trust_list)
    (out / "not-an-enrollment.txt").write_text("nothing", encoding="utf-8")
    window = MainWindow(out / "fresh", None, settings=UiSettings(language="fr"))
    window.resize(1366, 768)
    window.show()
    settle(100)
    collector.look(window)

    def attempt(button: str, **fields: str) -> None:
        for name, text in fields.items():
            edit = window.findChild(QLineEdit, name)
            assert edit is not None, name
            edit.setText(text)
        found = window.findChild(QAbstractButton, button)
        assert found is not None, button
        found.click()
        settle(100)
        pump(lambda: found.isEnabled(), what=f"{button} refused")
        settle(50)
        collector.look(window)

    admin = {"AdminUser": ADMIN, "AdminPassphrase": ADMIN_PASS, "AdminRepeat": ADMIN_PASS}
    for choice, button, tries in [
        ("choosePost", "createPost", [
            {}, {"enrollmentFile": str(out / "missing.cose")},
            {"enrollmentFile": str(out / "not-an-enrollment.txt"), "enrollmentPassphrase": "x" * 12,
             "postName": "Poste", **{f"post{k}": v for k, v in admin.items()}}]),
        ("chooseCamp", "createCamp", [
            {}, {"campId": "CAMP2", "trustFile": str(out / "missing.cose")},
            {"trustFile": str(out / "trust.cose"), "hqFingerprint": "K3QF",
             **{f"camp{k}": v for k, v in admin.items()}},
            {"hqFingerprint": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"}]),
        ("chooseDemo", "", []),
    ]:
        chosen = window.findChild(QAbstractButton, choice)
        assert chosen is not None, choice
        chosen.click()
        settle(50)
        collector.look(window)
        for fields in tries:
            attempt(button, **fields)
        back = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.text() == "Retour"]
        assert back, "no Back button"
        back[0].click()
        settle(50)
    window._closing_confirmed = True
    window.close()
    window.deleteLater()
    settle(50)


def main() -> int:
    import faulthandler

    faulthandler.dump_traceback_later(200, exit=True)
    out = Path(sys.argv[2])  # argv[1]: the scenario, "french" (the only one)
    app = make_application(["french_child"])
    apply_language("fr")
    from fieldreg.ui.main_window import MainWindow

    hq, post, regno, token = a_post_with_work(out)
    collector = Collector()
    answerer = Answerer(out, look=collector.look)
    wizard_refusals(out, collector, hq.trust_list().raw)
    log: list[str] = []
    activated = 0
    for kind, data_dir, store, user, passphrase in every_role(hq, post, out):
        window = MainWindow(data_dir, store, settings=UiSettings(language="fr"))
        window.resize(1366, 768)
        window.show()
        refused_once(window, collector, user)
        sign_in(window, user, passphrase)
        collector.look(window)
        if kind == "camp":
            verify_slips(window, collector, token, regno)
        activated += activate_everything(window, user, passphrase, regno, log,
                                         look=lambda window: collector.look_with_help(window))
        end_round(window, look=collector.look)
        del window
    answerer.timer.stop()
    result = {"texts": [list(pair) for pair in collector.texts], "activated": activated,
              "dialogs": answerer.seen, "log": log}
    print("RESULT " + json.dumps(result), flush=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
