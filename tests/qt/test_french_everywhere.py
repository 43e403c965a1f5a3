"""Nothing in the French app is English: every screen for every role, every problem, every alert.

The words looked for are the core's vocabulary (JSON keys such as ``birth_date``,
``member``, ``household``, role keys, status words) and those of an English sentence
(tests/qt/english.py). Before the fix a problem read "Member 2 birth_date : ...",
"Household origin : est obligatoire : {country, region, locality}", the dashboard
listed alerts as "lockout_tampered failed=0 user=ali", a possible duplicate said
"[void]" and a damaged record "(members/ab12.family_name)".
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldreg.errors import PermissionDenied, Problem, UnreadableRecord, ValidationError
from fieldreg.messages import Message
from fieldreg.model import Unreadable
from fieldreg.station.demo import DEMO_USERS
from fieldreg.station.form import Spot
from fieldreg.station.integrity import describe_alert
from fieldreg.station.session import Session
from fieldreg.store.accounts import ACTIONS, PERMISSIONS, ROLE_NAMES
from fieldreg.store.audit import AuditEntry
from fieldreg.ui.language import apply_language
from fieldreg.ui.text import error_text, translated
from tests.qt.english import english_in
from tests.qt.french_child import ALERTS
from tests.qt.test_no_crash import run_child
from tests.unit.validation.test_household import EVERY_PROBLEM, found

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def french(qapp: object) -> Iterator[None]:
    apply_language("fr")
    yield
    apply_language("en")


def english_lines(texts: list[tuple[str, str]]) -> list[str]:
    # The demo's accounts are named admin, superviseur and agent: a user name is what was typed.
    names = {user for user, _role, _passphrase in DEMO_USERS}
    return [f"{where}: {found} in {text!r}" for where, text in texts
            if (found := [w for w in english_in(text) if w not in names])]


def test_every_screen_for_every_role_shows_only_french(tmp_path: Path) -> None:
    """The smoke run in French (tests/qt/french_child.py): what every screen, dialog, table,
    tool tip and message box shows, for the admin, supervisor and officer of a post and the
    officer and admin of a camp, and the first-run wizard's pages and refusals."""
    result = run_child("french", tmp_path, timeout=300, module="tests.qt.french_child")
    texts = [(where, text) for where, text in result["texts"]]
    assert len(texts) > 500 and result["activated"] >= 50  # the run really went everywhere
    shown = {text for _, text in texts}
    # Places the English words used to reach, now in French.
    assert any("Ménage" in t or "Membre 1" in t for t in shown)  # the form's problems
    assert any(t.startswith("Connecté\u00a0: ali (agent)") or "ali (agent)" in t for t in shown)
    assert any("alerte(s) d'intégrité" in t for t in shown)
    assert any("le résumé du ménage" in t for t in shown)  # a damaged registration, named
    assert any(t.startswith("Impossible de lire") and "n'existe pas" in t for t in shown)  # the wizard
    assert len({text for where, text in texts if where.startswith("guide of")}) >= 4  # F1: the guides
    assert english_lines(texts) == []


# Values the parser quotes back as it got them, in English: a number too long to show, a
# list or an object where text was expected (fieldreg/validation/fields.py ``shown``). The
# form never sends such values; the rest of the problem is French.
_QUOTED_BACK = re.compile(r"a number of \d+ digits|an object|a list")


@pytest.mark.parametrize(("obj", "code", "member", "field", "line"), EVERY_PROBLEM)
def test_every_problem_reads_in_french(french: None, obj: Any, code: str, member: int | None,
                                        field: str, line: str) -> None:
    (problem,) = [p for p in found(obj) if (p.code, p.member, p.field) == (code, member, field)]
    text = error_text(ValidationError([problem]))
    assert english_in(_QUOTED_BACK.sub("", text)) == [], text
    if member is not None and code not in ("no_head", "two_heads"):
        assert text.startswith(f"Membre {member}"), text


def test_problems_of_the_form_read_in_french(french: None) -> None:
    from fieldreg.ui.text import describe_spot

    words = Message("{value} is in the future", value="2027-01-03")
    fields = ["given_names", "family_name", "sex", "relationship", "birth", "other_names", "nationality",
              "phone", "languages", "specific_needs", "documents", "photo", "id", "member"]
    household = ["arrival", "origin_country", "origin_region", "origin_locality", "destination",
                 "travel_mode", "consent", "notes", "members", "household"]
    lines = [describe_spot(Spot(2, f, "future", words)) for f in fields]
    lines += [describe_spot(Spot(None, f, "future", words)) for f in household]
    assert [line for line in lines if english_in(line)] == []
    assert lines[4] == "Membre 2 · Âge ou date de naissance\u00a0: 2027-01-03 est dans le futur"


