"""The ``fixture-lint map [PATH ...]`` command line."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import Optional, Sequence, TextIO

from ..config import SettingsResolver
from ..discovery import ConfigError
from ..engine import Engine
from ..model.loader import ParsedModule
from ..plugins import registry
from .render import RENDERERS, FixtureMap
from .resolution import Resolver, TestEntry

FORMATS = tuple(RENDERERS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fixture-lint map",
        description="Show which fixture definition each test gets (requested, transitive, autouse, "
        "usefixtures), resolved through classes, modules, conftest.py files and plugins, without "
        "importing anything.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: testpaths or .)")
    parser.add_argument("--fixture", metavar="NAME", help="per directory, which definition NAME resolves to and which tests get each")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    return parser


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None) -> int:
    """Print the fixture map; returns 0, or 2 on a usage or configuration error."""
    out = out or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    errors: list[str] = []
    # The map keeps every module's tree (the resolver reads their imports) and every
    # entry until it is printed: nothing is garbage, but the cyclic collector would walk
    # the growing heap again and again (a third of the run on pytest's own suite).
    gc.disable()
    try:
        try:
            fixture_map = build_map([Path(p) for p in args.paths], errors)
        except ConfigError as exc:
            print(f"fixture-lint: error: {exc}", file=sys.stderr)
            return 2
        for error in errors:
            print(f"fixture-lint: error: {error}", file=sys.stderr)
        RENDERERS[args.format](fixture_map, out, args.fixture)
    finally:
        gc.enable()
    return 2 if errors else 0


def build_map(paths: Sequence[Path], errors: list[str]) -> FixtureMap:
    """Discover the test files under ``paths`` as the checker does and map their tests."""
    reg = registry()
    engine = Engine(reg, SettingsResolver(reg.rules))
    given = list(paths) or engine.default_paths(Path.cwd())
    files = engine.discover(given, errors)
    resolver = Resolver(engine.index)
    entries: list[TestEntry] = []
    for path in files:
        if path.name == "conftest.py":
            continue
        parsed = engine.modules.get(path)
        if not isinstance(parsed, ParsedModule):
            errors.append(f"{os.path.relpath(path)}: {parsed.reason}")
            continue
        entries.extend(resolver.entries(path, parsed.facts))
    return FixtureMap(entries=entries, resolver=resolver)
