"""FXL103 fixture-without-teardown."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import ClassVar, Iterator, Optional

from ..context import ModuleContext
from ..model.facts import FixtureDef
from ..knowledge.resources import BUILTIN_RESOURCES
from ..state.resources import (
    Leak,
    ProjectResources,
    ResourceTable,
    XunitTeardowns,
    find_leaks,
    memory_classes,
    released_by_consumer,
    resource_from_spec,
)
from ..state.summaries import project_functions, test_module_ref
from ..rule import Diagnostic, Edit, Fix, Rule


@dataclass(frozen=True)
class FixtureWithoutTeardownOptions:
    """``[tool.fixture-lint.fixture-without-teardown]``."""

    extend_resources: tuple[str, ...] = ()
    """More acquiring calls: ``"mylib.connect"`` or ``"mylib.connect:close"`` (the
    release method after the colon; ``terminate+wait`` for two)."""


_HOW = {
    "returned": "returns {what} and has no teardown",
    "yielded": "yields {what} and never releases it after the `yield`",
    "derived": "hands out an object made from {what} and never releases it",
    "stored": "stores {what} on an object and never releases it",
    "dropped": "leaves {what} behind: nothing releases it",
    "factory": "hands out a factory that creates {what} and nothing releases them",
}


class FixtureWithoutTeardown(Rule):
    """A fixture acquires a resource (file, socket, connection, process, server, thread,
    temporary directory, client session) and nothing releases it after the test."""

    code = "FXL103"
    name = "fixture-without-teardown"
    summary = "fixture acquires a resource and has no teardown that releases it"
    fix_title = "Yield the resource and release it after the `yield`"
    fix_applicability = "unsafe"
    options_class: ClassVar[type] = FixtureWithoutTeardownOptions

    def __init__(self) -> None:
        self._tables: dict[tuple[int, tuple[str, ...], bool], ResourceTable] = {}

    def table(self, ctx: ModuleContext, options: FixtureWithoutTeardownOptions) -> ResourceTable:
        registered = ctx.registry.resources if ctx.registry is not None else BUILTIN_RESOURCES
        key = (id(registered), options.extend_resources, ctx.settings.preview)
        table = self._tables.get(key)
        if table is None:
            extra = [r for r in (resource_from_spec(spec) for spec in options.extend_resources) if r]
            table = ResourceTable(list(registered) + extra, preview=ctx.settings.preview)
            self._tables[key] = table
        return table

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self, FixtureWithoutTeardownOptions)
        table = self.table(ctx, options)
        classes = {c.name: c.node for c in ctx.facts.classes if c.node is not None}
        xunit = XunitTeardowns(ctx.tree, classes, ctx.body, ctx.qualified_name, not ctx.is_conftest)
        project: Optional[ProjectResources] = None
        if ctx.settings.preview and ctx.facts.fixtures:  # the project's wrappers: not yet measured
            module = test_module_ref(ctx.path, ctx.tree, ctx.facts.resolver, ctx.facts.constants)
            project = ProjectResources(table, project_functions(ctx.index), module)
            if not project.prepare(ctx.source.text).lasts:
                project = None
        in_memory: Optional[frozenset[str]] = None
        for fixture in ctx.facts.fixtures:
            node = fixture.node
            if node is None:
                continue
            if in_memory is None:
                in_memory = ctx.shared("resources.memory_classes", lambda: memory_classes(ctx.tree, ctx.qualified_name))
            class_name = fixture.class_name
            body = ctx.body(node)
            wrappers = project.acquirer(body) if project is not None else None
            leaks = find_leaks(node, body, table, lambda: xunit.released(class_name), wrappers, in_memory)
            for leak in leaks:
                if leak.how in _HANDED_OUT and _consumer_releases(ctx, fixture):
                    continue
                what = f"the {leak.resource.kind} from `{_call_text(leak)}`"
                if leak.holder is not None:
                    what = f"the {leak.resource.kind} `{leak.holder}` (`{_call_text(leak)}`)"
                through = project.through(leak.call) if project is not None else None
                if through is not None:  # ``make_db()`` (``sqlite3.connect()`` at helpers/db.py:5)
                    callee, wrapper = through
                    holder = f" `{leak.holder}`" if leak.holder is not None else ""
                    what = (
                        f"the {leak.resource.kind}{holder} from `{callee.name}()`"
                        f" (`{wrapper.resource.call}()` at {ctx.project.nodeid_path(wrapper.path)}:{wrapper.line})"
                    )
                message = f"fixture `{fixture.name}` " + _HOW[leak.how].format(what=what)
                advice = _advice(leak)
                yield ctx.report(self, leak.call, message, fix=self.fix(ctx, node, leak), help=advice[:1].upper() + advice[1:])

    def fix(self, ctx: ModuleContext, node: ast.FunctionDef | ast.AsyncFunctionDef, leak: Leak) -> Optional[Fix]:
        """``return conn`` at the end of a plain fixture -> ``yield conn`` + the release."""
        resource = leak.resource
        if leak.how != "returned" or leak.holder is None or not resource.release or not resource.certain_release:
            return None
        is_async = isinstance(node, ast.AsyncFunctionDef)
        if resource.awaited_release and not is_async:
            return None
        last = node.body[-1]
        if not (isinstance(last, ast.Return) and isinstance(last.value, ast.Name) and last.value.id == leak.holder):
            return None
        body = ctx.body(node)
        own_returns = [r for r in body.of(ast.Return) if r is last or _in_function(r, node)]
        if len(own_returns) != 1 or body.of(ast.Yield) or len(body.of(ast.YieldFrom)):
            return None
        line = ctx.source.line(last.lineno)
        start = ctx.source.char_column(last.lineno, last.col_offset)
        end = ctx.source.char_column(last.lineno, last.end_col_offset or 0)
        rest = line[end:]
        if last.end_lineno != last.lineno or line[:start].strip() or (rest.strip() and not rest.lstrip().startswith("#")):
            return None
        indent = line[:start]
        prefix = "await " if resource.awaited_release else ""
        releases = [prefix + template.format(leak.holder) for template in resource.release]
        newline = ctx.source.newline
        content = f"yield {leak.holder}{rest}" + "".join(f"{newline}{indent}{stmt}" for stmt in releases)
        edit = Edit(content, last.lineno, start + 1, last.lineno, len(line) + 1)
        return Fix(
            applicability="unsafe",
            message=f"Yield `{leak.holder}` and release it after the `yield` ({'; '.join(releases)})",
            edits=(edit,),
            add_imports=resource.release_imports,
        )


_HANDED_OUT = frozenset({"returned", "yielded", "derived"})


def _consumer_releases(ctx: ModuleContext, fixture: FixtureDef) -> bool:
    """Another fixture of this module requests this one and releases its value in its
    own teardown: the ownership is handed over."""
    for other in ctx.facts.fixtures:
        if other is fixture or other.node is None or fixture.name not in other.requested:
            continue
        if released_by_consumer(fixture.name, other.node, ctx.body(other.node)):
            return True
    return False


def _in_function(node: ast.AST, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a node belongs to ``function`` itself rather than a nested def."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        current = stack.pop()
        if current is node:
            return True
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(current))
    return False


def _call_text(leak: Leak) -> str:
    return f"{leak.resource.call}()"


def _advice(leak: Leak) -> str:
    holder = leak.holder
    if leak.how == "factory":
        return "record what the factory creates and release it after the `yield`"
    if holder is None:
        return "bind it to a name and release it after a `yield` (or acquire it in a `with` block)"
    release = "release it"
    if leak.resource.release:
        awaited = "await " if leak.resource.awaited_release else ""
        release = " and ".join(f"`{awaited}{stmt.format(holder)}`" for stmt in leak.resource.release)
    if leak.how == "returned":
        return f"`yield {holder}` instead and {_verb(release)} after the `yield`"
    if leak.how == "stored" and holder.startswith(("self.", "cls.", "request.")):
        return f"{_verb(release)} after the `yield` or in the class's `teardown_method`"
    return f"{_verb(release)} after the `yield`, or register it with `request.addfinalizer`"


def _verb(release: str) -> str:
    return release if release == "release it" else f"call {release}"
