"""Architecture rules that import-linter cannot check.

The layers themselves (which package may import which, that only fieldreg.ui
imports Qt, that the UI and the CLI go through fieldreg.station, that HQ never
imports a station's code) are import-linter contracts in pyproject.toml, run by
scripts/test.sh. What stays here: no module imports itself through a circle,
the CLI imports the UI only inside functions, and the README documents every
CLI command.
"""

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


def test_the_cli_imports_the_ui_only_inside_functions() -> None:
    """The layers let the CLI import fieldreg.ui (to open the app, to write slip PDFs), but an
    import run when the module loads would load Qt for every command, and a command must run
    without a display."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in (PACKAGE / "cli").rglob("*.py")
        for node in imports_run_at_load(ast.parse(path.read_text(encoding="utf-8")))
        if any(name == "fieldreg.ui" or name.startswith("fieldreg.ui.") for name in _names(node))
    ]
    assert offenders == []


def imports_run_at_load(node: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """The imports a module runs when it is imported: not those in functions or under TYPE_CHECKING."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return [node]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        return []
    if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
        return [found for child in node.orelse for found in imports_run_at_load(child)]
    return [found for child in ast.iter_child_nodes(node) for found in imports_run_at_load(child)]


def _names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.module == "fieldreg":  # from fieldreg import ui
        return [f"fieldreg.{alias.name}" for alias in node.names]
    return [node.module or ""]


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
