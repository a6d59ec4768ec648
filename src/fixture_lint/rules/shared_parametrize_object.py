"""FXL202 shared-parametrize-object."""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Sequence

from ..context import ModuleContext
from ..model.facts import FixtureDef
from ..state.mutability import (
    REQUEST_PARAM,
    ModuleConsumers,
    Mutability,
    ParameterMutation,
    case_values,
    fixture_param_mutated,
    parametrize_cases,
    parametrize_value_mutated,
    shared_names,
)
from ..rule import Diagnostic, Edit, Fix, Rule

# (decorator call, case index, the name node) for one appearance of a shared object.
Appearance = tuple[ast.Call, int, ast.Name]
# (decorator call, its cases, its argnames, the fixture for ``params=``)
Group = tuple[ast.Call, list[ast.expr], tuple[str, ...], Optional[FixtureDef]]


class SharedParametrizeObject(Rule):
    """One mutable object (a module-level name bound to a mutable value) appears in
    several cases of the same parametrize, or of parametrize decorators stacked on one
    test, and a test (or the indirect fixture it goes to) changes it, so the change
    one case makes is seen by the next. The shape alone is a preview behaviour."""

    code = "FXL202"
    name = "shared-parametrize-object"
    summary = "one mutable module-level object, which a test changes, appears in several parametrize cases"
    fix_title = "Give each case its own copy (copy.deepcopy)"
    fix_applicability = "unsafe"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        mutability = Mutability(ctx.tree, ctx.facts.constants, ctx.facts.resolver)
        # Only a mutable module-level object can be the one object of several cases.
        mutable = {name for name, value in ctx.facts.constants.items() if mutability.of(value) is not None}
        if not mutable:
            return
        groups: list[list[Group]] = []
        for test in ctx.facts.tests:  # a test's own decorators are stacked together
            group: list[Group] = [
                (p.node, parametrize_cases(p.argvalues, ctx.facts.constants), p.argnames, None) for p in test.parametrize
            ]
            if group:
                groups.append(group)
        seen: set[int] = set()
        shared = [p for c in ctx.facts.classes for p in c.parametrize] + list(ctx.facts.pytestmark_parametrize)
        for parametrize in shared:  # class and module marks: each decorator on its own
            if id(parametrize.node) not in seen:
                seen.add(id(parametrize.node))
                cases = parametrize_cases(parametrize.argvalues, ctx.facts.constants)
                groups.append([(parametrize.node, cases, parametrize.argnames, None)])
        for fixture in ctx.facts.fixtures:
            if fixture.params is not None and isinstance(fixture.decorator, ast.Call):
                groups.append([(fixture.decorator, parametrize_cases(fixture.params, ctx.facts.constants), (REQUEST_PARAM,), fixture)])
        consumers = ModuleConsumers(ctx.facts, ctx.index, ctx.path, ctx.body)
        for group in groups:
            yield from self._check_group(ctx, group, mutability, consumers, mutable)

    def _check_group(
        self,
        ctx: ModuleContext,
        group: Sequence[Group],
        mutability: Mutability,
        consumers: ModuleConsumers,
        mutable: set[str],
    ) -> Iterator[Diagnostic]:
        by_name: dict[str, list[Appearance]] = {}
        receivers: dict[str, list[tuple[ast.Call, str, bool, Optional[FixtureDef]]]] = {}
        for decorator, cases, argnames, fixture in group:
            if not argnames:
                continue
            for index, case in enumerate(cases):
                for argname, item in zip(argnames, case_values(case, len(argnames), ctx.facts.resolver) or []):
                    for reference in shared_names(item):
                        if reference.id not in mutable:
                            continue
                        by_name.setdefault(reference.id, []).append((decorator, index, reference))
                        receivers.setdefault(reference.id, []).append((decorator, argname, reference is not item, fixture))
        flagged: dict[int, list[tuple[str, str, int, list[Appearance], Optional[ParameterMutation]]]] = {}
        decorators: dict[int, ast.Call] = {}
        for name, appearances in by_name.items():
            distinct = {(id(decorator), index) for decorator, index, _ in appearances}
            if len(distinct) < 2:
                continue
            value = mutability.of(ctx.facts.constants.get(name))
            if value is None:
                continue
            changed = _changed_by(consumers, receivers[name], value.inplace_operators)
            if changed is None and not ctx.settings.preview:
                continue
            appearances.sort(key=lambda a: (a[0].lineno, a[0].col_offset, a[2].lineno, a[2].col_offset))
            decorator = _second_case_decorator(appearances)
            decorators[id(decorator)] = decorator
            flagged.setdefault(id(decorator), []).append((name, value.description, len(distinct), appearances, changed))
        for key, names in flagged.items():
            if len(names) == 1:
                single, description, n_cases, _, _ = names[0]
                what = f"`{single}` ({description}) is the same object in {n_cases} parametrize cases"
            else:
                listed = ", ".join(f"`{n[0]}`" for n in names[:-1]) + f" and `{names[-1][0]}`"
                what = f"{listed} are each one mutable object shared by several parametrize cases"
            changed = next((n[4] for n in names if n[4] is not None), None)
            if changed is not None:
                mutation = changed.mutation
                cause = (
                    f", and {changed.who} mutates it ({mutation.how} on `{mutation.location}`, line "
                    f"{getattr(mutation.node, 'lineno', '?')}), so each case sees the changes of the ones before"
                )
            else:
                cause = ", so a change one case makes (in the test or in the code under test) is seen by the others"
            every = [a for n in names for a in n[3]]
            yield ctx.report(self, decorators[key], what + cause, fix=_copy_fix(ctx, every, group))


