"""Applying fixes without losing data.

Rules describe a fix as data (:class:`~fixture_lint.rule.Fix`: text edits by position,
built with :mod:`fixture_lint.fix_edits`, plus module imports the edits need). This module

* settles each diagnostic's fix against the settings, as ruff does: ``fixable`` /
  ``unfixable`` decide whether a rule's fixes are offered at all, ``extend-safe-fixes`` /
  ``extend-unsafe-fixes`` change their applicability (the more specific selector wins,
  unsafe wins ties), ``unsafe-fixes`` decides whether unsafe ones apply;
* applies the applicable fixes of one file in passes: the non-overlapping edits of a
  pass are spliced into the text (a fix whose edits touch an edit already taken this
  pass waits for the next pass; an edit identical to one already taken is shared), the
  missing imports are inserted where an import sorter would put them in the leading
  import block (:mod:`fixture_lint.fix_imports`), and the result must parse with both
  libcst and ``ast``; then the file is checked again and fixed again until nothing
  applicable is left (at most :data:`MAX_PASSES` passes); the check itself runs these passes in
  memory first (:func:`settle_check`), so a rule whose fixes fail, undo themselves or never
  converge in a file is not offered as fixable there, with a warning, not a secret;
* writes the result once, atomically (a temporary file in the same directory, then
  ``os.replace``), with the file's encoding, BOM, line endings and permission bits, and
  only if the file on disk is still the one that was checked.

Anything that goes wrong leaves the file byte-for-byte unchanged and produces one
error naming the file (and the rules, when a fix is at fault); the run goes on.
"""
from __future__ import annotations

import ast
import difflib
import os
import stat
import tempfile
import warnings
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence, Union

from .config import Settings, _longest_match
from .fix_edits import _NEWLINE, add_parameter, char_column, insert_at, line_starts, node_text, replace_node
from .fix_imports import _STDLIB_NAMES, FixError, add_import_lines, add_imports
from .fsutil import UnreadableFile, read_regular_file, remove_stale_files
from .rule import Applicability, Diagnostic
from .source import SourceError, SourceFile

if TYPE_CHECKING:
    from .engine import Engine, FileResult

__all__ = [  # what rules, the faces and the tests use; edits and imports live beside
    "FileFix", "FixError", "FixRun", "Fixer", "MAX_PASSES", "UNPARSABLE", "add_import_lines", "add_imports",
    "add_parameter", "apply_pass", "char_column", "checked_roots", "fix_results", "insert_at", "is_applicable",
    "line_starts", "node_text", "parse_check", "replace_node", "settle_check", "settle_fix", "write_fixed",
    "_STDLIB_NAMES",
]

MAX_PASSES = 20
UNPARSABLE = "FXL000"
"""The code of a file that cannot be read or parsed (``engine.PARSE_ERROR_CODE``)."""
FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


# -- settings -----------------------------------------------------------------------
def settle_fix(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    """The diagnostic with its fix as the settings offer it: dropped for a rule that is
    not fixable, its applicability changed by ``extend-safe-fixes``/``extend-unsafe-fixes``."""
    fix = diagnostic.fix
    if fix is None:
        return diagnostic
    code = diagnostic.code
    if _longest_match(code, settings.fixable) <= _longest_match(code, settings.unfixable):
        return replace(diagnostic, fix=None)
    safe = _longest_match(code, settings.extend_safe_fixes)
    unsafe = _longest_match(code, settings.extend_unsafe_fixes)
    applicability: Applicability = fix.applicability
    if unsafe >= 0 and unsafe >= safe:
        applicability = "unsafe"
    elif safe >= 0:
        applicability = "safe"
    if applicability != fix.applicability:
        return replace(diagnostic, fix=replace(fix, applicability=applicability))
    return diagnostic


def is_applicable(diagnostic: Diagnostic, settings: Settings) -> bool:
    """Whether ``--fix`` applies this diagnostic's fix under ``settings``."""
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or settings.unsafe_fixes)


