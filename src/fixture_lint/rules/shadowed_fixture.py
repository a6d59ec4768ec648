"""FXL401 shadowed-fixture.

Overriding a fixture per directory, module or class is a documented pytest feature, so a
plain override is a preview finding. By default only the overrides that are likely
accidents are reported: one name bound twice in one scope (the other binding is dead), an
override that widens the scope or changes ``autouse`` of what it hides, an identical copy, and a
test module's built-in look-alike that fixtures from above it receive instead of pytest's.
"""
from __future__ import annotations

import ast
import re
import dataclasses
from dataclasses import dataclass
from typing import ClassVar, Iterator, Optional

from ..context import ModuleContext
from ..model.facts import (
    SCOPE_RANK,
    BodyFingerprint,
    FixtureDef,
    ImportedName,
    Placement,
    body_fingerprint,
    definition_placements,
    exclusive_branches,
    is_trivial_body,
    name_is_referenced,
)
from ..model.hierarchy import Definition
from ..rule import Diagnostic, Edit, Fix, RelatedLocation, Rule


@dataclass(frozen=True)
class ShadowedFixtureOptions:
    """``[tool.fixture-lint.shadowed-fixture]``."""

    allow: tuple[str, ...] = ()
    """Fixture names that may be redefined without a finding (meant to be overridden)."""


@dataclass(frozen=True)
class _Binding:
    """One way a fixture name gets into a module or class: a definition or an import."""

    name: str
    attribute: str
    """The module/class attribute holding it: pytest reads them in ``dir()`` order."""
    lineno: int
    placement: Placement
    fixture: Optional[FixtureDef] = None
    imported: Optional[ImportedName] = None
    source: Optional[Definition] = None


