"""Files in, diagnostics out: discovery, parsing, rules, suppression."""
from __future__ import annotations

import ast
import bisect
import glob
import os
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from .config import Settings, SettingsResolver, _longest_match
from .context import ModuleContext
from .discovery import EXCLUDED, NOT_TEST_CODE, ExcludeCheck, Project, ProjectFinder, Walker, unique
from .fixing import UNPARSABLE, settle_check, settle_fix
from .fsutil import describe_os_error
from .model.hierarchy import FixtureIndex
from .model.loader import LoadError, ModuleCache, ParsedModule, parse_source, read_source
from .plugins import Registry
from .rule import Diagnostic
from .source import SourceFile

PARSE_ERROR_CODE = UNPARSABLE
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
    skipped: list[str] = field(default_factory=list)
    """Parts of the walked tree that could not be read: warnings, not errors."""

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
        self.projects = ProjectFinder(warn=settings.warn)
        self.max_file_size = settings.for_directory(Path.cwd()).max_file_size
        self.modules = ModuleCache(lambda path: self.projects.for_path(path).options.naming, self.max_file_size)
        self.index = FixtureIndex(
            self.projects, self.modules, registry.known_fixtures, registry.installed_providers
        )
        self.display = display or _display_relative_to_cwd
        self.known_codes = frozenset(rule.code for rule in registry.rules) | {PARSE_ERROR_CODE}
        self._excludes: dict[int, tuple[Settings, ExcludeCheck]] = {}
        self._only_codes: Optional[frozenset[str]] = None

    # -- discovery --------------------------------------------------------------------
    def default_paths(self, cwd: Path) -> list[Path]:
        """No paths given: as pytest, ``testpaths`` (globs, ``**`` too) when run from the
        rootdir, plus the conftest.py files pytest loads above them (from the confcutdir
        down); else ``.``."""
        project = self.projects.for_directory(cwd)
        if project.rootdir == cwd and project.options.testpaths:
            found: list[Path] = []
            for pattern in project.options.testpaths:
                matches = sorted(glob.glob(os.path.join(cwd, pattern), recursive=True))
                found.extend(Path(match) for match in matches)
            if found:
                return _ancestor_conftests(found, project.confcutdir) + found
        return [cwd]

    def discover(
        self,
        paths: Sequence[Path],
        errors: list[str],
        notes: Optional[list[str]] = None,
        skipped: Optional[list[str]] = None,
    ) -> list[Path]:
        """The test files under ``paths`` (absolute, without duplicates, sorted). A missing
        path is an error; a path that yields no file gets a note saying why (in ``notes``);
        a part of the walked tree that cannot be read is named in ``skipped``."""
        files: list[Path] = []
        walker = Walker(self.projects, self.settings.for_directory)
        for given in paths:
            path = Path(os.path.abspath(given))
            tally: Counter[str] = Counter()
            before = len(files)
            try:
                is_dir = os.path.isdir(path)
                present = is_dir or os.path.exists(path) or path.is_symlink()
            except OSError as exc:  # e.g. a path below a directory this user cannot search
                errors.append(f"{given}: cannot be read ({describe_os_error(exc)})")
                continue
            if is_dir:
                settings = self.settings.for_directory(path)
                excluded = ExcludeCheck(settings.base, settings.exclude, settings.extend_exclude)
                if excluded.excludes_named_path(path) and path != settings.base:
                    tally[EXCLUDED] += 1
                else:
                    files.extend(walker.walk(path, tally))
            elif present:
                if self.is_checked(path, explicit=True):
                    files.append(path)
                else:
                    tally[NOT_TEST_CODE if not self.projects.for_path(path).is_test_file(path) else EXCLUDED] += 1
            else:
                errors.append(f"{given}: no such file or directory")
                continue
            if notes is not None and len(files) == before:
                notes.append(_no_files_note(given, path, tally, self.projects.for_path(path)))
        if skipped is not None:
            skipped.extend(walker.problems)
        files.extend(self._fixture_modules_of(files))
        return sorted(unique(files))

    def _fixture_modules_of(self, files: Sequence[Path]) -> list[Path]:
        """The fixture modules that the run's conftest.py files load (``pytest_plugins``,
        star- and name-imports of fixtures): judged as test code, as pytest runs them."""
        found: list[Path] = []
        present = set(files)
        for conftest in (f for f in files if f.name == "conftest.py"):
            for module in self.index.fixture_modules(conftest):
                if module not in present and self.is_checked(module, explicit=True):
                    present.add(module)
                    found.append(module)
        return found

    def is_checked(self, path: Path, explicit: bool) -> bool:
        """Test code (conftest.py, ``python_files``, a fixture module a conftest.py above
        it loads) that no ``exclude`` pattern covers."""
        if not self.projects.for_path(path).is_test_file(path) and not self.index.is_fixture_module(path):
            return False
        settings = self.settings.for_path(path)
        excluded = self._excludes.get(id(settings))
        if excluded is None or excluded[0] is not settings:
            excluded = self._excludes[id(settings)] = (
                settings, ExcludeCheck(settings.base, settings.exclude, settings.extend_exclude)
            )
        check = excluded[1]
        return not check.excludes_named_path(path) if explicit else not check(path, False)

    # -- checking ---------------------------------------------------------------------
    def check_file(
        self, path: Path, text: Optional[str] = None, settle_fixes: bool = True, only_codes: Optional[frozenset[str]] = None
    ) -> FileResult:
        """Check one file from disk, or from ``text`` (an editor's buffer) standing in for it.

        With ``settle_fixes`` (the default; the fixer's own passes turn it off) a fix that
        does not settle is taken off its finding (:func:`fixing.settle_check`). With
        ``only_codes`` (the check's own trial of fixes: the codes whose fixes it tries) only
        those rules run: the others cannot change whether those fixes settle."""
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
        outer, self._only_codes = self._only_codes, only_codes
        try:
            result = self.check_parsed(loaded, display, settings)
        finally:
            self._only_codes = outer
        if settle_fixes and any(d.fix is not None for d in result.diagnostics):
            result = settle_check(self, path, loaded.source, result)
            if path.name == "conftest.py":
                self.modules.put(loaded)  # the fixer's passes put the fixed texts there
        return result

    def check_parsed(self, parsed: ParsedModule, display: str, settings: Settings) -> FileResult:
        """Run every enabled rule on a parsed module; filter by settings and noqa."""
        result = FileResult(path=parsed.path, display=display)
        dependencies = self.index.dependencies(parsed.path, parsed.facts)
        reads = self.modules.start_reads()
        try:
            self._run_rules(parsed, display, settings, result)
        finally:
            self.modules.stop_reads()
        # The project modules the rules read (call summaries, project clocks, initial
        # values) change the findings as the conftest chain does: the cache keys on both.
        reads.discard(parsed.path)
        result.dependencies = tuple(dict.fromkeys([*dependencies, *sorted(reads)]))
        return result

    def _run_rules(self, parsed: ParsedModule, display: str, settings: Settings, result: FileResult) -> None:
        for line, code in parsed.source.unknown_noqa_codes("FXL", self.known_codes):
            result.warnings.append(f"{display}:{line}: unknown rule code {code!r} in a noqa comment")
        if parsed.source.file_noqa:
            return
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
        try:
            self._apply_rules(context, display, settings, result, found)
        finally:
            context.release()
        spans: Optional[_TopLevelSpans] = None
        for diagnostic in sorted(found, key=lambda d: d.sort_key):
            if spans is None:
                spans = _TopLevelSpans(parsed.tree)
            if parsed.source.is_suppressed(diagnostic.code, diagnostic.line, spans.around(diagnostic.line)):
                continue
            result.diagnostics.append(settle_fix(diagnostic, settings))
            result.lines[diagnostic.line] = parsed.source.line(diagnostic.line)

    def _apply_rules(
        self, context: ModuleContext, display: str, settings: Settings, result: FileResult, found: list[Diagnostic]
    ) -> None:
        for rule in self.registry.rules:
            if not settings.runs(rule, context.path):
                continue
            if self._only_codes is not None and rule.code not in self._only_codes:
                continue
            try:
                found.extend(rule.check(context))
            except RecursionError:
                found[:] = [_error_diagnostic(display, "expression nested too deeply to analyse (RecursionError)")]
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

    def load_error_result(self, error: LoadError, display: str, settings: Settings) -> FileResult:
        result = FileResult(path=error.path, display=display)
        ignored = max(
            _longest_match(PARSE_ERROR_CODE, settings.ignore),
            _longest_match(PARSE_ERROR_CODE, settings.ignored_for(error.path)),
        )
        if ignored < 0:
            result.diagnostics.append(_error_diagnostic(display, error.reason, error.line, error.column))
        return result


