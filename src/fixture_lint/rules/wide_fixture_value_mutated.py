"""FXL102 wide-fixture-value-mutated."""
from __future__ import annotations

import ast
import weakref
from dataclasses import dataclass
from typing import ClassVar, Iterator, Optional

from ..context import ModuleContext
from ..model.facts import SCOPE_RANK, FixtureDef, FunctionNode
from ..model.hierarchy import Definition
from ..model.bodies import BodyIndex
from ..model.loader import ParsedModule
from ..state.consumers import overwritten_before_read, overwritten_place, visible_consumers
from ..state.mutability import Mutability, applicable_parametrize, handed_on, is_indirect, returned_values
from ..state.mutation import (
    FunctionScope,
    Mutation,
    container_kind,
    find_mutations,
    first_per_name,
    is_restored,
    runs_sharing,
    xunit_teardown_restores,
)
from ..rule import Diagnostic, Rule


_HANDED_ON: "weakref.WeakKeyDictionary[ast.AST, Optional[str]]" = weakref.WeakKeyDictionary()
"""What a conftest/plugin fixture hands on (see ``handed_on``), per function node: those
trees are parsed once per run and requested from every test module below them."""

_KINDS: "weakref.WeakKeyDictionary[ast.AST, Optional[str]]" = weakref.WeakKeyDictionary()
"""The container kind of what a conftest/plugin fixture returns (see ``container_kind``)."""

MEANT_TO_BE_CHANGED = frozenset({"doctest_namespace"})
"""Wide fixtures whose documented use is to be filled in by narrower fixtures."""


@dataclass(frozen=True)
class WideFixtureValueMutatedOptions:
    """``[tool.fixture-lint.wide-fixture-value-mutated]``."""

    allow: tuple[str, ...] = ()
    """Fixture names whose value tests may change (shared on purpose)."""


