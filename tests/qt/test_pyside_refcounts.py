"""PySide6 must not drop references to None, True or False (the 6.12.0 bug on CPython 3.11).

PySide6 6.12.0 decrements ``None``'s reference count on every call of a C++ method
returning ``void``; on CPython 3.11, where ``None`` is not immortal, a few thousand
calls abort the interpreter ("none_dealloc"). pyproject.toml pins PySide6 below 6.12;
this test gates raising the pin: it fails on any PySide6 with the bug. It runs in a
fresh interpreter so the count is not disturbed by the test session (or crashes only
that interpreter).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CALLS = 20_000
MARGIN = 50  # the interpreter's own churn between the two readings; the bug costs ~CALLS

PROBE = f"""
import json, sys
from PySide6.QtGui import QFont

font = QFont()
before = {{name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}}
for i in range({CALLS}):
    font.setBold(True)      # void
    font.setPointSize(12)   # void
    font.bold()             # bool
    font.italic()           # bool
after = {{name: sys.getrefcount(obj) for name, obj in (("None", None), ("True", True), ("False", False))}}
print(json.dumps({{"before": before, "after": after}}))
"""


def test_void_qt_calls_do_not_drop_references_to_none_true_or_false() -> None:
    import PySide6

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, (
        f"PySide6 {PySide6.__version__}: the interpreter died after {CALLS} void Qt calls "
        f"(status {done.returncode}): {done.stderr[-500:]}")
    counts = json.loads(done.stdout)
    for name, before in counts["before"].items():
        after = counts["after"][name]
        # Immortal objects (CPython >= 3.12) report a huge constant count: no change either way.
        assert after >= before - MARGIN, (
            f"PySide6 {PySide6.__version__} dropped {before - after} references to {name} in "
            f"{CALLS} Qt calls: it has the reference-count bug of 6.12.0; keep the pin in pyproject.toml")
