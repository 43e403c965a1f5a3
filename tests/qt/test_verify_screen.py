"""The camp verify screen, driven as a camp agent and a USB scanner would, offscreen.

A real HQ (cheap KDF), the enrolled post TGR1 issuing real slips, and a real
camp station set up from HQ's trust list; the screen is given the camp, its
administrator "ali" signed in. Only the camera device is absent (this machine
has none); its frame-to-text path is fed real video frames holding real QR codes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from fieldreg.keys import HqDir
from fieldreg.station import Station
from fieldreg.station.enrollment import create_camp
from fieldreg.station.scanner import mangle_us_on_azerty
from fieldreg.station.session import Session
from fieldreg.tokens.qr import qr_png
from fieldreg.ui.camera import FrameDecoder, multimedia
from fieldreg.ui.context import AppContext
from fieldreg.ui.screens.verify import VerifyScreen
from fieldreg.ui.settings import UiSettings
from fieldreg.ui.slip_render import write_slips_pdf
from fieldreg.validation import parse_household
from tests.conftest import ADMIN_PASS, FAST_KDF, household

TIMEOUT = 20_000
# QtMultimedia through the app's own lazy import, which quiets its library-probing warnings.
QVideoFrame = multimedia().QVideoFrame
QVideoFrameFormat = multimedia().QVideoFrameFormat
QVideoSink = multimedia().QVideoSink


@pytest.fixture
def camp(hq: HqDir, post: Session, tmp_path: Path) -> AppContext:
    """A camp station CAMP1 with HQ's trust list (TGR1 enrolled), its administrator "ali" signed in."""
    directory = tmp_path / "camp"
    store = create_camp(directory, camp_id="CAMP1", camp_name="Site de transit",
                        trust_list=hq.trust_list().raw, fingerprint=hq.fingerprint, admin="ali",
                        passphrase=ADMIN_PASS, kdf=FAST_KDF)
    return AppContext(directory, store, store.unlock("ali", ADMIN_PASS), UiSettings())


@pytest.fixture
def slip(post: Session) -> tuple[str, str]:
    """(registration number, token text) of a household of three registered at TGR1."""
    regno = post.households.register(parse_household(household()))
    return regno, post.tokens.issue(regno).text


def open_screen(qtbot: Any, ctx: AppContext) -> VerifyScreen:
    screen = VerifyScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    return screen


def scan(qtbot: Any, screen: VerifyScreen, text: str) -> dict[str, Any]:
    """What a USB scanner does: type the text into the focused field, then Enter."""
    qtbot.keyClicks(screen.input, text)
    qtbot.keyClick(screen.input, Qt.Key.Key_Return)
    return screen.verdict.result_text()


def checkins(ctx: AppContext) -> int:
    return int(ctx.session.store.db.execute("SELECT count(*) FROM checkins").fetchone()[0])


def altered(token: str) -> str:
    i = len(token) // 2
    return token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1:]


# -- the scanner ---------------------------------------------------------------------------

def test_genuine_slip_is_valid_with_its_claims_and_is_checked_in(
        qtbot: Any, camp: AppContext, slip: tuple[str, str]) -> None:
    regno, token = slip
    screen = open_screen(qtbot, camp)
    assert screen.input.hasFocus() or screen.focusProxy() is screen.input
    assert screen.verdict.result_text()["word"] == "Ready"
    shown = scan(qtbot, screen, token)
    assert screen.verdict.kind == "valid" and screen.verdict.badge.kind == "valid"
    assert shown["word"] == "VALID" and "genuine" in shown["summary"]
    assert shown["regno"] == regno and shown["head"] == "TRAORÉ Aminata"
    assert shown["size"] == "3 people"
    members = shown["members"].splitlines()
    assert len(members) == 3 and members[0].startswith("Female, born 1990") and "head" in members[0]
    assert members[1].startswith("Male, born")
    assert "by post TGR1" in shown["issued"] and shown["serial"] == "serial 1"
    assert "Checked in now" in shown["checkin"] and "advice" not in shown
    assert screen.input.text() == "" and checkins(camp) == 1


def test_altered_slip_is_invalid_with_the_reason(qtbot: Any, camp: AppContext,
                                                  slip: tuple[str, str]) -> None:
    screen = open_screen(qtbot, camp)
    shown = scan(qtbot, screen, altered(slip[1]))
    assert screen.verdict.kind == "invalid" and shown["word"] == "INVALID"
    # one character changed breaks the signature, or already the code's structure
    assert "altered" in shown["summary"]
    assert shown["details"].startswith("Details: ")
    assert "regno" not in shown and "checkin" not in shown  # no claims, nothing checked in
    assert checkins(camp) == 0


