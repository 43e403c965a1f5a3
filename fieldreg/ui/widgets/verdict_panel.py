"""What the verify screen shows about a slip: VALID / INVALID / REVOKED in big, who it is for, check-ins.

    panel = VerdictPanel(parent)
    panel.show_result(verifier.scan(raw, session=session), note="")
    panel.show_refused(raw, err)     # neither a slip's code nor a well-formed number
    panel.reset()                    # "Ready", for the next person

Each ``show_*`` replaces whatever was shown before.
The banner (colour, a :class:`~fieldreg.ui.widgets.verdict_badge.VerdictBadge`
shape and one word) tells the verdict from across a table; below it the
scanner advice, the check-in notice, the slip's claims and the details.
``kind`` is the verdict shown: valid, invalid, revoked, number, refused, or
``""`` when cleared.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError, InvalidInput
from fieldreg.regno import looks_like_regno
from fieldreg.station.scanner import looks_mangled
from fieldreg.station.verifying import (
    Claims,
    EarlierWarning,
    Reason,
    ScanResult,
    Seen,
    Sex,
    Status,
    approximate_age,
    head_name,
)
from fieldreg.ui.text import error_text, translated
from fieldreg.ui.widgets.labels import plain_label, set_font
from fieldreg.ui.widgets.verdict_badge import COLOURS, VerdictBadge


class VerdictPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        column = QVBoxLayout(self)
        column.addWidget(self._build_banner())

        self.advice = plain_label(self, "scannerAdvice", points=11)
        self.advice.setStyleSheet("QLabel { background:#e8eef7; color:#1d2f4a; border:1px solid "
                                  "#8aa2c8; border-radius:4px; padding:8px; }")
        column.addWidget(self.advice)
        self.checkin = plain_label(self, "checkinNotice", points=14, bold=True)
        column.addWidget(self.checkin)
        column.addWidget(self._build_claims())
        self.details = plain_label(self, "verdictDetails", points=10)
        self.details.setStyleSheet("QLabel { color:#444; }")
        column.addWidget(self.details)
        column.addStretch(1)
        self.reset()

    def _build_banner(self) -> QFrame:
        self.banner = QFrame(self)
        self.banner.setObjectName("resultBanner")
        row = QHBoxLayout(self.banner)
        self.badge = VerdictBadge(self.banner)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        self.word = plain_label(self.banner, "verdictWord", points=40, bold=True)
        self.summary = plain_label(self.banner, "verdictSummary", points=15)
        words.addWidget(self.word)
        words.addWidget(self.summary)
        row.addLayout(words, 1)
        return self.banner

    def _build_claims(self) -> QWidget:
        self.claims = QWidget(self)
        self.claims.setObjectName("claims")
        form = QFormLayout(self.claims)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.claim_values: dict[str, QLabel] = {}
        rows = (("regno", self.tr("Registration number")), ("head", self.tr("Head of household")),
                ("size", self.tr("Household")), ("members", self.tr("Members (sex, birth year)")),
                ("issued", self.tr("Issued")), ("serial", self.tr("Slip")))
        for key, title in rows:
            value = plain_label(self.claims, f"claim_{key}", points=16 if key in ("regno", "head") else 13,
                                bold=key in ("regno", "head"))
            caption = QLabel(title, self.claims)
            set_font(caption, 12)
            form.addRow(caption, value)
            self.claim_values[key] = value
        return self.claims

    # -- what is shown --------------------------------------------------------------------

    def reset(self) -> None:
        """Ready for the next person: no verdict."""
        self._set_banner("")
        self.word.setText(self.tr("Ready"))
        self.summary.setText(self.tr("Waiting for a slip."))
        for widget in (self.advice, self.checkin, self.claims, self.details):
            widget.hide()

    def show_busy(self, text: str) -> None:
        """No verdict yet: ``text`` says what is being done (reading an image)."""
        self.reset()
        self.word.setText(text)
        self.summary.setText("")

    def show_no_code(self, err: FieldRegError) -> None:
        """The photo or scan holds no readable QR code."""
        self.reset()
        self._set_banner("refused")
        self.word.setText(self.tr("NO CODE FOUND"))
        self.summary.setText(self.tr(
            "No readable QR code in this file. Photograph the slip flat, in good light, filling "
            "most of the picture, and try again."))
        self._show_details(error_text(err))

    def result_text(self) -> dict[str, Any]:
        """What the panel shows, for tests and screenshots: labels' texts by name."""
        shown = {name: w.text() for name, w in (("word", self.word), ("summary", self.summary),
                                                ("advice", self.advice), ("checkin", self.checkin),
                                                ("details", self.details)) if w.isVisibleTo(self)}
        if self.claims.isVisibleTo(self):
            shown.update({k: v.text() for k, v in self.claim_values.items()})
        return shown

    # -- showing results -------------------------------------------------------------------

    def _set_banner(self, kind: str) -> None:
        self.kind = kind
        self.badge.set_kind(kind)
        self.banner.setStyleSheet(
            f"QFrame#resultBanner {{ background:{COLOURS[kind]}; border-radius:8px; }}"
            " QLabel { color:white; background:transparent; }")

    def show_result(self, result: ScanResult, note: str) -> None:
        """The verdict on a scanned slip or a typed number, with ``note`` under its details."""
        self.reset()
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
            self._show_earlier(result.warnings())
        else:
            self._checkin_style("info")
            self.checkin.setText(self.tr("Never checked in at this station."))
            self.checkin.show()

    def show_refused(self, raw: str, err: InvalidInput) -> None:
        """``raw`` is neither a slip's code nor a well-formed registration number."""
        self.reset()
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
            line = self._born(member.sex).format(
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

    def _born(self, sex: Sex) -> str:
        """The member's line, whose French agrees "né"/"née" with a known sex."""
        if sex is Sex.FEMALE:
            return self.tr("Female, born {year} (about {age})")
        if sex is Sex.MALE:
            return self.tr("Male, born {year} (about {age})")
        return self.tr("{sex}, born {year} (about {age})")

    def _sex(self, sex: Sex) -> str:
        return {Sex.FEMALE: self.tr("Female"), Sex.MALE: self.tr("Male"),
                Sex.NOT_APPLICABLE: self.tr("Not applicable")}.get(sex, self.tr("Unknown"))

    def _show_checkin(self, result: ScanResult) -> None:
        if result.earlier:
            self._show_earlier(result.warnings())
        elif result.checked_in:
            self._checkin_style("info")
            self.checkin.setText(self.tr("✓ Checked in now: first visit recorded at this station."))
            self.checkin.show()

    def _show_earlier(self, warnings: list[EarlierWarning]) -> None:
        """One line per warning: this same slip seen again, another slip of the household, or
        (a typed number) the household."""
        self._checkin_style("warning")
        self.checkin.setText("\n".join(self._warning_text(w) for w in warnings))
        self.checkin.show()

    def _warning_text(self, warning: EarlierWarning) -> str:
        last = warning.last
        when = QLocale().toString(QDateTime.fromString(last.checked_at, Qt.DateFormat.ISODate)
                                  .toLocalTime(), QLocale.FormatType.ShortFormat)
        values = {"when": when, "user": last.checked_by, "regno": last.regno,
                  "count": QLocale().toString(warning.times)}
        once = warning.times == 1
        if warning.seen is Seen.SAME_SLIP:
            text = (self.tr("⚠ This same slip was already checked in on {when} by {user}.") if once
                    else self.tr("⚠ This same slip was already checked in {count} times, the last on "
                                 "{when} by {user}."))
        elif warning.seen is Seen.OTHER_SLIP:
            text = (self.tr("⚠ Another slip of this household ({regno}) was checked in on {when} by "
                            "{user}.") if once
                    else self.tr("⚠ Other slips of this household ({regno}) were checked in {count} "
                                 "times, the last on {when} by {user}."))
        else:
            text = (self.tr("⚠ This household was already checked in on {when} by {user}.") if once
                    else self.tr("⚠ This household was already checked in {count} times, the last on "
                                 "{when} by {user}."))
        return text.format(**values)

    def _checkin_style(self, kind: str) -> None:
        self.checkin.setProperty("kind", kind)
        style = ("background:#fff4d6; color:#4a3500; border:3px solid #d9a400;" if kind == "warning"
                 else "background:#eef3ea; color:#17461f; border:1px solid #8fb98a;")
        self.checkin.setStyleSheet(f"QLabel {{ {style} border-radius:6px; padding:10px; }}")

    def _show_details(self, text: str) -> None:
        self.details.setText(text)
        self.details.setVisible(bool(text))