class WideFixtureValueMutated(Rule):
    """A test or a narrower fixture changes, in place, the value of a fixture with a
    wider scope, so the change is seen by every later test that shares it."""

    code = "FXL102"
    name = "wide-fixture-value-mutated"
    preview = True  # 2 of 3 findings worth acting on in the ecosystem check
    summary = "a test or narrower fixture mutates the value of a wider-scoped fixture"
    options_class: ClassVar[type] = WideFixtureValueMutatedOptions

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self, WideFixtureValueMutatedOptions)
        allowed = MEANT_TO_BE_CHANGED | frozenset(options.allow)
        resolved: dict[tuple[str, Optional[str]], Optional[Definition]] = {}
        sources: dict[int, tuple[Definition, list[Definition]]] = {}
        for test in ctx.facts.tests:
            if test.node is None:
                continue
            direct = {
                argname
                for parametrize in applicable_parametrize(ctx.facts, test)
                for argname in parametrize.argnames
                if not is_indirect(parametrize, argname)
            }
            names = [name for name in test.requested if name not in direct and name not in allowed]
            who = f"test `{test.name}`"
            yield from self._check_function(ctx, test.node, names, 0, who, test.class_name, None, resolved, sources)
        for fixture in ctx.facts.fixtures:
            if fixture.node is None or fixture.scope is None:
                continue
            names = [name for name in fixture.requested if name != "request" and name not in allowed]
            who = f"{fixture.scope}-scoped fixture `{fixture.name}`"
            rank = SCOPE_RANK[fixture.scope]
            yield from self._check_function(ctx, fixture.node, names, rank, who, fixture.class_name, fixture, resolved, sources)

    def _check_function(
        self,
        ctx: ModuleContext,
        node: FunctionNode,
        names: list[str],
        rank: int,
        who: str,
        class_name: Optional[str],
        own: Optional[FixtureDef],
        resolved: dict[tuple[str, Optional[str]], Optional[Definition]],
        sources: dict[int, tuple[Definition, list[Definition]]],
    ) -> Iterator[Diagnostic]:
        if rank >= SCOPE_RANK["session"]:
            return
        wider: dict[str, tuple[Definition, list[Definition]]] = {}
        for name in names:
            if own is not None and name == own.name:
                # An override that requests the fixture it overrides gets the one above it.
                definition = ctx.index.shadowed_by(own, ctx.path, ctx.facts)
            else:
                key = (name, class_name)
                if key not in resolved:
                    resolved[key] = ctx.index.resolve(name, ctx.path, ctx.facts, class_name)
                definition = resolved[key]
            if definition is None or definition.scope is None:
                continue
            source, via = self._source(ctx, definition, sources)
            if source.scope is None or SCOPE_RANK[source.scope] <= rank:
                continue
            if source.path == ctx.path and not ctx.is_conftest and source.fixture is not None:
                # A test module's own fixture is seen by that module only: with a single
                # test run, nothing runs later to see the change.
                if runs_sharing(ctx.facts, source.fixture.name) <= 1:
                    continue
            wider[name] = (source, via)
        if not wider:
            return  # nothing to look for: the body is not walked
        scope = FunctionScope(node, ctx.body(node))
        kinds = {name: self._kind(ctx, source) for name, (source, _) in wider.items()}
        mutations = find_mutations(node, scope, list(wider), kinds=kinds)
        if mutations and class_name is not None and own is None:
            klass = next((c.node for c in ctx.facts.classes if c.name == class_name), None)
            if klass is not None:
                restores = xunit_teardown_restores(klass, list(wider), ctx.body)
                mutations = [m for m in mutations if not is_restored(m, restores)]
        mutations = [m for m in mutations if not self._overwritten_by_every_reader(ctx, m, wider[m.root])]
        for mutation in first_per_name(mutations):
            definition, via = wider[mutation.root]
            if definition.fixture is not None:
                where = f" (defined at {definition.display})"
            else:
                where = f" ({definition.display})"
            if via:
                where += ", handed on by " + ", then ".join(
                    f"fixture `{d.name}` ({d.display})" for d in reversed(via)
                )
            message = (
                f"{who} mutates `{mutation.root}`, the value of {definition.scope}-scoped fixture "
                f"`{definition.name}`{where}: {mutation.how} on `{mutation.location}`, which every "
                f"later test that shares it sees"
            )
            remedy = "Change a copy (`copy.deepcopy`), undo the change in teardown, or narrow the fixture's scope"
            yield ctx.report(self, mutation.node, message, help=remedy)

    def _overwritten_by_every_reader(
        self, ctx: ModuleContext, mutation: Mutation, source: tuple[Definition, list[Definition]]
    ) -> bool:
        """A plain overwrite of one place (``tr.stats = ...``) of a test module's own
        fixture, when every test of the module that gets the fixture sets that place
        before it could read it (the changing test included, for its reruns): the written
        value is never seen by anyone else. Only a test module's own fixture has all its
        readers in view."""
        definition, via = source
        fixture = definition.fixture
        if via or fixture is None or definition.path != ctx.path or ctx.is_conftest:
            return False
        place = overwritten_place(mutation)
        if place is None:
            return False

        def gets_it(name: str, class_name: Optional[str]) -> bool:
            found = ctx.index.resolve(name, ctx.path, ctx.facts, class_name)
            return found is not None and found.fixture is fixture

        consumers = visible_consumers(ctx.facts, fixture.name, gets_it)
        if not consumers:
            return False
        return all(overwritten_before_read(node, fixture.name, place) for node in consumers)

    def _kind(self, ctx: ModuleContext, definition: Definition) -> Optional[str]:
        """The container kind of the value ``definition`` hands out (``list``, ``dict``,
        ``data``...), ``None`` when its type is not known (a call to a project or library
        function, a built-in or plugin fixture)."""
        fixture = definition.fixture
        if fixture is None or fixture.node is None or definition.path is None:
            return None
        if fixture.node in _KINDS:
            return _KINDS[fixture.node]
        here = definition.path == ctx.path
        if here:
            tree, facts, body = ctx.tree, ctx.facts, ctx.body(fixture.node)
        else:
            loaded = ctx.index.modules.get(definition.path)
            if not isinstance(loaded, ParsedModule):
                return None
            tree, facts = loaded.tree, loaded.facts
            body = BodyIndex(fixture.node, facts.resolver)
        scope = FunctionScope(fixture.node, body)
        mutability = Mutability(tree, facts.constants, facts.resolver)
        found = {
            container_kind(value.kind) if value is not None else None
            for _, returned in returned_values(scope)
            for value in [mutability.of(returned, scope, body.resolver)]
        }
        kind = found.pop() if len(found) == 1 else None
        _KINDS[fixture.node] = kind
        return kind

    def _source(
        self,
        ctx: ModuleContext,
        definition: Definition,
        sources: dict[int, tuple[Definition, list[Definition]]],
    ) -> tuple[Definition, list[Definition]]:
        """Where the value of ``definition`` comes from: itself, or, for a fixture that
        hands on a requested fixture's value unchanged (an override ``def app(app):
        return app``), the definition of that one, followed up to three steps. Returns
        the source and the fixtures that handed it on (nearest first)."""
        key = id(definition.fixture.node) if definition.fixture is not None and definition.fixture.node else None
        if key is not None and key in sources:
            return sources[key]
        via: list[Definition] = []
        current = definition
        for _ in range(3):
            fixture = current.fixture
            if fixture is None or fixture.node is None or current.path is None:
                break
            here = current.path == ctx.path
            facts = ctx.facts if here else ctx.index.modules.facts(current.path)
            if facts is None:
                break
            if fixture.node in _HANDED_ON:
                name = _HANDED_ON[fixture.node]
            else:
                body = ctx.body(fixture.node) if here else BodyIndex(fixture.node, facts.resolver)
                name = handed_on(fixture.requested, FunctionScope(fixture.node, body))
                if not here:  # conftest and plugin trees live for the run: remember them
                    _HANDED_ON[fixture.node] = name
            if name is None:
                break
            if name == fixture.name:
                upstream = ctx.index.shadowed_by(fixture, current.path, facts)
            else:
                upstream = ctx.index.resolve(name, current.path, facts, fixture.class_name)
            if upstream is None or upstream.scope is None:
                break
            via.append(current)
            current = upstream
        if key is not None:
            sources[key] = (current, via)
        return current, via
