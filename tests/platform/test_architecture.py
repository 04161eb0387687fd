"""The shape of the tree, checked: no import cycles, reasons for late imports,
short modules and short views (docs/architecture.md, "Layout").

The checks read the source with `ast`; nothing is imported. Each is run per app,
so a failure names the app and the modules involved.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = [
    "audit",
    "accounts",
    "notifications",
    "communities",
    "governance",
    "consultation",
    "volunteers",
    "charity",
    "assistance",
    "pairing",
    "opendata",
    "config",
]
MAX_MODULE_LINES = 600
MAX_VIEW_LINES = 40
# Django loads these from AppConfig.ready() or runs them as scripts: imports inside
# their functions are how Django asks for them to be written.
LATE_IMPORTS_ALLOWED = {"apps.py"}


def _source_files(app: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "settings" not in path.parts
    )


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for app in APPS for p in _source_files(app)}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module):
    """Imports that run when the module is imported (not in functions or
    `if TYPE_CHECKING:` blocks)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            stack.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            stack.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                stack.extend(handler.body)


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> set[str]:
    modules = _modules()
    targets: set[str] = set()
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                targets.add(name)
        return targets
    base = node.module or ""
    if node.level:
        package = module.split(".")
        is_package = _modules()[module].name == "__init__.py"
        keep = len(package) - node.level + (1 if is_package else 0)
        base = ".".join(package[:keep] + ([base] if base else []))
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        if candidate in modules:
            targets.add(candidate)
        elif base in modules:
            targets.add(base)
    return targets


@cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in _modules().items():
        tree = ast.parse(path.read_text())
        edges: set[str] = set()
        for node in _top_level_imports(tree):
            edges |= _resolve(module, node)
        edges.discard(module)
        graph[module] = edges
    return graph


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("app", APPS)
def test_no_import_cycles(app):
    mine = [c for c in _cycles() if any(m.split(".")[0] == app for m in c)]
    assert mine == [], f"import cycles through {app}: {mine}"


def _late_imports(path: Path):
    lines = path.read_text().splitlines()
    tree = ast.parse("\n".join(lines))
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import | ast.ImportFrom):
                same = lines[node.lineno - 1]
                before = lines[node.lineno - 2] if node.lineno > 1 else ""
                if "#" not in same and not before.strip().startswith("#"):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}"


@pytest.mark.parametrize("app", APPS)
def test_imports_inside_functions_say_why(app):
    unexplained = [
        where
        for path in _source_files(app)
        if path.name not in LATE_IMPORTS_ALLOWED and "management" not in path.parts
        for where in _late_imports(path)
    ]
    assert unexplained == [], (
        "imports inside functions need a one-line reason (a comment on the line or "
        f"just above), or should move to the top of the module: {unexplained}"
    )


@pytest.mark.parametrize("app", APPS)
def test_modules_stay_short(app):
    long = {
        str(path.relative_to(ROOT)): count
        for path in _source_files(app)
        if (count := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"modules over {MAX_MODULE_LINES} lines: {long}"


def _is_view_module(path: Path) -> bool:
    return path.stem == "views" or "views" in path.parts


@pytest.mark.parametrize("app", APPS)
def test_views_stay_short(app):
    long = {}
    for path in filter(_is_view_module, _source_files(app)):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_VIEW_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = length
    assert long == {}, f"view functions over {MAX_VIEW_LINES} lines: {long}"
