"""The result cache: a second run on unchanged files is served without parsing.

An entry is valid while the file's content hash, the settings that apply to it, the
tool's version and the content of every file its findings depend on (its conftest.py
chain, ``pytest_plugins`` modules, the pytest ini file and the dependency files that
decide which plugins are in use) are unchanged. Touching one conftest.py therefore
re-checks exactly the files below it.

The cache is JSON, never pickle: a cache directory can come from anywhere (a checkout,
an archive) and loading it must not run code. Everything loaded is validated field by
field before use; a corrupt or unwritable cache is discarded with one warning, never fatal.

The cache directory is fixture-lint's own: it is created by fixture-lint and marked with a
``CACHEDIR.TAG`` (the cache-directory standard, which backup tools honour). A configured
``cache-dir`` that already exists and holds anything else is refused, so a hostile or
mistaken configuration cannot make a plain check write into a foreign directory. Temp
files of a run that was killed are removed by the next run that writes the cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from . import __version__
from .discovery import ConfigError
from .engine import FileResult
from .fsutil import UnreadableFile, read_regular_file, remove_stale_files
from .rule import Diagnostic, Edit, Fix, RelatedLocation

CACHE_DIR_NAME = ".fixture_lint_cache"
_FILE_NAME = "results.json"
_FORMAT = 2  # line 1: a JSON header with the checksum of line 2; line 2: the entries
MARKER_NAME = "CACHEDIR.TAG"
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by fixture-lint.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
_GITIGNORE_TEXT = "# Created by fixture-lint\n*\n"
_TEMP_PREFIX, _TEMP_SUFFIX = ".results-", ".tmp"
_STALE_TEMP_SECONDS = 60.0
_MAX_CACHE_BYTES = 512 * 1024 * 1024


def check_cache_dir(directory: Path) -> None:
    """Refuse a cache directory that is not fixture-lint's own.

    Ours: it does not exist yet (it will be created), it is empty, it holds the marker,
    or it is a cache written before the marker existed (only our own file names, our
    ``.gitignore``). Anything else is a :class:`ConfigError` naming the directory.
    """
    if not os.path.lexists(directory):
        return
    if directory.is_symlink() or not os.path.isdir(directory):
        raise ConfigError(f"cache directory {directory} exists and is not a directory of fixture-lint's own; choose another cache-dir")
    try:
        names = set(os.listdir(directory))
    except OSError as exc:
        raise ConfigError(f"cache directory {directory} cannot be listed ({exc.strerror or exc})") from None
    if not names or MARKER_NAME in names and _holds_marker(directory / MARKER_NAME):
        return
    ours = {_FILE_NAME, ".gitignore"}
    legacy = names <= ours | {n for n in names if n.startswith(_TEMP_PREFIX) and n.endswith(_TEMP_SUFFIX)}
    if legacy and ".gitignore" in names and _read_text(directory / ".gitignore") == _GITIGNORE_TEXT:
        return
    raise ConfigError(
        f"cache directory {directory} already exists and is not fixture-lint's (no {MARKER_NAME}); "
        "fixture-lint writes only into a directory it created: choose another cache-dir"
    )


def _holds_marker(path: Path) -> bool:
    return _read_text(path).startswith(MARKER_TEXT.splitlines()[0])


def _read_text(path: Path) -> str:
    try:
        return read_regular_file(path, 64 * 1024).decode("utf-8", "replace")
    except UnreadableFile:
        return ""


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ResultCache:
    """Findings per file, keyed by content hash, settings and dependencies."""

    def __init__(self, directory: Path, fingerprint: str, warn: Callable[[str], None]) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.warn = warn
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        self._hashes: dict[Path, Optional[str]] = {}
        self.hits = 0
        self.misses = 0
        self._load()

    # -- reading ----------------------------------------------------------------------
    def _load(self) -> None:
        path = self.directory / _FILE_NAME
        if not os.path.lexists(path):
            return
        try:
            raw = read_regular_file(path, _MAX_CACHE_BYTES)
        except UnreadableFile as exc:
            self.warn(f"cache {path} cannot be read ({exc.reason}); checking every file")
            return
        try:
            header_line, _, body = raw.partition(b"\n")
            header = json.loads(header_line)
            if not isinstance(header, dict):
                raise ValueError("unexpected layout")
            if header.get("format") != _FORMAT or header.get("version") != __version__:
                return
            if header.get("checksum") != content_hash(body):
                raise ValueError("checksum mismatch")
            entries = json.loads(body)
            if not isinstance(entries, dict):
                raise ValueError("unexpected layout")
            for key, entry in entries.items():
                problem = _entry_problem(entry)
                if problem:
                    raise ValueError(f"entry {key!r}: {problem}")
        except (ValueError, RecursionError) as exc:
            self.warn(f"cache {path} is corrupt ({exc}); discarding it and checking every file")
            self._dirty = True  # rewrite it whole at the end of the run
            return
        self._entries = entries

    def file_hash(self, path: Path) -> Optional[str]:
        """Content hash of a dependency, read once per run (None: missing/unreadable)."""
        if path not in self._hashes:
            try:  # a regular file only: a dependency can be a FIFO or /dev/zero too
                self._hashes[path] = content_hash(read_regular_file(path))
            except OSError:
                self._hashes[path] = None
        return self._hashes[path]

    def lookup(
        self, path: Path, digest: str, settings_key: str, display: str, conftests: Sequence[Path]
    ) -> Optional[FileResult]:
        """The cached result for ``path``, if still valid."""
        entry = self._entries.get(str(path))
        if (
            entry is None
            or entry.get("sha") != digest
            or entry.get("settings") != settings_key + self.fingerprint
            or entry.get("chain") != [str(p) for p in conftests]
        ):
            self.misses += 1
            return None
        try:
            for dependency, sha in entry["deps"].items():
                if self.file_hash(Path(dependency)) != sha:
                    self.misses += 1
                    return None
            result = FileResult(
                path=path,
                display=display,
                diagnostics=[_diagnostic(item, display) for item in entry["diagnostics"]],
                lines={int(k): v for k, v in entry["lines"].items()},
                warnings=[str(w) for w in entry.get("warnings", [])],
            )
        except (KeyError, TypeError, ValueError) as exc:
            self.warn(f"cache entry for {display} is corrupt ({exc}); checking the file again")
            self.misses += 1
            return None
        self.hits += 1
        return result

    # -- writing ----------------------------------------------------------------------
    def store(self, result: FileResult, digest: str, settings_key: str, conftests: Sequence[Path]) -> None:
        if result.internal_error:
            return
        deps = {}
        for dependency in result.dependencies:
            sha = self.file_hash(dependency)
            if sha is not None:
                deps[str(dependency)] = sha
        self._entries[str(result.path)] = {
            "sha": digest,
            "settings": settings_key + self.fingerprint,
            "chain": [str(p) for p in conftests],
            "deps": deps,
            "diagnostics": [_diagnostic_json(d) for d in result.diagnostics],
            "lines": {str(k): v for k, v in result.lines.items()},
            "warnings": result.warnings,
        }
        self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            check_cache_dir(self.directory)  # it may have changed since the run began
        except ConfigError as exc:
            self.warn(f"{exc}; results not cached")
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for name, text in ((MARKER_NAME, MARKER_TEXT), (".gitignore", _GITIGNORE_TEXT)):
                if not os.path.lexists(self.directory / name):
                    (self.directory / name).write_text(text, encoding="utf-8")
            self._remove_stale_temp_files()
            body = json.dumps(self._entries, separators=(",", ":")).encode("utf-8")
            header = {"format": _FORMAT, "version": __version__, "checksum": content_hash(body)}
            fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=self.directory)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(json.dumps(header).encode("utf-8") + b"\n" + body)
                os.replace(temp, self.directory / _FILE_NAME)
            except BaseException:
                if os.path.exists(temp):
                    os.unlink(temp)
                raise
        except OSError as exc:
            self.warn(f"cache {self.directory} cannot be written ({exc.strerror or exc}); results not cached")


    def _remove_stale_temp_files(self) -> None:
        """Temp files a killed run left behind (a running one's are younger)."""
        remove_stale_files(self.directory, _TEMP_PREFIX, _TEMP_SUFFIX, _STALE_TEMP_SECONDS)


def _entry_problem(entry: Any) -> str:
    """What is wrong with one loaded entry ('' when it is usable as it is)."""
    if not isinstance(entry, dict):
        return "not an object"
    for key in ("sha", "settings"):
        if not isinstance(entry.get(key), str):
            return f"{key} is not a string"
    if not _is_list_of(entry.get("chain"), str):
        return "chain is not a list of strings"
    deps = entry.get("deps")
    if not isinstance(deps, dict) or not all(isinstance(v, str) for v in deps.values()):
        return "deps is not an object of strings"
    lines = entry.get("lines")
    if not isinstance(lines, dict) or not all(k.isdigit() and isinstance(v, str) for k, v in lines.items()):
        return "lines is not an object of line numbers to strings"
    if not _is_list_of(entry.get("warnings", []), str):
        return "warnings is not a list of strings"
    diagnostics = entry.get("diagnostics")
    if not isinstance(diagnostics, list):
        return "diagnostics is not a list"
    for item in diagnostics:
        problem = _diagnostic_problem(item)
        if problem:
            return f"a diagnostic: {problem}"
    return ""


def _diagnostic_problem(item: Any) -> str:
    if not isinstance(item, dict):
        return "not an object"
    for key in ("code", "name", "message"):
        if not isinstance(item.get(key), str):
            return f"{key} is not a string"
    if not _is_position(item.get("span"), 4):
        return "span is not four positive integers"
    if item.get("help") is not None and not isinstance(item.get("help"), str):
        return "help is not a string"
    related_items = item.get("related", [])
    if not isinstance(related_items, list):
        return "related is not a list"
    for related in related_items:
        if not (
            isinstance(related, list)
            and len(related) == 4
            and isinstance(related[0], str)
            and isinstance(related[3], str)
            and _is_position(related[1:3], 2)
        ):
            return "a related location is malformed"
    fix = item.get("fix")
    if fix is None:
        return ""
    if not isinstance(fix, dict) or fix.get("applicability") not in ("safe", "unsafe"):
        return "fix has no valid applicability"
    if not isinstance(fix.get("message"), str) or not _is_list_of(fix.get("add_imports", []), str):
        return "fix message or imports malformed"
    edits = fix.get("edits")
    if not isinstance(edits, list) or not edits:
        return "fix has no edits"
    for edit in edits:
        if not (isinstance(edit, list) and len(edit) == 5 and isinstance(edit[0], str) and _is_position(edit[1:], 4)):
            return "an edit is malformed"
    return ""


def _is_list_of(value: Any, kind: type) -> bool:
    return isinstance(value, list) and all(isinstance(item, kind) for item in value)


def _is_position(value: Any, length: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == length
        and all(isinstance(v, int) and not isinstance(v, bool) and 0 < v < 1 << 31 for v in value)
    )


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": d.code,
        "name": d.name,
        "message": d.message,
        "span": [d.line, d.column, d.end_line, d.end_column],
    }
    if d.fix is not None:
        item["fix"] = {
            "applicability": d.fix.applicability,
            "message": d.fix.message,
            "edits": [[e.content, e.row, e.column, e.end_row, e.end_column] for e in d.fix.edits],
            "add_imports": list(d.fix.add_imports),
        }
    if d.related:
        item["related"] = [[r.path, r.line, r.column, r.message] for r in d.related]
    if d.help:
        item["help"] = d.help
    return item


def _diagnostic(item: dict[str, Any], display: str) -> Diagnostic:
    fix = None
    if item.get("fix"):
        raw = item["fix"]
        fix = Fix(
            applicability=raw["applicability"],
            message=raw["message"],
            edits=tuple(Edit(str(c), int(r), int(col), int(er), int(ec)) for c, r, col, er, ec in raw["edits"]),
            add_imports=tuple(raw.get("add_imports", ())),
        )
    line, column, end_line, end_column = (int(v) for v in item["span"])
    related = tuple(RelatedLocation(str(p), int(r), int(c), str(m)) for p, r, c, m in item.get("related", ()))
    return Diagnostic(
        code=str(item["code"]),
        name=str(item["name"]),
        message=str(item["message"]),
        path=display,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
        related=related,
        help=str(item["help"]) if item.get("help") is not None else None,
    )