class ShadowedFixture(Rule):
    """A fixture hides another of the same name in a way that is likely an accident."""

    code = "FXL401"
    name = "shadowed-fixture"
    summary = (
        "fixture bound twice in one scope, or an override that widens scope, changes autouse,"
        " copies its parent, or hides a built-in from fixtures that need it"
    )
    fix_title = "Delete the duplicate definition"
    fix_applicability = "safe"
    options_class: ClassVar[type] = ShadowedFixtureOptions

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        options = ctx.options(self, ShadowedFixtureOptions)
        for group in _groups(ctx, options.allow).values():
            losers = {id(b): _winner_over(b, group) for b in group}
            for binding in group:
                winner = losers[id(binding)]
                if winner is not None:
                    yield self._duplicate(ctx, binding, winner)
                elif binding.fixture is not None:
                    yield from self._override(ctx, binding, group)

    # -- one name bound twice in one scope ---------------------------------------------
    def _duplicate(self, ctx: ModuleContext, loser: _Binding, winner: _Binding) -> Diagnostic:
        where = "this module" if loser.fixture is None or loser.fixture.class_name is None else "this class"
        if loser.imported is not None and winner.imported is not None:
            message = (
                f"fixture `{loser.name}` is imported twice into {where} (from `{loser.imported.source}`"
                f" and `{winner.imported.source}`); the import at line {winner.lineno} wins"
            )
        else:
            kind = "import" if winner.imported is not None else "definition"
            order = "later " if winner.lineno > loser.lineno else ""
            twice = "defined twice" if (loser.imported, winner.imported) == (None, None) else "both imported and defined"
            message = f"fixture `{loser.name}` is {twice} in {where}; the {order}{kind} at line {winner.lineno} wins"
        fix = None
        if loser.fixture is not None and winner.fixture is not None and loser.fixture.node is not None:
            if _fingerprint(ctx, loser.fixture).decorated == _fingerprint(ctx, winner.fixture).decorated:
                message += " (an identical copy)"
                fix = self._delete(ctx, loser, keep=winner.fixture)
        if loser.imported is not None:
            node: ast.AST = loser.imported.node if hasattr(loser.imported.node, "lineno") else loser.imported.statement
            return ctx.report(self, node, message)
        assert loser.fixture is not None and loser.fixture.node is not None
        return ctx.report(self, loser.fixture.node, message, fix=fix, span=ctx.def_name_span(loser.fixture.node))

    # -- an override of a fixture from an outer scope -----------------------------------
    def _override(self, ctx: ModuleContext, binding: _Binding, group: list[_Binding]) -> Iterator[Diagnostic]:
        fixture = binding.fixture
        assert fixture is not None and fixture.node is not None
        first = min((b.fixture for b in group if b.fixture is not None), key=lambda f: f.lineno)
        parent = ctx.index.shadowed_by(first, ctx.path, ctx.facts)
        if parent is None or parent.path == ctx.path or not _hides_silently(parent):
            return
        if _requests_parent(ctx, fixture):
            return
        span = ctx.def_name_span(fixture.node)
        cause = _accident(ctx, fixture, parent)
        fix = None
        if cause in ("copy", "fixable copy"):
            message = f"fixture `{fixture.name}` is an identical copy of {_named(parent)}"
            # Deleting a wider copy would merge two cached instances into one: no fix.
            if cause == "fixable copy" and fixture.scope == "function":
                fix = self._delete(ctx, binding, keep=None)
        elif cause is not None:
            message = cause
        elif ctx.settings.preview:
            message = f"fixture `{fixture.name}` overrides {_named(parent)}"
        else:
            return
        diagnostic = ctx.report(self, fixture.node, message, fix=fix, span=span)
        if parent.path is not None and parent.fixture is not None:
            hidden = RelatedLocation(str(parent.path), parent.fixture.lineno, parent.fixture.col + 1, f"`{parent.name}` is defined here")
            diagnostic = dataclasses.replace(diagnostic, related=(hidden,))
        yield diagnostic

    def _delete(self, ctx: ModuleContext, binding: _Binding, keep: Optional[FixtureDef]) -> Optional[Fix]:
        """Delete a definition, with the blank lines after it: never the only statement of
        its block, never one whose Python name other code in the module reads."""
        fixture = binding.fixture
        assert fixture is not None and fixture.node is not None
        node = fixture.node
        if binding.placement.block_size < 2:
            return None
        outside: list[ast.AST] = [node]
        if keep is not None and keep.node is not None:
            outside.append(keep.node)
        elsewhere = _named_elsewhere(ctx, fixture.function, outside)
        if elsewhere and name_is_referenced(ctx.tree, fixture.function, outside, elsewhere):
            return None
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        end = node.end_lineno or node.lineno
        last = len(ctx.source.lines)
        while end < last and not ctx.source.line(end + 1).strip():
            end += 1
        if end < last:
            edit = Edit("", start, 1, end + 1, 1)
        else:
            # The last definition of the file: take the blank lines before it, and keep
            # the newline that ends the line above.
            while start > 1 and not ctx.source.line(start - 1).strip():
                start -= 1
            if start > 1:
                edit = Edit("", start - 1, len(ctx.source.line(start - 1)) + 1, end, len(ctx.source.line(end)) + 1)
            else:
                edit = Edit("", start, 1, end, len(ctx.source.line(end)) + 1)
        return Fix("safe", self.fix_title or "", (edit,))


def _groups(ctx: ModuleContext, allow: tuple[str, ...]) -> dict[tuple[Optional[str], str], list[_Binding]]:
    """The bindings of each fixture name per scope (module, or class), in line order."""
    groups: dict[tuple[Optional[str], str], list[_Binding]] = {}
    nowhere = Placement((), 2)
    # Only names bound twice, or star imports, are worth reading another module for.
    bound = {f.function for f in ctx.facts.fixtures if f.class_name is None} | {f.name for f in ctx.facts.fixtures}
    imports = ctx.facts.from_imports
    seen: dict[str, int] = {}
    for imported in imports:
        seen[imported.bound] = seen.get(imported.bound, 0) + 1
    worth = [i for i in imports if i.bound == "*" or i.bound in bound or seen[i.bound] > 1]
    if not ctx.facts.fixtures and not worth:
        return groups  # nothing here can bind a fixture twice: not worth the placements' walk
    placements = definition_placements(ctx.tree)
    for fixture in ctx.facts.fixtures:
        if fixture.node is None or fixture.name in allow:
            continue
        placement = placements.get(id(fixture.node), nowhere)
        groups.setdefault((fixture.class_name, fixture.name), []).append(
            _Binding(fixture.name, fixture.function, fixture.lineno, placement, fixture=fixture)
        )
    for imported in worth:
        for source in ctx.index.imported_fixtures(ctx.path, imported):
            if source.name in allow:
                continue
            attribute = source.fixture.function if imported.bound == "*" and source.fixture else imported.bound
            groups.setdefault((None, source.name), []).append(
                _Binding(source.name, attribute, imported.lineno, placements.get(id(imported.statement), nowhere), imported=imported, source=source)
            )
    for group in groups.values():
        group.sort(key=lambda b: b.lineno)
    return groups


