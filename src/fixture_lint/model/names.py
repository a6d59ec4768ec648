"""Qualified names of imported objects: ``pt.fixture`` -> ``pytest.fixture``.

The resolver is filled from import statements during the one pass over a module
(``model.facts``) and answers for any ``Name`` / ``Attribute`` chain.
"""
from __future__ import annotations

import ast
from typing import Optional


class NameResolver:
    """Maps local names bound by imports to the qualified names they stand for."""

    __slots__ = ("_bindings",)

    def __init__(self) -> None:
        self._bindings: dict[str, str] = {}

    def add_import(self, node: ast.Import | ast.ImportFrom) -> None:
        """Record the names an import statement binds."""
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self._bindings[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    self._bindings[top] = top
            return
        if node.level:  # relative imports name the analysed code, never pytest & co.
            module = "." * node.level + (node.module or "")
        else:
            module = node.module or ""
        for alias in node.names:
            if alias.name == "*":
                continue
            self._bindings[alias.asname or alias.name] = f"{module}.{alias.name}"

    def bind_local(self, name: str) -> None:
        """A module-level assignment or def rebinds ``name``: it no longer names an import."""
        self._bindings.pop(name, None)

    def qualified_name(self, node: ast.AST) -> Optional[str]:
        """``pytest.fixture`` for ``fixture`` after ``from pytest import fixture``, etc.

        Calls are looked through (``pytest.fixture(scope=...)`` names ``pytest.fixture``).
        Returns ``None`` for anything that is not a dotted name rooted in an import.
        """
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        base = self._bindings.get(node.id)
        if base is None:
            return None
        parts.append(base)
        return ".".join(reversed(parts))

    def local_name(self, node: ast.AST) -> Optional[str]:
        """The dotted source text of a ``Name``/``Attribute`` chain, imported or not."""
        return dotted_name(node)


def dotted_name(node: ast.AST) -> Optional[str]:
    """``a.b.c`` for a ``Name``/``Attribute`` chain, else ``None``."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))
