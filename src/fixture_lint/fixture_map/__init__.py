"""``fixture-lint map``: which fixture each test gets, through the hierarchy, without
importing anything (the static answer to ``pytest --fixtures-per-test``)."""
from __future__ import annotations

from .command import main
from .resolution import DefinitionInfo, FixtureUse, Resolver, TestEntry

__all__ = ["DefinitionInfo", "FixtureUse", "Resolver", "TestEntry", "main"]
