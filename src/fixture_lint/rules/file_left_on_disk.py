"""FXL307 file-left-on-disk: a file or directory created at a fixed path, never removed."""
from __future__ import annotations

import dataclasses
from typing import Iterator, Optional

from ..context import ModuleContext
from ..knowledge.stdlib_state import CWD_FIXTURES
from ..model.bodies import BodyIndex
from ..model.facts import FunctionNode
from ..rule import Diagnostic, Rule
from ..state.files import FileEvent, changes_directory, file_events, module_constants, removes
from ..state.process_state import Position
from ..state.surroundings import Surroundings
from ..state.readers import reader_tail, readers_of, related
from ..state.stdlib_state import Afterwards, position
from .process_state_call import _judged


class FileLeftOnDisk(Rule):
    """A test or fixture writes a file or creates a directory at a fixed path (not under
    ``tmp_path``) and nothing removes it: the next test, and the next run, find it there."""

    code = "FXL307"
    name = "file-left-on-disk"
    summary = "test or fixture creates a file or directory at a fixed path (not tmp_path) and never removes it"
    preview = True

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        constants = module_constants(ctx.tree)
        events: dict[int, tuple[list[FileEvent], list[tuple[Position, str]], list[FileEvent]]] = {}

        def of(node: FunctionNode) -> tuple[list[FileEvent], list[tuple[Position, str]], list[FileEvent]]:
            if id(node) not in events:
                events[id(node)] = file_events(ctx.body(node), constants)
            return events[id(node)]

        def removals(body: BodyIndex, _: dict[str, str]) -> list[tuple[Position, str]]:
            return file_events(body, constants)[1]

        def moves(body: BodyIndex, _: dict[str, str]) -> list[tuple[Position, bool]]:
            return [((0, 0), True)] if changes_directory(body) else []

        around: Optional[Surroundings] = None
        for node, who, class_name, requested in _judged(ctx):
            writes = of(node)[0]
            if not writes:
                continue
            if around is None:
                around = Surroundings(ctx.index, ctx.path, ctx.facts, ctx.tree, ctx.body)
            if around.class_chain(class_name) is None:
                continue
            fixtures = not who.startswith("setup")
            cleaned = list(Afterwards(around, ctx.facts, removals).outside(node, class_name, requested, fixtures))
            moved: Optional[bool] = None
            reported: set[str] = set()
            for write in writes:
                if write.path in reported:
                    continue
                later = [path for at, path in of(node)[1] if at > position(write.node)]
                if any(removes(path, write.path) for path in later + cleaned):
                    continue
                if write.relative:
                    if moved is None:
                        moved = changes_directory(ctx.body(node)) or any(name in CWD_FIXTURES for name in requested) or any(
                            Afterwards(around, ctx.facts, moves).outside(node, class_name, requested, fixtures)
                        ) or _fixtures_move(ctx, around, node, class_name, requested)
                    if moved:
                        continue  # relative paths land in a directory of this test's own
                reported.add(write.path)
                yield self.report(ctx, node, who, class_name, write, of)

    def report(self, ctx: ModuleContext, node: FunctionNode, who: str, class_name: Optional[str], write: FileEvent, of: object) -> Diagnostic:
        events = of

        def reads(other: FunctionNode) -> Optional[object]:
            return next((r.node for r in events(other)[2] + events(other)[0] if r.path == write.path), None)  # type: ignore[operator]

        readers = readers_of(ctx, node, reads)  # type: ignore[arg-type]
        shown = write.path.replace("<here>", "<test dir>").replace("<tmp>", "<tempdir>")
        where = "the working directory, shared by every test and every rerun" if write.relative else "a path every test and every rerun shares"
        function = node.name if class_name is None else f"{class_name}.{node.name}"
        message = f"{who} `{function}` creates `{shown}` in {where}, and never removes it{reader_tail(readers)}"
        diagnostic = ctx.report(
            self, write.node, message, help="Create it under `tmp_path` (or `tmp_path_factory` in wider fixtures), or remove it after the test"
        )
        found = related(ctx, readers, f"`{shown}`")
        return dataclasses.replace(diagnostic, related=found) if found else diagnostic


def _fixtures_move(ctx: ModuleContext, around: Surroundings, node: FunctionNode, class_name: Optional[str], requested: object) -> bool:
    """Whether a requested fixture (or its fixtures) changes the working directory
    before the test (``monkeypatch.chdir(tmp_path)`` in a ``chdir_tmp`` fixture)."""
    pending = list(requested)  # type: ignore[call-overload]
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen or len(seen) > 30:
            continue
        seen.add(name)
        if name in CWD_FIXTURES:
            return True
        definition = ctx.index.resolve(name, ctx.path, ctx.facts, class_name)
        if definition is None or definition.fixture is None or definition.fixture.node is None:
            continue
        facts = ctx.facts if definition.path == ctx.path else ctx.index.modules.facts(definition.path) if definition.path else None
        if facts is None:
            continue
        if changes_directory(BodyIndex(definition.fixture.node, facts.resolver)):
            return True
        pending.extend(definition.fixture.requested)
    return False
