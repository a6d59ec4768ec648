"""Tests a class inherits: pytest collects, on a test class, its bases' test methods too.

pytest collects a test class's methods through ``dir()``, so the test methods of every
base (in the same module or imported, named ``Test*`` or not) are collected on the
subclass, and their fixture requests are resolved from the *subclass's* module and class.
A base class that does not match ``python_classes`` is not collected itself, but its
subclasses run its tests: the usual way to share one set of tests over several
implementations (pandas' extension-array tests, a ``SharedTests`` mixin with a class-level
fixture each subclass overrides).

Bases are found statically: a class of the same module, or a name or dotted name a
``from ... import`` / ``import ... as`` brings in, read through the run's module cache
(never imported, never parsed twice), following re-exports and star imports up to a
bounded depth. A base outside the analysed code (``unittest.TestCase``, a library's
class, a builtin) has no tests to give. A base that cannot be read (a computed base,
an unreadable module, a name bound by a call, the depth bound) makes the inheritance
*incomplete*: what its subclasses request is then unknown.
"""
from __future__ import annotations

import ast
import builtins
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

from .facts import ClassFacts, ImportedName, ModuleFacts, TestDef
from .hierarchy import FixtureIndex
from .names import dotted_name

MAX_DEPTH = 8
"""Modules and classes followed from one base before giving up (then: unknown)."""

_BUILTINS = frozenset(dir(builtins))
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class InheritedTest:
    """A test method a class gets from one of its bases."""

    test: TestDef
    """The method as its base defines it (``class_name`` is the base's)."""
    path: Path
    """The module that defines it."""


@dataclass(frozen=True)
class Inheritance:
    """What a class gets from its bases."""

    tests: tuple[InheritedTest, ...] = ()
    """Inherited test methods the class does not hide with a name of its own."""
    usefixtures: tuple[str, ...] = ()
    """``usefixtures`` marks of the bases (pytest applies a base's marks to its subclasses)."""
    words: frozenset[str] = frozenset()
    """Identifier-like words of the string literals of the inherited tests."""
    dynamic: bool = False
    """An inherited test calls ``getfixturevalue`` with a computed name."""
    complete: bool = True
    """Every base could be read; ``False``: some base is unknown."""

    @property
    def requested(self) -> frozenset[str]:
        """Every name the inherited tests request (arguments and ``usefixtures``)."""
        names = set(self.usefixtures)
        for inherited in self.tests:
            names.update(inherited.test.requested)
            names.update(inherited.test.usefixtures)
        return frozenset(names)


_EMPTY = Inheritance()
_UNKNOWN = Inheritance(complete=False)


@dataclass(frozen=True)
class _Class:
    path: Path
    facts: ModuleFacts
    klass: ClassFacts


@dataclass(frozen=True)
class _Module:
    path: Path


_External = None  # a name outside the analysed code: no tests to give
_Unknown = "unknown"
_Found = Union[_Class, _Module, None, str]


