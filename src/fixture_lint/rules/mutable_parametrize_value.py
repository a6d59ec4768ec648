"""FXL201 mutable-parametrize-value."""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from ..context import ModuleContext
from ..model.bodies import BodyIndex
from ..model.facts import FixtureDef, FunctionNode, Parametrize
from ..model.hierarchy import Definition
from ..state.mutability import (
    MutableValue,
    Mutability,
    applicable_parametrize,
    case_values,
    is_indirect,
    is_request_param,
    parametrize_cases,
    returned_values,
)
from ..state.mutation import (
    FunctionScope,
    Mutation,
    container_kind,
    find_mutations,
    first_per_name,
)
from ..state.rerun import is_rerun_stable
from ..rule import Diagnostic, Edit, Fix, Rule

REQUEST_PARAM = "request.param"
_WHY = (
    "the same object is handed to every run of the case (stacked or class-level "
    "parametrize, reruns, repeats), so the change carries over"
)


class MutableParametrizeValue(Rule):
    """A test, or the fixture that receives a value through ``request.param``, changes
    a mutable parametrize value in place."""

    code = "FXL201"
    name = "mutable-parametrize-value"
    summary = "a test or indirect fixture mutates a mutable value from parametrize or fixture params"
    fix_title = "Copy the value at the top of the test"
    fix_applicability = "unsafe"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        text = ctx.source.text
        if not ctx.is_conftest and "parametrize" not in text and "params" not in text:
            return  # no parametrize data, no fixture params: nothing to mutate
        mutability = Mutability(ctx.tree, ctx.facts.constants, ctx.facts.resolver)
        reported: set[tuple[int, int]] = set()
        # fixture node -> (fixture, definition, the tests that pass it values, one value)
        receivers: dict[int, tuple[FixtureDef, Definition, list[str], MutableValue]] = {}
        values_of: dict[int, list[tuple[str, ast.expr, MutableValue]]] = {}  # a class mark serves many tests
        for test in ctx.facts.tests:
            if test.node is None:
                continue
            applicable = applicable_parametrize(ctx.facts, test)
            if not applicable:
                continue
            direct: dict[str, MutableValue] = {}
            indirect: dict[str, tuple[ast.expr, MutableValue]] = {}
            inplace: set[str] = set()
            # Data from the class's or module's parametrize is shared by other tests too:
            # only the test's own decorators feed nothing but reruns of this very code.
            shared = {
                argname
                for parametrize in applicable
                if not any(parametrize is own for own in test.parametrize)
                for argname in parametrize.argnames
            }
            fixed: dict[str, tuple[str, ...]] = {}
            for parametrize in applicable:
                for argname in parametrize.argnames:
                    fixed.setdefault(argname, parametrize.argnames)
                values = values_of.get(id(parametrize))
                if values is None:
                    values = values_of[id(parametrize)] = list(_mutable_values(ctx, parametrize, mutability))
                for argname, case_value, value in values:
                    if value.inplace_operators:
                        inplace.add(argname)
                    if is_indirect(parametrize, argname):
                        indirect.setdefault(argname, (case_value, value))
                    else:
                        direct.setdefault(argname, value)
            if not direct and not indirect:
                continue
            scope = FunctionScope(test.node, ctx.body(test.node))
            kinds = {name: container_kind(value.kind) for name, value in direct.items()}
            changes = [
                m
                for m in find_mutations(test.node, scope, list(direct), inplace, kinds=kinds)
                if m.root in shared or not is_rerun_stable(m, scope, fixed.get(m.root, ()))
            ]
            for mutation in first_per_name(changes):
                value = direct[mutation.root]
                message = (
                    f"test `{test.name}` mutates parametrize value `{mutation.root}` ({mutation.how} on "
                    f"`{mutation.location}`), {value.description}; {_WHY}"
                )
                fix = _copy_fix(ctx, test.node, scope, mutation.root)
                yield from self._once(ctx, reported, mutation.node, message, fix)
            for argname, (case_value, value) in indirect.items():
                definition = ctx.index.resolve(argname, ctx.path, ctx.facts, test.class_name)
                if definition is None or definition.fixture is None or definition.fixture.node is None:
                    continue
                if definition.path == ctx.path:
                    entry = receivers.setdefault(id(definition.fixture.node), (definition.fixture, definition, [], value))
                    entry[2].append(test.name)
                yield from self._indirect(ctx, reported, test.node, scope, argname, case_value, value, definition)
        for fixture, definition, tests, value in receivers.values():
            yield from self._receiver(ctx, reported, fixture, tests, value)
        for fixture in ctx.facts.fixtures:
            yield from self._fixture_params(ctx, reported, fixture, mutability)
        if ctx.is_conftest:
            for fixture in ctx.facts.fixtures:
                yield from self._conftest_receiver(ctx, reported, fixture)

    def _receiver(
        self,
        ctx: ModuleContext,
        reported: set[tuple[int, int]],
        fixture: FixtureDef,
        tests: list[str],
        value: MutableValue,
    ) -> Iterator[Diagnostic]:
        """One finding at the change in a fixture of this module that gets values through
        ``indirect``: one root cause, however many tests pass it values."""
        assert fixture.node is not None
        scope = FunctionScope(fixture.node, ctx.body(fixture.node))
        inplace = [REQUEST_PARAM] if value.inplace_operators else []
        kinds = {REQUEST_PARAM: container_kind(value.kind)}
        for mutation in _changes(fixture.node, scope, [REQUEST_PARAM], inplace, kinds)[:1]:
            yield from self._once(ctx, reported, mutation.node, _fixture_message(fixture, mutation, value, tests), None)

    def _conftest_receiver(
        self, ctx: ModuleContext, reported: set[tuple[int, int]], fixture: FixtureDef
    ) -> Iterator[Diagnostic]:
        """A conftest fixture without ``params`` that changes ``request.param``: its values
        come from ``indirect`` parametrize in the test modules below, so the finding is
        reported once, here, at the change (the test modules do not repeat it)."""
        if fixture.node is None or fixture.params is not None or "request" not in fixture.requested:
            return
        scope = FunctionScope(fixture.node, ctx.body(fixture.node))
        for mutation in _changes(fixture.node, scope, [REQUEST_PARAM], [], {REQUEST_PARAM: None})[:1]:
            through = "" if mutation.name == REQUEST_PARAM else f" (through `{mutation.name}`)"
            message = (
                f"fixture `{fixture.name}` mutates `request.param`{through} ({mutation.how} on "
                f"`{mutation.location}`), the value each `indirect` parametrize case passes it; {_WHY}"
            )
            yield from self._once(ctx, reported, mutation.node, message, None)

    def _indirect(
        self,
        ctx: ModuleContext,
        reported: set[tuple[int, int]],
        test_node: FunctionNode,
        test_scope: FunctionScope,
        argname: str,
        case_value: ast.expr,
        value: MutableValue,
        definition: Definition,
    ) -> Iterator[Diagnostic]:
        fixture = definition.fixture
        assert fixture is not None and fixture.node is not None
        here = definition.path == ctx.path
        if here:
            body = ctx.body(fixture.node)
        else:
            facts = ctx.index.modules.facts(definition.path) if definition.path is not None else None
            if facts is None:
                return
            body = BodyIndex(fixture.node, facts.resolver)
        scope = FunctionScope(fixture.node, body)
        # The change in the fixture itself is one finding at that line: ``_receiver`` for a
        # fixture of this module, ``_conftest_receiver`` for one in a conftest.py.
        if _passes_param_through(fixture.node, scope):
            kinds = {argname: container_kind(value.kind)}
            inplace = [argname] if value.inplace_operators else []
            mutations = find_mutations(test_node, test_scope, [argname], inplace, kinds=kinds)
            for mutation in mutations[:1]:
                message = (
                    f"test `{test_node.name}` mutates `{argname}` ({mutation.how} on `{mutation.location}`), "
                    f"which fixture `{fixture.name}` hands out as `request.param`, {value.description}; "
                    f"{_WHY}: copy it first"
                )
                yield from self._once(ctx, reported, mutation.node, message, None)

    def _fixture_params(
        self, ctx: ModuleContext, reported: set[tuple[int, int]], fixture: FixtureDef, mutability: Mutability
    ) -> Iterator[Diagnostic]:
        if fixture.params is None or fixture.node is None:
            return
        values = [
            found
            for case in parametrize_cases(fixture.params, ctx.facts.constants)
            for item in (case_values(case, 1, ctx.facts.resolver) or [])
            for found in [mutability.of(item)]
            if found is not None
        ]
        if not values:
            return
        value = values[0]
        inplace = [REQUEST_PARAM] if any(v.inplace_operators for v in values) else []
        scope = FunctionScope(fixture.node, ctx.body(fixture.node))
        kinds = {REQUEST_PARAM: container_kind(value.kind)}
        for mutation in _changes(fixture.node, scope, [REQUEST_PARAM], inplace, kinds)[:1]:
            yield from self._once(ctx, reported, mutation.node, _fixture_message(fixture, mutation, value), None)
        if not _passes_param_through(fixture.node, scope):
            return
        for test in ctx.facts.tests:
            if test.node is None or fixture.name not in test.requested:
                continue
            definition = ctx.index.resolve(fixture.name, ctx.path, ctx.facts, test.class_name)
            if definition is None or definition.fixture is not fixture:
                continue
            test_scope = FunctionScope(test.node, ctx.body(test.node))
            names = [fixture.name]
            kinds = {fixture.name: container_kind(value.kind)}
            for mutation in find_mutations(test.node, test_scope, names, names if inplace else [], kinds=kinds)[:1]:
                message = (
                    f"test `{test.name}` mutates `{fixture.name}` ({mutation.how} on `{mutation.location}`), "
                    f"which fixture `{fixture.name}` hands out from its `params`, {value.description}; "
                    f"{_WHY}: copy it first"
                )
                yield from self._once(ctx, reported, mutation.node, message, None)

    def _once(
        self,
        ctx: ModuleContext,
        reported: set[tuple[int, int]],
        node: ast.AST,
        message: str,
        fix: Optional[Fix],
    ) -> Iterator[Diagnostic]:
        key = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        if key not in reported:
            reported.add(key)
            yield ctx.report(self, node, message, fix=fix)


