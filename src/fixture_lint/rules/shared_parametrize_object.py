"""FXL202 shared-parametrize-object."""
from __future__ import annotations

import ast
from typing import Iterator, Optional, Sequence

from ..context import ModuleContext
from ..model.mutability import Mutability, case_values, parametrize_cases, shared_names
from ..rule import Diagnostic, Edit, Fix, Rule

# (decorator call, case index, the name node) for one appearance of a shared object.
Appearance = tuple[ast.Call, int, ast.Name]


class SharedParametrizeObject(Rule):
    """One mutable object (a module-level name bound to a mutable value) appears in
    several cases of the same parametrize, or of parametrize decorators stacked on one
    test, so the cases share it."""

    code = "FXL202"
    name = "shared-parametrize-object"
    summary = "one mutable module-level object appears in several parametrize cases"
    fix_title = "Give each case its own copy (copy.deepcopy)"
    fix_applicability = "unsafe"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        mutability = Mutability(ctx.tree, ctx.facts.constants, ctx.facts.resolver)
        groups: list[list[tuple[ast.Call, list[ast.expr], int]]] = []
        for test in ctx.facts.tests:  # a test's own decorators are stacked together
            group = [(p.node, parametrize_cases(p.argvalues, ctx.facts.constants), len(p.argnames)) for p in test.parametrize]
            if group:
                groups.append(group)
        seen: set[int] = set()
        shared = [p for c in ctx.facts.classes for p in c.parametrize] + list(ctx.facts.pytestmark_parametrize)
        for parametrize in shared:  # class and module marks: each decorator on its own
            if id(parametrize.node) not in seen:
                seen.add(id(parametrize.node))
                cases = parametrize_cases(parametrize.argvalues, ctx.facts.constants)
                groups.append([(parametrize.node, cases, len(parametrize.argnames))])
        for fixture in ctx.facts.fixtures:
            if fixture.params is not None and isinstance(fixture.decorator, ast.Call):
                groups.append([(fixture.decorator, parametrize_cases(fixture.params, ctx.facts.constants), 1)])
        for group in groups:
            yield from self._check_group(ctx, group, mutability)

    def _check_group(
        self,
        ctx: ModuleContext,
        group: Sequence[tuple[ast.Call, list[ast.expr], int]],
        mutability: Mutability,
    ) -> Iterator[Diagnostic]:
        by_name: dict[str, list[Appearance]] = {}
        for decorator, cases, count in group:
            if not count:
                continue
            for index, case in enumerate(cases):
                for item in case_values(case, count, ctx.facts.resolver) or []:
                    for reference in shared_names(item):
                        by_name.setdefault(reference.id, []).append((decorator, index, reference))
        flagged: dict[int, list[tuple[str, str, int, list[Appearance]]]] = {}
        decorators: dict[int, ast.Call] = {}
        for name, appearances in by_name.items():
            distinct = {(id(decorator), index) for decorator, index, _ in appearances}
            if len(distinct) < 2:
                continue
            value = mutability.of(ctx.facts.constants.get(name))
            if value is None:
                continue
            appearances.sort(key=lambda a: (a[0].lineno, a[0].col_offset, a[2].lineno, a[2].col_offset))
            decorator = _second_case_decorator(appearances)
            decorators[id(decorator)] = decorator
            flagged.setdefault(id(decorator), []).append((name, value.description, len(distinct), appearances))
        for key, names in flagged.items():
            if len(names) == 1:
                single, description, n_cases, _ = names[0]
                what = f"`{single}` ({description}) is the same object in {n_cases} parametrize cases"
                advice = f"`copy.deepcopy({single})`"
            else:
                listed = ", ".join(f"`{n}`" for n, _, _, _ in names[:-1]) + f" and `{names[-1][0]}`"
                what = f"{listed} are each one mutable object shared by several parametrize cases"
                advice = "`copy.deepcopy(...)`"
            message = (
                f"{what}, so a change one case makes (in the test or in the code under test) is "
                f"seen by the others; give each case its own value (a literal, or {advice})"
            )
            every = [a for _, _, _, appearances in names for a in appearances]
            yield ctx.report(self, decorators[key], message, fix=_copy_fix(ctx, every, group))


def _second_case_decorator(appearances: list[Appearance]) -> ast.Call:
    """The decorator where the object appears in a second case."""
    first = (id(appearances[0][0]), appearances[0][1])
    for decorator, index, _ in appearances:
        if (id(decorator), index) != first:
            return decorator
    return appearances[-1][0]


def _copy_fix(
    ctx: ModuleContext, appearances: list[Appearance], group: Sequence[tuple[ast.Call, list[ast.expr], int]]
) -> Optional[Fix]:
    """Wrap every appearance in ``copy.deepcopy(...)``, when all of them are written in
    the decorators themselves (not in a module-level list of cases another test may share)."""
    bound = ctx.facts.resolver.qualified_name(ast.Name(id="copy", ctx=ast.Load()))
    if bound not in (None, "copy") or (bound is None and "copy" in ctx.facts.constants):
        return None
    decorators = [decorator for decorator, _, _ in group]
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
