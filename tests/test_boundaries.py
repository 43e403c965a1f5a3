"""Architecture rules that must hold for the whole tree."""

from __future__ import annotations

import ast
from pathlib import Path

from fieldreg.cli.main import build_parser

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "fieldreg"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        for name in imported_modules(path)
        if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
        or name.startswith("fieldreg.ui")
        and not _lazy_gui_entry(path)
    ]
    assert offenders == []


def _lazy_gui_entry(path: Path) -> bool:
    """The CLI may start the GUI or render slips, importing fieldreg.ui inside a function."""
    return path.parent.name == "cli"


def test_core_imports_qt_nowhere_at_module_level_in_cli() -> None:
    for path in (PACKAGE / "cli").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("fieldreg.ui", "PySide6")), path


def _commands(parser, prefix: str = ""):  # type: ignore[no-untyped-def]
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                children = list(_commands(sub, full))
                yield from children or [full]


def test_every_cli_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = list(_commands(build_parser()))
    assert "user add" in commands and "register" in commands
    missing = [c for c in commands if f"fieldreg {c}" not in readme]
    assert missing == [], f"README.md does not document: {missing}"