def test_every_integrity_alert_reads_in_french(french: None) -> None:
    lines = []
    for code, facts in ALERTS:
        entry = AuditEntry(seq=1, at="2026-12-05T09:00:00Z", actor="awa", action="audit_alert", subject=code,
                           details={"code": code, **facts}, prev_hash="", hash="")
        lines.append(translated(describe_alert(entry)))
    assert [line for line in lines if english_in(line)] == []


def test_roles_and_refusals_read_in_french(french: None) -> None:
    assert [translated(ROLE_NAMES[r]) for r in ("officer", "supervisor", "admin")] == [
        "agent", "superviseur", "administrateur"]
    refusals = [error_text(PermissionDenied("{user} is signed in as {role} and may not {action}", user="ali",
                                            role=ROLE_NAMES[role], action=ACTIONS[permission]))
                for permission, roles in PERMISSIONS.items() for role in ("officer", "supervisor", "admin")
                if role not in roles]
    assert len(refusals) > 5 and [r for r in refusals if english_in(r)] == []


def test_a_damaged_record_is_named_in_french(french: None) -> None:
    from fieldreg.ui.text import unreadable_line

    parts = ["record", "households.summary", "households.attributes", "members/ab12.family_name",
             "members/ab12.attributes", "history@2.previous", "lost:history@2.previous"]
    lines = [error_text(UnreadableRecord("TGR1-26-000003-K", part=part)) for part in parts]
    lines += [unreadable_line(Unreadable("TGR1-26-000003-K", part, version=2)) for part in parts]
    assert [line for line in lines if english_in(line)] == []
    assert unreadable_line(Unreadable("TGR1-26-000003-K", "members/ab12.family_name", version=2)) == (
        "TGR1-26-000003-K version 2 (le nom de famille du membre ab12)")


def test_a_void_possible_duplicate_reads_in_french(french: None, post: Session, qtbot) -> None:
    from fieldreg.dedup.person import Person
    from fieldreg.ui.widgets.duplicates import DuplicatesPanel
    from fieldreg.validation import parse_household
    from tests.conftest import household

    post.households.register(parse_household(household()))
    probe = Person(key="typing", given_names="Aminata", family_name="Traore", other_names="", sex="F",
                   birth_year=1990, birth_estimated=True, locality="")
    (first, *_) = post.duplicates.finder().candidates(probe)
    void = dataclasses.replace(first, b=(dataclasses.replace(first.b[0], status="void"), first.b[1]))
    panel = DuplicatesPanel()
    qtbot.addWidget(panel)
    panel.show_candidates("Aminata Traore", [first, void])
    assert [t for t in panel.texts() if english_in(t)] == []
    assert "[annulé]" in panel.texts()[1]


def test_every_french_translation_is_french() -> None:
    """Each translation of every .ts file, its placeholders left out."""
    wrong = []
    for ts in sorted((ROOT / "resources" / "translations" / "fr").glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            translation = re.sub(r"\{[^}]*\}", "", message.findtext("translation") or "")
            if english_in(translation):
                wrong.append(f"{ts.name}: {english_in(translation)} in {translation!r}")
    assert wrong == []


def test_the_english_finder_finds_the_core_s_english() -> None:
    """The test above cannot pass by finding nothing."""
    assert english_in("Member 2 birth_date : doit être du texte") == ["Member", "birth_date"]
    assert english_in("Household origin : est obligatoire") == ["Household", "origin"]
    assert english_in("Connecté : ali (officer)") == ["officer"]
    assert english_in("lockout_tampered failed=0 user=ali") == ["lockout_tampered", "failed", "user"]
    assert english_in("Membre 2 · Date de naissance : vide ; « fieldreg audit verify » ; 'cousin' ; /tmp/x_y") == []


def test_problem_lines_are_never_the_core_s_english(french: None) -> None:
    problem = Problem("future", Message("{value} is in the future", value="2027-01-03"), member=2,
                      field="birth_date")
    assert str(problem).startswith("member 2 birth_date")  # the command line's English, unchanged
    assert error_text(ValidationError([problem])) == (
        "Membre 2 · Âge ou date de naissance\u00a0: 2027-01-03 est dans le futur.")


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EROFS, errno.EIO,
                                  errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENODEV, errno.EBUSY,
                                  errno.ENAMETOOLONG, errno.ENOTTY])
def test_what_the_system_refused_reads_in_french(french: None, code: int) -> None:
    """The system's own words (``strerror``) are in its language, here English: never shown."""
    from fieldreg.ui.dialogs import message_for

    text = message_for(OSError(code, os.strerror(code), "/media/usb/TGR1-000001.frb"))
    assert text.startswith("L’ordinateur a refusé") and english_in(text) == [], text
    assert os.strerror(code) not in text


