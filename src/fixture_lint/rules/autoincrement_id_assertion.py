"""FXL502 autoincrement-id-assertion."""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from ..context import ModuleContext
from ..knowledge.databases import ID_ATTRIBUTES
from ..rule import Diagnostic, Rule
from ..state.databases import database_model, may_touch_database


class AutoincrementIdAssertion(Rule):
    """A test asserts a generated id (``user.id == 1``, ``row[0] == 3``) of a row it wrote
    to shared database state: the id depends on how many rows earlier tests inserted."""

    code = "FXL502"
    name = "autoincrement-id-assertion"
    preview = True  # new: not yet measured on the ecosystem check
    summary = "a test asserts the auto-increment id of a row written to shared database state"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if ctx.is_conftest:
            return
        if not may_touch_database(ctx.source.text):
            return
        model = database_model(ctx)
        for use in model.uses:
            inserts = [a for a in use.unisolated_writes() if a.orm_value is not None or (a.statement and a.statement.verb == "INSERT")]
            if not inserts:
                continue
            body = ctx.body(use.node)
            related = set(use.handles) | _bound_from(body, set(use.handles))
            related |= {a.orm_value.id for a in inserts if isinstance(a.orm_value, ast.Name)}
            first = min(getattr(a.node, "lineno", 0) for a in inserts)
            for compare in body.of(ast.Compare):
                if compare.lineno < first or len(compare.ops) != 1 or not isinstance(compare.ops[0], ast.Eq):
                    continue
                for side, other in ((compare.left, compare.comparators[0]), (compare.comparators[0], compare.left)):
                    number = _int(other)
                    if number is None or not _is_id(side, related):
                        continue
                    yield ctx.report(
                        self, compare,
                        f"test `{use.test.name}` asserts the generated id `{ast.unparse(side)} == {number}` of a row "
                        f"written through `{inserts[0].handle}`, {inserts[0].shared.describe}: the id counts the rows "
                        "every earlier test inserted",
                        help="Compare with the id the insert returned (`cursor.lastrowid`, `obj.id` read back), "
                        "or look the row up by a column the test set",
                    )
                    break


def _int(node: ast.expr) -> Optional[int]:
    if isinstance(node, ast.Constant) and type(node.value) is int and node.value > 0:
        return node.value
    return None


def _is_id(node: ast.expr, related: set[str]) -> bool:
    if isinstance(node, ast.Attribute) and node.attr in ID_ATTRIBUTES:
        root = node.value
    elif isinstance(node, ast.Subscript) and (
        (isinstance(node.slice, ast.Constant) and (node.slice.value == 0 or node.slice.value in ID_ATTRIBUTES))
    ):
        root = node.value
    else:
        return False
    while isinstance(root, (ast.Attribute, ast.Subscript, ast.Call)):
        root = root.func if isinstance(root, ast.Call) else root.value
    return isinstance(root, ast.Name) and root.id in related


def _bound_from(body: object, handles: set[str]) -> set[str]:
    """Names bound from an expression that uses a handle (``row = cur.fetchone()``)."""
    found: set[str] = set()
    for assign in body.of(ast.Assign):  # type: ignore[attr-defined]
        names = {n.id for n in ast.walk(assign.value) if isinstance(n, ast.Name)}
        if names & (handles | found):
            for target in assign.targets:
                for node in ast.walk(target):
                    if isinstance(node, ast.Name):
                        found.add(node.id)
    return found
