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

from .bodies import BodyIndex
from .facts import SCOPE_RANK, FixtureDef, ModuleFacts, TestDef

if TYPE_CHECKING:
    from .hierarchy import FixtureIndex

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]
BodyLookup = Callable[[FunctionNode, ModuleFacts], BodyIndex]
"""``(function node, facts of its module) -> BodyIndex``; a rule passes the module
context's shared cache for its own module."""


@dataclass(frozen=True)
class ClockFunction:
    """A function that reads the wall clock."""

    name: str
    """Qualified name: ``datetime.datetime.now``."""
    max_args: Optional[int] = None
    """It reads the clock only when called with at most this many arguments
    (``time.localtime()`` reads it, ``time.localtime(ts)`` does not); ``None``: always."""
    instant: bool = True
    """It returns a point in time that a duration can be measured from."""


@dataclass(frozen=True)
class TimeFreezer:
    """Something that freezes (or moves) the clock for the code it covers."""

    name: str
    kind: str
    """``call`` (a decorator, context manager or ``.start()`` object: ``freezegun.freeze_time``),
    ``fixture`` (a fixture name: ``freezer``) or ``mark`` (a pytest mark name: ``freeze_time``)."""


BUILTIN_CLOCK_FUNCTIONS: tuple[ClockFunction, ...] = (
    ClockFunction("datetime.datetime.now"),
    ClockFunction("datetime.datetime.utcnow"),
    ClockFunction("datetime.datetime.today"),
    ClockFunction("datetime.date.today", instant=False),
    ClockFunction("time.time"),
    ClockFunction("time.time_ns"),
    ClockFunction("time.localtime", max_args=0, instant=False),
    ClockFunction("time.gmtime", max_args=0, instant=False),
    ClockFunction("time.ctime", max_args=0, instant=False),
    ClockFunction("time.asctime", max_args=0, instant=False),
    ClockFunction("time.strftime", max_args=1, instant=False),
    ClockFunction("django.utils.timezone.now"),
    ClockFunction("django.utils.timezone.localdate", max_args=0, instant=False),
    ClockFunction("arrow.now"),
    ClockFunction("arrow.utcnow"),
    ClockFunction("pendulum.now"),
    ClockFunction("pendulum.today", instant=False),
)

BUILTIN_TIME_FREEZERS: tuple[TimeFreezer, ...] = (
    TimeFreezer("freezegun.freeze_time", "call"),
    TimeFreezer("freezegun.api.freeze_time", "call"),
    TimeFreezer("time_machine.travel", "call"),
    TimeFreezer("libfaketime.fake_time", "call"),
    TimeFreezer("pendulum.travel_to", "call"),
    TimeFreezer("pendulum.test", "call"),
    TimeFreezer("freezer", "fixture"),  # pytest-freezer, pytest-freezegun
    TimeFreezer("time_machine", "fixture"),  # time-machine
    TimeFreezer("freeze_time", "mark"),  # pytest-freezer, pytest-freezegun
)

# Patching the clock: ``mock.patch("app.models.datetime")``, ``monkeypatch.setattr(time, "time", f)``.
_PATCH_CALLS = frozenset(
    {
        "unittest.mock.patch", "unittest.mock.patch.object", "mock.patch", "mock.patch.object",
        "pytest_mock.mocker.patch", "pytest.MonkeyPatch.setattr",
    }
)
_PATCH_LOCAL_SUFFIXES = ("mocker.patch", "mocker.patch.object", "monkeypatch.setattr", "mp.setattr", "patch.object")
_CLOCK_WORDS = ("datetime", "time", "date", "now", "today", "clock")
_MOVE_METHODS = frozenset({"move_to", "tick", "shift", "travel", "freeze", "start"})


