"""FXL306 process-state-call: a standard-library setter of process-wide state, never undone."""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Sequence

from ..context import ModuleContext
from ..model.facts import FunctionNode
from ..rule import Diagnostic, Rule
from ..state.summaries import project_functions, test_module_ref
from ..state.process_state import SETUP_FUNCTIONS, _Scope, _inside
from ..state.surroundings import Surroundings, forked_marks
from ..state.files import module_constants
from ..state.process_state_restores import forking_option
from ..state.stdlib_state import (
    Afterwards,
    ProjectSetters,
    SetterCall,
    Undo,
    patched_setter,
    position,
    private_logger,
    restores_earlier,
    restoring_fixture,
    setter_calls,
    teardown_regions,
    undo_calls,
)


class ProcessStateCall(Rule):
    """A test, fixture or setup method calls a standard-library function that changes
    process-wide state (logging, the event loop, the locale, a signal handler, the default
    socket timeout, the umask, the recursion limit, trace functions) and nothing undoes it."""

    code = "FXL306"
    name = "process-state-call"
    summary = (
        "test, fixture or setup method calls a stdlib setter of process-wide state (logging, "
        "asyncio loop, locale, signal, socket timeout, umask...) and never undoes it"
    )
    preview = True

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if forking_option(ctx.project.options.addopts) is not None:
            return  # every test runs in a forked child: what it changes dies with it
        around: Optional[Surroundings] = None
        afterwards: Optional[Afterwards[Undo]] = None
        project: Optional[ProjectSetters] = None
        if ctx.settings.preview:  # the project's own functions that leave state changed
            module = test_module_ref(ctx.path, ctx.tree, ctx.facts.resolver, module_constants(ctx.tree))
            project = ProjectSetters(project_functions(ctx.index), module)
            if not project.prepare(ctx.source.text).lasts:
                project = None
        for node, who, class_name, requested in _judged(ctx):
            body = ctx.body(node)
            if afterwards is None:
                around = Surroundings(ctx.index, ctx.path, ctx.facts, ctx.tree, ctx.body)
                afterwards = Afterwards(around, ctx.facts, undo_calls)
            assert around is not None
            changes = setter_calls(body, afterwards.loggers)
            if project is not None:
                changes.extend(project.calls(body))
            if not changes:
                continue
            nested = _Scope(node, body, around.module).nested
            changes = [c for c in changes if not any(_inside(c.node, span) for span in nested)]
            regions = teardown_regions(around, node, body)
            changes = [c for c in changes if not any(_inside(c.node, r) for r in regions) and not restores_earlier(c, changes)]
            if not changes or around.class_chain(class_name) is None:
                continue  # callbacks run who knows when; or a base class from elsewhere may undo it
            fixtures = who not in ("setup method", "setup function")
            outside = list(afterwards.outside(node, class_name, requested, with_fixtures=fixtures))
            state = around.state(node)
            ambient = around.undoers(class_name, requested, with_fixtures=fixtures, node=node)
            reported: set[int] = set()
            for change in changes:
                if change.via and id(change.node) in reported:
                    continue  # one finding per project call: its first change left
                undone = list(afterwards.after(node, position(change.node))) + outside
                if any(undo.undoes(change) for undo in undone):
                    continue
                if private_logger(change, ctx.source.text):
                    continue
                called = body.qualified_name(change.node.func) if change.via else None
                if patched_setter(change, state, ambient, called) or restoring_fixture(
                    change, requested, lambda name: ctx.index.resolve(name, ctx.path, ctx.facts, class_name)
                ):
                    continue
                reported.add(id(change.node))
                yield _report(self, ctx, node.name if class_name is None else f"{class_name}.{node.name}", who, change)


def _judged(ctx: ModuleContext) -> Iterator[tuple[FunctionNode, str, Optional[str], Sequence[str]]]:
    """Tests, fixtures (not session-wide autouse ones) and xunit setup functions."""
    for test in ctx.facts.tests:
        if test.node is not None and not forked_marks(test, ctx.facts):
            yield test.node, "test", test.class_name, test.requested + test.usefixtures
    for fixture in ctx.facts.fixtures:
        if fixture.node is None or (fixture.autouse and fixture.scope == "session"):
            continue  # configures the whole run before any test: nothing depends on order
        who = "fixture" if fixture.scope in (None, "function") else f"{fixture.scope}-scoped fixture"
        yield fixture.node, who, fixture.class_name, fixture.requested
    for stmt in ctx.tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in SETUP_FUNCTIONS:
            yield stmt, "setup function", None, ()
    for klass in ctx.facts.classes:
        for stmt in klass.node.body if klass.node is not None else ():
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in SETUP_FUNCTIONS:
                yield stmt, "setup method", klass.name, ()


def _report(rule: Rule, ctx: ModuleContext, function: str, who: str, change: SetterCall) -> Diagnostic:
    called = change.name
    if called.startswith(("logger ", "the root")):
        shown = _logger_call(called)
    else:
        shown = f"`{called}()`" if called.endswith(".close") else f"`{called}(...)`"
    if change.via:
        shown = f"`{change.via}(...)`, which calls {shown}"
    message = f"{who} `{function}` calls {shown}, which changes {change.setter.changes}, and never undoes it, so later tests inherit the change"
    remedy = change.setter.remedy or (
        "save the old value (the call returns it, or read it first) and set it back after the test "
        "(after `yield`, in `finally`, or with `addfinalizer`), or patch the call with `monkeypatch`"
    )
    return ctx.report(rule, change.node, message, help=remedy[:1].upper() + remedy[1:])


def _logger_call(called: str) -> str:
    logger, _, method = called.rpartition(".")
    return f"`{method}` on {logger}"