def test_revoked_slip_is_revoked(qtbot: Any, camp: AppContext, hq: HqDir,
                                 slip: tuple[str, str]) -> None:
    screen = open_screen(qtbot, camp)
    assert scan(qtbot, screen, slip[1])["word"] == "VALID"
    claims = screen.last_result.verdict.claims  # type: ignore[union-attr]
    camp.session.trust.load_list(hq.revoke_tokens([claims.token_id]).raw)
    screen.activated()  # back on the screen after the list was loaded
    shown = scan(qtbot, screen, slip[1])
    assert screen.verdict.kind == "revoked" and shown["word"] == "REVOKED"
    assert "newer slip" in shown["summary"] and shown["regno"] == slip[0]
    assert checkins(camp) == 1  # only the earlier, valid scan


def test_second_scan_of_the_household_warns_already_checked_in(
        qtbot: Any, camp: AppContext, slip: tuple[str, str]) -> None:
    screen = open_screen(qtbot, camp)
    scan(qtbot, screen, slip[1])
    shown = scan(qtbot, screen, slip[1])
    assert shown["word"] == "VALID"
    (line,) = shown["checkin"].splitlines()  # one line per warning, no repeated heading
    assert line.startswith("⚠ This same slip was already checked in on ") and line.endswith("by ali.")
    assert "Another slip" not in line
    assert screen.verdict.checkin.property("kind") == "warning"
    assert checkins(camp) == 2
    shown = scan(qtbot, screen, slip[1])
    (line,) = shown["checkin"].splitlines()
    assert line.startswith("⚠ This same slip was already checked in 2 times, the last on ")
    assert checkins(camp) == 3


def test_another_slip_of_the_household_is_worded_so(
        qtbot: Any, camp: AppContext, post: Session, slip: tuple[str, str]) -> None:
    regno, old = slip
    new = post.tokens.reissue(regno, reason="slip lost")[0].text
    screen = open_screen(qtbot, camp)
    scan(qtbot, screen, old)
    shown = scan(qtbot, screen, new)
    (line,) = shown["checkin"].splitlines()
    assert line.startswith(f"⚠ Another slip of this household ({regno}) was checked in on ")
    assert line.endswith("by ali.")
    shown = scan(qtbot, screen, old)  # the first slip again: both kinds, one line each
    assert [line.split(" was")[0] for line in shown["checkin"].splitlines()] == [
        "⚠ This same slip", f"⚠ Another slip of this household ({regno})"]


def test_scanner_on_an_azerty_keyboard_is_repaired_and_advice_shown(
        qtbot: Any, camp: AppContext, slip: tuple[str, str], type_text: Any) -> None:
    screen = open_screen(qtbot, camp)
    mangled = mangle_us_on_azerty(slip[1])
    assert mangled.startswith("FR&M") and any(c in mangled for c in "éèçà")
    type_text(screen.input, mangled)  # accented characters: as the keyboard delivers them
    assert screen.input.text() == mangled
    qtbot.keyClick(screen.input, Qt.Key.Key_Return)
    shown = screen.verdict.result_text()
    assert shown["word"] == "VALID" and shown["regno"] == slip[0]
    assert "AZERTY" in shown["advice"] and "keyboard" in shown["advice"]
    assert checkins(camp) == 1


def test_escape_clears_for_the_next_person(qtbot: Any, camp: AppContext,
                                           slip: tuple[str, str]) -> None:
    screen = open_screen(qtbot, camp)
    scan(qtbot, screen, slip[1])
    qtbot.keyClicks(screen.input, "half a sc")
    qtbot.keyClick(screen.input, Qt.Key.Key_Escape)
    assert screen.verdict.kind == "" and screen.input.text() == ""
    assert screen.verdict.result_text() == {"word": "Ready", "summary": "Waiting for a slip."}


# -- numbers typed by hand -----------------------------------------------------------------

def test_hand_typed_number_with_a_wrong_check_character_is_refused(
        qtbot: Any, camp: AppContext, slip: tuple[str, str]) -> None:
    regno, _ = slip
    screen = open_screen(qtbot, camp)
    wrong = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    shown = scan(qtbot, screen, wrong.lower())
    assert screen.verdict.kind == "refused" and shown["word"] == "CHECK THE NUMBER"
    assert shown["summary"].startswith(wrong) and "mistyped" in shown["summary"]
    assert "regno" not in shown and checkins(camp) == 0
    shown = scan(qtbot, screen, "hello")
    assert shown["word"] == "NOT RECOGNISED"


