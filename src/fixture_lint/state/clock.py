"""Wall-clock functions, the helpers that freeze time, and where time is frozen.

Both tables are data registered through pluggy hooks (``fixture_lint_clock_functions``,
``fixture_lint_time_freezers``) and extended per project through FXL303's options.
Time counts as frozen for a call when, statically:

- the function or one of its classes is decorated with a freezer (``@freeze_time``,
  ``@time_machine.travel``) or with a patch of the clock (``@mock.patch("m.datetime")``);
- a mark freezes it (``@pytest.mark.freeze_time``, on the function, the class, or in
  ``pytestmark``);
- a freezing fixture is requested (``freezer``, ``time_machine``, or a fixture of the
  analysed code that freezes, followed through what it requests), by a parameter or by
  ``usefixtures``;
- an autouse fixture that freezes applies (class, module, conftest.py chain, plugins);
- the call is inside ``with freeze_time(...):`` / ``with time_machine.travel(...):`` /
  ``with mock.patch(...datetime...):``, or after ``freezer.start()`` (and before its
  ``stop()``), or after a ``monkeypatch.setattr`` of the clock.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence, Union

from ..model.bodies import BodyIndex
from .clock_uses import PASS_THROUGH_FUNCS, ReadingUses
from .summaries import Callee, ModuleRef, ProjectFunctions, ProjectQuestion, single_binding
from ..model.callsites import CallNames, call_pattern
from ..model.facts import SCOPE_RANK, ClassFacts, FixtureDef, ModuleFacts, TestDef
from ..knowledge.clock import (  # the data half of this module
    CLOCK_WORDS,
    MOVE_METHODS,
    PATCH_CALLS,
    PATCH_LOCAL_SUFFIXES,
    ClockFunction,
    TimeFreezer,
)

if TYPE_CHECKING:
    from ..model.hierarchy import FixtureIndex

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
BodyLookup = Callable[[FunctionNode, ModuleFacts], BodyIndex]
"""``(function node, facts of its module) -> BodyIndex``; a rule passes the module
context's shared cache for its own module."""


class ClockTable:
    """The registered clock functions and time freezers."""

    def __init__(self, functions: Iterable[ClockFunction], freezers: Iterable[TimeFreezer]) -> None:
        self.functions = {function.name: function for function in functions}
        freezers = tuple(freezers)
        self.freezer_calls = frozenset(f.name for f in freezers if f.kind == "call")
        self.freezer_fixtures = frozenset(f.name for f in freezers if f.kind == "fixture")
        self.freezer_marks = frozenset(f.name for f in freezers if f.kind == "mark")
        self.pattern = call_pattern(self.functions)
        """Matches the text of any call that may read the clock (for ``CallSites``)."""

    def module_pattern(self, tree: ast.Module) -> CallNames:
        """``pattern``, plus the local names a module imports clock functions as
        (``from time import localtime as lt``)."""
        aliases = []
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module:
                for alias in stmt.names:
                    if alias.asname and f"{stmt.module}.{alias.name}" in self.functions:
                        aliases.append(alias.asname)
        if not aliases:
            return self.pattern
        return call_pattern(list(self.functions) + aliases)

    def clock_calls(self, body: BodyIndex, project: Optional[ProjectClocks] = None) -> list[tuple[ast.Call, ClockFunction, str]]:
        """The calls in a function that read the wall clock, in source order (with
        ``project``, also calls of the project's clock wrappers)."""
        found = []
        for call in body.of(ast.Call):
            qualified = body.qualified_name(call.func)
            function = self.functions.get(qualified) if qualified is not None else None
            if function is None and project is not None:
                wrapper = project.reading(call, body)
                if wrapper is not None:
                    found.append((call, wrapper, wrapper.name))
                continue
            if function is None or qualified is None:
                continue
            if function.max_args is not None and len(call.args) + len(call.keywords) > function.max_args:
                continue
            found.append((call, function, qualified))
        found.sort(key=lambda item: (item[0].lineno, item[0].col_offset))
        return found

    def is_freezer_call(self, node: ast.AST, body: BodyIndex) -> bool:
        target = node.func if isinstance(node, ast.Call) else node
        return body.qualified_name(target) in self.freezer_calls

    def freezes_in_decorators(self, decorators: Sequence[ast.expr], body: BodyIndex) -> bool:
        return any(self.is_freezer_call(d, body) or is_clock_patch(d, body) for d in decorators)


