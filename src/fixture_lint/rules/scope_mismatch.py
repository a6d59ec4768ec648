"""FXL104 scope-mismatch: a fixture requests a narrower-scoped one (pytest's ScopeMismatch).

Names are resolved where the tests are: a fixture above can be fine in one directory and
fail in another, where an override of what it requests has a narrower scope.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional

from ..context import ModuleContext
from ..fixture_map.resolution import DefinitionInfo, Resolver, has_user, info_of, positions, resolver_for
from ..model.facts import SCOPE_RANK, FixtureDef, ModuleFacts
from ..model.hierarchy import defines_fixture_name, test_files_below
from ..rule import Diagnostic, Rule


class ScopeMismatch(Rule):
    """A fixture requests a fixture of narrower scope: pytest fails its tests at setup."""

    code = "FXL104"
    name = "scope-mismatch"
    summary = "a fixture requests a fixture of narrower scope (pytest's ScopeMismatch at setup)"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        resolver = resolver_for(ctx.index)
        for fixture in ctx.facts.fixtures:
            if fixture.node is None or fixture.scope is None or SCOPE_RANK[fixture.scope] == 0:
                continue
            names = [n for n in fixture.requested if n != "request"]
            if not names:
                continue
            own = info_of(fixture, ctx.path, ctx.index)
            here = _narrower(resolver, own, ctx.path, ctx.facts, fixture.class_name, names)
            span = ctx.def_name_span(fixture.node)
            if here is not None:
                yield ctx.report(self, fixture.node, _message(fixture, here, None), span=span)
                continue
            if ctx.is_conftest:
                yield from self._below(ctx, fixture, own, names, span)

    def _below(
        self, ctx: ModuleContext, fixture: FixtureDef, own: DefinitionInfo, names: list[str], span: tuple[int, int, int, int]
    ) -> Iterator[Diagnostic]:
        assert fixture.node is not None
        resolver = resolver_for(ctx.index)
        places: dict[str, list[str]] = {}
        narrow_of: dict[str, DefinitionInfo] = {}
        for path in test_files_below(ctx.index, ctx.path.parent):
            if path == ctx.path or not defines_fixture_name(ctx.index, path, names):
                continue
            facts = ctx.index.modules.facts(path)
            if facts is None:
                continue
            for class_name in positions(facts) if path.name != "conftest.py" else [None]:
                narrow = _narrower(resolver, own, path, facts, class_name, names)
                if narrow is None or not has_user(ctx.index, resolver, own, path, facts, class_name, ctx.settings.preview):
                    continue  # no test there gets the wide fixture: nothing fails
                where = ctx.project.display(path.parent) if path.name == "conftest.py" else ctx.project.display(path)
                if class_name:
                    where += f"::{class_name.replace('.', '::')}"
                places.setdefault(narrow.location, []).append(where)
                narrow_of[narrow.location] = narrow
        for location, wheres in places.items():
            yield ctx.report(self, fixture.node, _message(fixture, narrow_of[location], sorted(set(wheres))), span=span)


def _narrower(resolver: Resolver, own: DefinitionInfo, path: Path, facts: ModuleFacts, class_name: Optional[str], names: list[str]) -> Optional[DefinitionInfo]:
    """The first requested definition narrower than ``own`` as seen from a position where
    ``own`` is the definition its name resolves to; ``None`` if none (or unknown scopes)."""
    chain = resolver.candidates(own.name, path, facts, class_name)
    keys = [d.key for d in chain]
    if own.key not in keys:
        return None
    if keys[0] != own.key and not all(own.name in d.requested for d in chain[: keys.index(own.key)]):
        return None
    assert own.scope is not None
    for name in names:
        candidates = resolver.candidates(name, path, facts, class_name)
        if name == own.name:
            candidates = candidates[keys.index(own.key) + 1 :]
        if not candidates or candidates[0].scope is None:
            continue
        if SCOPE_RANK[candidates[0].scope] < SCOPE_RANK[own.scope]:
            return candidates[0]
    return None


def _message(fixture: FixtureDef, narrow: DefinitionInfo, places: Optional[list[str]]) -> str:
    what = f"`{narrow.name}` from {narrow.location}" if narrow.is_builtin else f"`{narrow.name}` ({narrow.location})"
    head = f"{fixture.scope}-scoped fixture `{fixture.name}` requests {narrow.scope}-scoped {what}"
    if places is None:
        return f"{head}: pytest fails every test that uses it with ScopeMismatch"
    shown = ", ".join(places[:3]) + (f" and {len(places) - 3} more" if len(places) > 3 else "")
    return f"{head} in {shown}: pytest fails the tests there that use `{fixture.name}` with ScopeMismatch"
