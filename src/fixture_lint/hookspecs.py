"""Every pluggy hook specification of fixture-lint, and nothing else.

Plugins register through the entry-point group ``fixture_lint``; the built-in rules
and data tables are registered through these same hooks.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

if TYPE_CHECKING:
    from .knowledge.clock import ClockFunction, TimeFreezer
    from .knowledge.fixtures import KnownFixture
    from .knowledge.ports import PortBinder
    from .knowledge.resources import Resource
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


@hookspec
def fixture_lint_resources() -> Sequence[Resource]:
    """Return calls that acquire a resource a fixture must release (``sqlite3.connect``),
    with their release statements (FXL103). A later entry for the same call wins."""
    raise NotImplementedError


@hookspec
def fixture_lint_clock_functions() -> Sequence[ClockFunction]:
    """Return functions that read the wall clock (``datetime.datetime.now``) (FXL303)."""
    raise NotImplementedError


@hookspec
def fixture_lint_time_freezers() -> Sequence[TimeFreezer]:
    """Return what freezes time: calls (``freezegun.freeze_time``), fixtures (``freezer``)
    and marks (``freeze_time``) (FXL303)."""
    raise NotImplementedError


@hookspec
def fixture_lint_port_binders() -> Sequence[PortBinder]:
    """Return calls that bind or serve a port, with where the port is passed (FXL302)."""
    raise NotImplementedError
