"""FXL101 mutable-wide-fixture-value."""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from ..context import ModuleContext
from ..model.facts import SCOPE_RANK, FixtureDef
from ..knowledge.fixtures import KNOWN_FIXTURES
from ..state.mutability import ConsumerMutation, ModuleConsumers, MutableValue, Mutability, returned_values
from ..state.mutation import FunctionScope
from ..rule import Diagnostic, Edit, Fix, Rule


class MutableWideFixtureValue(Rule):
    """A class/module/package/session-scoped fixture hands out a mutable value that a
    narrower consumer of the same module changes in place, while other test runs share it.

    The shape alone (a wide fixture returning a dict that nothing is seen changing) is a
    preview behaviour: on real suites such values are nearly always read-only."""

    code = "FXL101"
    name = "mutable-wide-fixture-value"
    summary = "a class/module/package/session-scoped fixture hands out a mutable value that a test of the module mutates"
    fix_title = "Freeze the value (tuple, frozenset, types.MappingProxyType)"
    fix_applicability = "unsafe"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        known = ctx.registry.known_fixtures if ctx.registry is not None else KNOWN_FIXTURES
        # A plugin fixture its documentation tells users to override (celery's
        # ``celery_config`` returns a dict) has a contract the override must keep.
        contracts = {fixture.name for fixture in known if fixture.overridable}
        wide = [
            fixture
            for fixture in ctx.facts.fixtures
            if fixture.node is not None
            and fixture.scope is not None
            and SCOPE_RANK[fixture.scope] > 0
            and fixture.name not in contracts
        ]
        if not wide:
            return
        mutability = Mutability(ctx.tree, ctx.facts.constants, ctx.facts.resolver)
        consumers = ModuleConsumers(ctx.facts, ctx.index, ctx.path, ctx.body)
        for fixture in wide:
            assert fixture.node is not None
            body = ctx.body(fixture.node)
            scope = FunctionScope(fixture.node, body)
            for node, value in returned_values(scope):
                found = mutability.of(value, scope, body.resolver)
                if found is None:
                    continue
                verb = "yields" if isinstance(node, ast.Yield) else "returns"
                label = f"`{fixture.name}`"
                if fixture.function != fixture.name:
                    label += f" (function `{fixture.function}`)"
                what = f"{fixture.scope}-scoped fixture {label} {verb} {found.description}"
                leak = self._leak(ctx, consumers, fixture, found)
                if leak is not None:
                    mutation = leak.mutation
                    message = (
                        f"{what} that {leak.consumer.label} mutates ({mutation.how} on "
                        f"`{mutation.location}`, line {getattr(mutation.node, 'lineno', '?')}), "
                        f"and other test runs share the same object"
                    )
                    yield ctx.report(self, node, message)
                elif ctx.settings.preview:
                    message = (
                        f"{what}, one object shared by every test that requests it, so a change one "
                        f"test makes leaks into the next"
                    )
                    yield ctx.report(self, node, message, fix=self._fix(ctx, consumers, fixture, value, found))
                break  # one finding per fixture

    def _leak(
        self, ctx: ModuleContext, consumers: ModuleConsumers, fixture: FixtureDef, found: MutableValue
    ) -> Optional[ConsumerMutation]:
        """The first narrower consumer that mutates the value, when another test run can
        see the change: in a test module, two runs (in the same class, for a class
        scope) get the value; in a conftest.py (whose tests are in other files) a
        narrower fixture of the conftest that mutates it runs once per test or scope."""
        mutations = consumers.mutations(fixture, found)
        if not mutations:
            return None
        if ctx.is_conftest:
            return mutations[0]
        tests = consumers.reaching_tests(fixture)
        if not consumers.shared_by_several_runs(fixture, tests):
            return None
        for leak in mutations:
            # A fixture between the two scopes (module-scoped, changing a session value
            # of a test module) runs once per value: that is set-up, not a leak.
            if leak.consumer.rank <= SCOPE_RANK["class"]:
                return leak
        return None

    # -- fix ------------------------------------------------------------------------------
    def _fix(
        self, ctx: ModuleContext, consumers: ModuleConsumers, fixture: FixtureDef, value: ast.expr, found: MutableValue
    ) -> Optional[Fix]:
        """Freeze a display of constants, when every consumer is visible and reads it in
        a way the frozen type serves as well.

        Only in a test module: a conftest fixture is requested from files this run may
        not see, and a fixture defined in a test module is visible only there."""
        if ctx.is_conftest or found.node is not value or not found.is_display:
            return None
        if not _constant_items(value) or consumers.mutations(fixture, found):
            return None
        if not consumers.only_read_as_any_container(fixture):
            return None
        start_row, start_col = value.lineno, ctx.source.char_column(value.lineno, value.col_offset) + 1
        end_row = value.end_lineno or value.lineno
        end_col = ctx.source.char_column(end_row, value.end_col_offset or 0) + 1
        if isinstance(value, ast.List):
            edits = [Edit("(", start_row, start_col, start_row, start_col + 1)]
            if len(value.elts) == 1 and not _has_trailing_comma(ctx, value):
                item = value.elts[0]
                row = item.end_lineno or item.lineno
                col = ctx.source.char_column(row, item.end_col_offset or 0) + 1
                edits.append(Edit(",", row, col, row, col))
            edits.append(Edit(")", end_row, end_col - 1, end_row, end_col))
            return Fix("unsafe", "Return a tuple instead of a list", tuple(edits))
        if isinstance(value, ast.Set):
            imports: tuple[str, ...] = ()
            prefix, message = "frozenset(", "Return a frozenset instead of a set"
        else:
            if not _names_module(ctx, "types"):
                return None
            prefix, message = "types.MappingProxyType(", "Wrap the dict in types.MappingProxyType"
            imports = ("import types",)
        edits = [Edit(prefix, start_row, start_col, start_row, start_col), Edit(")", end_row, end_col, end_row, end_col)]
        return Fix("unsafe", message, tuple(edits), add_imports=imports)


def _constant_items(value: ast.expr) -> bool:
    """Every item (and key) is a constant, so the frozen value is immutable all through."""
    if isinstance(value, ast.Dict):
        items = [k for k in value.keys if k is not None] + list(value.values)
        if any(k is None for k in value.keys):
            return False
    elif isinstance(value, (ast.List, ast.Set)):
        items = list(value.elts)
    else:
        return False
    return all(_is_constant(item) for item in items)


def _is_constant(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.Tuple):
        return all(_is_constant(item) for item in node.elts)
    return False


def _has_trailing_comma(ctx: ModuleContext, node: ast.List) -> bool:
    """Whether a comma follows the only item of ``node`` (only blanks and comments can
    stand between the item and the closing bracket)."""
    item = node.elts[0]
    first, last = item.end_lineno or item.lineno, node.end_lineno or node.lineno
    tail = []
    for row in range(first, last + 1):
        text = ctx.source.line(row).encode("utf-8")
        start = (item.end_col_offset or 0) if row == first else 0
        end = (node.end_col_offset or 0) - 1 if row == last else len(text)
        tail.append(text[start:end].decode("utf-8", "replace").split("#", 1)[0])
    return "," in "".join(tail)


def _names_module(ctx: ModuleContext, module: str) -> bool:
    """Whether ``module.X`` in this module's code means the standard library's module."""
    bound = ctx.facts.resolver.qualified_name(ast.Name(id=module, ctx=ast.Load()))
    if bound is not None:
        return bound == module
    return module not in ctx.facts.constants and not any(
        isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.name == module
        for stmt in ctx.tree.body
    )
