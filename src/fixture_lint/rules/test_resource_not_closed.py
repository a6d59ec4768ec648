"""FXL105 test-resource-not-closed."""
from __future__ import annotations

from typing import Iterator

from ..context import ModuleContext
from ..knowledge.resources import BUILTIN_RESOURCES
from ..rule import Diagnostic, Rule
from ..state.databases import unclosed_in_test
from ..state.resources import Leak, ResourceTable, XunitTeardowns, memory_classes


class TestResourceNotClosed(Rule):
    """A test body opens a resource (connection, file, socket, process, client) and
    nothing closes it by the end of the test."""

    __test__ = False  # not a pytest test class, whatever its name

    code = "FXL105"
    name = "test-resource-not-closed"
    preview = True  # new: not yet measured on the ecosystem check
    summary = "a test opens a resource in its body and never closes it"

    def __init__(self) -> None:
        self._tables: dict[int, ResourceTable] = {}

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        registered = ctx.registry.resources if ctx.registry is not None else BUILTIN_RESOURCES
        table = self._tables.get(id(registered))
        if table is None:
            table = self._tables[id(registered)] = ResourceTable(registered)
        classes = {c.name: c.node for c in ctx.facts.classes if c.node is not None}
        xunit = XunitTeardowns(ctx.tree, classes, ctx.body, ctx.qualified_name, True)
        in_memory = ctx.shared("resources.memory_classes", lambda: memory_classes(ctx.tree, ctx.qualified_name))
        for test in ctx.facts.tests:
            node = test.node
            if node is None:
                continue
            class_name = test.class_name
            for leak in unclosed_in_test(node, ctx.body(node), table, lambda: xunit.released(class_name), in_memory):
                held = f" `{leak.holder}`" if leak.holder else ""
                message = (
                    f"test `{test.name}` opens the {leak.resource.kind}{held} (`{leak.resource.call}()`) "
                    "and nothing closes it by the end of the test"
                )
                yield ctx.report(self, leak.call, message, help=_help(leak))


def _help(leak: Leak) -> str:
    holder = leak.holder or "it"
    release = leak.resource.release
    awaited = "await " if leak.resource.awaited_release else ""
    if release and leak.holder:
        calls = " and ".join(f"`{awaited}{stmt.format(holder)}`" for stmt in release)
        return f"Open it in a `with` block, or call {calls} in a `finally`"
    return "Open it in a `with` block, or release it in a `finally`"
