"""No crash: the print path, the print preview, and every button of every screen for every role.

Each runs in a child process (tests/qt/crash_child.py) so that a segmentation fault in
Qt fails the test instead of killing pytest. Before the fix, "Print…" freed its QPrinter
while the preview still painted on it: ``print``, ``preview`` and ``smoke`` all ended
with status -11 (SIGSEGV).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_child(scenario: str, out: Path, timeout: int = 240, *, module: str = "tests.qt.crash_child") -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("FIELDREG_HOME", None)
    done = subprocess.run([sys.executable, "-m", module, scenario, str(out)], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=timeout)
    assert done.returncode == 0, (
        f"{scenario}: the app's process ended with status {done.returncode} "
        f"({'segmentation fault' if done.returncode == -11 else 'see its output'}):\n{done.stderr[-3000:]}")
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def test_print_goes_through_the_preview_to_a_pdf_whose_qr_is_the_slip(tmp_path: Path, pdf_tools) -> None:
    result = run_child("print", tmp_path)
    assert result["printed"] == ["slip print a6"]
    assert result["status"] == "Slip sent to the printer."
    pdf = Path(result["pdf"])
    assert pdf.read_bytes()[:5] == b"%PDF-"
    (page,) = pdf_tools.rasterize(pdf)
    assert abs(page.width / 150 * 25.4 - 105) < 1.5  # the A6 sheet
    (code,) = pdf_tools.decode(page)
    assert code.text == result["token"]


def test_the_preview_opens_renders_and_closes_even_when_its_parent_goes_first(tmp_path: Path) -> None:
    result = run_child("preview", tmp_path)
    assert result["pages"] == 1
    assert result["same_preview"], "Ctrl+P while the preview is open opens a second one"
    assert result["printed"] == []  # closed without printing: nothing recorded


def test_every_button_and_action_of_every_screen_for_every_role(tmp_path: Path) -> None:
    result = run_child("smoke", tmp_path)
    assert result["screens"] == {
        "post awa": ["RegisterScreen", "RecordsScreen", "DashboardScreen", "ExportScreen", "AccountsScreen",
                     "StationScreen", "PreferencesScreen"],
        "post mariam": ["RegisterScreen", "RecordsScreen", "DashboardScreen", "ExportScreen", "AccountsScreen",
                        "StationScreen", "PreferencesScreen"],
        "post ali": ["RegisterScreen", "RecordsScreen", "PreferencesScreen"],
        "camp ali": ["VerifyScreen", "PreferencesScreen"],
        "camp awa": ["VerifyScreen", "AccountsScreen", "StationScreen", "PreferencesScreen"],
    }
    log = result["log"]
    # The paths that matter were really taken, not skipped as disabled.
    for must in ("RecordsScreen: Print slip (Ctrl+P)", "RegisterScreen: Save (Ctrl+S)",
                 "ExportScreen: Export new records", "VerifyScreen: Open a photo of the slip…",
                 "AccountsScreen: Add the account", "PreferencesScreen: Save"):
        assert must in log, must
    assert result["activated"] >= 50
    dialogs = result["dialogs"]
    assert dialogs.get("slip dialog", 0) >= 3 and dialogs.get("print preview", 0) >= 3
    assert dialogs.get("file dialog", 0) >= 5
    assert result["saved"], "no slip was saved as PDF through its file dialog"
    # Each slip saved through the dialog is a real slip PDF.
    assert all((tmp_path / name).read_bytes()[:5] == b"%PDF-" for name in result["saved"])
