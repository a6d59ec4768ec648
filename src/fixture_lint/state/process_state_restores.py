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
        self._owners: dict[str, Optional[list[tuple[ParsedModule, Optional[ast.ClassDef]]]]] = {}
        self._latches: dict[str, dict[str, list[ast.expr]]] = {}

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


    # -- what the project's own source does with an attribute -----------------------
    def owner_sources(self, base: str) -> Optional[list[tuple[ParsedModule, Optional[ast.ClassDef]]]]:
        """The project modules that define ``base``: the module itself, or a class's
        module and those of its bases (``None`` when some of it is not the project's
        source, or it reaches attributes by computed names: ``__getattr__``)."""
        if base in self._owners:
            return self._owners[base]
        self._owners[base] = None  # a cycle ends here
        found: Optional[list[tuple[ParsedModule, Optional[ast.ClassDef]]]] = None
        module = self._parsed(base)
        if module is not None:
            found = [(module, None)]
        elif "." in base:
            dotted, _, class_name = base.rpartition(".")
            found = self._class_sources(dotted, class_name, 0)
        if found is not None and any(_dynamic(parsed.tree if klass is None else klass) for parsed, klass in found):
            found = None
        self._owners[base] = found
        return found

    def mentions(self, base: str, name: str) -> Optional[bool]:
        """Whether the source that defines ``base`` names ``name`` anywhere (a read, a
        definition, a string): ``None`` when that source is not known."""
        sources = self.owner_sources(base)
        if sources is None:
            return None
        return any(names_word(parsed.source.text, name) for parsed, _ in sources)

    def latched(self, base: str, name: str, value: ast.expr) -> bool:
        """Whether the project's class ``base`` sets ``name`` to ``value`` on itself in
        its own module (``Logging._setup = True`` in ``Logging.setup``): a latch the
        library sets for good, so a test setting it leaves what any setup leaves."""
        if not is_literal(value):
            return False
        return any(same_value(own, value) for own in self._self_settings(base).get(name, ()))

    def _self_settings(self, base: str) -> dict[str, list[ast.expr]]:
        """``Cls.name = <literal>`` statements of class ``base``'s own module, by name
        (one walk of that module per class)."""
        found = self._latches.get(base)
        if found is None:
            found = {}
            sources = self.owner_sources(base)
            klass = sources[0][1] if sources else None
            if sources and klass is not None:
                for node in ast.walk(sources[0][0].tree):
                    if isinstance(node, ast.Assign) and len(node.targets) == 1 and is_literal(node.value):
                        target = node.targets[0]
                        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == klass.name:
                            found.setdefault(target.attr, []).append(node.value)
            self._latches[base] = found
        return found

    def thread_local(self, base: str) -> bool:
        """Whether ``base`` is a module-level object of a project module built as a
        ``threading.local`` (or an instance of a class of that module that subclasses
        it): each thread sees its own attributes."""
        dotted, _, name = base.rpartition(".")
        module = self._parsed(dotted) if dotted else None
        if module is None:
            return False
        resolver = module.facts.resolver
        local_classes = {
            stmt.name
            for stmt in module.tree.body
            if isinstance(stmt, ast.ClassDef)
            and any(resolver.qualified_name(b) in _THREAD_LOCALS for b in stmt.bases)
        }
        for stmt in module.tree.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
                if any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                    func = stmt.value.func
                    return resolver.qualified_name(func) in _THREAD_LOCALS or (
                        isinstance(func, ast.Name) and func.id in local_classes
                    )
        return False

    def _parsed(self, dotted: str) -> Optional[ParsedModule]:
        found = self._module(dotted)
        if found is None:
            return None
        parsed = self.index.modules.get(found[0])
        return parsed if isinstance(parsed, ParsedModule) else None

    def _class_sources(
        self, module: str, class_name: str, depth: int
    ) -> Optional[list[tuple[ParsedModule, Optional[ast.ClassDef]]]]:
        parsed = self._parsed(module)
        if parsed is None or depth > _MAX_CLASS_DEPTH:
            return None
        tree = parsed.tree
        for stmt in tree.body:
            if isinstance(stmt, ast.ClassDef) and stmt.name == class_name:
                found: list[tuple[ParsedModule, Optional[ast.ClassDef]]] = [(parsed, stmt)]
                for base in stmt.bases:
                    if isinstance(base, ast.Subscript):
                        base = base.value  # Generic[T]
                    qualified = parsed.facts.resolver.qualified_name(base) or ""
                    if qualified in _PLAIN_CLASS_BASES or qualified.startswith(("typing.", "abc.", "enum.")):
                        continue
                    where = _origin(base, parsed.path, tree) if isinstance(base, ast.Name) else None
                    inherited = self._class_sources(where[0], where[1], depth + 1) if where else None
                    if inherited is None:
                        return None  # a base from elsewhere may read anything
                    found.extend(inherited)
                return found
        for stmt in tree.body:  # re-exported: from .app import App
            if isinstance(stmt, ast.ImportFrom) and any((a.asname or a.name) == class_name for a in stmt.names):
                where = _origin(ast.Name(id=class_name), parsed.path, tree)
                return self._class_sources(where[0], where[1], depth + 1) if where else None
        return None


