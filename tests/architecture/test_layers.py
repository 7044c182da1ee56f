"""The package graph: no import cycles, imports only point down the layers, and only through façades.

Every import counts, including those inside functions and under TYPE_CHECKING, because a deferred
import hides a cycle rather than removing it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sitegen

PACKAGE = Path(sitegen.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The sitegen modules that `name` imports, resolved to modules where a name is a submodule."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("sitegen"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            elif node.module and node.module.startswith("sitegen"):
                target = node.module
            else:
                continue
            subs = {f"{target}.{a.name}" for a in node.names} & known
            found.update(subs)
            if len(subs) < len(node.names):
                found.add(target)
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_there_is_no_import_cycle() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    layered = {name for layer in sitegen.LAYERS for name in layer.split()}
    assert packages == layered


def test_imports_point_down_the_layers_and_through_facades() -> None:
    rank = {name: i for i, layer in enumerate(sitegen.LAYERS) for name in layer.split()}
    wrong = []
    for importer, targets in _graph().items():
        here = _package(importer)
        for target in targets:
            there = _package(target)
            if not here or here == there:
                continue
            if rank[there] >= rank[here]:
                wrong.append(f"{importer} → {target}: {here} may not import {there}")
            elif target != f"sitegen.{there}":
                wrong.append(f"{importer} → {target}: import from the façade sitegen.{there}")
    assert wrong == []


def test_the_check_finds_a_cycle(tmp_path: Path) -> None:
    """The resolver sees deferred and relative imports, so the cycle test can fail."""
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..core import cache\n"
        "def f():\n    from . import settings\n",
        encoding="utf-8",
    )
    known = {"sitegen.core", "sitegen.core.cache", "sitegen.config.settings"}
    assert _imports("sitegen.config.m", module, known) == {"sitegen.core.cache", "sitegen.config.settings"}


def test_no_module_is_over_400_lines() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()}
    assert {name: n for name, n in sizes.items() if n > 400} == {}
