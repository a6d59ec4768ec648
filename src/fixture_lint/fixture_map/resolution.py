"""Which fixture definitions each test gets, the way pytest resolves them, statically.

pytest builds a test's *fixture closure* from its autouse fixtures, its ``usefixtures``
marks and its arguments, then adds the arguments of every definition it resolved, until
nothing new comes in. Every name is resolved from the *test's* position (class, module,
conftest.py chain, ``pytest_plugins``, plugins), not from the position of the fixture that
asks for it: that is how an override in a deeper directory reaches a fixture defined
above it. A definition that requests its own name gets the next one out.
"""
from __future__ import annotations

import ast
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from ..model.facts import SCOPE_RANK, FixtureDef, ImportedName, ModuleFacts, Parametrize, TestDef
from ..model.hierarchy import Definition, FixtureIndex, Layer, test_files_below
from ..model.inheritance import inheritance_for
from ..model.loader import ParsedModule
from .ids import parametrize_ids, values_ids

REQUESTED, TRANSITIVE, AUTOUSE, USEFIXTURES = "requested", "transitive", "autouse", "usefixtures"


@dataclass(frozen=True)
class DefinitionInfo:
    """One definition as the map shows it: where, scope, autouse, params."""

    name: str
    location: str
    """``tests/conftest.py:4``, or the provider of a built-in or plugin fixture."""
    scope: Optional[str]
    autouse: bool = False
    params: Optional[str] = None
    path: Optional[Path] = None
    lineno: int = 0
    class_name: Optional[str] = None
    requested: tuple[str, ...] = ()
    fixture: Optional[FixtureDef] = field(default=None, compare=False, hash=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.location)

    @property
    def is_builtin(self) -> bool:
        return self.path is None


@dataclass
class FixtureUse:
    """A fixture a test gets, why, and what it resolves to."""

    name: str
    via: str
    """``requested``, ``transitive``, ``autouse`` or ``usefixtures``."""
    definition: Optional[DefinitionInfo]
    """``None`` when nothing defines the name here (pytest: "fixture not found")."""
    hides: list[DefinitionInfo] = field(default_factory=list)
    extends: list[DefinitionInfo] = field(default_factory=list)
    """Hidden definitions that still run, because the override requests its own name."""
    requested_by: Optional[str] = None


@dataclass
class TestEntry:
    """One collected test (one per parametrized id when they are computable)."""

    nodeid: str
    path: Path
    lineno: int
    directory: str
    fixtures: list[FixtureUse] = field(default_factory=list)