_THREAD_LOCALS = frozenset({"threading.local", "_thread._local", "_threading_local.local"})
_PLAIN_CLASS_BASES = frozenset({"object", "Exception", "BaseException", "dict", "list", "str", "int", "tuple", "set"})
# Reads by names never spelled out (``__setattr__`` only sees writes, and on instances).
_DYNAMIC_ACCESS = frozenset({"__getattr__", "__getattribute__", "__dir__"})


def _dynamic(owner: ast.AST) -> bool:
    """A module or class that answers attribute names it never spells out."""
    body = owner.body if isinstance(owner, (ast.Module, ast.ClassDef)) else []
    return any(isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in _DYNAMIC_ACCESS for stmt in body)


def names_word(text: str, name: str) -> bool:
    """``name`` as a whole word of ``text`` (``_setup`` is not in ``_setup_logging``)."""
    at = text.find(name)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(name)] if at + len(name) < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        at = text.find(name, at + 1)
    return False


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
                elif value is not None and environment_default(value) is not None:
                    values[target.id] = environment_default(value)  # type: ignore[assignment]
                seen.add(target.id)
    return values


_CONVERTERS = frozenset({"bool", "int", "float", "str"})


def environment_default(value: ast.expr) -> Optional[ast.expr]:
    """The literal a setting read from the environment starts with when the variable is
    not set: ``os.environ.get("K", False)``, ``os.getenv("K", "x")``, converted by
    ``bool``/``int``/``float``/``str`` or a ``*bool`` parser (``strtobool(...)``, for a
    ``bool`` default). A run of the tests that sets the variable is not the usual case."""
    converter: Optional[str] = None
    if isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords and isinstance(value.args[0], ast.Call):
        func = value.func
        converter = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if converter is None or not (converter in _CONVERTERS or "bool" in converter.lower()):
            return None
        value = value.args[0]
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and len(value.args) == 2):
        return None
    func = value.func
    owner = ast.unparse(func.value)
    reads = (func.attr == "get" and owner in ("os.environ", "environ")) or (func.attr == "getenv" and owner == "os")
    key, default = value.args
    if not reads or not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or not is_literal(default):
        return None
    if converter is None:
        return default
    constant = default.value if isinstance(default, ast.Constant) else None
    kept = {"int": (int, float), "float": (int, float), "str": (str,)}.get(converter, (bool,))
    if converter in ("int", "float") and isinstance(constant, bool):
        return None
    return default if isinstance(constant, kept) else None


def forking_option(addopts: Sequence[str]) -> Optional[str]:
    """The option of pytest's ``addopts`` that runs every test in a forked child
    (``--forked``, ``--boxed``, ``--isolate``), if any: from the options discovery read."""
    return _forking_option(tuple(addopts))


def _forking_option(addopts: tuple[str, ...]) -> Optional[str]:
    for option in addopts:
        if option in _FORKING_OPTIONS:
            return option
    return None


