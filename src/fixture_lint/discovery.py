"""Which files are test code: the rootdir, pytest's options, and the walk over paths.

The walk collects what pytest collects, read statically. Below a directory named on the
command line (or taken from ``testpaths``), an entry is skipped, in this order, when:

1. ``exclude`` / ``extend-exclude`` of ``[tool.fixture-lint]`` covers it (ruff's rules);
2. pytest would not collect it (``pytest_ignore_collect``): ``__pycache__``; listed in the
   ``collect_ignore`` of the nearest conftest.py that defines it (a literal list, read with
   ``ast``); ``--ignore`` in ``addopts``; matched by ``collect_ignore_glob`` or
   ``--ignore-glob``; a virtualenv (``pyvenv.cfg`` or ``conda-meta/history``); for a
   directory, a ``norecursedirs`` pattern;
3. a file is not test code: neither ``conftest.py`` nor a ``python_files`` match (a pattern
   without ``/`` matches the basename, one with ``/`` the full path, as pytest's
   ``fnmatch_ex``), or ``-p no:python`` is in ``addopts``; or ``--deselect`` in
   ``addopts`` names it (or a directory above it);
4. git ignores it: the ``.gitignore`` files from the repository's top (the nearest
   directory holding ``.git``) down to it, the deeper file deciding (``pathspec``,
   gitignore semantics); ``respect-gitignore = false`` turns this off. A walk that starts
   inside an ignored directory reads only the ``.gitignore`` files inside it (ripgrep and
   ruff check what you point them at).

A path named explicitly is checked when it is test code and not excluded: pytest collects an
initial path even under ``norecursedirs`` or ``--ignore``, and ruff checks a named path even
when git ignores it. Which configuration applies is decided per directory (the nearest
pytest configuration above it: see :mod:`fixture_lint.pytest_config`), so the CLI and the
flake8 plugin (which sees one file at a time) agree; pytest, run from a top directory,
would use that directory's configuration for nested projects too.
"""
from __future__ import annotations

import ast
import fnmatch
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Protocol, Sequence

from .errors import ConfigError
from .fsutil import describe_os_error
from .model.facts import TestNaming
from .pytest_config import (
    DEFAULT_NORECURSEDIRS,
    DEFAULT_PYTHON_FILES,
    PytestOptions,
    Warn,
    locate_config,
    options_from_table,
)

if TYPE_CHECKING:
    import pathspec

__all__ = [
    "DEFAULT_EXCLUDE",
    "DEFAULT_NORECURSEDIRS",
    "DEFAULT_PYTHON_FILES",
    "ConfigError",
    "ExcludeCheck",
    "Project",
    "ProjectFinder",
    "PytestOptions",
    "Walker",
    "matches_exclude",
    "unique",
]

# Directories never walked into (ruff's defaults plus our own cache).
DEFAULT_EXCLUDE = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".fixture_lint_cache",
    "__pypackages__",
    "__pycache__",
    "_build",
    "buck-out",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)





def fnmatch_ex(pattern: str, path: Path) -> bool:
    """pytest's ``fnmatch_ex``: a pattern without a separator matches the name, one with a
    separator the whole path (a relative pattern may start anywhere in it)."""
    if os.sep != "/" and os.sep not in pattern and "/" in pattern:
        pattern = pattern.replace("/", os.sep)
    if os.sep not in pattern:
        return fnmatch.fnmatch(path.name, pattern)
    name = str(path)
    if path.is_absolute() and not os.path.isabs(pattern):
        pattern = f"*{os.sep}{pattern}"
    return bool(fnmatch.fnmatch(name, pattern))


# How a directory came to be the rootdir, best first (see pytest_config's docstring).
_BY_CONFIG, _BY_PYPROJECT, _BY_SETUP_PY, _BY_GIT, _BY_NOTHING = range(5)


