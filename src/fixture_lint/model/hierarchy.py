"""The fixture index: which definition a fixture name resolves to, the way pytest does it.

For a requester in module M (optionally in class C) pytest looks, nearest first, at:
the class (and its enclosing classes), the module, the conftest.py files from M's
directory up to the rootdir, the modules named in ``pytest_plugins``, and finally the
fixtures of pytest and its plugins. Each of those is a *layer*; within one layer the
last definition wins. Only the ancestors of a file are read, so checking one staged
file still sees its whole conftest chain.
"""
from __future__ import annotations

import ast
import os
import re
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, TypeVar

from ..discovery import Project, ProjectFinder
from .facts import FixtureDef, ImportedName, ModuleFacts
from ..knowledge.fixtures import KnownFixture
from .loader import ModuleCache, ParsedModule

# Distributions whose fixtures load only through ``pytest_plugins`` (no pytest11 entry
# point): naming them as a dependency does not make their fixtures exist.
_PLUGINS_ONLY_BY_NAME = frozenset({"aiohttp", "celery"})

_DEPENDENCY_FILES = (
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "tox.ini",
    "Pipfile",
    "environment.yml",
    "noxfile.py",
)

SharedT = TypeVar("SharedT")


@dataclass(frozen=True)
class Definition:
    """Where a fixture name resolves: a definition in the analysed code, or a known one."""

    name: str
    scope: Optional[str]
    path: Optional[Path] = None
    fixture: Optional[FixtureDef] = None
    known: Optional[KnownFixture] = None
    display: str = ""


@dataclass(frozen=True)
class Layer:
    """One place pytest looks for fixtures, and the definitions it holds there."""

    kind: str  # "class" | "module" | "conftest" | "plugin"
    path: Path
    facts: ModuleFacts
    class_name: Optional[str] = None

    def definitions(self, name: str) -> list[FixtureDef]:
        return [
            fixture
            for fixture in self.facts.fixtures
            if fixture.name == name and fixture.class_name == self.class_name
        ]