def _winner_over(binding: _Binding, group: list[_Binding]) -> Optional[_Binding]:
    """The binding that makes ``binding`` dead, if any: a later one of the same
    attribute (a rebinding), or a surviving one pytest registers after it (``dir()``
    order). Bindings in exclusive ``if``/``else`` or ``try``/``except`` arms never meet.
    A definition after a star import is a deliberate override, not a duplicate."""
    def meets(other: _Binding) -> bool:
        return other is not binding and not exclusive_branches(binding.placement.branch, other.placement.branch)

    def survives(candidate: _Binding) -> bool:
        return not any(
            o.attribute == candidate.attribute and o.lineno > candidate.lineno and meets(o) for o in group
        )

    for other in reversed(group):
        if other.attribute == binding.attribute and other.lineno > binding.lineno and meets(other):
            return None if _star_then_def(binding, other) else other
    rivals = [o for o in group if meets(o) and o.attribute > binding.attribute and survives(o)]
    rivals = [o for o in rivals if not _star_then_def(binding, o)]
    return max(rivals, key=lambda o: o.attribute) if rivals else None


def _star_then_def(first: _Binding, second: _Binding) -> bool:
    earlier, later = sorted((first, second), key=lambda b: b.lineno)
    return earlier.imported is not None and earlier.imported.bound == "*" and later.fixture is not None


def _hides_silently(parent: Definition) -> bool:
    """A documented override point of a plugin, or a ``raise NotImplementedError``
    placeholder, exists to be overridden: hiding it is never a finding."""
    if parent.known is not None:
        return not parent.known.overridable
    return parent.fixture is None or not parent.fixture.abstract


def _requests_parent(ctx: ModuleContext, fixture: FixtureDef) -> bool:
    """Whether the override reaches the fixture it hides, directly (``def db(db)``) or
    through its dependencies (pytest hands a dependency's request of ``db`` the parent)."""
    todo: list[str] = list(fixture.requested)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name == fixture.name:
            return True
        if name in seen or len(seen) > 200:
            continue
        seen.add(name)
        found = ctx.index.resolve(name, ctx.path, ctx.facts, fixture.class_name)
        if found is not None and found.fixture is not None:
            todo.extend(found.fixture.requested)
    return False


def _accident(ctx: ModuleContext, fixture: FixtureDef, parent: Definition) -> Optional[str]:
    """Why this override is likely an accident, or None: "copy" / "fixable copy" for an
    identical copy, else the message."""
    assert fixture.node is not None
    if parent.fixture is not None and parent.fixture.node is not None and parent.path is not None:
        mine = _fingerprint(ctx, fixture)
        theirs = _fingerprint_of(ctx, parent)
        # Code that asks where it is defined means the same only in the same directory.
        comparable = mine.portable and theirs is not None and theirs.portable
        if comparable and theirs is not None and (mine.located or theirs.located):
            comparable = parent.path.parent == ctx.path.parent
        if comparable and theirs is not None and mine.undecorated == theirs.undecorated:
            if mine.decorated == theirs.decorated:
                return "copy" if mine.located or theirs.located else "fixable copy"
            return (
                f"fixture `{fixture.name}` copies {_named(parent)} but for its scope"
                f" ({fixture.scope or 'dynamic'} instead of {parent.scope or 'dynamic'})"
            )
    parent_autouse = parent.fixture.autouse if parent.fixture is not None else False
    # A narrower override cannot share more than its parent did (a wider fixture that
    # needs it fails loudly with ScopeMismatch): only a wider one is a silent change.
    if fixture.scope in SCOPE_RANK and parent.scope in SCOPE_RANK:
        if SCOPE_RANK[fixture.scope] > SCOPE_RANK[parent.scope or ""]:
            return f"override of {_named(parent)} widens scope {parent.scope} → {fixture.scope}"
    if fixture.autouse and not parent_autouse:
        return f"override of {_named(parent)} adds autouse"
    if parent_autouse and not fixture.autouse and not is_trivial_body(fixture.node):
        # pytest collects autouse *names*: the override runs for every test below it.
        return f"override of {_named(parent)} is not marked autouse, yet runs for every test below it as its parent did"
    if parent.known is not None and not ctx.is_conftest:
        receiver = _receiver_above(ctx, fixture)
        if receiver is not None:
            return f"fixture `{fixture.name}` hides {parent.display} from `{receiver.name}` ({receiver.display}), which requests it"
    return None