def _changed_by(
    consumers: ModuleConsumers,
    receivers: Sequence[tuple[ast.Call, str, bool, Optional[FixtureDef]]],
    inplace: bool,
) -> Optional[ParameterMutation]:
    """The first test or fixture that changes the shared object, through any of the
    argnames it is given to."""
    done: set[tuple[int, str, bool]] = set()
    for decorator, argname, held, fixture in receivers:
        key = (id(decorator), argname, held)
        if key in done:
            continue
        done.add(key)
        if fixture is not None:
            found = fixture_param_mutated(consumers, fixture, inplace, held)
        else:
            found = parametrize_value_mutated(consumers, decorator, argname, inplace, held)
        if found is not None:
            return found
    return None


def _second_case_decorator(appearances: list[Appearance]) -> ast.Call:
    """The decorator where the object appears in a second case."""
    first = (id(appearances[0][0]), appearances[0][1])
    for decorator, index, _ in appearances:
        if (id(decorator), index) != first:
            return decorator
    return appearances[-1][0]


def _copy_fix(ctx: ModuleContext, appearances: list[Appearance], group: Sequence[Group]) -> Optional[Fix]:
    """Wrap every appearance in ``copy.deepcopy(...)``, when all of them are written in
    the decorators themselves (not in a module-level list of cases another test may share)."""
    bound = ctx.facts.resolver.qualified_name(ast.Name(id="copy", ctx=ast.Load()))
    if bound not in (None, "copy") or (bound is None and "copy" in ctx.facts.constants):
        return None
    decorators = [entry[0] for entry in group]
    edits: list[Edit] = []
    for _, _, name in appearances:
        if not any(_inside(decorator, name) for decorator in decorators):
            return None
        row, end_row = name.lineno, name.end_lineno or name.lineno
        start = ctx.source.char_column(row, name.col_offset) + 1
        end = ctx.source.char_column(end_row, name.end_col_offset or 0) + 1
        edits.append(Edit("copy.deepcopy(", row, start, row, start))
        edits.append(Edit(")", end_row, end, end_row, end))
    return Fix("unsafe", "Give each case its own copy", tuple(edits), add_imports=("import copy",))


def _inside(outer: ast.AST, inner: ast.AST) -> bool:
    start = (outer.lineno, outer.col_offset)  # type: ignore[attr-defined]
    end = (outer.end_lineno, outer.end_col_offset)  # type: ignore[attr-defined]
    return start <= (inner.lineno, inner.col_offset) and (inner.end_lineno, inner.end_col_offset) <= end  # type: ignore[attr-defined]
