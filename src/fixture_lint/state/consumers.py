"""Who sees a wide fixture's value after a test changed it, and whether the change is
overwritten before anyone reads it: the fixture's visible consumers in the module, and
the place a change writes (:func:`overwritten_place`)."""
from __future__ import annotations

import ast
from typing import Callable, Optional

from ..model.facts import ModuleFacts
from .mutation import FunctionNode, Mutation, _flat_targets, dotted


def overwritten_place(mutation: Mutation) -> Optional[tuple[str, object]]:
    """``("attr", "stats")`` for ``obj.stats = v``, ``("item", "k")`` for ``obj["k"] = v``
    (a plain overwrite of one place directly on the received value), else ``None``."""
    node = mutation.node
    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or mutation.name != mutation.root:
        return None
    target = mutation.target
    if dotted(getattr(target, "value", None) or target) != mutation.root:
        return None
    if isinstance(target, ast.Attribute):
        return "attr", target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return "item", target.slice.value
    return None


def visible_consumers(
    facts: ModuleFacts, fixture_name: str, gets_it: Callable[[str, Optional[str]], bool]
) -> Optional[list[FunctionNode]]:
    """The tests of a test module that get the module's own fixture ``fixture_name``
    (``gets_it(name, class_name)``: the name resolves to that fixture there), when they
    are all there is to see: ``None`` when another fixture requests it, it is autouse, or
    it is used through ``usefixtures``, or the fixture stores it somewhere else too
    (``request.cls.config = config``): its value then reaches code not read here."""
    for fixture in facts.fixtures:
        if fixture.name == fixture_name and (fixture.autouse or fixture.node is None or _stashes(fixture.node)):
            return None
        if fixture_name in fixture.requested:
            return None
    if fixture_name in facts.pytestmark_usefixtures:
        return None
    if any(fixture_name in klass.usefixtures for klass in facts.classes):
        return None
    found: list[FunctionNode] = []
    for test in facts.tests:
        if fixture_name in test.usefixtures:
            return None
        if fixture_name not in test.requested or not gets_it(fixture_name, test.class_name):
            continue
        if test.node is None:
            return None
        found.append(test.node)
    return found


def _stashes(node: FunctionNode) -> bool:
    """Whether a fixture's body writes anything into an attribute, an item or a global."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Global):
            return True
        if isinstance(inner, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target]
            if any(not isinstance(t, ast.Name) for target in targets for t in _flat_targets([target])):
                return True
    return False


def overwritten_before_read(function: FunctionNode, name: str, place: tuple[str, object]) -> bool:
    """Whether ``function`` (which receives a value as ``name``) sets ``place`` before it
    could read it, or never reads it: walking its statements in order (and into ``with``
    blocks), the first statement that touches ``place`` is a plain assignment of it
    (``tr.stats = {...}``) whose value does not use ``name``. Reading another attribute or
    constant key (``tr.verbose``, ``cfg["other"]``) or writing one is not a read of
    ``place``; calling a method of the value or passing it on (``tr.build()``,
    ``f(tr)``) may read anything, and so does any use inside another compound statement."""
    kind, key = place

    def assigns(statement: ast.stmt) -> bool:
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
            return False
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        value = statement.value
        if value is None or any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(value)):
            return False
        return any(_is_place(t, name, kind, key) for t in targets)

    def harmless(statement: ast.AST) -> bool:
        parents: dict[int, ast.AST] = {}
        for outer in ast.walk(statement):
            for child in ast.iter_child_nodes(outer):
                parents[id(child)] = outer
        for node in ast.walk(statement):
            if not (isinstance(node, ast.Name) and node.id == name):
                continue
            parent = parents.get(id(node))
            if isinstance(parent, ast.Attribute) and parent.value is node:
                if kind == "attr" and parent.attr == key:
                    return False
                holder = parents.get(id(parent))
                if isinstance(holder, ast.Call) and holder.func is parent:
                    return False  # a method of the value: may read anything
                continue
            if isinstance(parent, ast.Subscript) and parent.value is node:
                if isinstance(parent.slice, ast.Constant) and not (kind == "item" and parent.slice.value == key):
                    continue
                return False
            return False
        return True

    def walk(statements: list[ast.stmt]) -> Optional[bool]:
        for statement in statements:
            if assigns(statement):
                return True
            if isinstance(statement, (ast.With, ast.AsyncWith)):
                if not all(harmless(item) for item in statement.items):
                    return False
                inner = walk(statement.body)
                if inner is not None:
                    return inner
                continue
            if not harmless(statement):
                return False
        return None

    return walk(function.body) is not False


def _is_place(target: ast.expr, name: str, kind: str, key: object) -> bool:
    if kind == "attr":
        return isinstance(target, ast.Attribute) and target.attr == key and dotted(target.value) == name
    return (
        isinstance(target, ast.Subscript) and dotted(target.value) == name
        and isinstance(target.slice, ast.Constant) and target.slice.value == key
    )