# -- applying edits -----------------------------------------------------------------
def _offset(text: str, starts: Sequence[int], row: int, column: int) -> int:
    if not 1 <= row <= len(starts):
        raise FixError(f"edit at line {row} is outside the file ({len(starts)} lines)")
    begin = starts[row - 1]
    end = starts[row] if row < len(starts) else len(text)
    length = len(text[begin:end].rstrip("\r\n"))
    if not 1 <= column <= length + 1:
        raise FixError(f"edit at {row}:{column} is outside the line ({length} characters)")
    return begin + column - 1


@dataclass
class PassResult:
    text: str
    applied: list[Diagnostic]
    imports: list[str]


def apply_pass(text: str, diagnostics: Sequence[Diagnostic], newline: str) -> PassResult:
    """Splice the edits of every fix that does not touch a fix taken before it.

    Fixes are taken in order of their edits' positions; an edit identical to one already
    taken is shared rather than a conflict (two findings in one function may both add
    the same parameter). Edits of one fix must not overlap each other.
    """
    starts = line_starts(text)
    candidates = []
    for diagnostic in diagnostics:
        assert diagnostic.fix is not None
        spans = []
        for edit in diagnostic.fix.edits:
            start = _offset(text, starts, edit.row, edit.column)
            end = _offset(text, starts, edit.end_row, edit.end_column)
            if end < start:
                raise FixError(f"{diagnostic.code}: edit ends before it starts at {edit.row}:{edit.column}")
            spans.append((start, end, _normalise_newlines(edit.content, newline)))
        spans.sort()
        for (_, end, _), (start, _, _) in zip(spans, spans[1:]):
            if start < end:
                raise FixError(f"{diagnostic.code}: the edits of one fix overlap")
        candidates.append((tuple(s for s, _, _ in spans), diagnostic, spans))
    candidates.sort(key=lambda item: (item[0], item[1].line, item[1].column, item[1].code))
    taken: list[tuple[int, int, str]] = []
    taken_set: set[tuple[int, int, str]] = set()
    applied: list[Diagnostic] = []
    imports: list[str] = []
    for _, diagnostic, spans in candidates:
        new = [span for span in spans if span not in taken_set]
        if any(_touches(span, other) for span in new for other in taken):
            continue
        taken.extend(new)
        taken_set.update(new)
        applied.append(diagnostic)
        assert diagnostic.fix is not None
        imports.extend(i for i in diagnostic.fix.add_imports if i not in imports)
    pieces = []
    position = 0
    for start, end, content in sorted(taken, key=lambda span: (span[0], span[1])):
        pieces.append(text[position:start])
        pieces.append(content)
        position = end
    pieces.append(text[position:])
    return PassResult("".join(pieces), applied, imports)


