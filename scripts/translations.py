#!/usr/bin/env python3
"""Keep the app's translations in step with its source: extract, report, compile.

    python scripts/translations.py update    # refresh resources/translations/fr/*.ts from the code
    python scripts/translations.py check     # list every string still untranslated (exit 1 if any)
    python scripts/translations.py apply fr FILE.json  # fill untranslated strings from {"English": "French"}
    python scripts/translations.py build     # compile them into fieldreg/ui/translations/fieldreg_fr.qm

English is the source language (the strings in the code); each other language
has one ``.ts`` file per UI module under ``resources/translations/<lang>/``, so
people working on different screens never edit the same file. Translators
fill the ``<translation>`` elements (Qt Linguist: ``pyside6-linguist FILE``)
and drop ``type="unfinished"``. ``build`` joins a language's files into the one
``.qm`` the app loads; the compiled file is committed so an install needs no Qt
tools, and a test checks it matches the sources.

The core (no Qt) writes what users read as English templates with values
(fieldreg/messages.py). ``update`` also collects those templates from the
modules the app runs (not fieldreg/cli/ or fieldreg/hq/, which only the
English command line shows) into ``core.ts``, context ``Core``, which
fieldreg/ui/text.py looks them up in. A template is a literal: the first
argument of ``Message(...)``; the last positional argument of a FieldRegError
class; or, within its own package (fieldreg/validation/ ...), of a function
whose template parameter is positional-only and typed ``str | Message`` with
``**params`` after it.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import tempfile
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


CORE = ROOT / "fieldreg"
# Shown only by the English command line: not extracted for translation.
CORE_SKIPPED = ("ui", "cli", "hq")


def core_modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py")
                  if not any(p.relative_to(CORE).as_posix().startswith(skip) for skip in CORE_SKIPPED))


def _called(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                                    for b in node.bases}
    found = {"FieldRegError"}
    while grown := {name for name, of in bases.items() if name not in found and of & found}:
        found |= grown
    return found


def _template_functions(tree: ast.Module) -> set[str]:
    """Functions of one module taking ``(..., template: str | Message, /, **params)``."""
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.args.posonlyargs and node.args.kwarg
            and node.args.posonlyargs[-1].annotation is not None
            and ast.unparse(node.args.posonlyargs[-1].annotation) == "str | Message"
            and node.name != "__init__"}


def template_calls(paths: list[Path]) -> list[tuple[Path, int, ast.expr]]:
    """Every (file, line, template argument) of a call that takes a message template."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in paths}
    core = {p: ast.parse(p.read_text(encoding="utf-8")) for p in CORE.rglob("*.py")}
    classes = _error_classes(core)
    # A package's modules share their template functions (validation/fields.py's Problems.add).
    in_package: dict[Path, set[str]] = {}
    for path, tree in core.items():
        in_package.setdefault(path.parent, set()).update(_template_functions(tree))
    found = []
    for path, tree in trees.items():
        local = _template_functions(tree) | in_package.get(path.parent, set())
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            name = _called(call)
            if name == "Message":
                found.append((path, call.lineno, call.args[0]))
            elif name in classes or name in local:
                found.append((path, call.lineno, call.args[-1]))
    return found


def core_templates() -> list[str]:
    """The literal templates of the modules the app runs, in order, each once."""
    literal = [arg.value for _, _, arg in template_calls(core_modules())
               if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value]
    return list(dict.fromkeys(literal))


def built_templates(paths: list[Path]) -> list[str]:
    """Where a template is built at run time (an f-string, ``+``, ``.format``): it cannot be translated."""
    return [f"{path.relative_to(ROOT)}:{line}" for path, line, arg in template_calls(paths)
            if isinstance(arg, (ast.JoinedStr, ast.BinOp))
            or (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format")]


def _update_core(lupdate: str, ts: Path, language: str) -> None:
    # lupdate reads Python, not lists: hand it the templates as translate() calls.
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "core.py"
        source.write_text("".join(f"QCoreApplication.translate(\"Core\", {t!r})\n" for t in core_templates()),
                          encoding="utf-8")
        subprocess.run([lupdate, "-silent", "-no-obsolete", "-locations", "none",
                        "-target-language", language, str(source), "-ts", str(ts)], check=True)


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
        core = sources / language / "core.ts"
        _update_core(lupdate, core, language)
        wanted.add(core)
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


def apply(language: str, table: dict[str, str], sources: Path = SOURCES) -> int:
    """Fill every untranslated message whose English source is in ``table``; return how many.

    A message already translated is left as it is: the same English may read
    differently in another screen ("Records": "Dossiers" as a screen, "Données"
    as a column), and carrying strings moved to a new module must not change those.
    """
    filled = 0
    for ts in sorted((sources / language).glob("*.ts")):
        tree = ET.parse(ts)
        changed = False
        for message in tree.getroot().findall("./context/message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if (source in table and translation is not None
                    and (translation.get("type") == "unfinished" or not (translation.text or "").strip())):
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