class _TopLevelSpans:
    """The lines of each top-level statement (decorators included; statements that share
    a line, as after ``;``, merged): a logical line never crosses their bounds, so a
    finding's noqa comment, if any, lies inside the span around its line."""

    def __init__(self, tree: ast.Module) -> None:
        self.firsts: list[int] = []
        self.lasts: list[int] = []
        for stmt in tree.body:
            first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
            last = stmt.end_lineno or stmt.lineno
            if self.lasts and first <= self.lasts[-1]:
                self.lasts[-1] = max(self.lasts[-1], last)
            else:
                self.firsts.append(first)
                self.lasts.append(last)

    def around(self, line: int) -> Optional[tuple[int, int]]:
        index = bisect.bisect_right(self.firsts, line) - 1
        if index >= 0 and line <= self.lasts[index]:
            return self.firsts[index], self.lasts[index]
        return None


def _ancestor_conftests(paths: Sequence[Path], confcutdir: Path) -> list[Path]:
    """The conftest.py files pytest loads above ``paths``, from ``confcutdir`` down."""
    found: list[Path] = []
    for path in paths:
        directory = path if os.path.isdir(path) else path.parent
        chain = [d for d in (directory, *directory.parents) if d == confcutdir or confcutdir in d.parents]
        for ancestor in chain[1:] if os.path.isdir(path) else chain:
            if os.path.isfile(ancestor / "conftest.py"):
                found.append(ancestor / "conftest.py")
    return found


def _no_files_note(given: Path, path: Path, tally: Counter[str], project: Project) -> str:
    """Why a path gave no file to check, e.g. ``src: 12 entries not test code (python_files:
    test_*.py *_test.py), 1 ignored by .gitignore``."""
    if not tally:
        return f"{given}: no Python files"
    parts = []
    for reason, count in sorted(tally.items(), key=lambda item: (-item[1], item[0])):
        noun = "entry" if count == 1 else "entries"
        detail = f" (python_files: {' '.join(project.options.python_files)})" if reason == NOT_TEST_CODE else ""
        parts.append(f"{count} {noun} {reason}{detail}")
    return f"{given}: {', '.join(parts)}"


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
        shown = os.path.relpath(path)
    except ValueError:
        shown = str(path)
    # a name that is not valid UTF-8 is shown with U+FFFD, so no output format can fail
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
