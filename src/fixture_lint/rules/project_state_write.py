"""FXL308 project-state-write: a test changes state kept inside the project's own code
(a registry, a cache, a singleton, a class attribute) through the project's API, and
nothing undoes it."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Iterator, Optional

from ..context import ModuleContext
from ..model.facts import FunctionNode
from ..rule import Diagnostic, RelatedLocation, Rule
from ..state.project_state import project_writes
from ..state.project_state_tests import ModuleWrites, Write
from ..state.summaries import _NOT_PROJECT, test_module_ref


class ProjectStateWrite(Rule):
    """A test or fixture calls a project function whose summary writes shared project
    state, and no patch, reset or reload undoes it: the tests after it see the change."""

    code = "FXL308"
    name = "project-state-write"
    summary = (
        "test or fixture calls project code that writes module-level state (a registry, "
        "cache, singleton or class attribute) and nothing undoes it"
    )
    preview = True

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        resolver = ctx.facts.resolver
        if not any(
            bound.lstrip(".").split(".", 1)[0] not in _NOT_PROJECT for bound in resolver._bindings.values()
        ):
            return  # imports nothing that can be the project: nothing to follow
        writes = project_writes(ctx.index)
        module = test_module_ref(ctx.path, ctx.tree, resolver, ctx.facts.constants)
        writes.add_module(module, ctx.tree)
        judged = ModuleWrites(ctx, writes, module)
        functions: list[tuple[str, str, FunctionNode, tuple[str, ...], Optional[str]]] = []
        class_uses: dict[str, tuple[str, ...]] = {}
        for klass in ctx.facts.classes:
            class_uses[klass.name] = klass.usefixtures
        for test in ctx.facts.tests:
            if test.node is not None:
                requested = test.requested + test.usefixtures + ctx.facts.pytestmark_usefixtures
                for depth, _ in enumerate((test.class_name or "").split(".")):  # the class and those around it
                    requested += class_uses.get(".".join((test.class_name or "").split(".")[: depth + 1]), ())
                functions.append(("test", test.name, test.node, requested, test.class_name))
        for fixture in ctx.facts.fixtures:
            if fixture.node is not None:
                functions.append(("fixture", fixture.name, fixture.node, fixture.requested, fixture.class_name))
        for who, name, node, requested, class_name in functions:
            effects = judged.effects(node, ctx.body(node), module)
            if not effects.writes:
                continue
            fixtures = judged.fixtures_of(requested, class_name)
            reported: set[int] = set()
            for write in effects.writes:
                if id(write.call) in reported or judged.undone(write, effects, fixtures):
                    continue
                diagnostic = self._report(ctx, judged, who, name, node, write)
                if diagnostic is not None:
                    reported.add(id(write.call))
                    yield diagnostic

    def _report(self, ctx: ModuleContext, judged: ModuleWrites, who: str, name: str, node: FunctionNode, write: Write) -> Optional[Diagnostic]:
        state = write.write.state
        readers = judged.test_readers(state, node)
        if not write.write.through:  # a change to the shared object the call returns
            where, through = _shown(ctx, state.path), ", the shared object it returns"
        else:
            where = f"{_shown(ctx, state.path)}:{write.write.line}"
            through = "" if write.write.through == write.call_name.rpartition(".")[2] else f" through `{write.write.through}()`"
        if readers:
            first, line, _ = readers[0]
            more = f" and {len(readers) - 1} more" if len(readers) > 1 else ""
            tail = f"read by `{first}` ({_shown(ctx, ctx.path)}:{line}){more}"
        else:
            project = judged.writes.project_readers(state).get(state.key)
            if project is None:
                return None  # nothing reads it: it cannot leak
            tail = f"no test here reads it (project code does: `{project[0]}()`, {_shown(ctx, state.path)}:{project[1]})"
        message = (
            f"{who} `{name}` calls `{write.call_name}()`, which changes `{state.dotted}` "
            f"({where}{through}), project state that outlives the test, and nothing undoes it; {tail}"
        )
        diagnostic = ctx.report(
            self,
            write.call,
            message,
            help=(
                "undo it: patch the state (`monkeypatch.setattr`/`setitem`, `mock.patch.dict`), "
                "or call the project's reset after `yield` in a fixture"
            ),
        )
        related = tuple(
            RelatedLocation(ctx.display_path, line, ctx.source.char_column(line, column) + 1, f"`{reader}` reads `{state.dotted}`")
            for reader, line, column in readers[:5]
        )
        return dataclasses.replace(diagnostic, related=related) if related else diagnostic


def _shown(ctx: ModuleContext, path: Path) -> str:
    """A file as the run shows paths: relative to where the module's displayed path is
    relative to (``pkg/registry.py`` beside ``tests/test_x.py``)."""
    display = Path(os.path.normpath(ctx.display_path))
    if display.is_absolute() or len(display.parts) > len(ctx.path.parts):
        return path.as_posix()
    base = ctx.path.parents[len(display.parts) - 1]
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_posix()
