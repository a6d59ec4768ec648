"""FXL501 shared-database-write."""
from __future__ import annotations

import dataclasses
from typing import Iterator

from ..context import ModuleContext
from ..rule import Diagnostic, RelatedLocation, Rule
from ..state.databases import Access, _meets, database_model, may_touch_database


class SharedDatabaseWrite(Rule):
    """A test writes database state that other tests (or the next run) reach, and nothing
    rolls the write back or clears it after the test."""

    code = "FXL501"
    name = "shared-database-write"
    preview = True  # new: not yet measured on the ecosystem check
    summary = "a test writes shared database state with no rollback or cleanup"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        if ctx.is_conftest:
            return
        if not may_touch_database(ctx.source.text):
            return
        model = database_model(ctx)
        for use in model.uses:
            seen: set[tuple[str, ...]] = set()
            for access in use.unisolated_writes():
                if access.writes in seen:
                    continue
                readers = model.readers(use, access)
                persists = access.shared.location is not None
                if not readers and not persists:
                    continue
                seen.add(access.writes)
                what = _what(access)
                if readers:
                    other, first = readers[0]
                    more = f" and {len(readers) - 1} more" if len(readers) > 1 else ""
                    verb = "read by" if first.reads and (_meets(set(access.writes), set(first.reads)) or "*" in access.writes) else "also written by"
                    tail = f"{verb} `{other.test.name}` (line {first.node.lineno}){more}"  # type: ignore[attr-defined]
                else:
                    tail = "it outlives the test run, so the next run starts from what this one left"
                message = (
                    f"test `{use.test.name}` {what} through `{access.handle}`, {access.shared.describe}, "
                    f"with no rollback or cleanup after the test; {tail}"
                )
                diagnostic = ctx.report(
                    self, access.node, message,
                    help="Run each test in a transaction rolled back after it (a function-scoped fixture), "
                    "clear the table after each test, or give each test its own database (`tmp_path`, `:memory:`)",
                )
                related = tuple(
                    RelatedLocation(ctx.display_path, reader.node.lineno, reader.node.col_offset + 1,  # type: ignore[attr-defined]
                                    f"`{other.test.name}` reads {_tables(access)}")
                    for other, reader in readers[:5]
                )
                yield dataclasses.replace(diagnostic, related=related) if related else diagnostic


def _tables(access: Access) -> str:
    tables = [t for t in access.writes if t != "*"]
    return ", ".join(f"table `{t}`" for t in tables) if tables else "the same database"


def _what(access: Access) -> str:
    statement = access.statement
    if statement is None:
        return f"writes {_tables(access)} (ORM)"
    verbs = {
        "INSERT": "inserts into", "UPDATE": "updates", "DELETE": "deletes from", "DROP": "drops",
        "CREATE": "creates", "TRUNCATE": "truncates", "ALTER": "alters",
    }
    if statement.verb in verbs:
        return f"{verbs[statement.verb]} {_tables(access)}"
    return f"changes settings of the database (`{statement.verb}`)"