def test_hand_typed_number_shows_its_checkins(qtbot: Any, camp: AppContext,
                                              slip: tuple[str, str]) -> None:
    regno, token = slip
    screen = open_screen(qtbot, camp)
    shown = scan(qtbot, screen, regno)
    assert screen.verdict.kind == "number" and shown["word"] == "NUMBER ONLY"
    assert "proves nothing" in shown["summary"] and shown["checkin"] == "Never checked in at this station."
    scan(qtbot, screen, token)
    shown = scan(qtbot, screen, regno)
    # A typed number is not a slip: neither "this same slip" nor "another slip".
    (line,) = shown["checkin"].splitlines()
    assert line.startswith("⚠ This household was already checked in on ") and line.endswith("by ali.")
    assert checkins(camp) == 1  # looking a number up records nothing


# -- a photo of the slip -------------------------------------------------------------------

def test_photo_of_a_printed_slip_verifies(qtbot: Any, camp: AppContext, post: Session,
                                          slip: tuple[str, str], pdf_tools: Any,
                                          tmp_path: Path) -> None:
    regno, _ = slip
    pdf = tmp_path / "slip.pdf"
    write_slips_pdf([post.tokens.slip(post.tokens.issue(regno))], pdf)
    page = tmp_path / "slip.png"
    pdf_tools.rasterize(pdf)[0].save(page)
    screen = open_screen(qtbot, camp)
    screen.verify_image(str(page))
    qtbot.waitUntil(lambda: screen.verdict.kind != "", timeout=TIMEOUT)
    shown = screen.verdict.result_text()
    assert shown["word"] == "VALID" and shown["regno"] == regno
    assert checkins(camp) == 1


def test_the_slip_pdf_itself_verifies_through_the_open_dialog(
        qtbot: Any, camp: AppContext, post: Session, slip: tuple[str, str], tmp_path: Path) -> None:
    regno, _ = slip
    pdf = tmp_path / "slips" / "slip.pdf"
    pdf.parent.mkdir()
    write_slips_pdf([post.tokens.slip(post.tokens.issue(regno))], pdf)
    screen = open_screen(qtbot, camp)

    filters: list[str] = []

    def choose_the_pdf() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, choose_the_pdf)
            return
        filters.extend(dialog.nameFilters())
        dialog.setDirectory(str(pdf.parent))
        dialog.selectFile(pdf.name)
        dialog.accept()

    QTimer.singleShot(0, choose_the_pdf)
    screen.open_image()
    assert "*.pdf" in " ".join(filters)
    qtbot.waitUntil(lambda: screen.verdict.kind != "", timeout=TIMEOUT)
    shown = screen.verdict.result_text()
    assert shown["word"] == "VALID" and shown["regno"] == regno
    assert camp.settings.last_folders["slip-image"] == str(pdf.parent)  # the next dialog opens there


def test_a_pdf_without_a_code_says_so(qtbot: Any, camp: AppContext, tmp_path: Path) -> None:
    from PySide6.QtGui import QPdfWriter

    empty = tmp_path / "letter.pdf"
    writer = QPdfWriter(str(empty))
    writer.newPage()
    del writer  # the PDF is finished when its writer goes
    screen = open_screen(qtbot, camp)
    screen.verify_image(str(empty))
    qtbot.waitUntil(lambda: screen.verdict.kind != "", timeout=TIMEOUT)
    assert screen.verdict.kind == "refused" and screen.verdict.result_text()["word"] == "NO CODE FOUND"


def test_a_picture_without_a_code_says_so(qtbot: Any, camp: AppContext, tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (200, 200), 255).save(blank)
    screen = open_screen(qtbot, camp)
    screen.verify_image(str(blank))
    qtbot.waitUntil(lambda: screen.verdict.kind != "", timeout=TIMEOUT)
    assert screen.verdict.kind == "refused" and screen.verdict.result_text()["word"] == "NO CODE FOUND"


# -- the station ---------------------------------------------------------------------------

def test_without_a_camera_the_button_explains(qtbot: Any, camp: AppContext) -> None:
    screen = open_screen(qtbot, camp)
    assert not screen.camera_button.isEnabled()
    assert screen.camera_note.isVisible() and "No camera" in screen.camera_note.text()


