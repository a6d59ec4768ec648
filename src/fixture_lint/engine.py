"""Files in, diagnostics out: discovery, parsing, rules, suppression."""
from __future__ import annotations

import glob
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from .config import Settings, SettingsResolver, _longest_match
from .context import ModuleContext
from .discovery import ExcludeCheck, ProjectFinder, iter_python_files, unique
from .fixing import settle_fix
from .model.hierarchy import FixtureIndex
from .model.loader import LoadError, ModuleCache, ParsedModule, parse_source, read_source
from .plugins import Registry
from .rule import Diagnostic
from .source import SourceFile

PARSE_ERROR_CODE = "FXL000"
PARSE_ERROR_NAME = "unreadable-file"


@dataclass
class FileResult:
    """The findings of one file, with the source lines they point at."""

    path: Path
    display: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[int, str] = field(default_factory=dict)
    internal_error: bool = False
    dependencies: tuple[Path, ...] = ()
    """Other files whose content these findings depend on (for the result cache)."""
    warnings: list[str] = field(default_factory=list)
    """Problems that are not findings (an unknown code in a noqa comment)."""


@dataclass
class RunResult:
    """Everything a run found, plus the errors that are not findings."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for result in self.files for d in result.diagnostics]

    @property
    def internal_error(self) -> bool:
        return any(result.internal_error for result in self.files)


class Engine:
    """Checks test modules against the registered rules, sharing one fixture index."""

    def __init__(
        self,
        registry: Registry,
        settings: SettingsResolver,
        display: Optional[Callable[[Path], str]] = None,
    ) -> None:
        self.registry = registry
        self.settings = settings
        self.projects = ProjectFinder()
        self.max_file_size = settings.for_directory(Path.cwd()).max_file_size
        self.modules = ModuleCache(lambda path: self.projects.for_path(path).options.naming, self.max_file_size)
        self.index = FixtureIndex(
            self.projects, self.modules, registry.known_fixtures, registry.installed_providers
        )
        self.display = display or _display_relative_to_cwd
        self.known_codes = frozenset(rule.code for rule in registry.rules) | {PARSE_ERROR_CODE}

    # -- discovery --------------------------------------------------------------------
    def default_paths(self, cwd: Path) -> list[Path]:
        """No paths given: pytest's ``testpaths`` when run from the rootdir, else ``.``."""
        project = self.projects.for_directory(cwd)
        if project.rootdir == cwd and project.options.testpaths:
            found: list[Path] = []
            for pattern in project.options.testpaths:
                matches = sorted(glob.glob(str(cwd / pattern)))
                found.extend(Path(match) for match in matches)
            if found:
                return found
        return [cwd]

    def discover(self, paths: Sequence[Path], errors: list[str]) -> list[Path]:
        """The test files under ``paths`` (absolute, without duplicates, sorted per path)."""
        files: list[Path] = []
        for given in paths:
            path = Path(os.path.abspath(given))
            if path.is_dir():
                settings = self.settings.for_directory(path)
                excluded = ExcludeCheck(settings.base, settings.exclude, settings.extend_exclude)
                if excluded.excludes_named_path(path) and path != settings.base:
                    continue
                for candidate in iter_python_files(path, excluded):
                    if self.is_checked(candidate, explicit=False):
                        files.append(candidate)
            elif path.exists() or path.is_symlink():
                if self.is_checked(path, explicit=True):
                    files.append(path)
            else:
                errors.append(f"{given}: no such file or directory")
        return unique(files)

    def is_checked(self, path: Path, explicit: bool) -> bool:
        """Test code (conftest.py, ``python_files``) that no ``exclude`` pattern covers."""
        if not self.projects.for_path(path).is_test_file(path):
            return False
        settings = self.settings.for_path(path)
        excluded = ExcludeCheck(settings.base, settings.exclude, settings.extend_exclude)
        return not excluded.excludes_named_path(path) if explicit else not excluded(path, False)

    # -- checking ---------------------------------------------------------------------
    def check_file(self, path: Path, text: Optional[str] = None) -> FileResult:
        """Check one file from disk, or from ``text`` (an editor's buffer) standing in for it."""
        display = self.display(path)
        settings = self.settings.for_path(path)
        project = self.projects.for_path(path)
        if text is not None:
            loaded = parse_source(path, SourceFile.from_text(text), project.options.naming)
            if path.name == "conftest.py":
                self.modules.put(loaded)
        elif path.name == "conftest.py":
            loaded = self.modules.get(path)
        else:
            source = read_source(path, self.max_file_size)
            loaded = source if isinstance(source, LoadError) else parse_source(
                path, source, project.options.naming
            )
        if isinstance(loaded, LoadError):
            return self.load_error_result(loaded, display, settings)
        return self.check_parsed(loaded, display, settings)

    def check_parsed(self, parsed: ParsedModule, display: str, settings: Settings) -> FileResult:
        """Run every enabled rule on a parsed module; filter by settings and noqa."""
        result = FileResult(path=parsed.path, display=display)
        result.dependencies = self.index.dependencies(parsed.path, parsed.facts)
        for line, code in parsed.source.unknown_noqa_codes("FXL", self.known_codes):
            result.warnings.append(f"{display}:{line}: unknown rule code {code!r} in a noqa comment")
        if parsed.source.file_noqa:
            return result
        context = ModuleContext(
            path=parsed.path,
            display_path=display,
            source=parsed.source,
            tree=parsed.tree,
            facts=parsed.facts,
            index=self.index,
            project=self.projects.for_path(parsed.path),
            settings=settings,
            registry=self.registry,
        )
        found: list[Diagnostic] = []
        for rule in self.registry.rules:
            if not settings.runs(rule, parsed.path):
                continue
            try:
                found.extend(rule.check(context))
            except RecursionError:
                found = [_error_diagnostic(display, "expression nested too deeply to analyse (RecursionError)")]
                break
            except Exception as exc:  # a bug in a rule must not stop the run
                result.internal_error = True
                where = traceback.extract_tb(exc.__traceback__)[-1]
                found.append(
                    _error_diagnostic(
                        display,
                        f"internal error in {rule.code} ({type(exc).__name__}: {exc} at "
                        f"{Path(where.filename).name}:{where.lineno}); please report it",
                    )
                )
        for diagnostic in sorted(found, key=lambda d: d.sort_key):
            if parsed.source.is_suppressed(diagnostic.code, diagnostic.line):
                continue
            result.diagnostics.append(settle_fix(diagnostic, settings))
            result.lines[diagnostic.line] = parsed.source.line(diagnostic.line)
        return result

    def load_error_result(self, error: LoadError, display: str, settings: Settings) -> FileResult:
        result = FileResult(path=error.path, display=display)
        ignored = max(
            _longest_match(PARSE_ERROR_CODE, settings.ignore),
            _longest_match(PARSE_ERROR_CODE, settings.ignored_for(error.path)),
        )
        if ignored < 0:
            result.diagnostics.append(_error_diagnostic(display, error.reason, error.line, error.column))
        return result


def _error_diagnostic(display: str, reason: str, line: int = 1, column: int = 1) -> Diagnostic:
    return Diagnostic(
        code=PARSE_ERROR_CODE,
        name=PARSE_ERROR_NAME,
        message=f"cannot check this file: {reason}",
        path=display,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
    )


def _display_relative_to_cwd(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
