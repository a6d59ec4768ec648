"""FXL504 stale-identity-map."""
from __future__ import annotations

import ast
from typing import Iterator, Optional

from ..context import ModuleContext
from ..knowledge.databases import EXECUTE_METHODS, ORM_EXPIRES, ORM_READS
from ..rule import Diagnostic, Rule
from ..state.databases import may_touch_database, parse_sql, same_table, sql_text


class StaleIdentityMap(Rule):
    """A test loads an ORM object, changes its row with raw SQL through the same session,
    and reads the object again without expiring it: the identity map hands back the
    values it loaded before the change."""

    code = "FXL504"
    name = "stale-identity-map"
    preview = True  # new: not yet measured on the ecosystem check
    summary = "an ORM object is read after a raw SQL UPDATE/DELETE through its session, with no expire or refresh"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if not may_touch_database(ctx.source.text):
            return  # no raw SQL here to make an identity map stale
        for test in ctx.facts.tests:
            if test.node is None:
                continue
            body = ctx.body(test.node)
            # name -> (session, model, line loaded)
            loaded: dict[str, tuple[str, Optional[str], int]] = {}
            for assign in body.of(ast.Assign):
                if len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name):
                    continue
                found = _loaded_from(assign.value)
                if found is not None:
                    loaded[assign.targets[0].id] = (found[0], found[1], assign.lineno)
            if not loaded:
                continue
            sessions = {s for s, _, _ in loaded.values()}
            bindings = {
                a.targets[0].id: a.value for a in body.of(ast.Assign)
                if len(a.targets) == 1 and isinstance(a.targets[0], ast.Name)
            }
            changes: list[tuple[int, str, tuple[str, ...], ast.Call]] = []  # line, session, tables
            expires: list[tuple[int, str, Optional[str]]] = []  # line, session, object (None: all)
            for call in body.of(ast.Call):
                func = call.func
                if not isinstance(func, ast.Attribute):
                    continue
                receiver = func.value
                if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute) and receiver.func.attr == "connection":
                    receiver = receiver.func.value  # ``session.connection().execute(...)``
                if not isinstance(receiver, ast.Name) or receiver.id not in sessions:
                    continue
                if func.attr in EXECUTE_METHODS and call.args:
                    text = sql_text(call.args[0], bindings.get)
                    if text is None:
                        continue
                    tables = tuple(t for s in parse_sql(text) if s.verb in ("UPDATE", "DELETE") for t in s.writes)
                    if tables:
                        changes.append((call.lineno, receiver.id, tables, call))
                elif func.attr in ORM_EXPIRES:
                    target = call.args[0].id if call.args and isinstance(call.args[0], ast.Name) else None
                    expires.append((call.lineno, receiver.id, target if func.attr in ("expire", "refresh", "expunge") else None))
            if not changes:
                continue
            reported: set[str] = set()
            for attribute in body.of(ast.Attribute):
                value = attribute.value
                if not isinstance(value, ast.Name) or value.id not in loaded or value.id in reported:
                    continue
                if not isinstance(attribute.ctx, ast.Load):
                    continue
                session, model, line = loaded[value.id]
                for change_line, change_session, tables, change in changes:
                    if change_session != session or not (line < change_line < attribute.lineno):
                        continue
                    if model is not None and not any(same_table(model, t) for t in tables):
                        continue
                    if any(s == session and change_line <= e < attribute.lineno and obj in (None, value.id) for e, s, obj in expires):
                        continue
                    reported.add(value.id)
                    yield ctx.report(
                        self, attribute,
                        f"test `{test.name}` reads `{ast.unparse(attribute)}` after a raw SQL change to table "
                        f"`{tables[0]}` (line {change_line}) through `{session}`: `{value.id}` was loaded before it "
                        "(line {}) and the session's identity map still holds the old values".format(line),
                        help=f"Call `{session}.expire({value.id})` or `{session}.refresh({value.id})` "
                        f"(or `{session}.expire_all()`) after the raw SQL",
                    )
                    break


def _loaded_from(value: ast.expr) -> Optional[tuple[str, Optional[str]]]:
    """``(session, model)`` for ``session.query(User)....first()``, ``session.get(User, 1)``,
    ``session.scalars(select(User)).one()``, ``session.execute(select(User)).scalar_one()``."""
    node: ast.AST = value
    model: Optional[str] = None
    read = False
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if func.attr in ORM_READS or (func.attr == "execute" and node.args and _is_select(node.args[0])):
                    read = True
                    model = _model(node.args[0]) if node.args else None
                    return (func.value.id, model) if read else None
            node = func
        else:
            node = node.value
    return None


def _is_select(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "select"


def _model(node: ast.expr) -> Optional[str]:
    if _is_select(node) and isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if isinstance(node, ast.Name) and node.id[:1].isupper():
        return node.id
    if isinstance(node, ast.Attribute) and node.attr[:1].isupper():
        return node.attr
    return None
