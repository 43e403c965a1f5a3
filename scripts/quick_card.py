#!/usr/bin/env python3
"""Print the French quick card for the wall of the post to a one-page A4 PDF.

    python scripts/quick_card.py                    # -> docs/app/fiche-memo.pdf
    python scripts/quick_card.py --out card.pdf

The text is fieldreg/data/help/fr/quick-card.md (the app's F1 viewer shows the
same file); run this again after editing it. Runs without a display
(QT_QPA_PLATFORM=offscreen is set if none is).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "app" / "fiche-memo.pdf")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fieldreg.ui.help import HELP, write_markdown_pdf

    app = QApplication.instance() or QApplication([])
    card = HELP / "fr" / "quick-card.md"
    pages = write_markdown_pdf(card.read_text(encoding="utf-8"), args.out)
    del app
    print(f"{args.out}: {pages} page(s)")
    return 0 if pages == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
