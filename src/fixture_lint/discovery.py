"""Which files are test code: the rootdir, pytest's ini options, and the walk over paths.

pytest's own rules, read statically: the rootdir is the nearest ancestor holding a
pytest configuration (``pytest.ini``, ``.pytest.ini``, ``pyproject.toml`` with
``[tool.pytest.ini_options]``, ``tox.ini`` with ``[pytest]``, ``setup.cfg`` with
``[tool:pytest]``); failing that, the nearest ancestor with ``pyproject.toml``,
``setup.py`` or ``.git``; failing that, the file's own directory. It is decided per
directory, so the CLI and the flake8 plugin (which sees one file at a time) agree.
"""
from __future__ import annotations

import configparser
import fnmatch
import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from . import tomlcompat
from .model.facts import TestNaming

DEFAULT_PYTHON_FILES = ("test_*.py", "*_test.py")

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


class ConfigError(Exception):
    """A configuration file or value is wrong; the message names file, key and value."""


@dataclass(frozen=True)
class PytestOptions:
    """The ini options of pytest that decide what is test code."""

    python_files: tuple[str, ...] = DEFAULT_PYTHON_FILES
    python_classes: tuple[str, ...] = ("Test",)
    python_functions: tuple[str, ...] = ("test",)
    testpaths: tuple[str, ...] = ()

    @property
    def naming(self) -> TestNaming:
        return TestNaming(classes=self.python_classes, functions=self.python_functions)


@dataclass(frozen=True)
class Project:
    """A rootdir and the pytest options found there."""

    rootdir: Path
    inifile: Optional[Path]
    options: PytestOptions = field(default_factory=PytestOptions)

    def is_test_file(self, path: Path) -> bool:
        """conftest.py, or a ``python_files`` match (basename, or path if it has a slash)."""
        if path.name == "conftest.py":
            return True
        if path.suffix != ".py":
            return False
        for pattern in self.options.python_files:
            if "/" in pattern or os.sep in pattern:
                if fnmatch.fnmatch(str(path), f"*{pattern}") or fnmatch.fnmatch(str(path), pattern):
                    return True
            elif fnmatch.fnmatch(path.name, pattern):
                return True
        return False

    def display(self, path: Path) -> str:
        """A path for messages: relative to the rootdir, with forward slashes."""
        if self.rootdir == Path(self.rootdir.anchor):
            return path.as_posix()
        try:
            return path.relative_to(self.rootdir).as_posix()
        except ValueError:
            return path.as_posix()


class ProjectFinder:
    """Finds the :class:`Project` of any directory, reading each config file once."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, Project] = {}

    def for_path(self, path: Path) -> Project:
        directory = path if path.is_dir() else path.parent
        return self.for_directory(directory)

    def for_directory(self, directory: Path) -> Project:
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        project = self._find(directory)
        self._by_dir[directory] = project
        return project

    def _find(self, directory: Path) -> Project:
        """The nearest ancestor with a pytest configuration; each directory is read once
        (a directory without one has its parent's project)."""
        found = _read_pytest_config(directory)
        if found is not None:
            inifile, options = found
            return Project(rootdir=directory, inifile=inifile, options=options)
        parent = self.for_directory(directory.parent) if directory.parent != directory else None
        if parent is not None and parent.inifile is not None:
            return parent
        # No pytest configuration above: the nearest project marker, else every
        # conftest.py above the file counts (as when pytest runs from high enough up).
        if any((directory / marker).exists() for marker in ("pyproject.toml", "setup.py", ".git")):
            return Project(rootdir=directory, inifile=None)
        return parent if parent is not None else Project(rootdir=directory, inifile=None)


def _read_pytest_config(directory: Path) -> Optional[tuple[Path, PytestOptions]]:
    for name in ("pytest.ini", ".pytest.ini"):
        ini = directory / name
        if ini.is_file():
            section = _ini_section(ini, "pytest")
            return ini, _options_from_ini(section or {}, ini)
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomlcompat.loads(pyproject.read_text(encoding="utf-8"))
        except (tomlcompat.TOMLDecodeError, OSError, UnicodeDecodeError):
            data = {}
        table = data.get("tool", {}).get("pytest", {}).get("ini_options")
        if isinstance(table, dict):
            return pyproject, _options_from_toml(table, pyproject)
    tox = directory / "tox.ini"
    if tox.is_file():
        section = _ini_section(tox, "pytest")
        if section is not None:
            return tox, _options_from_ini(section, tox)
    setup_cfg = directory / "setup.cfg"
    if setup_cfg.is_file():
        section = _ini_section(setup_cfg, "tool:pytest")
        if section is not None:
            return setup_cfg, _options_from_ini(section, setup_cfg)
    return None


def _ini_section(path: Path, section: str) -> Optional[dict[str, str]]:
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read_string(path.read_text(encoding="utf-8", errors="replace"), source=str(path))
    except (configparser.Error, OSError):
        return None
    if not parser.has_section(section):
        return None
    return dict(parser.items(section))


def _split_ini(value: str) -> tuple[str, ...]:
    try:
        return tuple(shlex.split(value))
    except ValueError:
        return tuple(value.split())


def _options_from_ini(section: dict[str, str], path: Path) -> PytestOptions:
    values = {key: _split_ini(section[key]) for key in _OPTION_KEYS if key in section}
    return PytestOptions(**values)


def _options_from_toml(table: dict[str, object], path: Path) -> PytestOptions:
    values = {}
    for key in _OPTION_KEYS:
        if key not in table:
            continue
        raw = table[key]
        if isinstance(raw, str):
            values[key] = _split_ini(raw)
        elif isinstance(raw, list) and all(isinstance(item, str) for item in raw):
            values[key] = tuple(raw)
    return PytestOptions(**values)


_OPTION_KEYS = ("python_files", "python_classes", "python_functions", "testpaths")


# -- walking ------------------------------------------------------------------------
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


def iter_python_files(
    root: Path,
    excluded: "ExcludeCheck",
) -> Iterator[Path]:
    """Every ``.py`` file below ``root`` (sorted, not following symlinks that leave
    ``root``), skipping excluded directories and virtualenvs."""
    root_real = os.path.realpath(root)
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    # Like pytest (norecursedirs '.*'), hidden directories hold no tests.
                    if entry.name.startswith(".") or excluded(path, True) or (path / "pyvenv.cfg").exists():
                        continue
                    if entry.is_symlink() and not _inside(os.path.realpath(path), root_real):
                        continue
                    subdirs.append(path)
                elif entry.name.endswith(".py") and entry.is_file() and not excluded(path, False):
                    if entry.is_symlink() and not _inside(os.path.realpath(path), root_real):
                        continue  # leaves the linted tree: only followed when named explicitly
                    yield path
            except OSError:
                continue
        stack.extend(reversed(subdirs))


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
