"""Camp verify mode: scan a slip, see VALID / INVALID / REVOKED in big, with who it is for.

One always-focused field takes what a USB barcode scanner types (then Enter),
or a registration number typed by hand from a damaged slip. A photo of the
slip can be opened (or dropped on the screen), and a webcam used when there is
one. Every entry goes through :meth:`fieldreg.station.verifying.Verifier.scan`, as
``fieldreg verify`` does: a scanner set to the wrong keyboard layout is
repaired (and the screen says how to set it), a valid slip is checked in at a
camp, and an earlier check-in of the same household is shown as a warning.
Escape, or the next scan, clears the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QHideEvent,
    QKeyEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldreg.station.checkins import Checkin
from fieldreg.errors import FieldRegError, InvalidInput
from fieldreg.regno import looks_like_regno
from fieldreg.station.scanner import looks_mangled
from fieldreg.tokens import Claims, Reason, Sex, Status
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.screens import Screen
from fieldreg.ui.tasks import run_task
from fieldreg.ui.text import error_text, translated
from fieldreg.ui.widgets.verdict_badge import COLOURS, VerdictBadge
from fieldreg.station.verifying import ScanResult, Verifier, approximate_age, head_name

if TYPE_CHECKING:
    from fieldreg.ui.camera import CameraScanner

IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp"


def _font(widget: QWidget, points: int, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)


def _label(parent: QWidget, name: str, *, points: int = 0, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if points:
        _font(label, points, bold=bold)
    return label


class VerifyScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Check slips"))
        self.setAcceptDrops(True)
        self.verifier: Verifier | None = None
        self.last_result: ScanResult | None = None
        self.result_kind = ""  # valid, invalid, revoked, number, refused, or "" when cleared
        self._camera: CameraScanner | None = None
        self._video: QWidget | None = None
        self._camera_probed = False

        outer = QVBoxLayout(self)
        self.instructions = _label(self, "instructions", points=13)
        self.instructions.setText(self.tr(
            "Scan the QR code on the slip with the scanner. Or type the registration number "
            "printed on the slip and press Enter."))
        outer.addWidget(self.instructions)

        self.input = QLineEdit(self)
        self.input.setObjectName("scanInput")
        self.input.setPlaceholderText(self.tr("Scan or type here, then Enter"))
        self.input.setAccessibleName(self.tr("Slip code or registration number"))
        self.input.setClearButtonEnabled(True)
        _font(self.input, 18)
        self.input.returnPressed.connect(self._submit)
        self.setFocusProxy(self.input)
        outer.addWidget(self.input)

        buttons = QHBoxLayout()
        self.image_button = QPushButton(self.tr("Open a photo of the slip…"), self)
        self.image_button.clicked.connect(self.open_image)
        self.camera_button = QPushButton(self.tr("Use the camera"), self)
        self.camera_button.setCheckable(True)
        self.camera_button.toggled.connect(self._toggle_camera)
        self.clear_button = QPushButton(self.tr("Next person (Esc)"), self)
        self.clear_button.clicked.connect(self.clear)
        for button in (self.image_button, self.camera_button, self.clear_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the scanner's field focused
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.camera_note = _label(self, "cameraNote")
        self.camera_note.hide()
        outer.addWidget(self.camera_note)
        self.station_problem = _label(self, "stationProblem", points=13, bold=True)
        self.station_problem.hide()
        outer.addWidget(self.station_problem)

        body = QHBoxLayout()
        outer.addLayout(body, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(scroll, 1)
        self.camera_area = QVBoxLayout()
        body.addLayout(self.camera_area)
        scroll.setWidget(self._build_result(scroll))
        self.clear()
        self._load_verifier()

    # -- layout of the result ----------------------------------------------------------

    def _build_result(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        column = QVBoxLayout(page)
        self.banner = QFrame(page)
        self.banner.setObjectName("resultBanner")
        row = QHBoxLayout(self.banner)
        self.badge = VerdictBadge(self.banner)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        self.word = _label(self.banner, "verdictWord", points=40, bold=True)
        self.summary = _label(self.banner, "verdictSummary", points=15)
        words.addWidget(self.word)
        words.addWidget(self.summary)
        row.addLayout(words, 1)
        column.addWidget(self.banner)

        self.advice = _label(page, "scannerAdvice", points=11)
        self.advice.setStyleSheet("QLabel { background:#e8eef7; color:#1d2f4a; border:1px solid "
                                  "#8aa2c8; border-radius:4px; padding:8px; }")
        column.addWidget(self.advice)
        self.checkin = _label(page, "checkinNotice", points=14, bold=True)
        column.addWidget(self.checkin)

        self.claims = QWidget(page)
        self.claims.setObjectName("claims")
        form = QFormLayout(self.claims)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.claim_values: dict[str, QLabel] = {}
        rows = (("regno", self.tr("Registration number")), ("head", self.tr("Head of household")),
                ("size", self.tr("Household")), ("members", self.tr("Members (sex, birth year)")),
                ("issued", self.tr("Issued")), ("serial", self.tr("Slip")))
        for key, title in rows:
            value = _label(self.claims, f"claim_{key}", points=16 if key in ("regno", "head") else 13,
                           bold=key in ("regno", "head"))
            caption = QLabel(title, self.claims)
            _font(caption, 12)
            form.addRow(caption, value)
            self.claim_values[key] = value
        column.addWidget(self.claims)
        self.details = _label(page, "verdictDetails", points=10)
        self.details.setStyleSheet("QLabel { color:#444; }")
        column.addWidget(self.details)
        column.addStretch(1)
        return page

    # -- the screen contract -----------------------------------------------------------

    def activated(self) -> None:
        self._load_verifier()  # a newer trust or revocation list may have been loaded meanwhile
        self.input.setFocus()

    def _load_verifier(self) -> None:
        try:
            self.verifier = Verifier.for_station(self.ctx.station)
        except FieldRegError as err:
            self.verifier = None
            self.station_problem.setText(self.tr(
                "This computer cannot check slips yet: it holds no valid list from HQ. An "
                "administrator must load HQ's trust list first. ({reason})").format(reason=error_text(err)))
            self.station_problem.show()
            self.input.setEnabled(False)
            self.image_button.setEnabled(False)
            return
        self.station_problem.hide()
        self.input.setEnabled(True)
        self.image_button.setEnabled(True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._camera_probed:
            self._camera_probed = True
            self._probe_camera()
        self.input.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.camera_button.setChecked(False)  # never leave a camera running behind another screen
        super().hideEvent(event)

    # -- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        if event.text() and event.text().isprintable() and self.input.isEnabled():
            # Focus wandered (a click on the result): what the scanner types still lands in the field.
            self.input.setFocus()
            self.input.insert(event.text())
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        """Ready for the next person (Escape, "Next person"): empty field, no result, and the
        camera will report the slip in front of it again."""
        self._reset_result()
        if self._camera is not None:
            self._camera.decoder.reset()

    def _reset_result(self) -> None:
        self.input.clear()
        self.last_result = None
        self._set_banner("")
        self.word.setText(self.tr("Ready"))
        self.summary.setText(self.tr("Waiting for a slip."))
        for widget in (self.advice, self.checkin, self.claims, self.details):
            widget.hide()
        self.input.setFocus()

    def _submit(self) -> None:
        raw = self.input.text()
        self.input.clear()
        if raw.strip():
            self.verify_scanned(raw)

    # -- verifying ------------------------------------------------------------------------

    def verify_scanned(self, raw: str, *, note: str = "") -> None:
        """Check what the scanner, the camera or a person typed, and show the result."""
        if self.verifier is None:
            return
        self._reset_result()
        try:
            result = self.verifier.scan(raw, session=self.ctx.session)
        except InvalidInput as err:
            self._show_refused(raw, err)
        except FieldRegError as err:
            show_error(self, err)
        else:
            self._show(result, note)
        self.input.setFocus()

    def open_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a photo or scan of the slip"), "",
            self.tr("Images ({patterns})").format(patterns=IMAGE_FILTER))
        if path:
            self.verify_image(path)

    def verify_image(self, path: str) -> None:
        """Find the QR code in a photo or scan (off the UI thread), then verify it."""
        from fieldreg.tokens.qr import decode_qr_image

        self._reset_result()
        self.word.setText(self.tr("Reading the image…"))
        self.summary.setText("")
        run_task(self, self.tr("Reading the image…"), lambda progress: decode_qr_image(path),
                 on_done=self._image_read, on_error=self._image_failed)

    def _image_read(self, texts: list[str]) -> None:
        note = "" if len(texts) < 2 else self.tr(
            "The image holds {count} codes: the first one is shown.").format(count=len(texts))
        self.verify_scanned(texts[0], note=note)

    def _image_failed(self, err: BaseException) -> None:
        if not isinstance(err, FieldRegError):
            show_error(self, err)
            return
        self._reset_result()
        self._set_banner("refused")
        self.word.setText(self.tr("NO CODE FOUND"))
        self.summary.setText(self.tr(
            "No readable QR code in this file. Photograph the slip flat, in good light, filling "
            "most of the picture, and try again."))
        self._show_details(error_text(err))

    # -- showing results -------------------------------------------------------------------

    def _set_banner(self, kind: str) -> None:
        self.result_kind = kind
        self.badge.set_kind(kind)
        self.banner.setStyleSheet(
            f"QFrame#resultBanner {{ background:{COLOURS[kind]}; border-radius:8px; }}"
            " QLabel { color:white; background:transparent; }")

    def _show(self, result: ScanResult, note: str) -> None:
        self.last_result = result
        if result.repaired:
            self._show_advice()
        verdict = result.verdict
        if verdict is None:
            self._show_number(result)
        else:
            self._set_banner(verdict.status.value)
            if verdict.status is Status.VALID:
                self.word.setText(self.tr("VALID"))
                self.summary.setText(self.tr(
                    "A genuine slip. Check that the people in front of you match the details below."))
            elif verdict.status is Status.REVOKED:
                self.word.setText(self.tr("REVOKED"))
                self.summary.setText(self._reason_text(verdict.reason))
            else:
                self.word.setText(self.tr("INVALID"))
                self.summary.setText(self._reason_text(verdict.reason))
            if verdict.claims is not None and verdict.status is not Status.INVALID:
                self._show_claims(verdict.claims)
            extra = [self.tr("Details: {detail}").format(detail=translated(verdict.detail))] if verdict.detail else []
            extra += [self.tr("Note: {warning}").format(warning=translated(w)) for w in verdict.warnings]
            if note:
                extra.append(note)
            self._show_details("\n".join(extra))
            self._show_checkin(result)

    def _reason_text(self, reason: Reason | None) -> str:
        texts = {
            Reason.WRONG_PREFIX: self.tr("This is not a FieldReg slip code."),
            Reason.UNSUPPORTED_VERSION: self.tr(
                "This slip was made by a newer FieldReg: this computer's FieldReg must be updated."),
            Reason.MALFORMED: self.tr(
                "The code is damaged, incomplete or altered. Scan it again; if it stays INVALID, do "
                "not accept the slip."),
            Reason.UNKNOWN_KEY: self.tr(
                "Signed with a key this station does not know: the slip is forged, or this station "
                "needs HQ's newest trust list."),
            Reason.BAD_SIGNATURE: self.tr("The code was altered or forged. Do not accept this slip."),
            Reason.REVOKED_KEY: self.tr("HQ withdrew the key that signed this slip."),
            Reason.KEY_NOT_VALID_AT_ISSUE: self.tr("Signed outside the dates its key was valid."),
            Reason.ISSUER_MISMATCH: self.tr("The post named on the slip did not sign it."),
            Reason.CLOCK: self.tr(
                "Dated in the future: the post's or this computer's clock is wrong. The signature "
                "itself is genuine; ask a supervisor."),
            Reason.EXPIRED: self.tr("This slip has expired."),
            Reason.TOKEN_REVOKED: self.tr(
                "HQ cancelled this slip. A newer slip may exist for this household."),
        }
        return texts.get(reason, self.tr("This slip cannot be accepted.")) if reason else ""

    def _show_number(self, result: ScanResult) -> None:
        assert result.regno is not None
        self._set_banner("number")
        self.word.setText(self.tr("NUMBER ONLY"))
        self.summary.setText(self.tr(
            "{regno} is written correctly, but a number alone proves nothing: ask for the slip "
            "or other papers.").format(regno=result.regno.regno))
        seen = result.regno.checkins
        if seen is None:
            return
        if seen:
            self._show_earlier(seen)
        else:
            self._checkin_style("info")
            self.checkin.setText(self.tr("Never checked in at this station."))
            self.checkin.show()

    def _show_refused(self, raw: str, err: InvalidInput) -> None:
        self._set_banner("refused")
        if looks_like_regno(raw):
            self.word.setText(self.tr("CHECK THE NUMBER"))
            self.summary.setText(self.tr(
                "{number} has a mistake: a character was mistyped or two were swapped. Type it "
                "again carefully from the slip.").format(number=raw.strip().upper()))
        else:
            self.word.setText(self.tr("NOT RECOGNISED"))
            self.summary.setText(self.tr(
                "This is neither a slip's QR code nor a registration number (like "
                "TGR1-26-000042-B). Scan the code again, or type the number printed on the slip."))
            if looks_mangled(raw):
                self._show_advice()
        self._show_details(error_text(err))

    def _show_advice(self) -> None:
        self.advice.setText(self.tr(
            "Scanner setting: the scanner is set for an American (QWERTY) keyboard but this computer has a French "
            "(AZERTY) one, so numbers come out as symbols. FieldReg corrected this scan. To fix "
            "it for good, set the scanner's keyboard layout to French (AZERTY): in its manual, "
            "scan the barcode for 'keyboard language' or 'keyboard emulation country' French."))
        self.advice.show()

    def _show_claims(self, claims: Claims) -> None:
        locale = QLocale()
        values = self.claim_values
        values["regno"].setText(claims.registration_number)
        values["head"].setText(head_name(claims))
        size = claims.household_size
        values["size"].setText(self.tr("1 person") if size == 1 else
                               self.tr("{count} people").format(count=locale.toString(size)))
        lines = []
        for index, member in enumerate(claims.members):
            line = self.tr("{sex}, born {year} (about {age})").format(
                sex=self._sex(member.sex), year=member.birth_year,
                age=locale.toString(approximate_age(member.birth_year)))
            lines.append(self.tr("{member} — head").format(member=line) if index == 0 else line)
        values["members"].setText("\n".join(lines))
        issued = QDateTime.fromSecsSinceEpoch(int(claims.issued_at.timestamp()), QTimeZone.utc())
        values["issued"].setText(self.tr("{date} by post {post}").format(
            date=locale.toString(issued.toLocalTime().date(), QLocale.FormatType.LongFormat),
            post=claims.issuing_post))
        values["serial"].setText(self.tr("serial {serial}").format(serial=claims.serial))
        self.claims.show()

    def _sex(self, sex: Sex) -> str:
        return {Sex.FEMALE: self.tr("Female"), Sex.MALE: self.tr("Male"),
                Sex.NOT_APPLICABLE: self.tr("Not applicable")}.get(sex, self.tr("Unknown"))

    def _show_checkin(self, result: ScanResult) -> None:
        if result.earlier:
            self._show_earlier(result.earlier)
        elif result.checked_in:
            self._checkin_style("info")
            self.checkin.setText(self.tr("✓ Checked in now: first visit recorded at this station."))
            self.checkin.show()

    def _show_earlier(self, earlier: tuple[Checkin, ...]) -> None:
        lines = [self.tr("⚠ ALREADY CHECKED IN")]
        for c in earlier:
            when = QLocale().toString(QDateTime.fromString(c.checked_at, Qt.DateFormat.ISODate)
                                      .toLocalTime(), QLocale.FormatType.ShortFormat)
            if c.same_token:
                lines.append(self.tr("This same slip was checked in on {when} by {user}.").format(
                    when=when, user=c.checked_by))
            else:
                lines.append(self.tr("Another slip of this household ({regno}) was checked in on "
                                     "{when} by {user}.").format(regno=c.regno, when=when,
                                                                 user=c.checked_by))
        self._checkin_style("warning")
        self.checkin.setText("\n".join(lines))
        self.checkin.show()

    def _checkin_style(self, kind: str) -> None:
        self.checkin.setProperty("kind", kind)
        style = ("background:#fff4d6; color:#4a3500; border:3px solid #d9a400;" if kind == "warning"
                 else "background:#eef3ea; color:#17461f; border:1px solid #8fb98a;")
        self.checkin.setStyleSheet(f"QLabel {{ {style} border-radius:6px; padding:10px; }}")

    def _show_details(self, text: str) -> None:
        self.details.setText(text)
        self.details.setVisible(bool(text))

    # -- photo by drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and self.verifier is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.verify_image(urls[0].toLocalFile())

    # -- webcam -------------------------------------------------------------------------------

    def _probe_camera(self) -> None:
        from fieldreg.ui.camera import camera_status

        available, why_not = camera_status()
        self.camera_button.setEnabled(available)
        self.camera_note.setText(why_not)
        self.camera_note.setVisible(not available)

    def _toggle_camera(self, on: bool) -> None:
        if on:
            self._start_camera()
        elif self._camera is not None:
            self._camera.stop()
            if self._video is not None:
                self._video.hide()
            self.camera_button.setText(self.tr("Use the camera"))
        self.input.setFocus()

    def _start_camera(self) -> None:
        from PySide6.QtMultimediaWidgets import QVideoWidget

        from fieldreg.ui.camera import CameraScanner

        if self._camera is None:
            video = QVideoWidget(self)
            video.setMinimumSize(320, 240)
            video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.camera_area.addWidget(video)
            self._video = video
            self._camera = CameraScanner(video, self)
            self._camera.decoded.connect(self.verify_scanned)
            self._camera.failed.connect(self._camera_failed)
        assert self._video is not None
        self._video.show()
        self._camera.start()
        self.camera_button.setText(self.tr("Stop the camera"))
        self.camera_note.setText(self.tr("Hold the slip's QR code in front of the camera."))
        self.camera_note.show()

    def _camera_failed(self, reason: str) -> None:
        self.camera_button.setChecked(False)
        self.camera_note.setText(self.tr("The camera stopped: {reason}").format(reason=reason))
        self.camera_note.show()

    def has_unsaved_work(self) -> bool:
        return False

    def result_text(self) -> dict[str, Any]:
        """What the screen shows, for tests and screenshots: labels' texts by name."""
        shown = {name: w.text() for name, w in (("word", self.word), ("summary", self.summary),
                                                ("advice", self.advice), ("checkin", self.checkin),
                                                ("details", self.details)) if w.isVisibleTo(self)}
        if self.claims.isVisibleTo(self):
            shown.update({k: v.text() for k, v in self.claim_values.items()})
        return shown