class Resolver:
    """Fixture resolution over one :class:`FixtureIndex`, cached per module and class."""

    def __init__(self, index: FixtureIndex) -> None:
        self.index = index
        self._visible: dict[tuple[Path, Optional[str]], dict[str, list[DefinitionInfo]]] = {}
        self._autouse: dict[tuple[Path, Optional[str]], list[str]] = {}
        self._layer_defs: dict[tuple[Path, Optional[str], str], dict[str, list[DefinitionInfo]]] = {}
        self._candidates: dict[tuple[Path, Optional[str], str], list[DefinitionInfo]] = {}
        self._closures: dict[tuple[Path, Optional[str], tuple[tuple[str, str], ...], frozenset[str]], list[FixtureUse]] = {}
        self._may_define: dict[Path, bool] = {}

    # -- what a position sees --------------------------------------------------------
    def visible(self, path: Path, facts: ModuleFacts, class_name: Optional[str] = None) -> dict[str, list[DefinitionInfo]]:
        """Every fixture name seen from ``path``/``class_name``: its definitions, nearest first."""
        key = (path, class_name)
        cached = self._visible.get(key)
        if cached is not None:
            return cached
        found: dict[str, list[DefinitionInfo]] = {}
        autouse: list[str] = []
        layers = list(self.index.layers(path, facts, class_name))
        for layer in layers:
            for name, definitions in self._definitions_in(layer).items():
                found.setdefault(name, []).extend(definitions)
        # pytest orders autouse names from the outermost node in: plugins, conftests
        # from the rootdir down, the module, the class.
        for layer in reversed(layers):
            for name, definitions in self._definitions_in(layer).items():
                if any(d.autouse for d in definitions) and name not in autouse:
                    autouse.append(name)
        self._visible[key] = found
        self._autouse[key] = autouse
        return found

    def autouse_names(self, path: Path, facts: ModuleFacts, class_name: Optional[str] = None) -> list[str]:
        self.visible(path, facts, class_name)
        return self._autouse[(path, class_name)]

    def candidates(self, name: str, path: Path, facts: ModuleFacts, class_name: Optional[str] = None) -> list[DefinitionInfo]:
        """The definitions of ``name`` seen from a position, nearest (the winner) first,
        ending with pytest's or a plugin's own when there is one. Cached per position:
        the list is shared, callers must not change it."""
        key = (path, class_name, name)
        cached = self._candidates.get(key)
        if cached is not None:
            return cached
        found = list(self.visible(path, facts, class_name).get(name, ()))
        known = self.index.known_definition(name, path, facts)
        if known is not None and known.known is not None:
            found.append(DefinitionInfo(name=name, location=known.known.provider, scope=known.scope))
        self._candidates[key] = found
        return found

    def _definitions_in(self, layer: Layer) -> dict[str, list[DefinitionInfo]]:
        """The fixtures one layer registers, by name, the winner first. pytest reads a
        module's attributes in ``dir()`` order (sorted): of two functions registering
        one name, the later attribute wins; imported fixtures count as the module's."""
        key = (layer.path, layer.class_name, layer.kind)
        cached = self._layer_defs.get(key)
        if cached is not None:
            return cached
        by_attribute: dict[str, DefinitionInfo] = {}
        project = self.index.projects.for_path(layer.path)
        if layer.class_name is None:
            for attribute, imported in self._imported(layer):
                by_attribute[attribute] = imported
        for fixture in layer.facts.fixtures:
            if fixture.class_name != layer.class_name:
                continue
            by_attribute[fixture.function] = _info(fixture, layer.path, project.display(layer.path))
        grouped: dict[str, list[DefinitionInfo]] = {}
        for attribute in sorted(by_attribute, reverse=True):
            definition = by_attribute[attribute]
            grouped.setdefault(definition.name, []).append(definition)
        self._layer_defs[key] = grouped
        return grouped

    def _imported(self, layer: Layer) -> Iterator[tuple[str, DefinitionInfo]]:
        parsed = self.index.modules.get(layer.path)
        if not isinstance(parsed, ParsedModule):
            return
        for imported in parsed.facts.from_imports:
            if not self._may_define_fixtures(layer.path, imported):
                continue
            for definition in self.index.imported_fixtures(layer.path, imported):
                if definition.fixture is None or definition.path is None:
                    continue
                bound = imported.bound if imported.name != "*" else definition.fixture.function
                project = self.index.projects.for_path(definition.path)
                yield bound, _info(definition.fixture, definition.path, project.display(definition.path))

    def _may_define_fixtures(self, path: Path, imported: ImportedName) -> bool:
        """Whether the module an import reads could define a fixture at all (its text
        says ``fixture``): a test module's imports of helpers and of the code under test
        are not worth a parse each."""
        target = self.index.import_target(path, imported)
        if target is None or target == path:
            return False
        cached = self._may_define.get(target)
        if cached is None:
            try:
                cached = b"fixture" in target.read_bytes()
            except OSError:
                cached = False
            self._may_define[target] = cached
        return cached

    # -- a test's closure ------------------------------------------------------------
    def closure(self, path: Path, facts: ModuleFacts, test: TestDef) -> list[FixtureUse]:
        """The fixtures ``test`` gets, in pytest's order before its scope sort."""
        direct = frozenset(direct_parametrized(facts, test))
        initial: list[tuple[str, str]] = [(n, AUTOUSE) for n in self.autouse_names(path, facts, test.class_name)]
        initial += [(n, USEFIXTURES) for n in usefixtures_of(facts, test)]
        initial += [(n, REQUESTED) for n in test.requested]
        key = (path, test.class_name, tuple(initial), direct)
        cached = self._closures.get(key)
        if cached is None:
            cached = self._closures[key] = self._closure(path, facts, test.class_name, initial, direct)
        return cached

    def _closure(
        self, path: Path, facts: ModuleFacts, class_name: Optional[str], initial: list[tuple[str, str]], direct: frozenset[str]
    ) -> list[FixtureUse]:
        uses: dict[str, FixtureUse] = {}
        queue: list[tuple[str, str, Optional[str]]] = [(n, via, None) for n, via in initial]
        position = 0
        while position < len(queue):
            name, via, parent = queue[position]
            position += 1
            if name in uses or name in direct or name == "request":
                continue
            chain = self.candidates(name, path, facts, class_name)
            use = FixtureUse(name=name, via=via, definition=chain[0] if chain else None, hides=chain[1:], requested_by=parent)
            uses[name] = use
            for active in self.active_chain(chain):
                if active is not use.definition:
                    use.extends.append(active)
                for requested in active.requested:
                    if requested != name:
                        queue.append((requested, TRANSITIVE, name))
        return list(uses.values())

    @staticmethod
    def active_chain(chain: list[DefinitionInfo]) -> list[DefinitionInfo]:
        """The winner and, while a definition requests its own name, the next one out."""
        active: list[DefinitionInfo] = []
        for definition in chain:
            active.append(definition)
            if definition.name not in definition.requested:
                break
        return active

    def dependency_definitions(
        self, definition: DefinitionInfo, path: Path, facts: ModuleFacts, class_name: Optional[str]
    ) -> dict[str, DefinitionInfo]:
        """What each (transitive) dependency of ``definition`` resolves to for a test at
        ``path``/``class_name``: name -> definition."""
        found: dict[str, DefinitionInfo] = {}
        queue = [r for r in definition.requested if r != definition.name]
        while queue:
            name = queue.pop(0)
            if name in found or name == "request":
                continue
            chain = self.candidates(name, path, facts, class_name)
            if not chain:
                continue
            found[name] = chain[0]
            for active in self.active_chain(chain):
                queue.extend(r for r in active.requested if r != name)
        return found

    # -- tests ------------------------------------------------------------------------
    def tests(self, path: Path, facts: ModuleFacts, inherited: bool = True) -> list[TestDef]:
        """The tests pytest collects in module ``path``: its own and (unless not
        ``inherited``) those its test classes inherit from their bases
        (``model.inheritance``), each resolved from the class that collects it."""
        return inheritance_for(self.index).collected_tests(path, facts) if inherited else facts.tests

    def entries(self, path: Path, facts: ModuleFacts) -> list[TestEntry]:
        """The map of one test module: a :class:`TestEntry` per collected test."""
        project = self.index.projects.for_path(path)
        display = project.nodeid_path(path)  # node ids are rootdir-relative, as pytest's
        directory = project.nodeid_path(path.parent) if path.parent != project.rootdir else "."
        entries = []
        for test in self.tests(path, facts):
            uses = self.closure(path, facts, test)
            base = "::".join([display, *(test.class_name.split(".") if test.class_name else []), test.name])
            ids = self.test_ids(path, facts, test, uses)
            for suffix in ids if ids else [None]:
                nodeid = f"{base}[{suffix}]" if suffix is not None else base
                entries.append(TestEntry(nodeid=nodeid, path=path, lineno=test.lineno, directory=directory, fixtures=uses))
        return entries

    def test_ids(self, path: Path, facts: ModuleFacts, test: TestDef, uses: list[FixtureUse]) -> Optional[list[str]]:
        """The ``[...]`` ids pytest generates, or ``None`` when there are none or they
        cannot be known statically (then the map shows the base id)."""
        rounds: list[list[str]] = []
        ordered = sorted(uses, key=lambda u: -SCOPE_RANK.get((u.definition.scope if u.definition else None) or "function", 0))
        for use in ordered:
            definition = use.definition
            if definition is None or definition.fixture is None or definition.fixture.params is None:
                continue
            if any(use.name in p.argnames for p in all_parametrize(facts, test)):
                continue  # indirect parametrization replaces the fixture's own params
            decorator = definition.fixture.decorator
            ids_node = _keyword(decorator, "ids") if isinstance(decorator, ast.Call) else None
            ids = values_ids(definition.fixture.params, use.name, ids_node)
            if ids is None:
                return None
            rounds.append(ids)
        for parametrize in all_parametrize(facts, test):
            ids = parametrize_ids(parametrize)
            if ids is None:
                return None
            rounds.append(ids)
        if not rounds:
            return None
        combined = [""]
        for ids in rounds:
            if not ids:
                return None
            combined = [f"{before}-{new}" if before else new for before in combined for new in ids]
        return combined


