"""Preferences of this station: language, idle lock, unusual-flow threshold, slip layout.

>>> screen = PreferencesScreen(ctx)   # doctest: +SKIP

Saved with :meth:`fieldreg.ui.settings.UiSettings.save` into the station's data
directory, so every user of this laptop shares them. The settings object is
changed in place: it is the one the main window and the other screens hold,
so the idle lock, the dashboard's threshold and the slip layout take the new
values at once. A new language is announced with ``languageChanged(code)``;
the main window then switches the whole app (see ``MainWindow.switch_language``).

Object names for tests: ``languageCombo``, ``idleLockMinutes``, ``unusualFlowMultiple``,
``slipLayoutCombo``, ``savePreferences``, ``preferencesMessage``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldreg.errors import FieldRegError
from fieldreg.ui.context import AppContext
from fieldreg.ui.dialogs import show_error
from fieldreg.ui.screens import Screen


class PreferencesScreen(Screen):
    languageChanged = Signal(str)  # "", "fr" or "en" ("" follows the computer's language)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Preferences"))

        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        self.language.addItem(self.tr("Same as the computer"), "")
        self.language.addItem("Français", "fr")  # each language named in itself
        self.language.addItem("English", "en")

        self.idle = QSpinBox()
        self.idle.setObjectName("idleLockMinutes")
        self.idle.setRange(1, 240)
        self.idle.setSuffix(self.tr(" min"))

        self.multiple = QDoubleSpinBox()
        self.multiple.setObjectName("unusualFlowMultiple")
        self.multiple.setRange(1.1, 20.0)
        self.multiple.setSingleStep(0.1)
        self.multiple.setDecimals(1)
        self.multiple.setSuffix(" ×")

        self.warn_days = QSpinBox()
        self.warn_days.setObjectName("syncWarnDays")
        self.warn_days.setRange(0, 365)
        self.warn_days.setSuffix(self.tr(" day(s)"))

        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("slipLayoutCombo")
        self.layout_combo.addItem(self.tr("A6 sheet (105 × 148 mm)"), "a6")
        self.layout_combo.addItem(self.tr("Thermal roll, 80 mm"), "80mm")

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self._hint(self.tr(
            "The whole app switches at once; a form being filled in is kept only if you choose to "
            "switch at the next start.")))
        form.addRow(self.tr("&Lock after no activity for:"), self.idle)
        form.addRow("", self._hint(self.tr(
            "The window locks itself when nobody has touched the keyboard or the mouse for this "
            "long. Ctrl+L locks it at once.")))
        form.addRow(self.tr("&Unusual flow above:"), self.multiple)
        form.addRow("", self._hint(self.tr(
            "A day stands out on the dashboard when its arrivals exceed this multiple of the "
            "average of the days before.")))
        form.addRow(self.tr("&Warn when HQ has not acknowledged for:"), self.warn_days)
        form.addRow("", self._hint(self.tr(
            "The dashboard warns when a household registered here has waited this long for HQ's "
            "receipt (by network or USB stick).")))
        form.addRow(self.tr("&Slip layout:"), self.layout_combo)

        self.message = QLabel()
        self.message.setObjectName("preferencesMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("savePreferences")
        self.save_button.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        body = QWidget()
        body.setMaximumWidth(760)  # a readable column, not stretched across a wide screen
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addLayout(row)
        columns = QHBoxLayout()
        columns.addWidget(body, 3)
        columns.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addStretch(1)
        self.load()

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        label.setFont(font)
        return label

    def load(self) -> None:
        """Show the saved values."""
        settings = self.ctx.settings
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.idle.setValue(settings.idle_lock_minutes)
        self.multiple.setValue(settings.unusual_flow_multiple)
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(settings.slip_layout)))
        self.warn_days.setValue(settings.sync_warn_days)

    def _chosen(self) -> tuple[str, int, float, str, int]:
        return (str(self.language.currentData()), self.idle.value(),
                round(self.multiple.value(), 1), str(self.layout_combo.currentData()),
                self.warn_days.value())

    def _saved(self) -> tuple[str, int, float, str, int]:
        s = self.ctx.settings
        return (s.language, s.idle_lock_minutes, round(s.unusual_flow_multiple, 1), s.slip_layout,
                s.sync_warn_days)

    def activated(self) -> None:
        if not self.has_unsaved_work():
            self.load()

    def has_unsaved_work(self) -> bool:
        return self._chosen() != self._saved()

    def save(self) -> None:
        settings = self.ctx.settings
        before = (settings.language, settings.idle_lock_minutes,
                  settings.unusual_flow_multiple, settings.slip_layout, settings.sync_warn_days)
        language, idle, multiple, layout, warn_days = self._chosen()
        language_changed = language != settings.language
        settings.language, settings.idle_lock_minutes = language, idle
        settings.unusual_flow_multiple, settings.slip_layout = multiple, layout
        settings.sync_warn_days = warn_days
        try:
            settings.save(self.ctx.data_dir)
        except (FieldRegError, OSError) as err:
            (settings.language, settings.idle_lock_minutes, settings.unusual_flow_multiple,
             settings.slip_layout, settings.sync_warn_days) = before
            self.message.setText(self.tr("Not saved."))
            show_error(self, err)
            return
        self.message.setText(self.tr("Saved. The new values apply now."))
        if language_changed:
            self.languageChanged.emit(language)