class FixtureIndex:
    """Answers "which fixture does this name mean here?" across the conftest hierarchy."""

    def __init__(
        self,
        projects: ProjectFinder,
        modules: ModuleCache,
        known: Sequence[KnownFixture],
        installed_providers: frozenset[str] = frozenset(),
    ) -> None:
        self.installed_providers = installed_providers
        self.projects = projects
        self.modules = modules
        self._known: dict[str, list[KnownFixture]] = {}
        for fixture in known:
            self._known.setdefault(fixture.name, []).append(fixture)
        self._chains: dict[Path, tuple[Path, ...]] = {}
        self._fixture_modules: dict[Path, tuple[Path, ...]] = {}
        self._active_providers: dict[Path, frozenset[str]] = {}
        self._dependency_files: dict[Path, tuple[Path, ...]] = {}
        self._dependencies: dict[tuple[Path, bool, tuple[str, ...], tuple[Optional[tuple[str, ...]], ...]], tuple[Path, ...]] = {}
        self._plugin_modules: dict[tuple[Path, str], Path] = {}
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, make: Callable[[], SharedT]) -> SharedT:
        """A cache of the run kept with the index (the state model's project summaries):
        built by the first that asks, dropped with the index, never kept alive by it."""
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = make()
        return found

    # -- the chain of layers ----------------------------------------------------------
    def conftest_paths(self, directory: Path) -> tuple[Path, ...]:
        """conftest.py files from ``directory`` up to the confcutdir (``--confcutdir``,
        else the configuration file's directory, else the rootdir), nearest first: pytest
        loads none above it, and none of a directory outside it."""
        cached = self._chains.get(directory)
        if cached is not None:
            return cached
        stop = self.projects.for_directory(directory).confcutdir
        if directory != stop and stop not in directory.parents:
            self._chains[directory] = ()
            return ()
        above: tuple[Path, ...] = () if directory == stop else self.conftest_paths(directory.parent)
        own = directory / "conftest.py"
        chain = ((own,) if os.path.isfile(own) else ()) + above
        self._chains[directory] = chain
        return chain

    def layers(self, path: Path, facts: ModuleFacts, class_name: Optional[str] = None) -> Iterator[Layer]:
        """The layers seen from module ``path`` (class ``class_name``), nearest first."""
        if class_name is not None:
            parts = class_name.split(".")
            for depth in range(len(parts), 0, -1):
                yield Layer("class", path, facts, ".".join(parts[:depth]))
        yield Layer("module", path, facts)
        conftests = self.conftest_paths(path.parent)
        plugin_names: list[tuple[Path, str]] = [(path, name) for name in facts.pytest_plugins]
        for conftest in conftests:
            if conftest == path:
                continue
            conftest_facts = self.modules.facts(conftest)
            if conftest_facts is None:
                continue
            plugin_names.extend((conftest, name) for name in conftest_facts.pytest_plugins)
            yield Layer("conftest", conftest, conftest_facts)
        seen: set[Path] = set()
        for requester, module_name in plugin_names:
            yield from self._plugin_layers(requester, module_name, seen)

    def _plugin_layers(self, requester: Path, module_name: str, seen: set[Path]) -> Iterator[Layer]:
        plugin_path = self.find_plugin_module(requester, module_name)
        if plugin_path is None or plugin_path in seen:
            return
        seen.add(plugin_path)
        plugin_facts = self.modules.facts(plugin_path)
        if plugin_facts is None:
            return
        yield Layer("plugin", plugin_path, plugin_facts)
        for nested in plugin_facts.pytest_plugins:
            yield from self._plugin_layers(plugin_path, nested, seen)

    def find_plugin_module(self, requester: Path, module_name: str) -> Optional[Path]:
        """The file of a ``pytest_plugins`` module, looked up under the ``pythonpath``
        folders of the pytest configuration, the rootdir, its ``src/``, and the
        requester's package base (the first directory without ``__init__.py``), without
        importing anything."""
        key = (requester.parent, module_name)  # all the lookup depends on
        found = self._plugin_modules.get(key)
        if found is None:  # a miss is looked up again: an editor may create the module
            found = self._find_plugin_module(requester, module_name)
            if found is not None:
                self._plugin_modules[key] = found
        return found

    def _find_plugin_module(self, requester: Path, module_name: str) -> Optional[Path]:
        parts = module_name.split(".")
        if not all(part.isidentifier() for part in parts):
            return None
        project = self.projects.for_path(requester)
        rootdir = project.rootdir
        base = requester.parent
        while os.path.isfile(base / "__init__.py") and base != base.parent:
            base = base.parent
        for root in (*project.pythonpath, rootdir, rootdir / "src", base):
            candidate = root.joinpath(*parts)
            for option in (candidate.with_suffix(".py"), candidate / "__init__.py"):
                if os.path.isfile(option):
                    return option
        return None

    def dependencies(self, path: Path, facts: ModuleFacts) -> tuple[Path, ...]:
        """Every file whose content can change the findings of module ``path``: its
        conftest chain, ``pytest_plugins`` modules, the pytest ini file, and the files
        that decide which plugins are in use. The result cache keys on them. The same
        for every module of a directory while it and the conftests above it name the same
        ``pytest_plugins`` (an editor's buffer may change a conftest's)."""
        chain = tuple(
            conftest_facts.pytest_plugins if conftest_facts is not None else None
            for conftest_facts in (self.modules.facts(c) for c in self.conftest_paths(path.parent) if c != path)
        )
        key = (path.parent, path.name == "conftest.py", facts.pytest_plugins, chain)
        cached = self._dependencies.get(key)
        if cached is not None:
            return cached
        found = [layer.path for layer in self.layers(path, facts) if layer.path != path]
        project = self.projects.for_path(path)
        if project.inifile is not None:
            found.append(project.inifile)
        found.extend(self.dependency_files(project.rootdir))
        result = self._dependencies[key] = tuple(dict.fromkeys(found))
        return result

    def dependency_files(self, rootdir: Path) -> tuple[Path, ...]:
        cached = self._dependency_files.get(rootdir)
        if cached is None:
            cached = _dependency_files(rootdir)
            self._dependency_files[rootdir] = cached
        return cached

    # -- resolution -------------------------------------------------------------------
    def resolve(
        self,
        name: str,
        path: Path,
        facts: ModuleFacts,
        class_name: Optional[str] = None,
    ) -> Optional[Definition]:
        """The definition ``name`` means for a test or fixture in ``path``/``class_name``."""
        for layer in self.layers(path, facts, class_name):
            found = layer.definitions(name)
            if found:
                return self._definition(found[-1], layer)
        return self.known_definition(name, path, facts)

    def shadowed_by(self, fixture: FixtureDef, path: Path, facts: ModuleFacts) -> Optional[Definition]:
        """The definition that ``fixture`` hides, if any: an earlier one of the same name
        in the same scope, else the one pytest would use from above its scope."""
        layers = iter(self.layers(path, facts, fixture.class_name))
        own = next(layers)
        earlier = [d for d in own.definitions(fixture.name) if d.lineno < fixture.lineno]
        if earlier:
            return self._definition(earlier[-1], own)
        if fixture.class_name is None and self.is_fixture_module(path):
            # pytest registers a fixture module's fixtures as a plugin's, beneath every
            # conftest.py: they hide only pytest's and installed plugins' fixtures
            return self.known_definition(fixture.name, path, facts)
        for layer in layers:
            found = layer.definitions(fixture.name)
            if found:
                return self._definition(found[-1], layer)
        return self.known_definition(fixture.name, path, facts)

    def overrides_unseen(self, fixture: FixtureDef, path: Path, facts: ModuleFacts) -> bool:
        """Whether ``fixture`` requests its own name (it overrides, and extends, a
        definition further out) and no definition it could override is in the analysed
        code or the tables: pytest then finds it in a plugin we cannot see (else the
        request fails with "fixture not found"), and that plugin's own fixtures, which
        we cannot see either, may be what requests the name."""
        return fixture.requests_itself and self.shadowed_by(fixture, path, facts) is None

    def known_definition(self, name: str, path: Path, facts: ModuleFacts) -> Optional[Definition]:
        """A fixture of pytest, or of a plugin the project evidently uses."""
        candidates = self._known.get(name)
        if not candidates:
            return None
        project = self.projects.for_path(path)
        plugin_names = list(facts.pytest_plugins)
        for conftest in self.conftest_paths(path.parent):
            conftest_facts = self.modules.facts(conftest) if conftest != path else facts
            if conftest_facts is not None:
                plugin_names.extend(conftest_facts.pytest_plugins)
        active = self.active_providers(project, plugin_names)
        for known in candidates:
            if known.provider == "pytest" or known.provider in active:
                if known.provider == "pytest":
                    display = f"pytest's built-in fixture `{name}`"
                else:
                    display = f"`{name}` from {known.provider}"
                return Definition(name=name, scope=known.scope, known=known, display=display)
        return None

    def active_providers(self, project: Project, plugin_names: Sequence[str] = ()) -> frozenset[str]:
        """Plugin distributions the project evidently uses: named in its dependency files
        at the rootdir (pyproject.toml, setup.cfg, requirements*.txt, ...) or in
        ``pytest_plugins``. A plugin nobody installed provides no fixture to shadow."""
        cached = self._active_providers.get(project.rootdir)
        if cached is None:
            text = _dependency_text(self.dependency_files(project.rootdir))
            providers = {k.provider for group in self._known.values() for k in group}
            cached = frozenset(
                p for p in providers if p not in _PLUGINS_ONLY_BY_NAME and _mentions(text, p)
            ) | self.installed_providers
            self._active_providers[project.rootdir] = cached
        if plugin_names:
            extra = {
                provider
                for provider in {k.provider for group in self._known.values() for k in group}
                for plugin in plugin_names
                if _normalise(plugin).startswith(_normalise(provider))
            }
            return cached | extra
        return cached

    # -- fixture modules: judged as test code ----------------------------------------
    def fixture_modules(self, conftest: Path) -> tuple[Path, ...]:
        """The project modules a conftest.py loads fixtures from: those its
        ``pytest_plugins`` names (and theirs, recursively) and those it star- or
        name-imports fixtures from. pytest runs their fixtures as its own, so they are
        test code; modules outside the analysed tree (installed plugins) are not."""
        cached = self._fixture_modules.get(conftest)
        if cached is not None:
            return cached
        self._fixture_modules[conftest] = ()  # a cycle of imports ends here
        found: list[Path] = []
        facts = self.modules.facts(conftest)
        parsed = self.modules.get(conftest)
        if facts is not None:
            seen: set[Path] = set()
            for name in facts.pytest_plugins:
                for layer in self._plugin_layers(conftest, name, seen):
                    found.append(layer.path)
        if isinstance(parsed, ParsedModule):
            for imported in parsed.facts.from_imports:
                target = self.import_target(conftest, imported)
                if target is None or target == conftest or target in found:
                    continue
                target_facts = self.modules.facts(target)
                if target_facts is not None and target_facts.fixtures:
                    found.append(target)
        result = tuple(p for p in found if p.name != "conftest.py")
        self._fixture_modules[conftest] = result
        return result

    def is_fixture_module(self, path: Path) -> bool:
        """Whether a conftest.py above ``path`` loads fixtures from it (see
        :meth:`fixture_modules`): the one test both faces apply, so the CLI and flake8
        judge the same files."""
        return any(path in self.fixture_modules(conftest) for conftest in self.conftest_paths(path.parent))

    # -- fixtures that come in by import ---------------------------------------------
    def import_target(self, path: Path, imported: ImportedName) -> Optional[Path]:
        """The file a ``from ... import`` in module ``path`` reads, when it is part of
        the analysed code (found without importing anything), else ``None``."""
        parts = imported.module.split(".") if imported.module else []
        if not all(part.isidentifier() for part in parts):
            return None
        if imported.level == 0:
            return self.find_plugin_module(path, imported.module) if parts else None
        base = path.parent
        for _ in range(imported.level - 1):
            base = base.parent
        candidate = base.joinpath(*parts)
        options = (candidate.with_suffix(".py"), candidate / "__init__.py") if parts else (candidate / "__init__.py",)
        for option in options:
            if os.path.isfile(option):
                return option
        return None

    def imported_fixtures(self, path: Path, imported: ImportedName) -> list[Definition]:
        """The fixtures a module-level ``from ... import NAME`` (or ``*``) brings into
        module ``path``: pytest registers every fixture object a module holds, whatever
        module defined it. Empty when the source module is not in the analysed code."""
        target = self.import_target(path, imported)
        if target is None or target == path:
            return []
        facts = self.modules.facts(target)
        if facts is None:
            return []
        if imported.name == "*":
            exported = facts.constants.get("__all__")
            public = set(_string_list(exported)) if exported is not None else None
            chosen = [
                fixture
                for fixture in facts.fixtures
                if fixture.class_name is None
                and (fixture.function in public if public is not None else not fixture.function.startswith("_"))
            ]
        else:
            chosen = [f for f in facts.fixtures if f.class_name is None and f.function == imported.name]
        layer = Layer("module", target, facts)
        return [self._definition(fixture, layer) for fixture in chosen]

    def _definition(self, fixture: FixtureDef, layer: Layer) -> Definition:
        project = self.projects.for_path(layer.path)
        return Definition(
            name=fixture.name,
            scope=fixture.scope,
            path=layer.path,
            fixture=fixture,
            display=f"{project.display(layer.path)}:{fixture.lineno}",
        )