def all_parametrize(facts: ModuleFacts, test: TestDef) -> list[Parametrize]:
    """The parametrize marks of a test, closest first (the test's own decorators from the
    bottom up, its classes from the inside out, then the module's ``pytestmark``)."""
    marks = list(reversed(test.parametrize))  # decorators apply bottom-up
    if test.class_name:
        parts = test.class_name.split(".")
        for depth in range(len(parts), 0, -1):
            klass = next((c for c in facts.classes if c.name == ".".join(parts[:depth])), None)
            if klass is not None:
                marks.extend(reversed(klass.parametrize))
    marks.extend(facts.pytestmark_parametrize)
    return marks


def direct_parametrized(facts: ModuleFacts, test: TestDef) -> set[str]:
    """Argument names parametrized directly (not ``indirect``): no fixture is used for them."""
    names: set[str] = set()
    for parametrize in all_parametrize(facts, test):
        for name in parametrize.argnames:
            indirect = parametrize.indirect
            if indirect is True or (isinstance(indirect, tuple) and name in indirect):
                continue
            names.add(name)
    return names


def usefixtures_of(facts: ModuleFacts, test: TestDef) -> list[str]:
    """``usefixtures`` names of the test, its classes and the module, closest first."""
    names = list(test.usefixtures)
    if test.class_name:
        parts = test.class_name.split(".")
        for depth in range(len(parts), 0, -1):
            klass = next((c for c in facts.classes if c.name == ".".join(parts[:depth])), None)
            if klass is not None:
                names.extend(klass.usefixtures)
    names.extend(facts.pytestmark_usefixtures)
    return list(dict.fromkeys(names))


