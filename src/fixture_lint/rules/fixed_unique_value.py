"""FXL503 fixed-unique-value."""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from ..context import ModuleContext
from ..rule import Diagnostic, Rule
from ..state.databases import Access, database_model, insert_values, looks_unique, may_touch_database


class FixedUniqueValue(Rule):
    """A test inserts a literal, unique-looking value (an email, a username) into shared
    database state and never removes it: the next test or run that inserts it collides."""

    code = "FXL503"
    name = "fixed-unique-value"
    preview = True  # new: not yet measured on the ecosystem check
    summary = "a test inserts a fixed unique-looking value into shared database state with no cleanup"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if ctx.is_conftest:
            return
        if not may_touch_database(ctx.source.text):
            return
        model = database_model(ctx)
        for use in model.uses:
            for access in use.unisolated_writes():
                found = self._value(access)
                if found is None:
                    continue
                column, node, literal = found
                table = next((t for t in access.writes if t != "*"), "?")
                yield ctx.report(
                    self, node,
                    f"test `{use.test.name}` inserts the fixed value {literal!r} ({column}) into table `{table}` "
                    f"through `{access.handle}`, {access.shared.describe}, and never removes it: a second insert "
                    "(another test, a rerun, the next run) breaks the unique key",
                    help="Make the value unique per test (`uuid.uuid4().hex`, a counter, the test's name), "
                    "or roll the insert back after the test",
                )
                break

    def _value(self, access: Access) -> Optional[tuple[str, ast.AST, str]]:
        statement = access.statement
        if statement is not None:
            if statement.verb != "INSERT":
                return None
            for column, node, literal in insert_values(statement, access.params):
                if looks_unique(column, literal):
                    return column, node if hasattr(node, "lineno") else access.node, literal
            return None
        value = access.orm_value
        if isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", ""))[:1].isupper():
            for keyword in value.keywords:
                if keyword.arg and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                    if looks_unique(keyword.arg.lower(), keyword.value.value):
                        return keyword.arg, keyword.value, keyword.value.value
        return None
