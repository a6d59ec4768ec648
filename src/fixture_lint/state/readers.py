"""Readers of leaked state: the other tests and fixtures of the module that read what a
test leaves behind, the potential victims (DESIGN.md, "who reads it?").

An environment variable is read by ``os.environ["K"]``, ``os.environ.get("K")``,
``os.getenv("K")`` and ``"K" in os.environ`` (FXL301's own notion of a read); a file at
a fixed path by a check or an open of the same path (FXL307). ``sys.path``,
``sys.modules`` and the working directory are read by every import and every relative
path: too fuzzy to name a reader, so none is named.
"""
from __future__ import annotations

import ast
from typing import Callable, Iterator, Optional

from ..context import ModuleContext
from ..model.facts import FunctionNode
from ..rule import RelatedLocation
from .process_state import ModuleState, _Scope

Reader = tuple[str, int, int]
"""(function name, line, 0-based column) of the first read in that function."""


def candidates(ctx: ModuleContext, writer: FunctionNode) -> Iterator[tuple[str, FunctionNode]]:
    """The module's tests and fixtures other than ``writer``."""
    seen: set[int] = {id(writer)}
    for test in ctx.facts.tests:
        if test.node is not None and id(test.node) not in seen:
            seen.add(id(test.node))
            yield test.name, test.node
    for fixture in ctx.facts.fixtures:
        if fixture.node is not None and id(fixture.node) not in seen:
            seen.add(id(fixture.node))
            yield fixture.name, fixture.node


def environ_readers(ctx: ModuleContext, module: ModuleState, writer: FunctionNode, key: str) -> list[Reader]:
    """The other tests and fixtures of the module that read environment variable ``key``."""
    found: list[Reader] = []
    for name, node in candidates(ctx, writer):
        body = ctx.body(node)
        if not body.of(ast.Subscript) and not body.of(ast.Call) and not body.of(ast.Compare):
            continue
        reads = [at for read, at in _Scope(node, body, module).environ_reads() if read == key]
        if reads:
            line, column = min(reads)
            found.append((name, line, column))
    return found


def readers_of(
    ctx: ModuleContext, writer: FunctionNode, reads: Callable[[FunctionNode], Optional[ast.AST]]
) -> list[Reader]:
    """The other tests and fixtures for which ``reads`` finds a read."""
    found: list[Reader] = []
    for name, node in candidates(ctx, writer):
        hit = reads(node)
        if hit is not None:
            found.append((name, getattr(hit, "lineno", node.lineno), getattr(hit, "col_offset", 0)))
    return found


def reader_tail(readers: list[Reader]) -> str:
    """``; read by `test_x` (line N)`` (and how many more), or nothing."""
    if not readers:
        return ""
    name, line, _ = readers[0]
    more = f" and {len(readers) - 1} more" if len(readers) > 1 else ""
    return f"; read by `{name}` (line {line}){more}"


def related(ctx: ModuleContext, readers: list[Reader], what: str) -> tuple[RelatedLocation, ...]:
    """Up to five readers as related locations (JSON, SARIF)."""
    return tuple(
        RelatedLocation(ctx.display_path, line, ctx.source.char_column(line, column) + 1, f"`{name}` reads {what}")
        for name, line, column in readers[:5]
    )