def is_clock_patch(node: ast.AST, body: BodyIndex) -> bool:
    """``mock.patch("app.datetime")``, ``mocker.patch.object(time, "time")``,
    ``monkeypatch.setattr("time.time", fake)``: a patch whose target is the clock."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    qualified = body.qualified_name(node.func)
    local = body.resolver.local_name(node.func) or ""
    if qualified not in PATCH_CALLS and not local.endswith(PATCH_LOCAL_SUFFIXES):
        return False
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        text = first.value.lower()
        return any(word in text for word in CLOCK_WORDS)
    target = body.qualified_name(first) or body.resolver.local_name(first) or ""
    if target.split(".", 1)[0] in ("time", "datetime", "freezegun"):
        return True
    return any(word in target.lower() for word in ("datetime", "clock"))


@dataclass
class ClockUse:
    """A wall-clock call that no freeze covers."""

    call: ast.Call
    function: ClockFunction
    qualified: str
    via: str = ""
    """For a project clock wrapper: the reading it returns (``datetime.now()``)."""


class FreezeFinder:
    """Answers "is time frozen here?" for the tests and fixtures of one module."""

    def __init__(
        self,
        table: ClockTable,
        index: FixtureIndex,
        path: Path,
        facts: ModuleFacts,
        body_of: BodyLookup,
        cache: dict[int, tuple[object, bool]],
    ) -> None:
        self.table = table
        self.index = index
        self.path = path
        self.facts = facts
        self.body_of = body_of
        self._cache = cache
        self.project: Optional[ProjectClocks] = None
        """The project's clock wrappers, when they count (``--preview``)."""

    # -- whole functions ------------------------------------------------------------
    def test_is_frozen(self, test: TestDef) -> bool:
        if test.node is None:
            return False
        body = self.body_of(test.node, self.facts)
        if self.table.freezes_in_decorators(test.node.decorator_list, body):
            return True
        marks = [m.name for m in test.marks] + [m.name for m in self.facts.pytestmark]
        requested = list(test.requested) + list(test.usefixtures) + list(self.facts.pytestmark_usefixtures)
        for klass in self._classes(test.class_name):
            marks.extend(m.name for m in klass.marks)
            requested.extend(klass.usefixtures)
            if klass.node is not None and self.table.freezes_in_decorators(klass.node.decorator_list, body):
                return True
        if any(mark in self.table.freezer_marks for mark in marks):
            return True
        if any(self._requests_freezer(name, test.class_name, 0) for name in requested):
            return True
        return self._autouse_freezes(test.class_name, "function")

    def fixture_is_frozen(self, fixture: FixtureDef) -> bool:
        if fixture.node is None:
            return False
        body = self.body_of(fixture.node, self.facts)
        if self.table.freezes_in_decorators(fixture.node.decorator_list, body):
            return True
        if any(self._requests_freezer(name, fixture.class_name, 0) for name in fixture.requested):
            return True
        return self._autouse_freezes(fixture.class_name, fixture.scope or "function", exclude=fixture)

    def _classes(self, class_name: Optional[str]) -> list[ClassFacts]:
        if class_name is None:
            return []
        names = {".".join(class_name.split(".")[: i + 1]) for i in range(class_name.count(".") + 1)}
        return [klass for klass in self.facts.classes if klass.name in names]

    def _requests_freezer(self, name: str, class_name: Optional[str], depth: int) -> bool:
        if name in self.table.freezer_fixtures:
            return True
        if depth > 4:
            return False
        definition = self.index.resolve(name, self.path, self.facts, class_name)
        if definition is None or definition.fixture is None or definition.path is None:
            return False
        facts = self._facts_of(definition.path)
        if facts is None:
            return False
        return self._fixture_freezes(definition.fixture, facts, definition.path, depth + 1)

    def _facts_of(self, path: Path) -> Optional[ModuleFacts]:
        if path == self.path:
            return self.facts
        return self.index.modules.facts(path)

    def _fixture_freezes(self, fixture: FixtureDef, facts: ModuleFacts, path: Path, depth: int) -> bool:
        """Whether a fixture freezes time for whoever requests it (memoised per run)."""
        node = fixture.node
        if node is None:
            return False
        cached = self._cache.get(id(node))
        if cached is not None and cached[0] is node:
            return cached[1]
        self._cache[id(node)] = (node, False)  # a cycle freezes nothing
        result = self._freezes_uncached(fixture, facts, path, depth)
        self._cache[id(node)] = (node, result)
        return result

    def _freezes_uncached(self, fixture: FixtureDef, facts: ModuleFacts, path: Path, depth: int) -> bool:
        node = fixture.node
        assert node is not None
        body = self.body_of(node, facts)
        if self.table.freezes_in_decorators(node.decorator_list, body):
            return True
        for call in body.of(ast.Call):
            if self.table.is_freezer_call(call, body) or is_clock_patch(call, body):
                return True
        if any(name in self.table.freezer_fixtures for name in fixture.requested):
            return True
        if depth > 4:
            return False
        for name in fixture.requested:
            if name == fixture.name:
                continue
            definition = self.index.resolve(name, path, facts, fixture.class_name)
            if definition is None or definition.fixture is None or definition.path is None:
                continue
            other = self._facts_of(definition.path) if definition.path != path else facts
            if other is not None and self._fixture_freezes(definition.fixture, other, definition.path, depth + 1):
                return True
        return False

    def _autouse_freezes(self, class_name: Optional[str], scope: str, exclude: Optional[FixtureDef] = None) -> bool:
        """An autouse fixture that applies here (and is set up first: not narrower than
        ``scope``) freezes time."""
        rank = SCOPE_RANK.get(scope, 0)
        for layer in self.index.layers(self.path, self.facts, class_name):
            for fixture in layer.facts.fixtures:
                if not fixture.autouse or fixture is exclude or fixture.class_name != layer.class_name:
                    continue
                if SCOPE_RANK.get(fixture.scope or "function", 0) < rank:
                    continue
                if self._fixture_freezes(fixture, layer.facts, layer.path, 1):
                    return True
        return False

    # -- regions inside a function --------------------------------------------------
    def unfrozen_calls(self, function: FunctionNode, body: BodyIndex, is_fixture: bool = False) -> list[ClockUse]:
        """The clock calls of a function that is not frozen as a whole, minus those
        inside a freeze region, inside a freezer's arguments, or measuring a duration."""
        calls = self.table.clock_calls(body, self.project)
        if not calls:
            return []
        first_line = function.body[0].lineno if function.body else function.lineno
        regions: list[tuple[int, int]] = []
        exempt: set[int] = set()
        started: dict[str, int] = {}
        stopped: dict[str, int] = {}
        for with_node in body.of(ast.With) + body.of(ast.AsyncWith):
            if any(self._freezes(item.context_expr, body) for item in with_node.items):
                regions.append((with_node.body[0].lineno, with_node.end_lineno or with_node.lineno))
        for call in body.of(ast.Call):
            func = call.func
            if self.table.is_freezer_call(call, body) or (
                isinstance(func, ast.Attribute) and func.attr in MOVE_METHODS
            ):
                exempt.update(id(node) for arg in call.args + [k.value for k in call.keywords] for node in ast.walk(arg))
            if is_clock_patch(call, body):
                regions.append((call.lineno, function.end_lineno or call.lineno))
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if func.attr == "start":
                    started[func.value.id] = min(started.get(func.value.id, call.lineno), call.lineno)
                elif func.attr == "stop":
                    stopped[func.value.id] = max(stopped.get(func.value.id, 0), call.lineno)
        if started:
            for assign in body.of(ast.Assign):
                value = assign.value
                if isinstance(value, ast.Call) and self.table.is_freezer_call(value, body):
                    for target in assign.targets:
                        if isinstance(target, ast.Name) and target.id in started:
                            end = stopped.get(target.id, function.end_lineno or assign.lineno)
                            regions.append((started[target.id], end))
        handed_out = [
            node.value
            for node in body.of(ast.Return) + body.of(ast.Yield)
            if node.value is not None
        ] if is_fixture else []
        durations = ReadingUses(calls, body, exempt, handed_out).benign()
        found = []
        for call, clock, qualified in calls:
            if call.lineno < first_line or id(call) in exempt or id(call) in durations:
                continue
            if any(start <= call.lineno <= end for start, end in regions):
                continue
            via = self.project.via(clock.name) if self.project is not None else ""
            found.append(ClockUse(call, clock, qualified, via))
        return found

    def _freezes(self, expr: ast.expr, body: BodyIndex) -> bool:
        return self.table.is_freezer_call(expr, body) or is_clock_patch(expr, body)


