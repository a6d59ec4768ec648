"""The public types a rule works with: Rule, Diagnostic, Fix, Edit."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Iterable, Literal, Optional

if TYPE_CHECKING:
    from .context import ModuleContext

Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True)
class Edit:
    """Replace the text between two positions (1-based rows and columns) with ``content``."""

    content: str
    row: int
    column: int
    end_row: int
    end_column: int


@dataclass(frozen=True)
class Fix:
    """A change a rule proposes; the engine decides whether to apply it."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]
    add_imports: tuple[str, ...] = ()
    """Module-level imports the edits need (``"import copy"``); added once, if missing."""


@dataclass(frozen=True)
class RelatedLocation:
    """Another place a finding involves (the definition an override hides, the test that
    reads leaked state). ``path`` is a path as the engine knows files (absolute for the
    fixture index's definitions); rows and columns are 1-based."""

    path: str
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a code, a place and a message. Rows and columns are 1-based."""

    code: str
    name: str
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Optional[Fix] = None
    related: tuple[RelatedLocation, ...] = ()
    help: Optional[str] = None
    """The way out, when there is no fix to say it (a fix's message says it otherwise):
    shown as ``= help:`` under the finding, kept out of the message itself."""
    """Other places the finding involves; JSON and SARIF carry them, text formats do not."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


class Rule:
    """Base class of every rule, built-in or from a plugin.

    Subclasses set the class attributes and implement :meth:`check`, which looks at the
    facts of one module (and, through ``ctx.index``, its conftest hierarchy) and yields
    diagnostics made with ``ctx.report``. Rules never open files and never write them.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str] = ""
    fix_title: ClassVar[Optional[str]] = None
    fix_applicability: ClassVar[Optional[Applicability]] = None
    preview: ClassVar[bool] = False
    """A preview rule runs only with ``--preview`` (or ``preview = true``): it has not yet
    met the ecosystem check's bar (90% of its findings worth a maintainer's time)."""

    def check(self, ctx: ModuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


def node_span(node: ast.AST) -> tuple[int, int, int, int]:
    """``(line, col, end_line, end_col)`` of a node; columns are ast's byte offsets."""
    line = getattr(node, "lineno", 1)
    col = getattr(node, "col_offset", 0)
    end_line = getattr(node, "end_lineno", None) or line
    end_col = getattr(node, "end_col_offset", None)
    if end_col is None:
        end_col = col
    return line, col, end_line, end_col