class InheritanceIndex:
    """Inherited tests for the classes of a run, each class's answer computed once."""

    def __init__(self, index: FixtureIndex) -> None:
        self.index = index
        self._classes: dict[tuple[Path, str], Inheritance] = {}
        self._offers: dict[tuple[Path, str], Inheritance] = {}
        self._checked: Optional[tuple[Path, ModuleFacts]] = None
        self._active: set[tuple[Path, str]] = set()
        self._collected: Optional[tuple[ModuleFacts, list[TestDef]]] = None

    def of_module(self, path: Path, facts: ModuleFacts) -> dict[str, Inheritance]:
        """Class name -> what it inherits, for the test classes of a module that have
        bases. ``facts`` are the caller's of ``path``: the module is not read again (a
        base in the same module, or a cycle of imports back to it, is read from them)."""
        if not any(k.is_test_class and k.bases for k in facts.classes):
            return {}
        outer, self._checked = self._checked, (path, facts)
        try:
            return {k.name: self._inherited(path, facts, k, 0) for k in facts.classes if k.is_test_class and k.bases}
        finally:
            self._checked = outer

    def collected_tests(self, path: Path, facts: ModuleFacts) -> list[TestDef]:
        """The tests pytest collects in module ``path``: its own, then those its test
        classes inherit, each as seen from its subclass (``class_name`` is the
        subclass's: resolve its requests from there; ``node`` and ``lineno`` are the
        base's, in the base's module)."""
        cached = self._collected  # the last module only: its callers ask per class
        if cached is not None and cached[0] is facts:
            return cached[1]
        inherited = self.of_module(path, facts)
        if not inherited:
            return facts.tests
        tests = list(facts.tests)
        for class_name, inheritance in inherited.items():
            tests.extend(dataclasses.replace(i.test, class_name=class_name) for i in inheritance.tests)
        self._collected = (facts, tests)
        return tests

    def _module(self, path: Path) -> Optional[ModuleFacts]:
        if self._checked is not None and self._checked[0] == path:
            return self._checked[1]
        return self.index.modules.facts(path)

    # -- a class: its own test methods and what its bases give -----------------------
    def _inherited(self, path: Path, facts: ModuleFacts, klass: ClassFacts, depth: int) -> Inheritance:
        if not klass.bases:
            return _EMPTY
        key = (path, klass.name)
        # the classes of the module being checked are not kept: the run drops its tree
        keep = self._checked is None or self._checked[0] != path
        cached = self._classes.get(key) if keep else None
        if cached is not None:
            return cached
        if key in self._active:
            return _UNKNOWN  # a cycle of bases
        self._active.add(key)
        try:
            parts: list[Inheritance] = []
            for base in klass.bases:
                found = self._base(path, facts, base, depth)
                if isinstance(found, _Class):
                    parts.append(self._offered(found, depth + 1))
                elif found is not _External:
                    parts.append(_UNKNOWN)
        finally:
            self._active.discard(key)
        result = _merge(parts, hidden=klass.attributes)
        if keep:
            self._classes[key] = result
        return result

    def _offered(self, base: _Class, depth: int) -> Inheritance:
        """What a base gives a subclass: its own test methods and what it inherits."""
        if depth > MAX_DEPTH:
            return _UNKNOWN
        key = (base.path, base.klass.name)
        keep = self._checked is None or self._checked[0] != base.path
        cached = self._offers.get(key) if keep else None
        if cached is not None:
            return cached
        words, dynamic = _literal_words(m.node for m in base.klass.methods if m.node is not None)
        own = Inheritance(
            tests=tuple(InheritedTest(m, base.path) for m in base.klass.methods),
            usefixtures=base.klass.usefixtures,
            words=words,
            dynamic=dynamic,
        )
        result = _merge([own, self._inherited(base.path, base.facts, base.klass, depth)], hidden=frozenset())
        if keep:
            self._offers[key] = result
        return result

    # -- finding a base ---------------------------------------------------------------
    def _base(self, path: Path, facts: ModuleFacts, base: ast.expr, depth: int) -> _Found:
        if isinstance(base, ast.Subscript):  # Generic[T], SomeBase[int]
            base = base.value
        dotted = dotted_name(base)
        if dotted is None:
            return _Unknown
        return self._lookup(path, facts, tuple(dotted.split(".")), depth)

    def _lookup(self, path: Path, facts: ModuleFacts, parts: tuple[str, ...], depth: int) -> _Found:
        """What the dotted name ``parts`` means in module ``path``."""
        if depth > MAX_DEPTH:
            return _Unknown
        head = parts[0]
        if any(k.name == head for k in facts.classes):
            wanted = ".".join(parts)
            klass = next((k for k in facts.classes if k.name == wanted), None)
            return _Class(path, facts, klass) if klass is not None else _Unknown
        imported = next((i for i in reversed(facts.from_imports) if i.bound == head), None)
        if imported is not None:
            return self._from_import(path, imported, parts[1:], depth)
        qualified = facts.resolver.qualified_name(ast.Name(id=head, ctx=ast.Load()))
        if qualified is not None and not qualified.startswith("."):  # import a.b [as c]
            return self._absolute(path, (*qualified.split("."), *parts[1:]), depth)
        if head in _BUILTINS:
            return _External
        for imported in (i for i in facts.from_imports if i.name == "*"):
            target = self.index.import_target(path, imported)
            if target is None and imported.level == 0:
                continue  # a library's names: no test class of the analysed code
            loaded = self._module(target) if target is not None else None
            if target is None or loaded is None:
                return _Unknown
            found = self._lookup(target, loaded, parts, depth + 1)
            if found is not _Unknown:
                return found
        alias = facts.constants.get(head)
        if alias is not None:
            dotted = dotted_name(alias)
            if dotted is None:
                return _Unknown  # Base = make_base()
            return self._lookup(path, facts, (*dotted.split("."), *parts[1:]), depth + 1)
        return _Unknown

    def _from_import(self, path: Path, imported: ImportedName, rest: tuple[str, ...], depth: int) -> _Found:
        target = self.index.import_target(path, imported)
        if target is None:
            # ``from namespace_package import module``: no ``__init__.py`` to read
            module = f"{imported.module}.{imported.name}" if imported.module else imported.name
            submodule = self.index.import_target(path, dataclasses.replace(imported, module=module))
            if submodule is not None:
                return self._in_module(submodule, rest, depth)
            return _External if imported.level == 0 else _Unknown
        if target.name == "__init__.py":  # ``from package import submodule``
            for option in (target.parent / f"{imported.name}.py", target.parent / imported.name / "__init__.py"):
                if option.is_file():
                    return self._in_module(option, rest, depth)
        return self._in_module(target, (imported.name, *rest), depth)

    def _absolute(self, path: Path, parts: tuple[str, ...], depth: int) -> _Found:
        for size in range(len(parts), 0, -1):
            module = self.index.find_plugin_module(path, ".".join(parts[:size]))
            if module is not None:
                return self._in_module(module, parts[size:], depth)
        return _External

    def _in_module(self, module: Path, parts: tuple[str, ...], depth: int) -> _Found:
        if not parts:
            return _Module(module)
        loaded = self._module(module)
        if loaded is None:
            return _Unknown
        return self._lookup(module, loaded, parts, depth + 1)


