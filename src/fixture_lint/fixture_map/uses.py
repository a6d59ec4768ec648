"""Which fixture names a module uses, as far as its text lets anyone know statically.

A name is *used* by a module when one of its tests or fixtures requests it, a
``usefixtures`` mark or ``request.getfixturevalue`` names it literally, or any string
literal contains it as a word (parametrize argnames, ``indirect=``, and the code that
``pytester`` writes out: look-alikes we cannot tell apart, so they count). A
``getfixturevalue`` whose argument is not a literal can reach any name: the module is
*dynamic* and nothing can be said of the fixtures it sees.

The tests a test class inherits (``model.inheritance``) are the module's too: pytest
collects them on the subclass and resolves their requests from there. A base that
cannot be read leaves the module *incomplete*: as with a dynamic one, nothing can be said.

One summary per module and run, shared by every rule that looks down the hierarchy.
"""
from __future__ import annotations

import ast
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from ..model.facts import ModuleFacts
from ..model.hierarchy import FixtureIndex
from ..model.inheritance import Inheritance, inheritance_for
from ..model.loader import ParsedModule

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class ModuleUses:
    """The fixture names a module's code reaches."""

    requested: frozenset[str]
    """Arguments of tests and fixtures and ``usefixtures`` names, except a fixture's
    request of its own name (that reaches the definition it overrides)."""
    self_requests: frozenset[tuple[str, int]]
    """``(name, lineno)`` of the fixtures that request their own name."""
    words: frozenset[str]
    """Identifier-like words of every string literal of the module."""
    dynamic: bool
    """Some ``getfixturevalue`` call has an argument that is not a string literal."""
    incomplete: bool = False
    """A test class has a base that cannot be read: what it inherits is unknown."""

    def uses(self, name: str) -> bool:
        return name in self.requested or name in self.words

    @property
    def opaque(self) -> bool:
        """Any name of its visibility may be used: nothing can be said of its fixtures."""
        return self.dynamic or self.incomplete


def module_uses(tree: ast.Module, facts: ModuleFacts, inherited: Optional[Mapping[str, Inheritance]] = None) -> ModuleUses:
    """The summary of one parsed module (one walk over its tree), with what its test
    classes inherit (``InheritanceIndex.of_module``) when the caller knows it."""
    requested: set[str] = set()
    self_requests: set[tuple[str, int]] = set()
    words: set[str] = set()
    dynamic = incomplete = False
    for test in facts.tests:
        requested.update(test.requested)
        requested.update(test.usefixtures)
    for inheritance in (inherited or {}).values():
        requested.update(inheritance.requested)
        words.update(inheritance.words)
        dynamic = dynamic or inheritance.dynamic
        incomplete = incomplete or not inheritance.complete
    for klass in facts.classes:
        requested.update(klass.usefixtures)
    requested.update(facts.pytestmark_usefixtures)
    for fixture in facts.fixtures:
        for name in fixture.requested:
            if name == fixture.name:
                self_requests.add((name, fixture.lineno))
            else:
                requested.add(name)
    # ``@pytest.fixture(name="x")`` names the fixture: that literal is no use of it
    own_names = {
        id(keyword.value)
        for fixture in facts.fixtures
        if isinstance(fixture.decorator, ast.Call)
        for keyword in fixture.decorator.keywords
        if keyword.arg == "name"
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in own_names:
            words.update(_WORD.findall(node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "getfixturevalue":
            argument = node.args[0] if node.args else None
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                dynamic = True
    return ModuleUses(frozenset(requested), frozenset(self_requests), frozenset(words), dynamic, incomplete)


_USES: weakref.WeakKeyDictionary[FixtureIndex, dict[Path, Optional[ModuleUses]]] = weakref.WeakKeyDictionary()


def uses_of(index: FixtureIndex, path: Path, parsed: Optional[ParsedModule] = None) -> Optional[ModuleUses]:
    """The summary of module ``path`` (read through the index's module cache unless the
    caller holds its parse), cached per run; ``None`` when it cannot be read or parsed."""
    cache = _USES.setdefault(index, {})
    if path in cache:
        return cache[path]
    loaded = parsed if parsed is not None else index.modules.get(path)
    found = None
    if isinstance(loaded, ParsedModule):
        inherited = inheritance_for(index).of_module(path, loaded.facts)
        found = module_uses(loaded.tree, loaded.facts, inherited)
    cache[path] = found
    return found


_SUBCLASS = re.compile(r"^[ \t]*class[ \t]+\w+[ \t]*\((?![ \t]*(?:object[ \t]*)?\))", re.MULTILINE)


def mentions_any(path: Path, words: frozenset[str]) -> bool:
    """Whether the text of ``path`` has one of ``words`` as a word, or a class with a
    base (it may inherit tests requesting them from a module that names them): a cheap
    filter before parsing a module only to learn it does not matter (unreadable: ``True``)."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return True
    return any(match in words for match in _WORD.findall(text)) or _SUBCLASS.search(text) is not None
