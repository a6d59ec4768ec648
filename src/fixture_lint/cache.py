"""The result cache: a second run on unchanged files is served without parsing.

An entry is valid while the file's content hash, the settings that apply to it, the
tool's version and the content of every file its findings depend on (its conftest.py
chain, ``pytest_plugins`` modules, the pytest ini file and the dependency files that
decide which plugins are in use) are unchanged. Touching one conftest.py therefore
re-checks exactly the files below it.

The cache is JSON, never pickle: a cache directory can come from anywhere (a checkout,
an archive) and loading it must not run code. A corrupt or unwritable cache is ignored
with a warning; it is never fatal.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from . import __version__
from .engine import FileResult
from .rule import Diagnostic, Edit, Fix

CACHE_DIR_NAME = ".fixture_lint_cache"
_FILE_NAME = "results.json"
_FORMAT = 1


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
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self.warn(f"cache {path} cannot be read ({exc.strerror or exc}); checking every file")
            return
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
                raise ValueError("unexpected layout")
        except ValueError as exc:
            self.warn(f"cache {path} is corrupt ({exc}); ignoring it")
            return
        if data.get("format") != _FORMAT or data.get("version") != __version__:
            return
        self._entries = data["entries"]

    def file_hash(self, path: Path) -> Optional[str]:
        """Content hash of a dependency, read once per run (None: missing/unreadable)."""
        if path not in self._hashes:
            try:
                self._hashes[path] = content_hash(path.read_bytes())
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
            self.directory.mkdir(parents=True, exist_ok=True)
            gitignore = self.directory / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# Created by fixture-lint\n*\n", encoding="utf-8")
            document = {"format": _FORMAT, "version": __version__, "entries": self._entries}
            fd, temp = tempfile.mkstemp(prefix=".results-", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(document, handle, separators=(",", ":"))
                os.replace(temp, self.directory / _FILE_NAME)
            except BaseException:
                if os.path.exists(temp):
                    os.unlink(temp)
                raise
        except OSError as exc:
            self.warn(f"cache {self.directory} cannot be written ({exc.strerror or exc}); results not cached")


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
    )
