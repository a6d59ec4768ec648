"""FXL401 shadowed-fixture."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Iterator

from ..context import ModuleContext
from ..model.facts import FixtureDef
from ..model.hierarchy import Definition
from ..rule import Diagnostic, Rule


@dataclass(frozen=True)
class ShadowedFixtureOptions:
    """``[tool.fixture-lint.shadowed-fixture]``."""

    allow: tuple[str, ...] = ()
    """Fixture names that may be redefined without a finding (meant to be overridden)."""


class ShadowedFixture(Rule):
    """A fixture redefines a name already defined above it, so tests silently get a
    different fixture depending on their directory, class or module."""

    code = "FXL401"
    name = "shadowed-fixture"
    summary = "fixture redefines a fixture of the same name from a conftest.py above it, a plugin or pytest"
    options_class: ClassVar[type] = ShadowedFixtureOptions

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self, ShadowedFixtureOptions)
        for fixture in ctx.facts.fixtures:
            if fixture.requests_itself or fixture.name in options.allow or fixture.node is None:
                continue
            shadowed = ctx.index.shadowed_by(fixture, ctx.path, ctx.facts)
            if shadowed is None or not _is_silent(fixture, shadowed, ctx):
                continue
            if shadowed.path is not None:
                what = f"`{shadowed.name}` defined at {shadowed.display}"
            else:
                what = shadowed.display
            label = f"fixture `{fixture.name}`"
            if fixture.function != fixture.name:
                label += f" (function `{fixture.function}`)"
            message = (
                f"{label} shadows {what}; rename one of them, "
                f"or request `{fixture.name}` in this fixture to extend it"
            )
            yield ctx.report(self, fixture.node, message, span=ctx.def_name_span(fixture.node))


def _is_silent(fixture: FixtureDef, shadowed: Definition, ctx: ModuleContext) -> bool:
    """Whether the redefinition hides something a reader would not expect.

    Not silent: a plugin fixture documented as meant to be overridden; a placeholder
    fixture (``raise NotImplementedError``) that exists to be overridden; a class-level
    fixture narrowing a fixture of its own module, in plain sight in the same file.
    """
    if shadowed.known is not None:
        return not shadowed.known.overridable
    if shadowed.fixture is None:
        return True
    if shadowed.fixture.abstract:
        return False
    if shadowed.path == ctx.path and shadowed.fixture.class_name != fixture.class_name:
        return False
    return True