@dataclass(frozen=True)
class Project:
    """A rootdir and the pytest options found there."""

    rootdir: Path
    inifile: Optional[Path]
    options: PytestOptions = field(default_factory=PytestOptions)
    found_by: int = _BY_CONFIG

    def is_test_module(self, path: Path) -> bool:
        """A ``python_files`` match that pytest would collect as a test module."""
        if path.suffix != ".py" or not self.options.python_plugin:
            return False
        return any(fnmatch_ex(pattern, path) for pattern in self.options.python_files)

    def is_test_file(self, path: Path) -> bool:
        """conftest.py, or a test module."""
        return path.name == "conftest.py" or self.is_test_module(path)

    @property
    def pythonpath(self) -> tuple[Path, ...]:
        """The ``pythonpath`` folders, resolved against the configuration file's folder
        (pytest's ``paths`` ini type)."""
        base = self.inifile.parent if self.inifile is not None else self.rootdir
        return tuple(base / entry for entry in self.options.pythonpath)

    @property
    def confcutdir(self) -> Path:
        """Where pytest stops loading conftest.py files upwards: ``--confcutdir``, else the
        configuration file's directory, else the rootdir."""
        if self.options.confcutdir:
            return Path(os.path.normpath(self.rootdir / self.options.confcutdir))
        return self.inifile.parent if self.inifile is not None else self.rootdir

    def norecurse(self, directory: Path) -> bool:
        return any(fnmatch_ex(pattern, directory) for pattern in self.options.norecursedirs)

    def deselected(self, path: Path) -> bool:
        """``--deselect`` prefixes from ``addopts`` (node ids are relative to the rootdir)."""
        if not self.options.deselect:
            return False
        try:
            node_id = path.relative_to(self.rootdir).as_posix()
        except ValueError:
            return False
        return node_id.startswith(tuple(self.options.deselect))

    def display(self, path: Path) -> str:
        """A path for messages: the one every face shows (see :func:`display_path`)."""
        return display_path(path)

    def nodeid_path(self, path: Path) -> str:
        """A path as pytest's node ids spell it: relative to the rootdir, forward slashes."""
        if self.rootdir == Path(self.rootdir.anchor):
            return path.as_posix()
        try:
            return path.relative_to(self.rootdir).as_posix()
        except ValueError:
            return path.as_posix()


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the current directory (``os.path.relpath``),
    absolute when there is no relative spelling (another drive), with forward slashes.
    The CLI, the flake8 plugin and the language server all use it, so one finding reads
    the same in each for the same working directory."""
    try:
        shown = os.path.relpath(path)
    except (ValueError, OSError):  # another drive; a working directory that was removed
        shown = str(path)
    if os.sep != "/":
        shown = shown.replace(os.sep, "/")
    # a name that is not valid UTF-8 is shown with U+FFFD, so no output format can fail
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class ProjectFinder:
    """Finds the :class:`Project` of any directory, reading each config file once."""

    def __init__(self, warn: Optional[Warn] = None) -> None:
        self._by_dir: dict[Path, Project] = {}
        self._is_dir: dict[Path, bool] = {}
        self._warn = warn or _warn_stderr

    def for_path(self, path: Path) -> Project:
        is_dir = self._is_dir.get(path)
        if is_dir is None:  # asked many times per file in a run: one stat each
            is_dir = self._is_dir[path] = os.path.isdir(path)
        return self.for_directory(path if is_dir else path.parent)

    def for_directory(self, directory: Path) -> Project:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        project = self._find(directory)
        self._by_dir[directory] = project
        return project

    def _find(self, directory: Path) -> Project:
        """pytest's rootdir rules, one directory at a time (a directory without a pytest
        configuration of its own takes its parent's, unless its own markers rank higher)."""
        found = locate_config(directory, self._warn)
        if found is not None:
            inifile, table = found
            return Project(rootdir=directory, inifile=inifile, options=options_from_table(table, inifile, self._warn))
        parent = self.for_directory(directory.parent) if directory.parent != directory else None
        if parent is not None and parent.found_by == _BY_CONFIG:
            return parent
        # No pytest configuration above: the nearest pyproject.toml, else the nearest
        # setup.py, else the nearest .git; else every conftest.py above the file counts.
        for rank, marker in ((_BY_PYPROJECT, "pyproject.toml"), (_BY_SETUP_PY, "setup.py"), (_BY_GIT, ".git")):
            if parent is not None and parent.found_by <= rank:
                return parent
            marker_path = directory / marker
            if os.path.exists(marker_path) if marker == ".git" else os.path.isfile(marker_path):
                marker_file = marker_path if marker == "pyproject.toml" else None
                return Project(rootdir=directory, inifile=marker_file, found_by=rank)
        return parent if parent is not None else Project(rootdir=directory, inifile=None, found_by=_BY_NOTHING)