def _string_list(node: ast.expr) -> list[str]:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _dependency_files(rootdir: Path) -> tuple[Path, ...]:
    paths: list[Path] = [rootdir / name for name in _DEPENDENCY_FILES]
    try:
        paths += sorted(rootdir.glob("requirements*.txt")) + sorted(rootdir.glob("requirements/*.txt"))
        paths += sorted(rootdir.glob("*requirements*/*.txt")) + sorted(rootdir.glob("*requirements*.in"))
    except OSError:
        pass
    found = []
    for path in dict.fromkeys(paths):
        try:
            if os.path.isfile(path) and path.stat().st_size < 2_000_000:
                found.append(path)
        except OSError:
            continue
    return tuple(found)


def _dependency_text(paths: Iterable[Path]) -> str:
    chunks = []
    for path in paths:
        try:
            chunks.append(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return _normalise("\n".join(chunks))


def _normalise(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text.lower())


def _mentions(text: str, provider: str) -> bool:
    name = _normalise(provider)
    return re.search(rf"(?<![a-z0-9-]){re.escape(name)}(?![a-z0-9-])", text) is not None


# -- looking down the hierarchy (added for fixture-lint map, FXL104, FXL402, FXL403) ----
@dataclass(frozen=True)
class _CollectAll:
    """Walk settings without fixture-lint's own excludes: what pytest would collect."""

    base: Path
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = False


def test_files_below(index: FixtureIndex, directory: Path) -> tuple[Path, ...]:
    """The conftest.py and test files pytest would collect below ``directory`` (its
    collection walk: ``norecursedirs``, virtualenvs, ``collect_ignore``), sorted. The
    index reads them; rules that look *down* the hierarchy (which tests see a conftest's
    fixtures) use this, and only for the few directories they need."""
    cache: dict[Path, tuple[Path, ...]] = index.shared("hierarchy.files_below", dict)
    found = cache.get(directory)
    if found is None:
        from ..discovery import Walker

        walker = Walker(index.projects, lambda d: _CollectAll(base=d))
        found = tuple(walker.walk(directory))
        cache[directory] = found
    return found


_DEFINED_NAMES: "weakref.WeakKeyDictionary[FixtureIndex, dict[Path, Optional[frozenset[str]]]]" = weakref.WeakKeyDictionary()
_DEFINITION = re.compile(r"""\bdef\s+(\w+)\s*\(|\bname\s*=\s*["'](\w+)["']|^\s*from\s+\S+\s+import\s+\(?([\w\s,]+)""", re.MULTILINE)


def defined_names(index: FixtureIndex, path: Path) -> Optional[frozenset[str]]:
    """The names a file could define a fixture under (``def NAME(``, ``name="NAME"``,
    ``from x import NAME``), read from its text once per run; ``None`` when it star-imports
    (it may define anything) or cannot be read."""
    cache = _DEFINED_NAMES.setdefault(index, {})
    if path in cache:
        return cache[path]
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        cache[path] = None
        return None
    if re.search(r"^\s*from\s+\S+\s+import\s+\*", text, re.MULTILINE):
        cache[path] = None
        return None
    names: set[str] = set()
    for match in _DEFINITION.finditer(text):
        if match.group(1) or match.group(2):
            names.add(match.group(1) or match.group(2))
        elif match.group(3):
            names.update(part.split(" as ")[-1].strip() for part in match.group(3).replace("\n", " ").split(","))
    result = frozenset(n for n in names if n)
    cache[path] = result
    return result


def defines_fixture_name(index: FixtureIndex, path: Path, names: Iterable[str]) -> bool:
    """Whether ``path`` could define (or import) a fixture named one of ``names``: the
    filter before parsing a file only to find an override there. One regex pass per file
    per run, then set lookups."""
    defined = defined_names(index, path)
    return defined is None or not defined.isdisjoint(names)