def _receiver_above(ctx: ModuleContext, fixture: FixtureDef) -> Optional[Definition]:
    """A fixture from a conftest.py or plugin above this module that requests the
    built-in's name and that this module's tests use: it was written for the built-in,
    and pytest hands it this module's look-alike."""
    above: dict[tuple[str, int], None] = {}
    for layer in ctx.index.layers(ctx.path, ctx.facts):
        if layer.kind in ("conftest", "plugin"):
            for other in layer.facts.fixtures:
                if fixture.name in other.requested and other.class_name is None:
                    above[(str(layer.path), other.lineno)] = None
    if not above:
        return None
    tests = [t for t in ctx.facts.tests if fixture.class_name is None or (t.class_name or "").startswith(fixture.class_name)]
    todo: list[tuple[str, Optional[str]]] = [(n, t.class_name) for t in tests for n in t.requested + t.usefixtures]
    todo += [(n, None) for n in ctx.facts.pytestmark_usefixtures]
    for layer in ctx.index.layers(ctx.path, ctx.facts):
        todo += [(f.name, None) for f in layer.facts.fixtures if f.autouse and f.class_name is None]
    seen: set[tuple[str, Optional[str]]] = set()
    while todo and len(seen) < 500:
        key = todo.pop()
        if key in seen or key[0] == fixture.name:
            continue
        seen.add(key)
        found = ctx.index.resolve(key[0], ctx.path, ctx.facts, key[1])
        if found is None or found.fixture is None:
            continue
        if (str(found.path), found.fixture.lineno) in above:
            return found
        todo += [(n, key[1]) for n in found.fixture.requested]
    return None


def _fingerprint(ctx: ModuleContext, fixture: FixtureDef) -> BodyFingerprint:
    assert fixture.node is not None
    return body_fingerprint(fixture.node, ctx.facts.resolver, is_method=fixture.class_name is not None)


def _fingerprint_of(ctx: ModuleContext, parent: Definition) -> Optional[BodyFingerprint]:
    if parent.fixture is None or parent.fixture.node is None or parent.path is None:
        return None
    facts = ctx.facts if parent.path == ctx.path else ctx.index.modules.facts(parent.path)
    if facts is None:
        return None
    return body_fingerprint(parent.fixture.node, facts.resolver, is_method=parent.fixture.class_name is not None)


def _named(parent: Definition) -> str:
    if parent.path is not None:
        return f"`{parent.name}` ({parent.display})"
    return parent.display


def _named_elsewhere(ctx: ModuleContext, name: str, outside: list[ast.AST]) -> list[int]:
    """A cheap text test before the walk: the lines outside ``outside``'s lines where
    ``name`` occurs as a word (most copies' names occur nowhere else)."""
    spans = [
        (min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", [])]), getattr(n, "end_lineno", None) or n.lineno)
        for n in outside
        if hasattr(n, "lineno")
    ]
    word = re.compile(rf"\b{re.escape(name)}\b")
    return [
        number
        for number, line in enumerate(ctx.source.lines, start=1)
        if name in line and not any(first <= number <= last for first, last in spans) and word.search(line)
    ]
