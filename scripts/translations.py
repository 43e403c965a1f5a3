#!/usr/bin/env python3
"""Keep the app's translations in step with its source: extract, report, compile.

    python scripts/translations.py update    # refresh resources/translations/fr/*.ts from fieldreg/ui
    python scripts/translations.py check     # list every string still untranslated (exit 1 if any)
    python scripts/translations.py apply fr FILE.json  # fill translations from {"English": "French"}
    python scripts/translations.py build     # compile them into fieldreg/ui/translations/fieldreg_fr.qm

English is the source language (the strings in the code); each other language
has one ``.ts`` file per UI module under ``resources/translations/<lang>/``, so
people working on different screens never edit the same file. Translators
fill the ``<translation>`` elements (Qt Linguist: ``pyside6-linguist FILE``)
and drop ``type="unfinished"``. ``build`` joins a language's files into the one
``.qm`` the app loads; the compiled file is committed so an install needs no Qt
tools, and a test checks it matches the sources.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "fieldreg" / "ui"
SOURCES = ROOT / "resources" / "translations"
COMPILED = UI / "translations"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    """A PySide6 tool next to this Python, else on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        sys.exit(f"translations: {name} not found (it comes with PySide6-Essentials)")
    return found


def ui_modules() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if p.name != "__init__.py" or p.stat().st_size > 0)


def ts_file(language: str, module: Path, sources: Path = SOURCES) -> Path:
    name = module.relative_to(UI).with_suffix("").as_posix().replace("/", ".")
    return sources / language / f"{name}.ts"


def update(sources: Path = SOURCES) -> None:
    """Re-extract every module's strings into its .ts (translations already made are kept)."""
    lupdate = tool("pyside6-lupdate")
    for language in LANGUAGES:
        (sources / language).mkdir(parents=True, exist_ok=True)
        wanted = set()
        for module in ui_modules():
            ts = ts_file(language, module, sources)
            subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none",
                            "-target-language", language, str(module), "-ts", str(ts)], check=True)
            if messages(ts):
                wanted.add(ts)
            else:
                ts.unlink()  # a module with no visible strings needs no file
        for stale in set((sources / language).glob("*.ts")) - wanted:
            stale.unlink()  # its module is gone


def messages(ts: Path) -> list[ET.Element]:
    return ET.parse(ts).getroot().findall("./context/message")


def untranslated(language: str, sources: Path = SOURCES) -> list[str]:
    missing = []
    for ts in sorted((sources / language).glob("*.ts")):
        for message in messages(ts):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append(f"{language}/{ts.name}: {message.findtext('source')!r}")
    return missing


def apply(language: str, table: dict[str, str]) -> int:
    """Fill every message whose English source is in ``table``; return how many were filled."""
    filled = 0
    for ts in sorted((SOURCES / language).glob("*.ts")):
        tree = ET.parse(ts)
        changed = False
        for message in tree.getroot().findall("./context/message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source in table and translation is not None:
                translation.text = table[source]
                translation.attrib.pop("type", None)
                changed = True
                filled += 1
        if changed:
            tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def build(out_dir: Path = COMPILED) -> list[Path]:
    lrelease = tool("pyside6-lrelease")
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for language in LANGUAGES:
        sources = sorted(str(p) for p in (SOURCES / language).glob("*.ts"))
        qm = out_dir / f"fieldreg_{language}.qm"
        subprocess.run([lrelease, "-silent", *sources, "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "update":
        update()
    elif command == "build":
        for qm in build():
            print(qm.relative_to(ROOT))
    elif command == "apply" and len(argv) == 4:
        table = json.loads(Path(argv[3]).read_text(encoding="utf-8"))
        print(f"{apply(argv[2], table)} translations filled")
        update()  # back to lupdate's own layout, so files differ only by real changes
    elif command == "check":
        missing = [m for language in LANGUAGES for m in untranslated(language)]
        print("\n".join(missing) or "every string is translated")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