class ClockTable:
    """The registered clock functions and time freezers."""

    def __init__(self, functions: Iterable[ClockFunction], freezers: Iterable[TimeFreezer]) -> None:
        self.functions = {function.name: function for function in functions}
        freezers = tuple(freezers)
        self.freezer_calls = frozenset(f.name for f in freezers if f.kind == "call")
        self.freezer_fixtures = frozenset(f.name for f in freezers if f.kind == "fixture")
        self.freezer_marks = frozenset(f.name for f in freezers if f.kind == "mark")

    def clock_calls(self, body: BodyIndex) -> list[tuple[ast.Call, ClockFunction, str]]:
        """The calls in a function that read the wall clock, in source order."""
        found = []
        for call in body.of(ast.Call):
            qualified = body.qualified_name(call.func)
            if qualified is None:
                continue
            function = self.functions.get(qualified)
            if function is None:
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
    if qualified not in _PATCH_CALLS and not local.endswith(_PATCH_LOCAL_SUFFIXES):
        return False
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        text = first.value.lower()
        return any(word in text for word in _CLOCK_WORDS)
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

    def _classes(self, class_name: Optional[str]) -> list:
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
    def unfrozen_calls(self, function: FunctionNode, body: BodyIndex) -> list[ClockUse]:
        """The clock calls of a function that is not frozen as a whole, minus those
        inside a freeze region, inside a freezer's arguments, or measuring a duration."""
        calls = self.table.clock_calls(body)
        if not calls:
            return []
        first_line = function.body[0].lineno if function.body else function.lineno
        regions: list[tuple[int, int]] = []
        exempt: set[int] = set()
        started: dict[str, int] = {}
        stopped: dict[str, int] = {}
        for with_node in body.of(ast.With) + body.of(ast.AsyncWith):  # type: ignore[operator]
            if any(self._freezes(item.context_expr, body) for item in with_node.items):
                regions.append((with_node.body[0].lineno, with_node.end_lineno or with_node.lineno))
        for call in body.of(ast.Call):
            func = call.func
            if self.table.is_freezer_call(call, body) or (
                isinstance(func, ast.Attribute) and func.attr in _MOVE_METHODS
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
        durations = _duration_calls(calls, body)
        found = []
        for call, clock, qualified in calls:
            if call.lineno < first_line or id(call) in exempt or id(call) in durations:
                continue
            if any(start <= call.lineno <= end for start, end in regions):
                continue
            found.append(ClockUse(call, clock, qualified))
        return found

    def _freezes(self, expr: ast.expr, body: BodyIndex) -> bool:
        return self.table.is_freezer_call(expr, body) or is_clock_patch(expr, body)


def _duration_calls(calls: list[tuple[ast.Call, ClockFunction, str]], body: BodyIndex) -> set[int]:
    """Clock calls that only measure a duration or a deadline.

    ``start = time.time()`` ... ``time.time() - start``, ``deadline = time.time() + 5``
    ... ``while time.time() < deadline``: the values never leave arithmetic and
    comparisons between clock readings, so no date or timestamp reaches the test.
    """
    instants = {id(call): call for call, clock, _ in calls if clock.instant}
    if not instants:
        return set()
    # Names bound to a clock reading (``start = time.time()``) or a deadline
    # (``deadline = time.time() + 10``).
    bound: dict[str, list[ast.Call]] = {}
    for assign in body.of(ast.Assign):
        if len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name):
            continue
        value = assign.value
        if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Sub)):
            value = value.left
        if isinstance(value, ast.Call) and id(value) in instants:
            bound.setdefault(assign.targets[0].id, []).append(value)
    if not bound:
        return set()

    def is_reading(node: ast.expr) -> bool:
        return (isinstance(node, ast.Call) and id(node) in instants) or (
            isinstance(node, ast.Name) and node.id in bound
        )

    used_in_arithmetic: set[int] = set()
    duration_calls: set[int] = set()
    pairs: list[tuple[ast.expr, ast.expr]] = []
    for binop in body.of(ast.BinOp):
        if isinstance(binop.op, ast.Sub):
            pairs.append((binop.left, binop.right))
    for compare in body.of(ast.Compare):
        operands = [compare.left, *compare.comparators]
        for op, left, right in zip(compare.ops, operands, operands[1:]):
            if isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)):  # a deadline, not an equality
                pairs.append((left, right))
    for left, right in pairs:
        for one, other in ((left, right), (right, left)):
            if is_reading(one) and is_reading(other):
                used_in_arithmetic.add(id(one))
                if isinstance(one, ast.Call):
                    duration_calls.add(id(one))
    loads: dict[str, list[ast.Name]] = {}
    for name in body.of(ast.Name):
        if name.id in bound and isinstance(name.ctx, ast.Load):
            loads.setdefault(name.id, []).append(name)
    for name, readings in bound.items():
        uses = loads.get(name, [])
        if uses and all(id(use) in used_in_arithmetic for use in uses):
            duration_calls.update(id(call) for call in readings)
    return duration_calls
