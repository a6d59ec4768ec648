"""FXL402 wide-fixture-overridden-dependency.

pytest resolves a fixture's dependencies from the requesting test, and builds a session
(or package) fixture once: with whichever override of its dependency the first test that
needs it sees. Tests in other directories then get a value built from another
directory's override, and which one depends on the order the tests ran in.

Module- and class-scoped fixtures are rebuilt per module or class, where the override is
fixed for their directory; only a class-level override inside the module changes what a
module-scoped fixture gets, and that is reported too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from ..context import ModuleContext
from ..fixture_map.resolution import DefinitionInfo, Resolver, has_user, info_of, positions, reaches, resolver_for
from ..model.facts import SCOPE_RANK, FixtureDef, ModuleFacts
from ..model.hierarchy import defines_fixture_name, test_files_below
from ..rule import Diagnostic, Rule

_SHARED_ACROSS_DIRECTORIES = ("session", "package")


class WideFixtureOverriddenDependency(Rule):
    """A session/package fixture depends on a name some directory below overrides."""

    code = "FXL402"
    name = "wide-fixture-overridden-dependency"
    summary = (
        "a session/package-scoped fixture depends on a fixture that a directory below overrides:"
        " its cached value depends on which directory's test ran first"
    )

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        resolver = resolver_for(ctx.index)
        for fixture in ctx.facts.fixtures:
            if fixture.node is None or fixture.scope not in ("session", "package", "module"):
                continue
            own = info_of(fixture, ctx.path, ctx.index)
            base = resolver.dependency_definitions(own, ctx.path, ctx.facts, fixture.class_name)
            if not base:
                continue
            if fixture.scope == "module":
                places = self._class_overrides(resolver, own, ctx.path, ctx.facts, base, ctx.settings.preview) if not ctx.is_conftest else []
            elif ctx.is_conftest:
                places = self._directory_overrides(ctx, resolver, own, base)
                if places and not _used_outside(ctx, resolver, own, [p[2].path for p in places if p[2].path is not None]):
                    places = []  # only the overriding directory uses it: one value, no race
            else:
                places = self._class_overrides(resolver, own, ctx.path, ctx.facts, base, ctx.settings.preview)
            if not places:
                continue
            name, override = places[0][1], places[0][2]
            wheres = sorted({where for where, n, _ in places if n == name})
            shown = ", ".join(wheres[:3]) + (f" and {len(wheres) - 3} more" if len(wheres) > 3 else "")
            message = (
                f"{fixture.scope}-scoped fixture `{fixture.name}` depends on `{name}`, which {shown} "
                f"overrides ({override.location}; here {base[name].location}): pytest builds "
                f"`{fixture.name}` once, with the `{name}` of whichever test needs it first"
            )
            yield ctx.report(self, fixture.node, message, span=ctx.def_name_span(fixture.node))

    def _directory_overrides(
        self, ctx: ModuleContext, resolver: Resolver, own: DefinitionInfo, base: dict[str, DefinitionInfo]
    ) -> list[tuple[str, str, DefinitionInfo]]:
        found = []
        for path in test_files_below(ctx.index, ctx.path.parent):
            if path == ctx.path or not defines_fixture_name(ctx.index, path, base):
                continue
            facts = ctx.index.modules.facts(path)
            if facts is None:
                continue
            for class_name in positions(facts) if path.name != "conftest.py" else [None]:
                changed = _changed(resolver, own, path, facts, class_name, base)
                if changed is None or changed[1].path != path or not has_user(ctx.index, resolver, own, path, facts, class_name, ctx.settings.preview):
                    continue
                where = ctx.project.display(path.parent) if path.name == "conftest.py" else ctx.project.display(path)
                if class_name:
                    where += f"::{class_name.replace('.', '::')}"
                found.append((where + "/" if path.name == "conftest.py" else where, changed[0], changed[1]))
        return found

    def _class_overrides(
        self, resolver: Resolver, own: DefinitionInfo, path: Path, facts: ModuleFacts, base: dict[str, DefinitionInfo], inherited: bool
    ) -> list[tuple[str, str, DefinitionInfo]]:
        """Classes of this module that override a dependency of ``own`` and have a test
        that gets ``own``; the tests a class inherits count only in preview (a default
        rule's new findings wait for the judged data)."""
        found = []
        for class_name in positions(facts)[1:]:
            changed = _changed(resolver, own, path, facts, class_name, base)
            if changed is not None and changed[1].class_name == class_name and any(t.class_name == class_name and reaches(resolver, own, path, facts, t) for t in resolver.tests(path, facts, inherited)):
                found.append((f"class {class_name}", changed[0], changed[1]))
        return found


def _changed(resolver: Resolver, own: DefinitionInfo, path: Path, facts: ModuleFacts, class_name: Optional[str], base: dict[str, DefinitionInfo]) -> Optional[tuple[str, DefinitionInfo]]:
    """The first dependency that resolves differently here, where ``own`` still wins."""
    chain = resolver.candidates(own.name, path, facts, class_name)
    if not chain or chain[0].key != own.key:
        return None
    here = resolver.dependency_definitions(own, path, facts, class_name)
    for name, definition in base.items():
        other = here.get(name)
        if other is None or other.key == definition.key or other.scope is None or own.scope is None:
            continue
        if SCOPE_RANK[other.scope] >= SCOPE_RANK[own.scope]:  # a narrower one is FXL104's ScopeMismatch
            return name, other
    return None


def _used_outside(ctx: ModuleContext, resolver: Resolver, own: DefinitionInfo, overrides: list[Path]) -> bool:
    """Some test outside every overriding place gets ``own`` too: then which one runs
    first decides the cached value (with no such test there is one value only)."""
    places = [p.parent if p.name == "conftest.py" else p for p in overrides]
    for module in test_files_below(ctx.index, ctx.path.parent):
        if module.name == "conftest.py" or any(module == p or p in module.parents for p in places):
            continue
        facts = ctx.index.modules.facts(module)
        if facts is not None and any(reaches(resolver, own, module, facts, t) for t in resolver.tests(module, facts, ctx.settings.preview)):
            return True
    return False


__all__ = ["WideFixtureOverriddenDependency", "FixtureDef"]