def _mutable_values(
    ctx: ModuleContext, parametrize: Parametrize, mutability: Mutability
) -> Iterator[tuple[str, ast.expr, MutableValue]]:
    """``(argname, case value, mutable value)`` for each mutable value of a parametrize."""
    count = len(parametrize.argnames)
    if not count:
        return
    for case in parametrize_cases(parametrize.argvalues, ctx.facts.constants):
        values = case_values(case, count, ctx.facts.resolver)
        for argname, item in zip(parametrize.argnames, values or []):
            found = mutability.of(item)
            if found is not None:
                yield argname, item, found


def _changes(
    node: FunctionNode,
    scope: FunctionScope,
    roots: list[str],
    inplace: "list[str] | set[str]",
    kinds: dict[str, Optional[str]],
) -> list[Mutation]:
    """The changes a fixture's own code makes to ``request.param`` that a rerun or another
    case would see: the fixture runs the same code for every test, so a fill-in or an
    overwrite made before anything reads the key leaves the data the same on every run
    (see ``is_rerun_stable``)."""
    return [m for m in find_mutations(node, scope, roots, inplace, kinds=kinds) if not is_rerun_stable(m, scope)]


def _fixture_message(
    fixture: FixtureDef, mutation: Mutation, value: MutableValue, tests: Optional[list[str]] = None
) -> str:
    through = "" if mutation.name == REQUEST_PARAM else f" (through `{mutation.name}`)"
    if tests:
        who = f"`{tests[0]}`" if len(tests) == 1 else f"{len(tests)} tests (first `{tests[0]}`)"
        given = f", passed through `indirect` by {who}"
    else:
        given = ""
    return (
        f"fixture `{fixture.name}` mutates `request.param`{through} ({mutation.how} on "
        f"`{mutation.location}`), {value.description}{given}; {_WHY}"
    )


