"""What undoes a write of process or module state from outside the test file: the
value the project's own module starts with, and a runner that forks every test.

Both are read statically: a project module is found under the rootdir (its ``src/``
layout, or the test file's package base) and parsed with ``ast`` through the run's
shared module cache, never imported; the pytest configuration file is read once per run.
"""
from __future__ import annotations

import ast
import configparser
import shlex
from pathlib import Path
from typing import Optional, Union

from .. import tomlcompat
from .hierarchy import FixtureIndex
from .loader import ParsedModule

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
    """The module-level value a project's module gives a name (``DEBUG = False`` in
    ``myapp/settings.py`` for ``myapp.settings.DEBUG``), or a class body gives an
    attribute (``myapp.settings.Config.DEBUG``); ``None`` when unknown."""

    def __init__(self, index: FixtureIndex, requester: Path) -> None:
        self.index = index
        self.requester = requester
        self._cache: dict[str, Optional[dict[str, ast.expr]]] = {}

    def initial(self, base: str, name: str) -> Optional[ast.expr]:
        values = self._values(base)
        return None if values is None else values.get(name)

    def _values(self, base: str) -> Optional[dict[str, ast.expr]]:
        if base in self._cache:
            return self._cache[base]
        values: Optional[dict[str, ast.expr]] = None
        tree = self._tree(base)
        if tree is not None:
            values = _assigned(tree.body)
        elif "." in base:  # a class of a module: myapp.settings.Config
            module, _, class_name = base.rpartition(".")
            tree = self._tree(module)
            if tree is not None:
                for stmt in tree.body:
                    if isinstance(stmt, ast.ClassDef) and stmt.name == class_name:
                        values = _assigned(stmt.body)
        self._cache[base] = values
        return values

    def _tree(self, dotted: str) -> Optional[ast.Module]:
        if not dotted or dotted.split(".", 1)[0] in _NOT_PROJECT:
            return None
        path = self.index.find_plugin_module(self.requester, dotted)
        if path is None:
            return None
        parsed = self.index.modules.get(path)
        return parsed.tree if isinstance(parsed, ParsedModule) else None


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


_FORKED: dict[Path, Optional[str]] = {}


def forking_option(inifile: Optional[Path]) -> Optional[str]:
    """The ``addopts`` option of the pytest configuration that runs every test in a
    forked child (``--forked``, ``--boxed``, ``--isolate``), if any. Read once per file."""
    if inifile is None:
        return None
    if inifile not in _FORKED:
        _FORKED[inifile] = _forking_option(_addopts(inifile))
    return _FORKED[inifile]


def _forking_option(addopts: tuple[str, ...]) -> Optional[str]:
    for option in addopts:
        if option in _FORKING_OPTIONS:
            return option
    return None


def _addopts(inifile: Path) -> tuple[str, ...]:
    try:
        text = inifile.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    raw: Union[str, list[str], None] = None
    if inifile.suffix == ".toml":
        try:
            data = tomlcompat.loads(text)
        except tomlcompat.TOMLDecodeError:
            return ()
        value = data.get("tool", {}).get("pytest", {}).get("ini_options", {}).get("addopts")
        if isinstance(value, (str, list)):
            raw = value
    else:
        parser = configparser.RawConfigParser(strict=False)
        try:
            parser.read_string(text, source=str(inifile))
        except configparser.Error:
            return ()
        for section in ("pytest", "tool:pytest"):
            if parser.has_option(section, "addopts"):
                raw = parser.get(section, "addopts")
                break
    if isinstance(raw, list):
        return tuple(item for item in raw if isinstance(item, str))
    if isinstance(raw, str):
        try:
            return tuple(shlex.split(raw))
        except ValueError:
            return tuple(raw.split())
    return ()
