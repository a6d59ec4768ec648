"""Reading and parsing modules: bytes -> SourceFile -> ast -> ModuleFacts, once each.

Conftest files and ``pytest_plugins`` modules are needed by every test file below them,
so their parsed form is cached for the run; test modules are parsed when checked and
then dropped.
"""
from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from ..fsutil import DEFAULT_MAX_FILE_SIZE, UnreadableFile, read_regular_file
from ..source import SourceError, SourceFile
from .facts import ModuleFacts, TestNaming, collect_facts


@dataclass
class ParsedModule:
    """A module read and parsed without being imported."""

    path: Path
    source: SourceFile
    tree: ast.Module
    facts: ModuleFacts


@dataclass(frozen=True)
class LoadError:
    """Why a module could not be read or parsed, with the place where it failed."""

    path: Path
    reason: str
    line: int = 1
    column: int = 1


LoadResult = Union[ParsedModule, LoadError]


def parse_source(path: Path, source: SourceFile, naming: TestNaming, tree: Optional[ast.Module] = None) -> LoadResult:
    """Parse ``source`` (unless ``tree`` is given) and collect its facts."""
    try:
        if tree is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes is not ours to show
                tree = ast.parse(source.text, filename=str(path), type_comments=False)
        facts = collect_facts(tree, naming)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        return LoadError(path, f"syntax error: {exc.msg}", line, max(column, 1))
    except RecursionError:
        return LoadError(path, "expression nested too deeply to analyse (RecursionError)")
    except (ValueError, MemoryError) as exc:
        return LoadError(path, f"cannot parse: {exc}")
    return ParsedModule(path=path, source=source, tree=tree, facts=facts)


def read_source(path: Path, limit: int = DEFAULT_MAX_FILE_SIZE) -> Union[SourceFile, LoadError]:
    """The decoded source of a regular file of at most ``limit`` bytes, or why not."""
    try:
        data = read_regular_file(path, limit)
    except UnreadableFile as exc:
        return LoadError(path, f"cannot read: {exc.reason}")
    try:
        return SourceFile.from_bytes(data)
    except SourceError as exc:
        return LoadError(path, str(exc))


def load_module(path: Path, naming: TestNaming, limit: int = DEFAULT_MAX_FILE_SIZE) -> LoadResult:
    source = read_source(path, limit)
    if isinstance(source, LoadError):
        return source
    return parse_source(path, source, naming)


class ModuleCache:
    """Parsed conftest and plugin modules for one run, keyed by absolute path.

    ``overrides`` lets an editor's unsaved buffer (``--stdin-filename``) stand in for the
    file on disk, so the hierarchy sees what the user sees.
    """

    def __init__(self, naming_for: Callable[[Path], TestNaming], max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> None:
        self._naming_for = naming_for
        self.max_file_size = max_file_size
        self._modules: dict[Path, LoadResult] = {}
        self._reads: Optional[set[Path]] = None

    def put(self, result: LoadResult) -> None:
        self._modules[result.path] = result

    def get(self, path: Path) -> LoadResult:
        if self._reads is not None:
            self._reads.add(path)
        cached = self._modules.get(path)
        if cached is None:
            cached = load_module(path, self._naming_for(path), self.max_file_size)
            self._modules[path] = cached
        return cached

    # -- what one check read, for the result cache ---------------------------------------
    def start_reads(self) -> set[Path]:
        """Begin recording the modules the check of one file reads (``get`` and
        :meth:`touch`); the set returned fills until :meth:`stop_reads`."""
        self._reads = set()
        return self._reads

    def stop_reads(self) -> None:
        self._reads = None

    def resume_reads(self, reads: set[Path]) -> None:
        """Go on recording into ``reads`` (after a nested recording, see ``Summaries``)."""
        self._reads = reads

    def touch(self, paths: Iterable[Path]) -> None:
        """Record modules a cached answer was computed from (a project function's
        summary, kept for the run): the check that reuses the answer depends on them too."""
        if self._reads is not None:
            self._reads.update(paths)

    @property
    def recording(self) -> Optional[set[Path]]:
        """The reads of the check in progress (``None`` outside one)."""
        return self._reads

    def facts(self, path: Path) -> Optional[ModuleFacts]:
        result = self.get(path)
        return result.facts if isinstance(result, ParsedModule) else None
