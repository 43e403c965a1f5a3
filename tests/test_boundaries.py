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


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_anywhere(path: Path) -> set[str]:
    """Every module ``path`` imports, at any level (in functions, under TYPE_CHECKING too).

    ``from fieldreg.ui import app`` counts as importing ``fieldreg.ui`` and ``fieldreg.ui.app``.
    """
    names = imported_modules(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_ui_never_imports_cli() -> None:
    """The app finds its data directory and sets up its log through fieldreg.station, as the CLI does."""
    offenders = [f"{path.relative_to(ROOT)} imports {name}"
                 for path in (PACKAGE / "ui").rglob("*.py")
                 for name in imports_anywhere(path)
                 if name == "fieldreg.cli" or name.startswith("fieldreg.cli.")]
    assert offenders == []


def import_cycles(package: Path) -> list[list[str]]:
    """Groups of modules under ``package`` that import each other in a circle (Tarjan's SCCs)."""
    paths = {module_name(p): p for p in package.rglob("*.py")}
    graph = {name: sorted(n for n in imports_anywhere(path) if n in paths and n != name)
             for name, path in paths.items()}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(name: str) -> None:
        order[name] = low[name] = len(order)
        stack.append(name)
        for other in graph[name]:
            if other not in order:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], order[other])
        if low[name] == order[name]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == name:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for name in sorted(graph):
        if name not in order:
            visit(name)
    return cycles


def test_no_module_imports_itself_through_a_circle() -> None:
    """Counting imports inside functions and under TYPE_CHECKING too: a lazy import still ties the
    two modules together. A package's face (``__init__``) counts: importing a sibling through it
    from inside the package runs the face, which imports the importer back."""
    assert import_cycles(PACKAGE) == []


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


def _imports_from(package: str, forbidden: tuple[str, ...]) -> list[str]:
    """``path imports name`` for every import (module level or not) of a forbidden package."""
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (PACKAGE / package).rglob("*.py")
        for name in imported_modules(path)
        if name.startswith(forbidden)
    ]


def test_hq_stands_on_its_own() -> None:
    """HQ shares building blocks with the post (batches, keys, dedup, crypto, sqlitedb),
    never the post's store or station: an HQ runs without any post's code."""
    assert _imports_from("hq", ("fieldreg.store", "fieldreg.station")) == []


def test_batches_and_crypto_are_building_blocks() -> None:
    """The wire format and the primitives serve the post and HQ alike: they import neither."""
    above = ("fieldreg.store", "fieldreg.station", "fieldreg.hq", "fieldreg.cli", "fieldreg.ui")
    assert _imports_from("batches", above) + _imports_from("crypto", above) == []
