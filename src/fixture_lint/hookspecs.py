"""Every pluggy hook specification of fixture-lint, and nothing else.

Plugins register through the entry-point group ``fixture_lint``; the built-in rules
and data tables are registered through these same hooks.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

if TYPE_CHECKING:
    from .model.known import KnownFixture
    from .rule import Rule

PROJECT_NAME = "fixture_lint"
hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def fixture_lint_rules() -> Sequence[type[Rule]]:
    """Return rule classes (subclasses of :class:`fixture_lint.Rule`) to register."""
    raise NotImplementedError


@hookspec
def fixture_lint_known_fixtures() -> Sequence[KnownFixture]:
    """Return fixtures provided outside the analysed code (by pytest or a plugin),
    with their scopes, so that requests for them resolve and redefinitions are seen."""
    raise NotImplementedError