def _touches(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Edits conflict when they overlap or meet: the order of the result would be a guess."""
    return a[0] <= b[1] and b[0] <= a[1]


def _normalise_newlines(content: str, newline: str) -> str:
    if newline == "\n" or ("\n" not in content and "\r" not in content):
        return content
    return _NEWLINE.sub(newline, content)


def parse_check(text: str) -> None:
    """Raise :class:`FixError` unless ``text`` parses with ``ast`` and libcst."""
    import libcst

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError) as exc:
        raise FixError(f"the result does not parse: {exc}") from None
    try:
        libcst.parse_module(text)
    except libcst.ParserSyntaxError as exc:
        raise FixError(f"the result does not parse with libcst: {str(exc).splitlines()[0]}") from None


# -- fixing files -------------------------------------------------------------------
@dataclass
class FileFix:
    """What fixing one file did: the text before and after, the fixes applied per rule,
    the findings left, or why nothing was done."""

    path: Path
    display: str
    source: SourceFile
    """The file as read: its text, encoding, BOM and line endings."""
    original: bytes
    after: str
    fixed: Counter[str] = field(default_factory=Counter)
    result: Optional[FileResult] = None
    """The findings left after fixing (``None`` when the file could not be read)."""
    error: Optional[str] = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.after != self.source.text

    def encoded(self) -> bytes:
        return encode(self.source, self.after)

    def diff(self) -> str:
        before = self.source.text.splitlines(keepends=True)
        after = self.after.splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, fromfile=self.display, tofile=self.display)
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def encode(source: SourceFile, text: str) -> bytes:
    """``text`` in the file's own encoding, with its BOM if it had one."""
    data = text.encode(source.encoding)
    return b"\xef\xbb\xbf" + data if source.has_bom else data


@dataclass
class Settled:
    """The fixes of one file applied until none is left (or why that failed)."""

    text: str
    fixed: Counter[str]
    result: Optional[FileResult]
    """The findings left at the end."""
    failure: Optional[str] = None
    codes: tuple[str, ...] = ()
    """The codes whose pass failed."""
    unsettled: dict[str, str] = field(default_factory=dict)
    """Codes whose fixes were left out, with the reason."""

    @classmethod
    def failed(cls, codes: Sequence[str], reason: str) -> Settled:
        return cls("", Counter(), None, reason, tuple(codes))


def without_fixes(result: FileResult, codes: Iterable[str]) -> FileResult:
    """``result`` with the fixes of ``codes`` taken off its findings."""
    codes = set(codes)
    if not codes:
        return result
    return replace(result, diagnostics=[replace(d, fix=None) if d.code in codes else d for d in result.diagnostics])


def settle_check(engine: Engine, path: Path, source: SourceFile, result: FileResult) -> FileResult:
    """The check's result with only the fixes that settle: every offered fix (safe or
    unsafe) is applied in memory, pass after pass, as ``--fix --unsafe-fixes`` would; a
    code whose fixes do not converge loses its fix in this file, with a warning, so
    nothing is shown as fixable that ``--fix`` could not make."""
    if not any(d.fix is not None for d in result.diagnostics):
        return result
    settled = Fixer(engine).converge(path, source, result, lambda d: d.fix is not None, strict=False)
    if not settled.unsettled:
        return result
    result = without_fixes(result, settled.unsettled)
    for code, reason in sorted(settled.unsettled.items()):
        result.warnings.append(f"{result.display}: the fix of {code} is not offered: it {reason}")
    return result


class Fixer:
    """Fixes files through an engine: check, apply a pass, check again, until stable."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def wants(self, result: FileResult) -> bool:
        """Whether ``result`` holds a finding whose fix ``--fix`` would apply."""
        settings = self.engine.settings.for_path(result.path)
        return any(is_applicable(d, settings) for d in result.diagnostics)

    def fix_path(self, path: Path) -> FileFix:
        display = self.engine.display(path)
        try:
            data = read_regular_file(path, self.engine.max_file_size)
        except UnreadableFile as exc:
            if not os.path.lexists(path):
                return _unreadable(path, display, "file vanished before it could be fixed")
            return _unreadable(path, display, f"cannot read: {exc.reason}")
        try:
            source = SourceFile.from_bytes(data)
        except SourceError as exc:
            return _unreadable(path, display, str(exc))
        return self.fix_source(path, source, data, display)

    def fix_source(self, path: Path, source: SourceFile, data: bytes, display: str) -> FileFix:
        """Fix ``source`` (the content of ``path``) in memory; nothing is written. Fixes
        that do not settle (see :meth:`converge`) are left out, as the check left them out
        of what it showed as fixable."""
        settings = self.engine.settings.for_path(path)
        first = self.engine.check_file(path, text=source.text, settle_fixes=False)
        outcome = FileFix(path, display, source, data, after=source.text, result=first)
        settled = self.converge(path, source, first, lambda d: is_applicable(d, settings))
        if settled.failure is not None:  # only when no code can be left out (never, in practice)
            return self._failed(outcome, f"the fix of {', '.join(settled.codes)} {settled.failure}")
        outcome.after, outcome.fixed = settled.text, settled.fixed
        outcome.result = without_fixes(settled.result, settled.unsettled) if settled.result is not None else first
        return outcome

    def converge(
        self,
        path: Path,
        source: SourceFile,
        first: FileResult,
        applies: Callable[[Diagnostic], bool],
        strict: bool = True,
    ) -> Settled:
        """Apply the fixes ``applies`` picks, pass after pass, until none is left; a code
        whose fixes fail, cannot be encoded, undo themselves or never settle is left out
        (:attr:`Settled.unsettled`, with the reason) and the passes start again without it.
        Each round leaves out at least one code, so this ends.

        Not ``strict`` (the check's own trial), a pass's text is parsed only by the check
        of it, and imports are added as plain lines after the leading import block:
        libcst, which ``--fix`` uses for both, costs more than the whole check of a large
        file, and the findings of the fixed text do not depend on where an import sits."""
        unsettled: dict[str, str] = {}
        while True:
            attempt = self._passes(path, source, first, lambda d: applies(d) and d.code not in unsettled, strict)
            if attempt.failure is None:
                attempt.unsettled = unsettled
                return attempt
            culprits = [code for code in attempt.codes if self._fails_alone(path, source, first, applies, code, strict)]
            for code in culprits or attempt.codes:  # failing only together: leave them all out
                unsettled[code] = attempt.failure
            if not attempt.codes:
                return attempt

    def _fails_alone(
        self,
        path: Path,
        source: SourceFile,
        first: FileResult,
        applies: Callable[[Diagnostic], bool],
        code: str,
        strict: bool,
    ) -> bool:
        return self._passes(path, source, first, lambda d: applies(d) and d.code == code, strict).failure is not None

    def _passes(
        self,
        path: Path,
        source: SourceFile,
        first: FileResult,
        applies: Callable[[Diagnostic], bool],
        strict: bool = True,
    ) -> Settled:
        engine = self.engine
        text, current = source.text, first
        fixed: Counter[str] = Counter()
        seen = {text}
        # The trial re-checks with the rules whose fixes it tries: no other rule can change
        # whether those settle (``--fix``, strict, re-checks with every rule).
        trial = None if strict else frozenset(d.code for d in first.diagnostics if applies(d))
        for _ in range(MAX_PASSES):
            applicable = [d for d in current.diagnostics if applies(d)]
            if not applicable:
                return Settled(text, fixed, current)
            codes = sorted({d.code for d in applicable})
            try:
                step = apply_pass(text, applicable, source.newline)
                codes = sorted({d.code for d in step.applied})
                if step.imports:
                    new_text = (add_imports if strict else add_import_lines)(step.text, step.imports)
                else:
                    new_text = step.text
                if strict:  # a trial learns it from the check of the new text, one parse less
                    parse_check(new_text)
                new_text.encode(source.encoding)
            except FixError as exc:
                return Settled.failed(codes, f"failed: {exc}")
            except UnicodeEncodeError as exc:
                return Settled.failed(codes, f"cannot be written in {source.encoding}: {exc.reason}")
            if new_text in seen:
                return Settled.failed(codes, "does not converge (it undoes itself)")
            seen.add(new_text)
            fixed.update(d.code for d in step.applied)
            text = new_text
            current = engine.check_file(path, text=text, settle_fixes=False, only_codes=trial)
            if not strict and any(d.code == UNPARSABLE for d in current.diagnostics):
                return Settled.failed(codes, "failed: the result does not parse")
        codes = sorted({d.code for d in current.diagnostics if applies(d)})
        return Settled.failed(codes, f"does not converge after {MAX_PASSES} passes")

    def _failed(self, outcome: FileFix, reason: str) -> FileFix:
        outcome.error = f"{outcome.display}: {reason}; the file is left unchanged"
        outcome.after = outcome.source.text
        outcome.fixed = Counter()
        self.restore(outcome)
        return outcome

    def restore(self, outcome: FileFix) -> None:
        """After a failure, the run sees the file as it is on disk again."""
        if outcome.path.name == "conftest.py":
            outcome.result = self.engine.check_file(outcome.path, text=outcome.source.text)


def _unreadable(path: Path, display: str, reason: str) -> FileFix:
    empty = SourceFile.from_text("")
    return FileFix(path, display, empty, b"", after="", error=f"{display}: {reason}; not fixed")


def write_fixed(outcome: FileFix, roots: Optional[Sequence[Path]] = None) -> Optional[str]:
    """Write ``outcome`` atomically in place; the error message, or ``None``.

    The file must still hold the bytes that were fixed (not vanished, not edited since),
    must be writable (a read-only file is a choice, not an obstacle to work around), and
    keeps its permission bits, owner and group (or is not written). A symlink is followed
    and the file it points at replaced only while that file lies inside one of ``roots``
    (the checked paths): a link out of the tree is never written through.
    """
    path = Path(os.path.realpath(outcome.path))
    display = outcome.display
    if roots is not None and not any(_is_within(path, root) for root in roots):
        return f"{display}: a symlink to {path}, outside the checked tree; not fixed"
    try:
        status = os.stat(path)
        current = path.read_bytes()
    except FileNotFoundError:
        return f"{display}: file vanished before the fix could be written; not fixed"
    except OSError as exc:
        return f"{display}: cannot read it again before writing: {exc.strerror or exc}; not fixed"
    if current != outcome.original:
        return f"{display}: file changed on disk while it was being fixed; not fixed"
    if not os.access(path, os.W_OK) or not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return f"{display}: file is read-only; not fixed"  # (root may write it, but should not)
    data = outcome.encoded()
    _remove_stale_temp_files(path)
    temp = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(status.st_mode))
        written = os.stat(temp)
        if (written.st_uid, written.st_gid) != (status.st_uid, status.st_gid):
            try:
                os.chown(temp, status.st_uid, status.st_gid)
            except OSError as exc:
                return (
                    f"{display}: cannot keep the file's owner and group ({exc.strerror or exc}); "
                    "the file is left unchanged"
                )
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        return f"{display}: cannot write the fix: {exc.strerror or exc}; the file is left unchanged"
    finally:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)
    return None


_TEMP_SUFFIX = ".fixture-lint.tmp"
_STALE_TEMP_SECONDS = 60.0


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files that a killed ``--fix`` left beside ``path`` (a live run's are younger)."""
    remove_stale_files(path.parent, f".{path.name}.", _TEMP_SUFFIX, _STALE_TEMP_SECONDS)


def checked_roots(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The real directories a run was asked to check: a named directory itself, a named
    file's directory. Fixes write only inside these."""
    roots = []
    for given in paths:
        absolute = Path(os.path.abspath(given))
        roots.append(Path(os.path.realpath(absolute if os.path.isdir(absolute) else absolute.parent)))
    return tuple(roots)


@dataclass
class FixRun:
    """What ``--fix``/``--diff`` did to a run."""

    files: list[FileFix] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(sum(f.fixed.values()) for f in self.files if f.error is None)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]


def fix_results(
    engine: Engine, results: list[FileResult], write: bool, roots: Optional[Sequence[Path]] = None
) -> FixRun:
    """Fix every file of ``results`` that has an applicable fix, replacing its result by
    the findings left; write the files when ``write`` (else only compute, for ``--diff``)."""
    fixer = Fixer(engine)
    run = FixRun()
    for index, result in enumerate(results):
        if not fixer.wants(result):
            continue
        outcome = fixer.fix_path(result.path)
        run.files.append(outcome)
        if outcome.error is None and write and outcome.changed:
            error = write_fixed(outcome, roots)
            if error is not None:
                outcome.error = error
                outcome.fixed = Counter()
                fixer.restore(outcome)
                outcome.result = None
        if outcome.error is not None:
            run.errors.append(outcome.error)
        elif outcome.result is not None:
            results[index] = outcome.result
    return run
