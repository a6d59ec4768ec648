"""What undoes a write of process or module state from outside the test file: the
value the project's own module starts with, and a runner that forks every test.

Both are read statically: a project module is found under the rootdir (its ``src/``
layout, or the test file's package base) and parsed with ``ast`` through the run's
shared module cache, never imported; the pytest configuration file is read once per run.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Optional, Sequence

from ..model.hierarchy import FixtureIndex
from ..model.loader import ParsedModule

# Runners that run every test in a child process of its own: whatever the test
# changes in the process dies with that child (pytest-forked, xdist's old --boxed,
# pytest-isolate).
_FORKING_OPTIONS = frozenset({"--forked", "--boxed", "--isolate"})
# Marks that run one test in a child process (pytest-forked, pytest-isolate).
FORKING_MARKS = frozenset({"forked", "isolate"})

_LITERAL_CALLS = frozenset({"dict", "list", "set", "tuple", "frozenset"})


def is_literal(value: ast.AST) -> bool:
    """A value written as itself: constants and containers of them (``None``,
    ``False``, ``"x"``, ``{}``, ``[]``, ``dict()``)."""
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, (ast.USub, ast.UAdd)):
        return isinstance(value.operand, ast.Constant)
    if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
        return all(is_literal(element) for element in value.elts)
    if isinstance(value, ast.Dict):
        return all(k is not None and is_literal(k) for k in value.keys) and all(is_literal(v) for v in value.values)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _LITERAL_CALLS:
        return not value.args and not value.keywords
    return False


def same_value(first: ast.AST, second: ast.AST) -> bool:
    """Whether two literals are written the same way (``{}`` and ``dict()`` count as one)."""
    return _canonical(first) == _canonical(second)


def _canonical(value: ast.AST) -> str:
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _LITERAL_CALLS:
        return {"dict": "{}", "list": "[]", "tuple": "()"}.get(value.func.id, value.func.id + "()")
    return ast.dump(value)


class ProjectInitials:
    """The value state starts every test with: what a conftest.py of the test sets at
    import (``Sanic.test_mode = True`` at its top level), else the module-level value a
    project's module gives a name (``DEBUG = False`` in ``myapp/settings.py`` for
    ``myapp.settings.DEBUG``), or a class body (or a base class of it) gives an attribute
    (``myapp.settings.Config.DEBUG``), the class found through re-exports
    (``from .app import App`` in the package's ``__init__.py``); ``None`` when unknown."""

    def __init__(self, index: FixtureIndex, requester: Path) -> None:
        self.index = index
        self.requester = requester
        self._cache: dict[str, Optional[dict[str, ast.expr]]] = {}
        self._baselines: Optional[dict[tuple[str, str], ast.expr]] = None

    def initial(self, base: str, name: str) -> Optional[ast.expr]:
        baseline = self._conftest_baselines().get((base, name))
        if baseline is not None:
            return baseline
        values = self._values(base)
        return None if values is None else values.get(name)

    def _conftest_baselines(self) -> dict[tuple[str, str], ast.expr]:
        """``base.name = <literal>`` at the top level of the conftest.py files above the
        test module: set once at collection, before any test runs."""
        if self._baselines is None:
            found: dict[tuple[str, str], ast.expr] = {}
            for conftest in self.index.conftest_paths(self.requester.parent):
                parsed = self.index.modules.get(conftest)
                if not isinstance(parsed, ParsedModule):
                    continue
                for stmt in parsed.tree.body:
                    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and is_literal(stmt.value):
                        target = stmt.targets[0]
                        if isinstance(target, ast.Attribute):
                            owner = parsed.facts.resolver.qualified_name(target.value)
                            if owner is not None:
                                found.setdefault((owner, target.attr), stmt.value)
            self._baselines = found
        return self._baselines

    def _values(self, base: str) -> Optional[dict[str, ast.expr]]:
        if base in self._cache:
            return self._cache[base]
        self._cache[base] = None  # a cycle of re-exports or bases ends here
        values: Optional[dict[str, ast.expr]] = None
        found = self._module(base)
        if found is not None:
            values = _assigned(found[1].body)
        elif "." in base:  # a class of a module: myapp.settings.Config
            module, _, class_name = base.rpartition(".")
            values = self._class_values(module, class_name, 0)
        self._cache[base] = values
        return values

    def _class_values(self, module: str, class_name: str, depth: int) -> Optional[dict[str, ast.expr]]:
        found = self._module(module)
        if found is None or depth > _MAX_CLASS_DEPTH:
            return None
        path, tree = found
        for stmt in tree.body:
            if isinstance(stmt, ast.ClassDef) and stmt.name == class_name:
                values = _assigned(stmt.body)
                for base in reversed(stmt.bases):  # the first base wins, as in the MRO
                    where = _origin(base, path, tree) if isinstance(base, ast.Name) else None
                    inherited = self._class_values(where[0], where[1], depth + 1) if where else None
                    if inherited:
                        values = {**inherited, **values}
                return values
        for stmt in tree.body:  # re-exported: from .app import App
            if isinstance(stmt, ast.ImportFrom) and any((a.asname or a.name) == class_name for a in stmt.names):
                where = _origin(ast.Name(id=class_name), path, tree)
                return self._class_values(where[0], where[1], depth + 1) if where else None
        return None

    def _module(self, dotted: str) -> Optional[tuple[Path, ast.Module]]:
        if not dotted or dotted.split(".", 1)[0] in _NOT_PROJECT:
            return None
        path = find_project_module(self.index, self.requester, dotted)
        if path is None:
            return None
        parsed = self.index.modules.get(path)
        return (path, parsed.tree) if isinstance(parsed, ParsedModule) else None


def find_project_module(index: FixtureIndex, requester: Path, dotted: str) -> Optional[Path]:
    """The file of module ``dotted`` as the test at ``requester`` imports it: where
    pytest plugins are looked for, else in a folder above the test (the package beside
    a ``tests/`` folder), up to the rootdir."""
    path = index.find_plugin_module(requester, dotted)
    if path is not None:
        return path
    parts = dotted.split(".")
    rootdir = index.projects.for_path(requester).rootdir
    for folder in requester.parents:
        candidate = folder.joinpath(*parts)
        for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
            if option.is_file():
                return option
        if folder == rootdir:
            break
    return None


_MAX_CLASS_DEPTH = 4


def _origin(name: ast.Name, path: Path, tree: ast.Module) -> Optional[tuple[str, str]]:
    """(module, class) that ``name`` comes from in module ``path``: a class of the module
    itself, or one it imports (``from .mixins import StartupMixin``)."""
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == name.id:
            return _dotted_module(path), name.id
        if isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                if (alias.asname or alias.name) == name.id:
                    module = stmt.module or ""
                    if stmt.level:
                        package = _dotted_module(path if path.name == "__init__.py" else path.parent / "__init__.py")
                        parts = package.split(".")
                        parts = parts[: len(parts) - (stmt.level - 1)] if stmt.level > 1 else parts
                        module = ".".join(p for p in [*parts, module] if p)
                    return module, alias.name
    return None


def _dotted_module(path: Path) -> str:
    """The dotted name of a module from its path: the packages above it (``__init__.py``)."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder != folder.parent:
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts)


# Never a project's own module: nothing to read there.
_NOT_PROJECT = frozenset({"os", "sys", "pytest", "unittest", "mock", "logging"})


def _assigned(body: list[ast.stmt]) -> dict[str, ast.expr]:
    """Names a block binds exactly once, to a literal, at its top level."""
    values: dict[str, ast.expr] = {}
    seen: set[str] = set()
    for stmt in body:
        targets: list[ast.expr] = []
        value: Optional[ast.expr] = None
        if isinstance(stmt, ast.Assign):
            targets, value = list(stmt.targets), stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        for target in targets:
            if isinstance(target, ast.Name):
                if target.id in seen:
                    values.pop(target.id, None)  # rebound: which value it starts with is unclear
                elif value is not None and is_literal(value):
                    values[target.id] = value
                seen.add(target.id)
    return values


def forking_option(addopts: Sequence[str]) -> Optional[str]:
    """The option of pytest's ``addopts`` that runs every test in a forked child
    (``--forked``, ``--boxed``, ``--isolate``), if any: from the options discovery read."""
    return _forking_option(tuple(addopts))


def _forking_option(addopts: tuple[str, ...]) -> Optional[str]:
    for option in addopts:
        if option in _FORKING_OPTIONS:
            return option
    return None