def test_a_station_without_hq_lists_cannot_check(qtbot: Any, tmp_path: Path) -> None:
    store = Station.create(tmp_path / "plain", post_id="KDL2", post_name="Kadiolo", admin="awa",
                             passphrase=ADMIN_PASS, kdf=FAST_KDF)
    ctx = AppContext(tmp_path / "plain", store, store.unlock("awa", ADMIN_PASS), UiSettings())
    screen = open_screen(qtbot, ctx)
    assert screen.station_problem.isVisible() and "trust list" in screen.station_problem.text()
    assert not screen.input.isEnabled()


# -- webcam frames -------------------------------------------------------------------------

def qr_gray(text: str) -> Image.Image:
    return Image.open(io.BytesIO(qr_png(text, module_px=4))).convert("L")


def rgb_frame(image: Image.Image) -> Any:
    rgb = image.convert("RGB")
    pixels = rgb.tobytes()  # QImage borrows the buffer: keep it alive until converted (a copy)
    borrowed = QImage(pixels, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return QVideoFrame(borrowed.convertToFormat(QImage.Format.Format_RGB32))


def planar_frame(image: Image.Image, pixel_format: Any) -> Any:
    """A YUV frame whose luma rows carry ``image`` (chroma left grey), at the frame's own stride."""
    frame = QVideoFrame(QVideoFrameFormat(QSize(image.width, image.height), pixel_format))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    stride, rows = frame.bytesPerLine(0), image.tobytes()
    packed = pixel_format == QVideoFrameFormat.PixelFormat.Format_YUYV
    plane = bytearray(b"\x80" * frame.mappedBytes(0))
    for y in range(image.height):
        row = rows[y * image.width:(y + 1) * image.width]
        if packed:
            plane[y * stride:y * stride + 2 * image.width:2] = row
        else:
            plane[y * stride:y * stride + image.width] = row
    frame.bits(0)[:] = bytes(plane)
    for p in range(1, frame.planeCount()):
        frame.bits(p)[:] = b"\x80" * frame.mappedBytes(p)
    frame.unmap()
    return frame


@pytest.mark.parametrize("kind", ["rgb", "yuv420p", "nv12", "yuyv"])
def test_camera_frames_are_decoded(qtbot: Any, slip: tuple[str, str], kind: str) -> None:
    _, token = slip
    image = qr_gray(token)
    pf = QVideoFrameFormat.PixelFormat
    frame = {"rgb": lambda: rgb_frame(image), "yuv420p": lambda: planar_frame(image, pf.Format_YUV420P),
             "nv12": lambda: planar_frame(image, pf.Format_NV12),
             "yuyv": lambda: planar_frame(image, pf.Format_YUYV)}[kind]()
    decoder = FrameDecoder(min_interval_ms=0)
    sink = QVideoSink()
    decoder.attach(sink)  # the camera's place: frames arrive through a video sink
    with qtbot.waitSignal(decoder.decoded, timeout=TIMEOUT) as got:
        sink.setVideoFrame(frame)
    assert got.args == [token]


def test_the_same_code_is_reported_once_until_reset(qtbot: Any, slip: tuple[str, str]) -> None:
    frame = rgb_frame(qr_gray(slip[1]))
    blank = rgb_frame(Image.new("L", (120, 120), 255))
    decoder = FrameDecoder(min_interval_ms=0)
    seen: list[str] = []
    decoder.decoded.connect(seen.append)
    for shown, found in ((frame, 1), (blank, 0), (frame, 1)):
        with qtbot.waitSignal(decoder.attempted, timeout=TIMEOUT) as attempt:
            decoder.on_frame(shown)
        assert attempt.args == [found]
    assert seen == [slip[1]]  # the slip held in front of the camera is one scan, not three
    decoder.reset()
    with qtbot.waitSignal(decoder.decoded, timeout=TIMEOUT):
        decoder.on_frame(frame)
    assert seen == [slip[1], slip[1]]


def test_in_french(qtbot: Any, camp: AppContext, slip: tuple[str, str]) -> None:
    from fieldreg.ui.language import apply_language

    apply_language("fr")
    try:
        screen = open_screen(qtbot, camp)
        shown = scan(qtbot, screen, slip[1])
        assert shown["word"] == "VALIDE" and shown["size"] == "3 personnes"
        head, son = shown["members"].splitlines()[:2]  # "née" and "né" agree with the sex
        assert head.startswith("Femme, née en 1990 (environ ") and head.endswith(" ans) — chef de ménage")
        assert son.startswith("Homme, né en 2019 (environ ")
        assert screen.windowTitle() == "Contrôle des fiches"
    finally:
        apply_language("en")
