"""FXL303 wall-clock-call."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import ClassVar, Iterator, Union

from ..context import ModuleContext
from ..model.bodies import BodyIndex
from ..model.callsites import CallNames, CallSites
from ..knowledge.clock import BUILTIN_CLOCK_FUNCTIONS, BUILTIN_TIME_FREEZERS, ClockFunction, TimeFreezer
from ..state.clock import ClockTable, FreezeFinder, ProjectClocks
from ..state.summaries import project_functions, test_module_ref
from ..model.facts import ModuleFacts
from ..rule import Diagnostic, Rule

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True)
class WallClockCallOptions:
    """``[tool.fixture-lint.wall-clock-call]``."""

    extend_clock_functions: tuple[str, ...] = ()
    """More functions that read the wall clock (qualified names: ``myapp.clock.now``)."""
    extend_freezers: tuple[str, ...] = ()
    """More decorators / context managers that freeze time (``myapp.testing.frozen_clock``)."""
    extend_freezing_fixtures: tuple[str, ...] = ()
    """More fixture names that freeze time for the tests that request them."""


class WallClockCall(Rule):
    """Test code reads the wall clock (``datetime.now()``, ``date.today()``,
    ``time.time()``) where time is not frozen."""

    code = "FXL303"
    name = "wall-clock-call"
    summary = "test code reads the wall clock without freezing time"
    options_class: ClassVar[type] = WallClockCallOptions

    def __init__(self) -> None:
        self._tables: dict[tuple[int, int, WallClockCallOptions], ClockTable] = {}
        self._freezes: dict[int, tuple[object, bool]] = {}

    def table(self, ctx: ModuleContext, options: WallClockCallOptions) -> ClockTable:
        functions = ctx.registry.clock_functions if ctx.registry is not None else BUILTIN_CLOCK_FUNCTIONS
        freezers = ctx.registry.time_freezers if ctx.registry is not None else BUILTIN_TIME_FREEZERS
        key = (id(functions), id(freezers), options)
        table = self._tables.get(key)
        if table is None:
            table = ClockTable(
                list(functions) + [ClockFunction(name) for name in options.extend_clock_functions],
                list(freezers)
                + [TimeFreezer(name, "call") for name in options.extend_freezers]
                + [TimeFreezer(name, "fixture") for name in options.extend_freezing_fixtures],
            )
            self._tables[key] = table
        return table

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self, WallClockCallOptions)
        table = self.table(ctx, options)
        if len(self._freezes) > 50_000:  # memo of conftest fixtures, kept across files
            self._freezes.clear()

        def body_of(node: FunctionNode, facts: ModuleFacts) -> BodyIndex:
            return ctx.body(node) if facts is ctx.facts else BodyIndex(node, facts.resolver)

        sites = CallSites(ctx.source.text, table.module_pattern(ctx.tree))
        project = None
        if ctx.settings.preview:  # the project's clock wrappers: not yet measured
            module = test_module_ref(ctx.path, ctx.tree, ctx.facts.resolver, ctx.facts.constants)
            project = ProjectClocks(table, project_functions(ctx.index), module)
            wrappers = project.prepare(ctx.source.text)
            if wrappers.lasts:
                sites = CallSites(ctx.source.text, CallNames(table.module_pattern(ctx.tree).lasts + wrappers.lasts))
            else:
                project = None
        if not sites:
            return
        finder = FreezeFinder(table, ctx.index, ctx.path, ctx.facts, body_of, self._freezes)
        finder.project = project
        judged: list[tuple[str, FunctionNode, bool]] = []
        for test in ctx.facts.tests:
            if test.node is not None:
                judged.append((f"test `{test.name}`", test.node, False))
        for fixture in ctx.facts.fixtures:
            if fixture.node is not None:
                judged.append((f"fixture `{fixture.name}`", fixture.node, True))
        tests = {id(t.node): t for t in ctx.facts.tests}
        fixtures = {id(f.node): f for f in ctx.facts.fixtures}
        for label, node, is_fixture in judged:
            if not sites.within(node):
                continue
            body = ctx.body(node)
            uses = finder.unfrozen_calls(node, body, is_fixture)
            if not uses:
                continue
            if is_fixture:
                if finder.fixture_is_frozen(fixtures[id(node)]):
                    continue
            elif finder.test_is_frozen(tests[id(node)]):
                continue
            for use in uses:
                call_text = use.qualified.split(".", 1)[1] if use.qualified.startswith("datetime.") else use.qualified
                hint = ""
                if use.function.instant and use.qualified.startswith("time."):
                    hint = " (for a duration, use `time.monotonic()`)"
                through = f" (which reads `{use.via}`)" if use.via else ""
                message = f"{label} reads the wall clock with `{call_text}()`{through} and time is not frozen here"
                remedy = (
                    "Freeze time (`@freeze_time(...)`, the `freezer` fixture, `time_machine.travel(...)`) "
                    f"or pass the time in{hint}"
                )
                yield ctx.report(self, use.call, message, help=remedy)
