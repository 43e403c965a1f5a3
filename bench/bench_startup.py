"""Desktop app cold start: process start to the sign-in window on screen, against a bare PySide6 window.

    /work/venv/bin/python bench/bench_startup.py [--runs 9]

Each run is a fresh process under ``QT_QPA_PLATFORM=offscreen``, timed from
just before it is spawned to the moment it reports its first window shown
(wall clock in both processes, same machine):
  * app, sign-in: ``python -m fieldreg --data-dir D`` on an enrolled post, with
    ``FIELDREG_QUIT_WHEN_SHOWN=1`` (the app prints ``shown <page> <time>`` and exits);
  * app, first run: the same on an empty data directory (the set-up wizard);
  * app, sign-in, no CLI imports: ``fieldreg.ui.app.run`` called directly, to
    show what the CLI's own imports cost before it starts the app;
  * baseline: ``python -c`` building a plain QWidget with 45 widgets (labels,
    line edits, buttons in a form), shown, reported the same way;
  * with ``--bundle PROGRAM`` (e.g. /opt/fieldreg/fieldreg, the installed .deb, or
    packaging/build/dist/fieldreg/fieldreg): the built bundle on the same enrolled
    post, against the first row (run this script with the build's own interpreter,
    packaging/build/venv-*/bin/python, to compare like with like).
Runs alternate between the four so machine noise hits them alike. The first
run of each is reported separately (a colder disk cache); medians are over
all runs. Run by hand; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fieldreg.crypto.kdf import KdfParams
from fieldreg.keys import HqDir, open_enrollment
from fieldreg.station.enrollment import create_enrolled_post

BASELINE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
form = QFormLayout(window)
for i in range(15):                     # 15 labels + 15 line edits + 15 buttons = 45 widgets
    row = QLineEdit()
    form.addRow(QLabel(f"Field {i}"), row)
    form.addRow(QPushButton(f"Button {i}"))
window.show()
def report():
    app.processEvents()
    print(f"shown baseline {time.time():.6f}", flush=True)
    app.exit(0)
QTimer.singleShot(0, report)
sys.exit(app.exec())
"""


def one_run(command: list[str], env: dict[str, str]) -> float:
    start = time.time()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=True)
    shown = float(done.stdout.split()[-1])
    return shown - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bundle", type=Path, help="a built FieldReg program to time as well")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREG_")}
    env.update(QT_QPA_PLATFORM="offscreen", FIELDREG_QUIT_WHEN_SHOWN="1")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        fast = KdfParams.fast_for_tests()  # set-up only; nothing is unlocked while measuring
        hq = HqDir.init(base / "hq", "bench hq passphrase", kdf=fast)
        package = hq.enroll_post("BNCH", kdf=fast)
        create_enrolled_post(base / "post", open_enrollment(package.data, package.passphrase),
                             post_name="Bench", admin="admin", passphrase="bench passphrase",
                             kdf=fast).close()
        commands = {
            "app, sign-in window": [sys.executable, "-m", "fieldreg", "--data-dir", str(base / "post")],
            "app, first-run wizard": [sys.executable, "-m", "fieldreg", "--data-dir", str(base / "empty")],
            "app, sign-in, no CLI imports": [
                sys.executable, "-c", "import sys; from fieldreg.ui.app import run; sys.exit(run())",
                "--data-dir", str(base / "post")],
            "bare PySide6 window, 45 widgets": [sys.executable, "-c", BASELINE],
        }
        if args.bundle:
            commands["bundle, sign-in window"] = [str(args.bundle), "--data-dir", str(base / "post")]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(one_run(command, env))
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"{args.runs} runs each")
    print(f"{'what':<34} {'first':>8} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in times.items():
        print(f"{name:<34} {values[0]:>8.3f} {statistics.median(values):>8.3f} "
              f"{min(values):>8.3f} {max(values):>8.3f}")
    app = statistics.median(times["app, sign-in window"])
    bare = statistics.median(times["bare PySide6 window, 45 widgets"])
    print(f"ratio sign-in / bare (medians): {app / bare:.2f}x; goal: sign-in <= 1 s")
    if args.bundle:
        ratios = [b / s for b, s in zip(times["bundle, sign-in window"], times["app, sign-in window"], strict=True)]
        print(f"ratio bundle / source, sign-in window (median of per-round ratios): "
              f"{statistics.median(ratios):.2f}x; goal: <= 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
