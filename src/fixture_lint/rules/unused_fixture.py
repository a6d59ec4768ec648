"""FXL403 unused-fixture: a fixture nothing within its reach requests.

A test module's fixture is seen by that module only; a conftest.py fixture by the tests
of its directory's subtree. When none of them (tests, fixtures, ``usefixtures`` marks,
literal ``getfixturevalue`` calls, the tests a test class inherits from its bases, in
whatever module they are defined) names it, the fixture is dead code, or a test was
meant to use it and silently does not (and so runs without the setup it needs).

Kept quiet, to stay conservative: autouse fixtures, placeholders (``raise
NotImplementedError``), names pytest or a known plugin defines (plugins request their
own fixtures, and document some as meant to be overridden), fixture modules loaded
through ``pytest_plugins`` (often shared with other projects), a name that any string
literal of the visibility contains (parametrize argnames, pytester-written code), and
every fixture of a visibility where ``getfixturevalue`` takes a computed name or a
module or a test class's base cannot be read, and an override that requests its own
name when the definition it overrides is not in the analysed code (a plugin's: the
plugin's own fixtures request it).
"""
from __future__ import annotations

from typing import Iterator, Optional

from ..context import ModuleContext
from ..fixture_map.uses import ModuleUses, mentions_any, module_uses, uses_of
from ..knowledge.fixtures import KNOWN_FIXTURES
from ..model.facts import FixtureDef
from ..model.hierarchy import test_files_below
from ..model.inheritance import inheritance_for
from ..rule import Diagnostic, Rule


class UnusedFixture(Rule):
    """A fixture that no test or fixture within its visibility requests."""

    code = "FXL403"
    name = "unused-fixture"
    summary = "a fixture that no test, fixture, usefixtures mark or getfixturevalue within its visibility requests"
    preview = True

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        known = {f.name for f in (ctx.registry.known_fixtures if ctx.registry is not None else KNOWN_FIXTURES)}
        candidates = [
            f
            for f in ctx.facts.fixtures
            if f.node is not None and not f.autouse and not f.abstract and f.name not in known
        ]
        if not candidates or (not ctx.is_conftest and ctx.index.is_fixture_module(ctx.path)):
            return
        own = module_uses(ctx.tree, ctx.facts, inheritance_for(ctx.index).of_module(ctx.path, ctx.facts))
        if own.opaque:
            return
        unused = [f for f in candidates if not _used_here(own, f) and not ctx.index.overrides_unseen(f, ctx.path, ctx.facts)]
        # a fixture above (conftest chain, its fixture modules) requesting the name
        # gets this definition when a test here asks for it: pytest resolves from the test
        above = [c for c in ctx.index.conftest_paths(ctx.path.parent) if c != ctx.path]
        for conftest in list(above):
            above.extend(ctx.index.fixture_modules(conftest))
        for path in above:
            uses = uses_of(ctx.index, path)
            if uses is None:
                return
            unused = [f for f in unused if f.name not in uses.requested and all(n != f.name for n, _ in uses.self_requests)]
        if not unused:
            return
        if ctx.is_conftest:
            below = self._used_below(ctx, unused)
            if below is None:
                return
            unused = [f for f in unused if f.name not in below]
            where = ctx.project.display(ctx.path.parent) if ctx.path.parent != ctx.project.rootdir else "."
            scope = f"below `{where}`"
        else:
            scope = "in this module"
        for fixture in unused:
            assert fixture.node is not None
            message = (
                f"fixture `{fixture.name}` is never used: no test or fixture {scope} requests it "
                "(as an argument, in `usefixtures` or through `getfixturevalue`)"
            )
            yield ctx.report(
                self,
                fixture.node,
                message,
                span=ctx.def_name_span(fixture.node),
                help=f"delete `{fixture.name}`, or request it from the tests that need it",
            )

    @staticmethod
    def _used_below(ctx: ModuleContext, fixtures: list[FixtureDef]) -> Optional[set[str]]:
        """The names of ``fixtures`` that the other modules of the conftest's subtree use;
        ``None`` when that cannot be known (an unreadable module, a computed
        ``getfixturevalue``)."""
        names = frozenset(f.name for f in fixtures)
        words = names | {"getfixturevalue"}
        modules = list(test_files_below(ctx.index, ctx.path.parent))
        for conftest in [m for m in modules if m.name == "conftest.py"]:
            modules.extend(ctx.index.fixture_modules(conftest))
        used: set[str] = set()
        for path in dict.fromkeys(modules):
            if path == ctx.path or not mentions_any(path, words):
                continue
            uses = uses_of(ctx.index, path)
            if uses is None or uses.opaque:
                return None
            used.update(n for n in names if uses.uses(n) or any(r == n for r, _ in uses.self_requests))
        return used


def _used_here(uses: ModuleUses, fixture: FixtureDef) -> bool:
    """Whether the defining module itself uses ``fixture`` (its own request of its own
    name reaches the definition it overrides, not itself)."""
    if uses.uses(fixture.name):
        return True
    return any(name == fixture.name and line != fixture.lineno for name, line in uses.self_requests)
