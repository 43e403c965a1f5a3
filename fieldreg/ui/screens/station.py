"""This station: who it is, its signing keys, what it trusts; load HQ's newer lists.

The same services as ``fieldreg keys list``, ``fieldreg trust show`` and
``fieldreg trust load`` (:mod:`fieldreg.station.trust`, ``session.trust``). A
trust list or revocation list older than the one in use is refused with the
core's one-line reason; nothing changes then.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreg import errors
from fieldreg.model import utcnow
from fieldreg.station.trust import TrustList, document_kind, station_trust
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import message_for
from fieldreg.ui.file_dialogs import Folders, open_file
from fieldreg.ui.screens import Screen
from fieldreg.ui.text import error_text, os_reason
from fieldreg.ui.widgets.notice import Notice

log = logging.getLogger(__name__)


class StationScreen(Screen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Station"))
        self.allowed = ctx.session.account.may("manage_officers")

        body, layout = self.scrolling_column()

        self.refused = QLabel(self.tr("Only supervisors and administrators load trust and "
                                      "revocation lists."), body)
        self.refused.setObjectName("stationRefused")
        self.refused.setWordWrap(True)
        self.refused.setVisible(not self.allowed)
        layout.addWidget(self.refused)

        who = QGroupBox(self.tr("This station"), body)
        form = QFormLayout(who)
        self.station = self._value(who, "stationName")
        self.kind = self._value(who, "stationKind")
        self.keys = self._value(who, "stationKeys")
        form.addRow(self.tr("Station:"), self.station)
        form.addRow(self.tr("Kind:"), self.kind)
        self.keys_label = QLabel(self.tr("Signing keys:"), who)
        form.addRow(self.keys_label, self.keys)
        layout.addWidget(who)

        trusted = QGroupBox(self.tr("What this station trusts (from HQ)"), body)
        form = QFormLayout(trusted)
        self.fingerprint = self._value(trusted, "hqFingerprint")
        self.trust = self._value(trusted, "trustList")
        self.revocations = self._value(trusted, "revocationList")
        form.addRow(self.tr("HQ fingerprint:"), self.fingerprint)
        form.addRow(self.tr("Trust list:"), self.trust)
        form.addRow(self.tr("Revocation list:"), self.revocations)
        layout.addWidget(trusted)

        load = QGroupBox(self.tr("Load a newer list from HQ"), body)
        load_layout = QVBoxLayout(load)
        explain = QLabel(self.tr(
            "HQ sends new trust lists (which post keys are valid) and revocation lists (slips "
            "that are no longer valid) on a USB stick. Older lists than the ones in use are "
            "refused."), load)
        explain.setWordWrap(True)
        load_layout.addWidget(explain)
        self.load_button = QPushButton(self.tr("Load a trust or revocation list…"), load)
        self.load_button.setObjectName("loadListButton")
        self.load_button.clicked.connect(self._ask_file)
        self.load_button.setEnabled(self.allowed)
        load_layout.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.result = Notice(load)
        self.result.setObjectName("stationResult")
        load_layout.addWidget(self.result)
        layout.addWidget(load)
        layout.addStretch(1)
        self.refresh()

    @staticmethod
    def _value(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def activated(self) -> None:
        self.refresh()

    # -- what is shown ---------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.ctx.station
        self.station.setText(self.tr("{id} — {name}").format(id=store.post_id, name=store.post_name))
        is_post = store.kind == "post"
        self.kind.setText(self.tr("Border post") if is_post
                          else self.tr("Camp or host village (checks slips only)"))
        self.keys_label.setVisible(is_post)
        self.keys.setVisible(is_post)
        if is_post:
            keys = self.ctx.session.trust.post_keys()
            lines = [self.tr("{key}, valid {start} to {end}").format(
                key=kid, start=self._day(nbf), end=self._day(exp))
                + (" " + self.tr("(in use)") if current else "")
                for kid, nbf, exp, current in keys]
            self.keys.setText("\n".join(lines) or self.tr("none: load an enrollment file from HQ"))
        try:
            held = station_trust(store)
        except errors.FieldRegError as err:
            self.fingerprint.setText("")
            self.trust.setText(error_text(err))
            self.revocations.setText("")
            return
        t = held.trust
        self.fingerprint.setText(t.fingerprint)
        text = self.tr("version {version}, issued {issued}, valid until {expires}").format(
            version=t.version, issued=self._day(t.issued_at), expires=self._day(t.expires_at))
        if t.expired(utcnow()):
            text += " — " + self.tr("EXPIRED: ask HQ for a new one")
        self.trust.setText(text)
        r = held.revocations
        if r is None:
            self.revocations.setText(self.tr("none loaded yet"))
        else:
            text = (self.tr("version {version}, issued {issued}, 1 slip revoked")
                    if len(r.token_ids) == 1 else
                    self.tr("version {version}, issued {issued}, {count} slips revoked"))
            self.revocations.setText(text.format(version=r.version, issued=self._day(r.issued_at),
                                                 count=QLocale().toString(len(r.token_ids))))

    @staticmethod
    def _day(moment: datetime | str) -> str:
        iso = moment if isinstance(moment, str) else moment.isoformat()
        parsed = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
        if not parsed.isValid():
            return str(moment)
        return QLocale().toString(parsed.toLocalTime().date(), QLocale.FormatType.ShortFormat)

    # -- loading ---------------------------------------------------------------------------

    def _ask_file(self) -> None:
        path = open_file(self, Folders(self.ctx.settings, self.ctx.data_dir), "trust-list",
                         self.tr("Load a trust or revocation list"),
                         self.tr("HQ lists (*.cose);;All files (*)"))
        if path is not None:
            self.load_list_file(path)

    def load_list_file(self, path: Path) -> None:
        """Load the trust list or revocation list in ``path`` (refused if older)."""
        if not self.allowed:
            return
        try:
            data = path.read_bytes()
        except OSError as err:
            self.result.show_failure(self.tr("Cannot read {file}: {reason}").format(
                file=str(path), reason=os_reason(err)))
            return
        try:
            trust_list = document_kind(data) == "trustlist"
            held = station_trust(self.ctx.station)
            before = held.trust.version if trust_list else (
                held.revocations.version if held.revocations else None)
            loaded = self.ctx.session.trust.load_list(data)
        except Exception as err:  # shown in one line, never a traceback
            if not isinstance(err, errors.FieldRegError):
                log.error("loading a list failed unexpectedly", exc_info=err)
            self.result.show_failure(self.tr("Not loaded: {reason}").format(
                reason=message_for(err, sentence=False)))
            return
        if loaded.version == before:
            text = (self.tr("This trust list (version {version}) is already in use; nothing "
                            "changed.") if isinstance(loaded, TrustList)
                    else self.tr("This revocation list (version {version}) is already in use; "
                                 "nothing changed."))
            self.result.show_info(text.format(version=loaded.version))
        else:
            text = (self.tr("Trust list version {version} is now in use.")
                    if isinstance(loaded, TrustList)
                    else self.tr("Revocation list version {version} is now in use."))
            self.result.show_success(text.format(version=loaded.version))
        self.refresh()