def _passes_param_through(node: FunctionNode, scope: FunctionScope) -> bool:
    """The fixture hands ``request.param`` itself to the test (``return request.param``)."""
    return any(is_request_param(value, scope) for _, value in returned_values(scope))


def _copy_fix(ctx: ModuleContext, node: FunctionNode, scope: FunctionScope, name: str) -> Optional[Fix]:
    """Insert ``name = copy.deepcopy(name)`` before the first statement of the test."""
    body = node.body
    first = body[0]
    if (
        len(body) > 1
        and isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        first = body[1]
    line = ctx.source.line(first.lineno)
    column = ctx.source.char_column(first.lineno, first.col_offset)
    indent = line[:column]
    if indent.strip() or first.lineno == node.lineno:
        return None  # the statement shares its line with something else
    if scope.bindings("copy") or name == "copy" or _argument(node, "copy"):
        return None
    bound = ctx.facts.resolver.qualified_name(ast.Name(id="copy", ctx=ast.Load()))
    if bound not in (None, "copy") or (bound is None and "copy" in ctx.facts.constants):
        return None
    content = f"{name} = copy.deepcopy({name})\n{indent}"
    edit = Edit(content, first.lineno, column + 1, first.lineno, column + 1)
    return Fix("unsafe", f"Copy `{name}` at the top of the test", (edit,), add_imports=("import copy",))


def _argument(node: FunctionNode, name: str) -> bool:
    args = node.args
    return any(arg.arg == name for arg in args.posonlyargs + args.args + args.kwonlyargs)
