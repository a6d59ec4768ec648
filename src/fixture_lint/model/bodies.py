"""One walk per function body, shared by every rule that looks inside functions.

Rules ask the module context for ``ctx.body(function_node)``; the first asker pays for
one walk of that function, later rules read the same index. Nodes are grouped by type,
each group in source order (a pre-order walk), outer nodes before the nodes inside them.
Expression contexts and operators (``Load``, ``Add``...) are not indexed.
"""
from __future__ import annotations

import ast
import copy
from typing import Optional, TypeVar, cast

from .names import NameResolver

NodeT = TypeVar("NodeT", bound=ast.AST)


class BodyIndex:
    """The nodes of one function (its decorators and arguments included), by type."""

    __slots__ = ("node", "_by_type", "_resolver", "_module_resolver", "_expected_failures", "_raising_statements")

    def __init__(self, node: ast.AST, module_resolver: NameResolver) -> None:
        self.node = node
        self._module_resolver = module_resolver
        self._resolver: Optional[NameResolver] = None
        self._by_type = _index_by_type(node)
        self._expected_failures: Optional[tuple[tuple[int, int], ...]] = None
        self._raising_statements: tuple[tuple[int, int], ...] = ()

    def of(self, kind: type[NodeT]) -> list[NodeT]:
        """Every node of exactly type ``kind`` in the function."""
        return cast("list[NodeT]", self._by_type.get(kind, []))

    @property
    def resolver(self) -> NameResolver:
        """The module's import names, plus imports made inside this function."""
        if self._resolver is None:
            local_imports: list[ast.Import | ast.ImportFrom] = [*self.of(ast.Import), *self.of(ast.ImportFrom)]
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

    def expected_failure_blocks(self) -> tuple[tuple[int, int], ...]:
        """Line ranges (first, last) of the bodies of ``with pytest.raises(...)``,
        ``with self.assertRaises(...)`` and the like: code there is expected to fail,
        so a change it makes to shared state is what the test expects not to happen."""
        if self._expected_failures is None:
            spans: list[tuple[int, int]] = []
            raising: list[tuple[int, int]] = []
            blocks: list[ast.With | ast.AsyncWith] = [*self.of(ast.With), *self.of(ast.AsyncWith)]
            for stmt in blocks:
                if any(self.is_expected_failure(item.context_expr) for item in stmt.items) and stmt.body:
                    last = stmt.body[-1]
                    end = getattr(last, "end_lineno", None) or last.lineno
                    spans.append((stmt.body[0].lineno, end))
                    raising.append((last.lineno, end))
            self._expected_failures = tuple(spans)
            self._raising_statements = tuple(raising)
        return self._expected_failures

    def in_expected_failure(self, node: ast.AST) -> bool:
        """Whether ``node`` lies inside an expected-failure block (see above)."""
        line = getattr(node, "lineno", None)
        if line is None:
            return False
        return any(first <= line <= last for first, last in self.expected_failure_blocks())

    def in_raising_statement(self, node: ast.AST) -> bool:
        """Whether ``node`` lies in the last statement of an expected-failure block: the
        statement the test expects to raise (``with pytest.raises(TypeError): c = Client(bad)``),
        so what it would have made was never made."""
        line = getattr(node, "lineno", None)
        if line is None or not self.expected_failure_blocks():
            return False
        return any(first <= line <= last for first, last in self._raising_statements)

    def is_expected_failure(self, expr: ast.AST) -> bool:
        """``pytest.raises(...)``, ``self.assertRaises(...)``/``assertRaisesRegex``."""
        if not isinstance(expr, ast.Call):
            return False
        if self.qualified_name(expr.func) in _EXPECTED_FAILURE_CALLS:
            return True
        func = expr.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr in _ASSERT_RAISES_METHODS
            and isinstance(func.value, ast.Name)
            and func.value.id in ("self", "cls")
        )


_EXPECTED_FAILURE_CALLS = frozenset({"pytest.raises", "_pytest.python_api.raises", "pytest.RaisesGroup", "pytest.RaisesExc"})
_ASSERT_RAISES_METHODS = frozenset({"assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})


_SKIPPED_FIELDS = frozenset({"ctx", "op", "ops", "type_comment", "type_ignores"})
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _index_by_type(root: ast.AST) -> dict[type, list[ast.AST]]:
    """A pre-order walk, about twice as fast as grouping ``ast.walk``'s output: no
    generators, and the fields that never hold statements or expressions are skipped."""
    by_type: dict[type, list[ast.AST]] = {}
    stack = [root]
    pop, push = stack.pop, stack.append
    node_type = ast.AST
    while stack:
        node = pop()
        cls = type(node)
        bucket = by_type.get(cls)
        if bucket is None:
            by_type[cls] = [node]
        else:
            bucket.append(node)
        fields = _CHILD_FIELDS.get(cls)
        if fields is None:
            fields = _CHILD_FIELDS[cls] = tuple(f for f in cls._fields if f not in _SKIPPED_FIELDS)
        for name in reversed(fields):
            value = getattr(node, name, None)
            if value is None:
                continue
            if type(value) is list:
                for item in reversed(value):
                    if isinstance(item, node_type):
                        push(item)
            elif isinstance(value, node_type):
                push(value)
    return by_type