def _warn_stderr(message: str) -> None:
    import sys

    print(f"fixture-lint: warning: {message}", file=sys.stderr)


# -- what pytest would not collect ------------------------------------------------------
def conftest_ignores(tree: ast.Module) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The literal strings a conftest.py puts in ``collect_ignore`` and
    ``collect_ignore_glob`` at module level (also under a module-level ``if``/``try``:
    ignoring under a condition is ignoring on some runs). Anything computed is skipped."""
    found: dict[str, list[str]] = {"collect_ignore": [], "collect_ignore_glob": []}

    def strings(node: Optional[ast.expr]) -> list[str]:
        if isinstance(node, (ast.List, ast.Tuple)):
            return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return strings(node.left) + strings(node.right)
        return []

    def visit(body: Sequence[ast.stmt]) -> None:
        for statement in body:
            if isinstance(statement, (ast.Assign, ast.AnnAssign)):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in found:
                        found[target.id] = strings(statement.value)
            elif isinstance(statement, ast.AugAssign):
                if isinstance(statement.target, ast.Name) and statement.target.id in found:
                    found[statement.target.id].extend(strings(statement.value))
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                call = statement.value
                func = call.func
                if (
                    isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name)
                    and func.value.id in found
                    and len(call.args) == 1
                ):
                    if func.attr == "append":
                        found[func.value.id].extend(strings(ast.List(elts=[call.args[0]], ctx=ast.Load())))
                    elif func.attr == "extend":
                        found[func.value.id].extend(strings(call.args[0]))
            elif isinstance(statement, ast.If):
                visit(statement.body)
                visit(statement.orelse)
            elif isinstance(statement, ast.Try):
                visit(statement.body)
                visit(statement.orelse)

    visit(tree.body)
    return tuple(found["collect_ignore"]), tuple(found["collect_ignore_glob"])


class ConftestIgnores:
    """``collect_ignore`` / ``collect_ignore_glob`` per directory: as pytest's
    ``_getconftest_pathlist``, the nearest conftest.py (up to the confcutdir) that sets the
    name decides, its entries relative to its own directory."""

    def __init__(self) -> None:
        self._by_file: dict[Path, Optional[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        self._by_dir: dict[Path, Optional[tuple[tuple[str, ...], tuple[str, ...]]]] = {}

    def _of_directory(self, directory: Path) -> Optional[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The ignore lists of ``directory``'s conftest.py (one stat per directory a run)."""
        if directory not in self._by_dir:
            conftest = directory / "conftest.py"
            self._by_dir[directory] = self._read(conftest) if os.path.isfile(conftest) else None
        return self._by_dir[directory]

    def _read(self, conftest: Path) -> Optional[tuple[tuple[str, ...], tuple[str, ...]]]:
        if conftest not in self._by_file:
            value = None
            try:
                data = conftest.read_bytes()
                if b"collect_ignore" in data:
                    value = conftest_ignores(ast.parse(data, filename=str(conftest)))
            except (OSError, SyntaxError, ValueError, RecursionError):
                value = None
            self._by_file[conftest] = value
        return self._by_file[conftest]

    def reason(self, path: Path, stop: Path) -> Optional[str]:
        """Why pytest's ``collect_ignore``/``collect_ignore_glob`` skips ``path``, if it does."""
        paths_done = globs_done = False
        directory = path.parent
        while True:
            conftest = directory / "conftest.py"
            found = self._of_directory(directory)
            if found is not None:
                ignore, ignore_glob = found
                if ignore and not paths_done:
                    paths_done = True
                    if any(Path(os.path.normpath(directory / entry)) == path for entry in ignore):
                        return f"collect_ignore in {conftest}"
                if ignore_glob and not globs_done:
                    globs_done = True
                    if any(fnmatch.fnmatch(str(path), str(directory / entry)) for entry in ignore_glob):
                        return f"collect_ignore_glob in {conftest}"
            if directory == stop or directory.parent == directory or stop not in directory.parents:
                return None
            directory = directory.parent


def _in_venv(directory: Path) -> bool:
    try:
        return os.path.isfile(directory / "pyvenv.cfg") or os.path.isfile(directory / "conda-meta" / "history")
    except OSError:
        return False


