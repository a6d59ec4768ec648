"""FXL304 test-module-state-write: a test changes its own module's globals or objects."""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from ..knowledge.process_state import GLOBAL
from ..model.facts import FunctionNode
from ..rule import Diagnostic, Fix, RelatedLocation
from ..state.process_state import FunctionState, StateWrite
from ..context import ModuleContext
from ..state.process_state_restores import forking_option
from .unpatched_global_write import MODULE_STATE, Judge, UnpatchedGlobalWrite


class TestModuleStateWrite(UnpatchedGlobalWrite):
    """A test, fixture or helper changes a global of its own module, or an attribute of a
    class or object the module defines, and nothing undoes it: the module's later tests
    see the change, so their outcome depends on the order they run in."""

    code = "FXL304"
    name = "test-module-state-write"
    summary = (
        "test, fixture or helper changes a global, class attribute or module-level object of "
        "its own test module and never restores it"
    )
    preview = True
    state_kind = MODULE_STATE
    fix_title = None  # a global or a module's own object: no one monkeypatch call fits
    fix_applicability = None

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if forking_option(ctx.project.options.addopts) is not None:
            return
        yield from _ReaderJudge(self, ctx, MODULE_STATE).run()


class _ReaderJudge(Judge):
    """FXL301's judgement of what leaks, with the module's other tests that read it."""

    def report(self, node: FunctionNode, name: str, who: str, state: FunctionState, write: StateWrite, fix: Optional[Fix]) -> Diagnostic:
        readers = self.readers(node, write)
        target = write.target.describe()
        if readers:
            first_name, first = readers[0]
            more = f" and {len(readers) - 1} more" if len(readers) > 1 else ""
            tail = f"read by `{first_name}` (line {first.lineno}){more}"
        else:
            tail = "no other test here reads it"
        message = f"{who} `{name}` changes {target}, state of this test module, and never restores it; {tail}"
        related = tuple(
            RelatedLocation(self.ctx.display_path, reader.lineno, reader.col_offset + 1, f"`{reader_name}` reads {target}")
            for reader_name, reader in readers[:5]
        )
        diagnostic = self.ctx.report(self.rule, write.node, message, fix=fix)
        return diagnostic if not related else _with_related(diagnostic, related)

    def readers(self, writer: FunctionNode, write: StateWrite) -> list[tuple[str, ast.expr]]:
        """Other tests of this module that read the written state (first read of each)."""
        target = write.target
        dotted = f"{target.base}.{target.key}" if target.kind != GLOBAL and target.key else None
        found: list[tuple[str, ast.expr]] = []
        for test in self.ctx.facts.tests:
            if test.node is None or test.node is writer:
                continue
            body = self.ctx.body(test.node)
            hit: Optional[ast.expr] = None
            if target.kind == GLOBAL and target.key:
                if _local_in(test.node, body.of(ast.Name), body.of(ast.Global), target.key):
                    continue  # a local of the same name, not the module's global
                hit = next((n for n in body.of(ast.Name) if n.id == target.key and isinstance(n.ctx, ast.Load)), None)
            elif dotted:
                hit = next(
                    (n for n in body.of(ast.Attribute) if isinstance(n.ctx, ast.Load) and body.resolver.local_name(n) == dotted),
                    None,
                )
            if hit is not None:
                found.append((test.name, hit))
        return found


def _local_in(node: FunctionNode, names: list[ast.Name], globals_: list[ast.Global], name: str) -> bool:
    """Whether ``name`` is a local of the function: a parameter, or assigned without a
    ``global`` statement."""
    params = {a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs}
    if name in params:
        return True
    declared = any(name in g.names for g in globals_)
    return not declared and any(n.id == name and isinstance(n.ctx, ast.Store) for n in names)


def _with_related(diagnostic: Diagnostic, related: tuple[RelatedLocation, ...]) -> Diagnostic:
    import dataclasses

    return dataclasses.replace(diagnostic, related=related)
