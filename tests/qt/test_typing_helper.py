"""The conftest's ``type_text`` helper types what pytest-qt's keyClicks cannot."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def test_type_text_enters_accents_and_other_scripts(qtbot, type_text):
    field = QLineEdit()
    qtbot.addWidget(field)
    type_text(field, "Keïta Traoré محمد ߒߞߏ")
    assert field.text() == "Keïta Traoré محمد ߒߞߏ"
