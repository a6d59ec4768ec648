"""What a rule sees of one module: its source, tree, facts, settings and the index."""
from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from .config import Settings
from .discovery import Project
from .model.bodies import BodyIndex
from .model.facts import ModuleFacts
from .model.hierarchy import FixtureIndex
from .rule import Diagnostic, Fix, Rule, node_span
from .source import SourceFile

if TYPE_CHECKING:
    from .plugins import Registry

OptionsT = TypeVar("OptionsT")
SharedT = TypeVar("SharedT")


@dataclass
class ModuleContext:
    """One test module or conftest.py under analysis."""

    path: Path
    display_path: str
    source: SourceFile
    tree: ast.Module
    facts: ModuleFacts
    index: FixtureIndex
    project: Project
    settings: Settings
    registry: Optional[Registry] = None
    """What the plugins registered (data tables); ``None`` when a caller builds a context
    by hand, and rules then use the built-in tables."""
    _bodies: dict[int, BodyIndex] = field(default_factory=dict, repr=False)
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    def shared(self, key: str, make: Callable[[], SharedT]) -> SharedT:
        """What several rules compute alike for this module (the state model's analysis
        of its functions), built by the first that asks and dropped with the context."""
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = make()
        return found

    def body(self, node: ast.AST) -> BodyIndex:
        """The shared one-walk index of a function's nodes (built on first use)."""
        index = self._bodies.get(id(node))
        if index is None:
            index = BodyIndex(node, self.facts.resolver)
            self._bodies[id(node)] = index
        return index

    def release(self) -> None:
        """Drop what the rules shared once the module is checked: the shared analyses
        hold the context (its ``body`` method), and a cycle would leave the whole module
        to the garbage collector instead of freeing it at once."""
        self._shared.clear()
        self._bodies.clear()

    def qualified_name(self, node: ast.AST) -> Optional[str]:
        """``datetime.datetime.now`` for ``dt.datetime.now`` after ``import datetime as dt``."""
        return self.facts.resolver.qualified_name(node)

    @property
    def is_conftest(self) -> bool:
        return self.path.name == "conftest.py"

    def report(
        self,
        rule: Rule,
        node: ast.AST,
        message: str,
        fix: Optional[Fix] = None,
        span: Optional[tuple[int, int, int, int]] = None,
        help: Optional[str] = None,
    ) -> Diagnostic:
        """A diagnostic of ``rule`` at ``node`` (or at ``span``: line, byte column, end
        line, end byte column), reported with 1-based character columns."""
        line, col, end_line, end_col = span if span is not None else node_span(node)
        return Diagnostic(
            code=rule.code,
            name=rule.name,
            message=message,
            path=self.display_path,
            line=line,
            column=self.source.char_column(line, col) + 1,
            end_line=end_line,
            end_column=self.source.char_column(end_line, end_col) + 1,
            fix=fix,
            help=help,
        )

    def def_name_span(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> tuple[int, int, int, int]:
        """From the ``def`` (or ``async``/``class``) keyword to the end of the name."""
        line = self.source.line(node.lineno).encode("utf-8")
        start = line.find(node.name.encode("utf-8"), node.col_offset)
        end = start + len(node.name.encode("utf-8")) if start >= 0 else node.col_offset
        return node.lineno, node.col_offset, node.lineno, end

    def options(self, rule: Rule, options_class: type[OptionsT]) -> OptionsT:
        """The rule's options from ``[tool.fixture-lint.<rule-name>]`` (validated in config)."""
        values: dict[str, Any] = dict(self.settings.options_for(rule.name))
        fields = {f.name for f in dataclasses.fields(options_class)}  # type: ignore[arg-type]
        return options_class(**{k: v for k, v in values.items() if k in fields})