# -- the project's own clock wrappers ------------------------------------------------------
# What a wrapper may do to the reading it returns and still return a reading of the clock.
_WRAPPER_METHODS = frozenset({"replace", "astimezone", "date", "timestamp", "isoformat", "strftime"})
_DATE_METHODS = frozenset({"date", "isoformat", "strftime"})


class ProjectClocks(ProjectQuestion[tuple[ClockFunction, str]]):
    """Calls of project functions that return a clock reading: ``def now(): return
    datetime.now(timezone.utc)`` (through ``.replace(...)``, ``.astimezone(...)``,
    ``.date()``, ``int(...)``, a local name, or another such wrapper). Each counts as a
    clock function of unknown resolution (coarse, like a plugin's). A wrapper with a
    ``return`` of anything else (a frozen or given time) is not a clock."""

    kind = "clock"

    def __init__(self, table: ClockTable, functions: ProjectFunctions, module: ModuleRef) -> None:
        self.table: ClockTable = table
        self._via: dict[str, str] = {}
        super().__init__(table, functions, module, table.pattern.lasts)

    def reading(self, call: ast.Call, body: BodyIndex) -> Optional[ClockFunction]:
        func = call.func
        last = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if last not in self.names.lasts:
            return None
        found = self.summaries.of_call(call, body, self.module)
        if found is None:
            return None
        callee, (function, via) = found
        named = ClockFunction(callee.name, instant=function.instant, full_resolution=False)
        self._via[callee.name] = via
        return named

    def via(self, name: str) -> str:
        return self._via.get(name, "")

    def _summarise(self, callee: Callee, depth: int) -> Optional[tuple[ClockFunction, str]]:
        returns = callee.own_returns()
        if not returns or callee.is_generator():
            return None
        bindings = callee.own_bindings()
        instant = True
        via = ""
        for statement in returns:
            if statement.value is None:
                return None
            found = self._reading(callee, single_binding(callee, statement.value, bindings), bindings, depth)
            if found is None:
                return None
            instant = instant and found[0]
            via = via or found[1]
        return ClockFunction(callee.key, instant=instant, full_resolution=False), via

    def _reading(
        self, callee: Callee, value: ast.expr, bindings: dict[str, list[ast.expr]], depth: int
    ) -> Optional[tuple[bool, str]]:
        instant = True
        for _ in range(6):
            if not isinstance(value, ast.Call):
                return None
            func = value.func
            if isinstance(func, ast.Attribute) and func.attr in _WRAPPER_METHODS:
                instant = instant and func.attr not in _DATE_METHODS
                value = single_binding(callee, func.value, bindings)
                continue
            if len(value.args) == 1 and isinstance(func, ast.Name) and func.id in PASS_THROUGH_FUNCS:
                value = single_binding(callee, value.args[0], bindings)
                continue
            break
        if not isinstance(value, ast.Call):
            return None
        qualified = callee.body.qualified_name(value.func)
        function = self.table.functions.get(qualified) if qualified is not None else None
        if function is not None and qualified is not None:
            if function.max_args is not None and len(value.args) + len(value.keywords) > function.max_args:
                return None
            text = qualified.split(".", 1)[1] if qualified.startswith("datetime.") else qualified
            return instant and function.instant, f"{text}()"
        inner = self.summaries.of_call(value, callee.body, callee.module, depth + 1)
        if inner is None:
            return None
        _, (wrapped, via) = inner
        return instant and wrapped.instant, via
