"""The shared per-function index: expected-failure blocks."""
from __future__ import annotations

import ast
import textwrap

from fixture_lint.model.bodies import BodyIndex
from fixture_lint.model.names import NameResolver

SOURCE = textwrap.dedent(
    """
    import pytest as pt
    import os

    def test_a(self):
        before = 1
        with pt.raises(ValueError):
            os.environ["A"] = "1"
            inside = 2
        with open("f") as handle, self.assertRaisesRegex(KeyError, "x"):
            also_inside = 3
        with self.other():
            outside = 4
        after = 5
    """
)


def body_of_test() -> BodyIndex:
    tree = ast.parse(SOURCE)
    resolver = NameResolver()
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            resolver.add_import(stmt)
    return BodyIndex(tree.body[2], resolver)


def test_expected_failure_blocks_cover_raises_and_assert_raises_bodies() -> None:
    body = body_of_test()
    assert body.expected_failure_blocks() == ((8, 9), (11, 11))
    inside = {a.targets[0].lineno: body.in_expected_failure(a) for a in body.of(ast.Assign)}
    assert inside == {6: False, 8: True, 9: True, 11: True, 13: False, 14: False}
