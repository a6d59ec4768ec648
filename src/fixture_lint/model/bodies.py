"""One walk per function body, shared by every rule that looks inside functions.

Rules ask the module context for ``ctx.body(function_node)``; the first asker pays for
one ``ast.walk`` of that function, later rules read the same index. Nodes are grouped by
type; order within a group is ``ast.walk``'s (breadth first), so sort by position where
source order matters.
"""
from __future__ import annotations

import ast
import copy
from typing import Optional, TypeVar, cast

from .names import NameResolver

NodeT = TypeVar("NodeT", bound=ast.AST)


class BodyIndex:
    """The nodes of one function (its decorators and arguments included), by type."""

    __slots__ = ("node", "_by_type", "_resolver", "_module_resolver")

    def __init__(self, node: ast.AST, module_resolver: NameResolver) -> None:
        self.node = node
        self._module_resolver = module_resolver
        self._resolver: Optional[NameResolver] = None
        by_type: dict[type, list[ast.AST]] = {}
        for child in ast.walk(node):
            by_type.setdefault(type(child), []).append(child)
        self._by_type = by_type

    def of(self, kind: type[NodeT]) -> list[NodeT]:
        """Every node of exactly type ``kind`` in the function."""
        return cast("list[NodeT]", self._by_type.get(kind, []))

    @property
    def resolver(self) -> NameResolver:
        """The module's import names, plus imports made inside this function."""
        if self._resolver is None:
            local_imports = self.of(ast.Import) + self.of(ast.ImportFrom)  # type: ignore[operator]
            if not local_imports:
                self._resolver = self._module_resolver
            else:
                resolver = copy.copy(self._module_resolver)
                resolver._bindings = dict(self._module_resolver._bindings)
                for stmt in local_imports:
                    resolver.add_import(stmt)
                self._resolver = resolver
        return self._resolver

    def qualified_name(self, node: ast.AST) -> Optional[str]:
        return self.resolver.qualified_name(node)