# -- .gitignore ---------------------------------------------------------------------------
class GitIgnore:
    """The ``.gitignore`` files of a git work tree, from its top (the nearest directory
    holding ``.git``) down to a directory; outside a work tree nothing is ignored."""

    def __init__(self, top: Optional[Path] = None) -> None:
        self._chains: dict[Path, tuple[bool, tuple[tuple[Path, pathspec.GitIgnoreSpec], ...]]] = {}
        self._top = top
        """Where the chain starts instead of the work tree's top (a walk inside an ignored
        directory: the user chose it, so only the .gitignore files inside it apply)."""

    def _chain(self, directory: Path) -> tuple[bool, tuple[tuple[Path, pathspec.GitIgnoreSpec], ...]]:
        cached = self._chains.get(directory)
        if cached is not None:
            return cached
        specs: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...] = ()
        if directory == self._top or os.path.exists(directory / ".git"):
            in_work_tree = True
        elif directory.parent == directory:
            in_work_tree = False
        else:
            in_work_tree, specs = self._chain(directory.parent)
        gitignore = directory / ".gitignore"
        if in_work_tree and os.path.isfile(gitignore):
            try:
                lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
                import pathspec  # here: its import costs a run with no .gitignore 30 ms

                specs = specs + ((directory, pathspec.GitIgnoreSpec.from_lines(lines)),)
            except OSError:
                pass
        self._chains[directory] = (in_work_tree, specs)
        return in_work_tree, specs

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """The deepest ``.gitignore`` with a matching pattern decides (``!`` re-includes)."""
        for base, spec in reversed(self._chain(path.parent)[1]):
            relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
            include = spec.check_file(relative).include
            if include is not None:
                return bool(include)
        return False


# -- walking ------------------------------------------------------------------------------
class WalkSettings(Protocol):
    """What the walk needs of :class:`fixture_lint.config.Settings`."""

    @property
    def base(self) -> Path: ...
    @property
    def exclude(self) -> tuple[str, ...]: ...
    @property
    def extend_exclude(self) -> tuple[str, ...]: ...
    @property
    def respect_gitignore(self) -> bool: ...


NOT_TEST_CODE = "not test code"
EXCLUDED = "excluded by exclude/extend-exclude"
GITIGNORED = "ignored by .gitignore"
NOT_COLLECTED = "not collected by pytest"