def _merge(parts: list[Inheritance], hidden: frozenset[str]) -> Inheritance:
    """Bases in order: the first to give a test name wins (the MRO, for plain bases)."""
    if not parts:
        return _EMPTY
    tests: dict[str, InheritedTest] = {}
    usefixtures: list[str] = []
    words: set[str] = set()
    dynamic, complete = False, True
    for part in parts:
        for inherited in part.tests:
            if inherited.test.name not in hidden:
                tests.setdefault(inherited.test.name, inherited)
        usefixtures.extend(part.usefixtures)
        words.update(part.words)
        dynamic = dynamic or part.dynamic
        complete = complete and part.complete
    return Inheritance(tuple(tests.values()), tuple(dict.fromkeys(usefixtures)), frozenset(words), dynamic, complete)


def _literal_words(nodes: Iterable[ast.AST]) -> tuple[frozenset[str], bool]:
    """The words of the string literals under ``nodes``, and whether a
    ``getfixturevalue`` there takes a computed name (as ``fixture_map.uses`` reads a module)."""
    words: set[str] = set()
    dynamic = False
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.update(_WORD.findall(node.value))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "getfixturevalue":
                argument = node.args[0] if node.args else None
                if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                    dynamic = True
    return frozenset(words), dynamic


def inheritance_for(index: FixtureIndex) -> InheritanceIndex:
    """The run's one :class:`InheritanceIndex` (kept with the fixture index)."""
    return index.shared("model.inheritance", lambda: InheritanceIndex(index))