def _info(fixture: FixtureDef, path: Path, display: str) -> DefinitionInfo:
    return DefinitionInfo(
        name=fixture.name,
        location=f"{display}:{fixture.lineno}",
        scope=fixture.scope,
        autouse=fixture.autouse,
        params=ast.unparse(fixture.params) if fixture.params is not None else None,
        path=path,
        lineno=fixture.lineno,
        class_name=fixture.class_name,
        requested=fixture.requested,
        fixture=fixture,
    )


def _keyword(call: ast.Call, name: str) -> Optional[ast.expr]:
    return next((k.value for k in call.keywords if k.arg == name), None)


def definition_of(definition: Definition) -> Optional[DefinitionInfo]:
    """A hierarchy :class:`Definition` as the map's :class:`DefinitionInfo`."""
    if definition.fixture is not None and definition.path is not None:
        return _info(definition.fixture, definition.path, definition.display.rsplit(":", 1)[0])
    if definition.known is not None:
        return DefinitionInfo(name=definition.name, location=definition.known.provider, scope=definition.scope)
    return None


_RESOLVERS: weakref.WeakKeyDictionary[FixtureIndex, Resolver] = weakref.WeakKeyDictionary()


def resolver_for(index: FixtureIndex) -> Resolver:
    """One shared :class:`Resolver` per fixture index (rules of one run share its caches)."""
    resolver = _RESOLVERS.get(index)
    if resolver is None:
        resolver = _RESOLVERS[index] = Resolver(index)
    return resolver


def info_of(fixture: FixtureDef, path: Path, index: FixtureIndex) -> DefinitionInfo:
    """The map's view of a definition in module ``path``."""
    return _info(fixture, path, index.projects.for_path(path).display(path))


def positions(facts: ModuleFacts) -> list[Optional[str]]:
    """The places in a module where resolution can differ: the module and each class."""
    return [None, *(klass.name for klass in facts.classes)]


def reaches(resolver: Resolver, own: DefinitionInfo, path: Path, facts: ModuleFacts, test: TestDef) -> bool:
    return any(u.definition is not None and u.definition.key == own.key for u in resolver.closure(path, facts, test))


def has_user(
    index: FixtureIndex, resolver: Resolver, own: DefinitionInfo, path: Path, facts: ModuleFacts, class_name: Optional[str], inherited: bool = True
) -> bool:
    """Some test at this place (its own or, with ``inherited``, one its class inherits)
    gets ``own`` (then the override is really in play)."""
    if path.name != "conftest.py":
        return any(t.class_name == class_name and reaches(resolver, own, path, facts, t) for t in resolver.tests(path, facts, inherited))
    for module in test_files_below(index, path.parent):
        if module.name == "conftest.py":
            continue
        module_facts = index.modules.facts(module)
        if module_facts is not None and any(reaches(resolver, own, module, module_facts, t) for t in resolver.tests(module, module_facts, inherited)):
            return True
    return False
