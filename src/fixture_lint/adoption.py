"""Adopting fixture-lint on an existing suite: ``--add-noqa`` and the baseline.

A large suite starts with dozens of findings. Two ways to gate CI on new ones only:

* ``--add-noqa`` writes ``# noqa: CODE`` where flake8's suppression (see
  :mod:`fixture_lint.source`) honours it for each finding: the finding's first physical
  line, or, when that line ends inside a string literal or with a backslash, the last
  line of the token group that holds it (flake8 matches a noqa anywhere in that group).
  An existing ``# noqa: X`` is extended rather than doubled. Every placement is checked
  against the same suppression the engine applies; a finding that cannot be silenced
  without editing a string is skipped and named. Files are written through
  :func:`fixture_lint.fixing.write_fixed` (atomic, encoding, BOM, line endings, owner and
  mode kept; a file changed on disk since it was read is left alone).
* ``--write-baseline FILE`` records the current findings; ``--baseline FILE`` hides them.
  A finding is keyed by its path relative to the baseline's directory, its code, a hash
  of the stripped text of its line and its occurrence among identical keys in the file,
  not by line number: lines inserted above it do not bring it back.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence, TextIO

from . import __version__
from .discovery import ConfigError
from .engine import PARSE_ERROR_CODE
from .fixing import FileFix, checked_roots, write_fixed
from .fsutil import UnreadableFile, read_regular_file
from .rule import Diagnostic
from .source import NOQA_INLINE, SourceError, SourceFile

if TYPE_CHECKING:
    from .engine import Engine, FileResult, RunResult

BASELINE_FORMAT = 1
_FORMAT_KEY = "fixture-lint-baseline"
_CODE = re.compile(r"[A-Z]+[0-9]+\Z")
_HASH = re.compile(r"[0-9a-f]{16}\Z")
_CODE_SPLIT = re.compile(r"[,\s]")

EXIT_CLEAN, EXIT_ERROR = 0, 2


# -- options ------------------------------------------------------------------------
def prepare(args: argparse.Namespace) -> Optional[Baseline]:
    """Check how the adoption options combine; load (and validate) ``--baseline``."""
    modes = [
        name
        for name, on in (("--add-noqa", args.add_noqa), ("--write-baseline", args.write_baseline is not None))
        if on
    ]
    others = [
        name
        for name, on in (
            ("--baseline", args.baseline is not None),
            ("--fix", args.fix),
            ("--fix-only", args.fix_only),
            ("--diff", args.diff),
            ("--stdin-filename", bool(args.stdin_filename)),
            ("--show-files", args.show_files),
        )
        if on
    ]
    if len(modes) > 1 or (modes and others):
        raise ConfigError(f"{modes[0]} cannot be combined with {', '.join(modes[1:] + others)}")
    if args.baseline is not None:
        return load_baseline(args.baseline)
    return None


def run_mode(args: argparse.Namespace, engine: Engine, result: RunResult, paths: Sequence[Path], out: TextIO) -> int:
    """``--add-noqa`` or ``--write-baseline`` after the run has checked the files."""
    for error in result.errors:
        print(f"fixture-lint: error: {error}", file=sys.stderr)
    if args.add_noqa:
        run = add_noqa(engine, result.files, checked_roots(paths))
        for note in run.skipped:
            print(f"fixture-lint: warning: {note}", file=sys.stderr)
        for error in run.errors:
            print(f"fixture-lint: error: {error}", file=sys.stderr)
        out.write(f"Added {_plural(run.added, 'noqa comment')} in {_plural(run.files, 'file')}.\n")
        return EXIT_ERROR if run.errors or result.errors else EXIT_CLEAN
    if result.errors or result.internal_error:
        print(f"fixture-lint: error: the baseline {args.write_baseline} was not written (errors above)", file=sys.stderr)
        return EXIT_ERROR
    try:
        count, files = write_baseline(args.write_baseline, result.files)
    except OSError as exc:
        print(f"fixture-lint: error: cannot write the baseline {args.write_baseline}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    out.write(f"Wrote {_plural(count, 'finding')} in {_plural(files, 'file')} to {args.write_baseline}.\n")
    return EXIT_CLEAN


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


# -- noqa comments --------------------------------------------------------------------
@dataclass
class NoqaText:
    """Where the comments of one file go: the new text, what was added, what was not."""

    text: str
    added: int = 0
    """Comments written or extended (one per line touched)."""
    skipped: list[tuple[Diagnostic, str]] = field(default_factory=list)


def _token_groups(source: SourceFile) -> Optional[tuple[dict[int, int], dict[int, int]]]:
    """Line -> the last line of its token group (flake8's noqa unit: physical lines joined
    while a token spans them or a backslash continues them), and line -> the column where
    its comment starts. ``None`` when the file does not tokenize (noqa then never applies)."""
    ends: dict[int, int] = {}
    comments: dict[int, int] = {}
    readline = io.StringIO(source.text, newline=None).readline
    low, high = len(source.lines) + 2, -1
    try:
        for tok in tokenize.generate_tokens(readline):
            if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.start[1]
            low = min(low, tok.start[0])
            high = max(high, tok.end[0])
            if tok.type in (tokenize.NL, tokenize.NEWLINE):
                for number in range(low, high + 1):
                    ends[number] = high
                low, high = len(source.lines) + 2, -1
    except (tokenize.TokenError, SyntaxError):
        return None
    return ends, comments


def noqa_text(source: SourceFile, diagnostics: Sequence[Diagnostic]) -> NoqaText:
    """``source``'s text with a noqa comment for each of ``diagnostics`` (the findings
    the engine reported for exactly this text)."""
    outcome = NoqaText(source.text)
    wanted = [d for d in diagnostics if d.code != PARSE_ERROR_CODE]
    for diagnostic in diagnostics:
        if diagnostic.code == PARSE_ERROR_CODE:
            outcome.skipped.append((diagnostic, "a file that cannot be checked cannot be silenced by noqa"))
    if not wanted:
        return outcome
    groups = _token_groups(source)
    if groups is None:
        outcome.skipped.extend((d, "the file does not tokenize, so flake8 honours no noqa in it") for d in wanted)
        return outcome
    ends, comments = groups
    by_line: dict[int, list[Diagnostic]] = {}
    for diagnostic in wanted:
        target = ends.get(diagnostic.line)
        if target is None:
            outcome.skipped.append((diagnostic, "its line is not part of any statement"))
            continue
        by_line.setdefault(target, []).append(diagnostic)
    lines = list(source.lines)
    for target, found in by_line.items():
        line = lines[target - 1]
        content = line.rstrip("\r\n")
        lines[target - 1] = _with_codes(content, comments.get(target), [d.code for d in found]) + line[len(content):]
    candidate = SourceFile.from_text("".join(lines))
    for target, found in sorted(by_line.items()):
        if all(candidate.is_suppressed(d.code, d.line) for d in found):
            outcome.added += 1
            continue
        lines[target - 1] = source.lines[target - 1]  # groups are independent: undo this one
        why = "a `# noqa` inside a string literal of the same line would shadow the comment"
        outcome.skipped.extend((d, why) for d in found)
    outcome.text = "".join(lines)
    return outcome


def _with_codes(content: str, comment_at: Optional[int], codes: Iterable[str]) -> str:
    """``content`` (one physical line, no newline) with ``codes`` in its noqa comment."""
    match = NOQA_INLINE.search(content, comment_at) if comment_at is not None else None
    if match is None or match.group("codes") is None:
        code = content.rstrip(" \t")
        return f"{code}  # noqa: {', '.join(sorted(set(codes)))}"
    present = [code for code in _CODE_SPLIT.split(match.group("codes")) if code]
    new = sorted({code for code in codes if not code.startswith(tuple(present))})
    comment = f"# noqa: {', '.join(present + new)}"
    after = content[match.end():]
    if after and not after[0].isspace():
        comment += " "
    return content[: match.start()] + comment + after


@dataclass
class NoqaRun:
    added: int = 0
    files: int = 0
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def plan_noqa(engine: Engine, path: Path) -> tuple[Optional[FileFix], NoqaText]:
    """Read ``path`` once, check those very bytes again (the run's result may be older
    than the file) and place the comments; nothing is written. ``(None, ...)``: the
    file could not be read (the reason is in the returned skipped list)."""
    display = engine.display(path)
    try:
        data = read_regular_file(path, engine.max_file_size)
        source = SourceFile.from_bytes(data)
    except UnreadableFile as exc:
        return None, _unplaced(display, f"cannot read it: {exc.reason}")
    except SourceError as exc:
        return None, _unplaced(display, str(exc))
    current = engine.check_file(path, text=source.text)
    placed = noqa_text(source, current.diagnostics)
    return FileFix(path, display, source, data, after=placed.text), placed


def _unplaced(display: str, reason: str) -> NoqaText:
    outcome = NoqaText("")
    outcome.skipped.append((Diagnostic(PARSE_ERROR_CODE, "", reason, display, 1, 1, 1, 1), reason))
    return outcome


def add_noqa(engine: Engine, results: Sequence[FileResult], roots: Sequence[Path]) -> NoqaRun:
    """Add the noqa comments of every file of ``results`` that has findings."""
    run = NoqaRun()
    for result in results:
        if not result.diagnostics:
            continue
        outcome, placed = plan_noqa(engine, result.path)
        for diagnostic, reason in placed.skipped:
            where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code}"
            run.skipped.append(f"{where}: no noqa comment added: {reason}")
        if outcome is None or not outcome.changed:
            continue
        error = write_fixed(outcome, roots)
        if error is not None:
            run.errors.append(error.replace("not fixed", "no noqa comment added").replace(
                "the file is left unchanged", "no noqa comment added"
            ))
            continue
        run.added += placed.added
        run.files += 1
    return run


# -- the baseline ---------------------------------------------------------------------
Key = tuple[str, str, str, int]


def line_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def keyed(results: Iterable[FileResult], directory: Path) -> list[tuple[FileResult, Diagnostic, Key]]:
    """Every finding of ``results`` with its baseline key (relative to ``directory``)."""
    keyed_findings = []
    for result in results:
        relative = os.path.relpath(os.path.abspath(result.path), directory).replace(os.sep, "/")
        seen: Counter[tuple[str, str]] = Counter()
        for diagnostic in sorted(result.diagnostics, key=lambda d: (d.line, d.column, d.code)):
            digest = line_hash(result.lines.get(diagnostic.line, ""))
            occurrence = seen[diagnostic.code, digest]
            seen[diagnostic.code, digest] += 1
            keyed_findings.append((result, diagnostic, (relative, diagnostic.code, digest, occurrence)))
    return keyed_findings


def write_baseline(path: Path, results: Sequence[FileResult]) -> tuple[int, int]:
    """Write the findings of ``results`` to ``path`` (atomically); (findings, files)."""
    directory = Path(os.path.abspath(path)).parent
    entries = sorted(
        (key, diagnostic.message) for _, diagnostic, key in keyed(results, directory)
    )
    document = {
        _FORMAT_KEY: BASELINE_FORMAT,
        "version": __version__,
        "findings": [
            {"path": key[0], "code": key[1], "line_hash": key[2], "occurrence": key[3], "message": message}
            for key, message in entries
        ],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    fd, temp = tempfile.mkstemp(prefix=f".{directory.name}.", suffix=".baseline.tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return len(entries), len({key[0] for key, _ in entries})


@dataclass
class Baseline:
    """The findings of a baseline file, by key."""

    path: Path
    keys: frozenset[Key]

    @property
    def directory(self) -> Path:
        return Path(os.path.abspath(self.path)).parent

    def apply(self, results: list[FileResult], stream: Optional[TextIO] = None) -> tuple[int, int]:
        """Drop the baselined findings from ``results`` (in place); say how many on
        ``stream`` (standard error: every output format stays clean). Returns
        ``(hidden, gone)``: findings hidden, baseline entries of checked files that no
        longer occur."""
        stream = stream if stream is not None else sys.stderr
        hidden: set[int] = set()
        matched: set[Key] = set()
        for _, diagnostic, key in keyed(results, self.directory):
            if key in self.keys:
                hidden.add(id(diagnostic))
                matched.add(key)
        for result in results:
            if any(id(d) in hidden for d in result.diagnostics):
                result.diagnostics = [d for d in result.diagnostics if id(d) not in hidden]
        checked = {os.path.relpath(os.path.abspath(r.path), self.directory).replace(os.sep, "/") for r in results}
        gone = sum(1 for key in self.keys if key[0] in checked and key not in matched)
        if hidden:
            stream.write(f"fixture-lint: {_plural(len(hidden), 'finding')} in the baseline {self.path} not shown\n")
        if gone:
            stream.write(
                f"fixture-lint: {_plural(gone, 'baselined finding')} no longer found; "
                f"`--write-baseline {self.path}` drops {'them' if gone != 1 else 'it'}\n"
            )
        return len(hidden), gone


def load_baseline(path: Path) -> Baseline:
    """Read and validate a baseline file; :class:`ConfigError` names what is wrong."""
    where = f"--baseline {path}"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{where}: no such file (write one with --write-baseline {path})") from None
    except IsADirectoryError:
        raise ConfigError(f"{where}: is a directory, not a baseline file") from None
    except OSError as exc:
        raise ConfigError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    try:
        document: Any = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    if not isinstance(document, dict) or _FORMAT_KEY not in document:
        raise ConfigError(f"{where}: not a fixture-lint baseline (no {_FORMAT_KEY!r} key)")
    if document[_FORMAT_KEY] != BASELINE_FORMAT:
        raise ConfigError(f"{where}: unknown baseline format {document[_FORMAT_KEY]!r} (expected {BASELINE_FORMAT})")
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise ConfigError(f"{where}: 'findings' must be a list, got {type(findings).__name__}")
    keys: set[Key] = set()
    for index, entry in enumerate(findings):
        keys.add(_entry_key(entry, f"{where}: findings[{index}]"))
    return Baseline(path, frozenset(keys))


def _entry_key(entry: Any, where: str) -> Key:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: must be an object, got {type(entry).__name__}")
    checks: tuple[tuple[str, type, Optional[re.Pattern[str]]], ...] = (
        ("path", str, None),
        ("code", str, _CODE),
        ("line_hash", str, _HASH),
        ("occurrence", int, None),
    )
    for name, kind, pattern in checks:
        value = entry.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ConfigError(f"{where}: {name!r} must be {kind.__name__}, got {value!r}")
        if pattern is not None and isinstance(value, str) and not pattern.match(value):
            raise ConfigError(f"{where}: {name!r} is not a valid {name.replace('_', ' ')}: {value!r}")
    if entry["occurrence"] < 0 or not entry["path"]:
        raise ConfigError(f"{where}: invalid entry {entry!r}")
    return (entry["path"], entry["code"], entry["line_hash"], entry["occurrence"])
