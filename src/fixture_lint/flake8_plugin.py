"""The flake8 face: a thin adapter over the engine, with flake8's own tree.

flake8 parses each file once and hands us the tree; the fixture index (conftest
ancestors, pytest_plugins modules) is built on demand and kept for the process, so a
flake8 worker reads each conftest.py once. Settings come from ``[tool.fixture-lint]``
like the CLI's, with ``--fixture-lint-*`` options on top.
"""
from __future__ import annotations

import argparse
import ast
import os
from pathlib import Path
from typing import Any, ClassVar, Iterator, Optional, Sequence

from . import __version__
from .config import SettingsResolver
from .discovery import ConfigError
from .engine import Engine
from .model.loader import ParsedModule, parse_source
from .plugins import registry
from .source import SourceFile


def _codes(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.replace("\n", ",").split(",") if item.strip())


class Flake8Plugin:
    """flake8 entry point ``FXL``."""

    name = "fixture-lint"
    version = __version__

    _config: ClassVar[Optional[Path]] = None
    _overrides: ClassVar[dict[str, Any]] = {}
    _engine: ClassVar[Optional[Engine]] = None

    def __init__(self, tree: ast.Module, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--fixture-lint-config",
            parse_from_config=True,
            help="pyproject.toml whose [tool.fixture-lint] applies to every file (default: the nearest one)",
        )
        manager.add_option(
            "--fixture-lint-select",
            parse_from_config=True,
            comma_separated_list=True,
            help="fixture-lint rule codes or prefixes to enable (replaces [tool.fixture-lint] select)",
        )
        manager.add_option(
            "--fixture-lint-ignore",
            parse_from_config=True,
            comma_separated_list=True,
            help="fixture-lint rule codes or prefixes to disable (added to [tool.fixture-lint] ignore)",
        )

        manager.add_option(
            "--fixture-lint-preview",
            parse_from_config=True,
            action="store_true",
            default=None,
            help="enable fixture-lint's preview rules and behaviours (as [tool.fixture-lint] preview = true)",
        )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        config = getattr(options, "fixture_lint_config", None)
        select = getattr(options, "fixture_lint_select", None)
        ignore = getattr(options, "fixture_lint_ignore", None)
        cls._config = Path(config) if config else None
        cls._overrides = {
            "select": _as_codes(select),
            "ignore": _as_codes(ignore),
            "preview": True if getattr(options, "fixture_lint_preview", None) else None,
        }
        cls._engine = None

    @classmethod
    def engine(cls) -> Engine:
        if cls._engine is None:
            reg = registry()
            settings = SettingsResolver(reg.rules, config_file=cls._config, overrides=cls._overrides)
            cls._engine = Engine(reg, settings, display=lambda path: str(path))
        return cls._engine

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        if self.filename in ("-", "stdin"):
            return
        path = Path(os.path.abspath(self.filename))
        try:
            engine = self.engine()
            if not engine.is_checked(path, explicit=True):
                return
            source = SourceFile.from_text("".join(self.lines))
            project = engine.projects.for_path(path)
            parsed = parse_source(path, source, project.options.naming, tree=self.tree)
            if not isinstance(parsed, ParsedModule):
                return
            if path.name == "conftest.py":
                engine.modules.put(parsed)
            result = engine.check_parsed(parsed, self.filename, engine.settings.for_path(path))
        except ConfigError as exc:
            raise SystemExit(f"fixture-lint: error: {exc}") from None
        for d in result.diagnostics:
            yield d.line, d.column - 1, f"{d.code} {d.message}", type(self)


def _as_codes(value: Any) -> Optional[tuple[str, ...]]:
    if not value:
        return None
    if isinstance(value, str):
        return _codes(value)
    return tuple(str(item).strip() for item in value if str(item).strip())