def test_a_failed_write_or_save_reads_in_french(french: None, tmp_path: Path) -> None:
    """The core keeps the system's and SQLite's own words for the command line; the app words them
    by their code."""
    import sqlite3

    from fieldreg.errors import StorageError
    from fieldreg.fsutil import write_problem
    from fieldreg.sqlitedb import storage_error, transaction

    written = StorageError(write_problem(OSError(errno.EIO, os.strerror(errno.EIO)), tmp_path / "lot.frb"))
    assert str(written).endswith(": Input/output error")  # the command line's words, unchanged
    busy = sqlite3.connect(tmp_path / "db.sqlite", timeout=0)
    other = sqlite3.connect(tmp_path / "db.sqlite", timeout=0, isolation_level=None)
    busy.execute("BEGIN IMMEDIATE")
    with pytest.raises(StorageError) as locked, transaction(other):
        pass
    assert "database is locked" in str(locked.value)
    failures = [written, locked.value, storage_error(sqlite3.OperationalError("disk I/O error"))]
    lines = [error_text(err) for err in failures]
    assert [line for line in lines if english_in(line)] == [], lines
    assert "support défectueux" in lines[0] and "autre programme" in lines[1]
    busy.close()
    other.close()


def test_sign_in_refusals_read_in_french(french: None, admin: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wrong passphrases up to the lock-out, a disabled account, an unknown name: as the sign-in
    page words them (by the kind of refusal) and as any other screen would (error_text)."""
    from fieldreg.errors import AuthError
    from fieldreg.ui.screens.login import LoginScreen
    from tests.conftest import make_user

    make_user(admin, "ali", "officer")
    admin.accounts.set_disabled("ali", True)
    refusals = []
    for user, passphrase in [("awa", "not the passphrase")] * 5 + [("ali", "ali own passphrase"),
                                                                  ("inconnu", "not the passphrase")]:
        with pytest.raises(AuthError) as refused:
            admin.station.unlock(user, passphrase)
        refusals.append(refused.value)
    page = LoginScreen(admin.station)
    qtbot.addWidget(page)
    lines = [page.refusal(err) for err in refusals] + [error_text(err) for err in refusals]
    assert [line for line in lines if english_in(line)] == [], lines
    assert any("réessayez" in line or "Attendez" in line for line in lines), lines


def test_a_photo_or_pdf_the_camp_cannot_read_is_refused_in_french(french: None, tmp_path: Path) -> None:
    from fieldreg.errors import FieldRegError
    from fieldreg.tokens.qr import decode_qr_image

    truncated = tmp_path / "slip.png"
    truncated.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 9)
    sources: list[object] = [truncated, truncated.read_bytes(), b"%PDF-1.7 not really", b"not an image",
                             tmp_path / "missing.png"]
    lines = []
    for source in sources:
        with pytest.raises(FieldRegError) as refused:
            decode_qr_image(source)  # type: ignore[arg-type]
        lines.append(error_text(refused.value))
    assert [line for line in lines if english_in(line)] == [], lines
    assert lines[1] == "L'image est illisible\u00a0: fichier endommagé ou tronqué."


def test_a_hand_edited_enrollment_file_is_refused_in_french(french: None) -> None:
    from fieldreg.errors import FieldRegError
    from fieldreg.keys.enrollment import ENROLLMENT_FORMAT, ENROLLMENT_VERSION, read_enrollment_info

    edited = {"format": ENROLLMENT_FORMAT, "version": ENROLLMENT_VERSION, "post_id": 7,
              "key_id": "00" * 8, "hq_fingerprint": "K3QF"}
    with pytest.raises(FieldRegError) as refused:
        read_enrollment_info(json.dumps(edited).encode())
    line = error_text(refused.value)
    assert english_in(line) == [], line
    assert line.startswith("Fichier d'enrôlement\u00a0: le champ 'post_id' est absent")


def test_every_sync_problem_reads_in_french_in_the_status_bar(french: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The status bar's tooltip words what stopped the last sync round by its code: HQ's
    English (its message, the importer's reason) stays in the log and 'fieldreg sync --status'."""
    from PySide6.QtWidgets import QMainWindow

    from fieldreg.station.sync import SyncStatus
    from fieldreg.ui.status import StatusLine
    from tests.unit.sync.test_problems import every_sync_problem

    window = QMainWindow()
    qtbot.addWidget(window)
    line = StatusLine(window.statusBar(), lock=lambda: None)
    tips = []
    for problem in every_sync_problem():
        line.show_sync(SyncStatus("https://hq.example.org:8443", "2026-12-05T08:00:00Z", str(problem),
                                  problem.permanent, 3, "2026-12-04T08:00:00Z", problem))
        tips.append(line.sync.toolTip())
    assert [tip for tip in tips if english_in(tip) or "{" in tip] == [], tips
    assert any("le siège ne connaît pas la clé de ce poste" in tip for tip in tips)
    assert any("Le certificat TLS du siège a expiré le 2026-12-01" in tip for tip in tips)