class Walker:
    """pytest's collection walk, statically: the test files below a directory, and a tally
    of what was skipped and why (for the "no files to check" warning)."""

    def __init__(self, projects: ProjectFinder, settings_for: Callable[[Path], WalkSettings]) -> None:
        self.projects = projects
        self.settings_for = settings_for
        self.conftests = ConftestIgnores()
        self.gitignore = GitIgnore()
        self.problems: list[str] = []
        """Parts of the walked tree that could not be read (warnings, never silent)."""
        self._visited: set[str] = set()

    def pytest_skips(self, path: Path, is_dir: bool, project: Project) -> Optional[str]:
        """Why pytest's ``pytest_ignore_collect`` skips ``path`` below an initial path."""
        if path.name == "__pycache__":
            return "__pycache__"
        reason = self.conftests.reason(path, project.confcutdir)
        if reason is not None:
            return reason
        options = project.options
        if options.ignore and any(Path(os.path.normpath(project.rootdir / entry)) == path for entry in options.ignore):
            return "--ignore in addopts"
        if options.ignore_glob and any(fnmatch.fnmatch(str(path), str(project.rootdir / g)) for g in options.ignore_glob):
            return "--ignore-glob in addopts"
        if is_dir and _in_venv(path):
            return "a virtualenv"
        if is_dir and project.norecurse(path):
            return "norecursedirs"
        return None

    def walk(self, root: Path, tally: Optional[Counter[str]] = None) -> Iterator[Path]:
        """The test files below ``root`` (sorted, not following symlinks that leave it)."""
        tally = tally if tally is not None else Counter()
        gitignore = self.gitignore
        if root.parent != root and self.gitignore.ignored(root, True):
            gitignore = GitIgnore(top=root)  # as ripgrep and ruff: a walk inside an ignored tree sees it
        root_real = os.path.realpath(root)
        stack = [root]
        while stack:
            directory = stack.pop()
            real = os.path.realpath(directory)
            if real in self._visited and directory != root:
                continue  # a symlink loop, or a directory reached twice: each is walked once
            self._visited.add(real)
            try:
                entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
            except OSError as exc:
                self.problems.append(f"{_shown(directory)}: cannot be read ({describe_os_error(exc)}); skipped")
                continue
            project = self.projects.for_directory(directory)
            settings = self.settings_for(directory)
            excluded = ExcludeCheck(settings.base, settings.exclude, settings.extend_exclude)
            subdirs = []
            for entry in entries:
                path = Path(entry.path)
                try:
                    is_dir = entry.is_dir()
                    if not is_dir and not entry.name.endswith(".py"):
                        continue
                    # A FIFO, device, socket or dangling link named like a test file is
                    # handed on as a file, as if it were named: reading it refuses it with
                    # FXL000 and its reason, without blocking.
                    if entry.is_symlink() and os.path.exists(path) and not _inside(os.path.realpath(path), root_real):
                        continue  # leaves the linted tree: only followed when named explicitly
                    reason = self._skip(path, is_dir, project, settings, excluded, gitignore)
                except OSError as exc:
                    if os.path.lexists(path):  # (a path that vanished mid-walk is simply gone)
                        self.problems.append(f"{_shown(path)}: {describe_os_error(exc)}; skipped")
                    continue
                if reason is not None:
                    tally[reason] += 1
                elif is_dir:
                    subdirs.append(path)
                else:
                    yield path
            stack.extend(reversed(subdirs))

    def _skip(
        self,
        path: Path,
        is_dir: bool,
        project: Project,
        settings: WalkSettings,
        excluded: ExcludeCheck,
        gitignore: GitIgnore,
    ) -> Optional[str]:
        if not is_dir and not project.is_test_file(path):
            return NOT_TEST_CODE
        if excluded(path, is_dir):
            return EXCLUDED
        if self.pytest_skips(path, is_dir, project) is not None:
            return NOT_COLLECTED
        if not is_dir and path.name != "conftest.py" and project.deselected(path):
            return NOT_COLLECTED
        if settings.respect_gitignore and gitignore.ignored(path, is_dir):
            return GITIGNORED
        return None


def _shown(path: Path) -> str:
    """A path for a message: relative to the working directory when below it, and with
    undecodable bytes of its name replaced, so printing it cannot fail."""
    text = os.fspath(path)
    try:
        text = os.path.relpath(text)
    except ValueError:
        pass
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def matches_exclude(path: Path, base: Path, patterns: Sequence[str]) -> bool:
    """ruff-like exclusion: a pattern without ``/`` matches any path component,
    one with ``/`` matches the path relative to ``base`` (or a parent of it)."""
    if not patterns:
        return False
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        relative = path.as_posix()
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if "/" not in pattern:
            if any(fnmatch.fnmatchcase(part, pattern) for part in parts):
                return True
            continue
        pattern = pattern.lstrip("./") if pattern.startswith("./") else pattern
        for depth in range(1, len(parts) + 1):
            if fnmatch.fnmatchcase("/".join(parts[:depth]), pattern):
                return True
    return False


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class ExcludeCheck:
    """``(path, is_dir) -> bool`` for ``exclude`` (default: DEFAULT_EXCLUDE) plus
    ``extend-exclude``, as ruff does: setting ``exclude`` replaces the defaults."""

    def __init__(self, base: Path, exclude: Sequence[str], extend_exclude: Sequence[str]) -> None:
        self.base = base
        self.names = frozenset(p for p in tuple(exclude) + tuple(extend_exclude) if not _is_glob_or_path(p))
        self.patterns = tuple(p for p in tuple(exclude) + tuple(extend_exclude) if _is_glob_or_path(p))

    def __call__(self, path: Path, is_dir: bool) -> bool:
        if path.name in self.names:
            return True
        return matches_exclude(path, self.base, self.patterns)

    def excludes_named_path(self, path: Path) -> bool:
        """For a path named on the command line: any of its components excluded."""
        try:
            parts = path.relative_to(self.base).parts
        except ValueError:
            parts = path.parts
        if any(part in self.names for part in parts):
            return True
        return matches_exclude(path, self.base, self.patterns)


def _is_glob_or_path(pattern: str) -> bool:
    return any(ch in pattern for ch in "*?[/")


def unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    result = []
    for path in paths:
        if path not in seen:
            seen.add(path)
            result.append(path)
    return result
