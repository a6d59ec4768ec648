"""What the language server computes, without the protocol: findings of a buffer, the
text a fix or a ``noqa`` comment makes of it, a rule's summary, positions in client units.

Everything here goes through the engine and the fixing machinery, exactly as
``--stdin-filename`` does; the server (``lsp.py``) only translates to and from LSP.
"""
from __future__ import annotations

import ast
import bisect
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from ..config import SettingsResolver
from ..discovery import ConfigError
from ..engine import PARSE_ERROR_CODE, Engine, FileResult
from ..fixing import FixError, Fixer, add_imports, apply_pass, line_starts, parse_check
from ..pages import rule_page
from ..plugins import Registry
from ..rule import Diagnostic
from ..source import NOQA_INLINE, SourceFile, split_lines

CONFIG_FILE_NAMES = (
    "pyproject.toml",
    "pytest.toml",
    ".pytest.toml",
    "pytest.ini",
    ".pytest.ini",
    "tox.ini",
    "setup.cfg",
    "conftest.py",
)
"""Files in a checked file's directory and above it whose change can change its findings
(configuration and the conftest chain): a change of any of them rebuilds the engine."""

Stamp = Optional[tuple[int, int]]


def _stamp(path: Path) -> Stamp:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


@dataclass
class Checked:
    """The findings of one buffer; ``result`` is None when it was not checked (not test
    code, or no usable configuration)."""

    path: Path
    text: str
    result: Optional[FileResult]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.result.diagnostics if self.result is not None else []


class Checker:
    """One engine for the whole session, rebuilt when what it read from disk changes.

    The engine caches settings, projects and parsed conftest files. Before each check the
    configuration files and conftest.py files above the file (and the files its last
    findings depended on) are stat-ed; a change, a saved file or a checked conftest
    buffer (which the engine's module cache now holds instead of the file on disk)
    rebuilds it. A configuration error keeps the previous engine, and so the previous
    settings; ``on_config_error`` is told (once per distinct message).
    """

    def __init__(
        self,
        registry: Registry,
        on_config_error: Callable[[str], None],
        warn: Callable[[str], None],
    ) -> None:
        self.registry = registry
        self._on_config_error = on_config_error
        self._warn = warn
        self._engine: Optional[Engine] = None
        self._stamps: dict[Path, Stamp] = {}
        self._dependencies: dict[Path, tuple[Path, ...]] = {}
        self._stale = False
        self._reported: set[str] = set()

    def invalidate(self) -> None:
        """Something on disk changed (a file was saved): rebuild before the next check."""
        self._stale = True

    def _watched(self, path: Path) -> list[Path]:
        found = [directory / name for directory in path.parents for name in CONFIG_FILE_NAMES]
        found.extend(self._dependencies.get(path, ()))
        return found

    def _config_error(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self._on_config_error(message)

    def _new_engine(self, unsafe_fixes: Optional[bool] = None) -> Engine:
        overrides = {"unsafe_fixes": unsafe_fixes} if unsafe_fixes is not None else None
        settings = SettingsResolver(self.registry.rules, overrides=overrides, warn=self._warn)
        return Engine(self.registry, settings, display=str)

    def engine_for(self, path: Path) -> Optional[Engine]:
        """The engine to check ``path`` with (probed: its settings and project load), or
        None when there is no usable configuration and none from before."""
        watched = self._watched(path)
        now = {candidate: _stamp(candidate) for candidate in watched}
        changed = any(self._stamps.get(candidate, stamp) != stamp for candidate, stamp in now.items())
        self._stamps.update(now)
        if self._engine is None or changed or self._stale:
            self._stale = False
            try:
                engine = self._new_engine()
                _probe(engine, path)
            except ConfigError as exc:
                self._config_error(str(exc))
            else:
                self._engine = engine
                self._reported.clear()
        if self._engine is None:
            return None
        try:
            _probe(self._engine, path)
        except ConfigError as exc:
            self._config_error(str(exc))
            return None
        return self._engine

    def check(self, path: Path, text: str) -> Checked:
        """The findings of ``text`` standing in for ``path`` (only test code is checked)."""
        engine = self.engine_for(path)
        if engine is None:
            return Checked(path, text, None)
        try:
            if not engine.is_checked(path, explicit=True):
                return Checked(path, text, None)
            result = engine.check_file(path, text=text)
        except ConfigError as exc:
            self._config_error(str(exc))
            return Checked(path, text, None)
        finally:
            if path.name == "conftest.py":
                self._stale = True  # the module cache now holds the buffer, not the file
        self._dependencies[path] = result.dependencies
        return Checked(path, text, result)

    def fix_all_safe(self, path: Path, text: str) -> Optional[str]:
        """The buffer with every safe fix applied, as ``--fix`` would (passes until
        stable); None when nothing changes or the fix fails."""
        if self.engine_for(path) is None:
            return None
        try:
            engine = self._new_engine(unsafe_fixes=False)
            if not engine.is_checked(path, explicit=True):
                return None
            source = SourceFile.from_text(text)
            outcome = Fixer(engine).fix_source(path, source, text.encode("utf-8", "surrogatepass"), str(path))
        except ConfigError as exc:
            self._config_error(str(exc))
            return None
        if outcome.error is not None or not outcome.changed:
            return None
        return outcome.after


def _probe(engine: Engine, path: Path) -> None:
    engine.settings.for_path(path)
    engine.projects.for_path(path)


# -- single fixes and noqa ------------------------------------------------------------
def fixed_text(text: str, diagnostic: Diagnostic) -> Optional[str]:
    """``text`` with the fix of ``diagnostic`` (one finding of that text) applied: its
    edits, the imports it needs, and a result that parses. None when it cannot be."""
    if diagnostic.fix is None:
        return None
    source = SourceFile.from_text(text)
    try:
        step = apply_pass(text, [diagnostic], source.newline)
        new_text = add_imports(step.text, step.imports) if step.imports else step.text
        parse_check(new_text)
    except FixError:
        return None
    return new_text if new_text != text else None


def with_noqa(text: str, line: int, code: str) -> Optional[str]:
    """``text`` with ``code`` added to the noqa comment of the logical line holding
    ``line`` (merged with a ``# noqa: ...`` already there), or a new ``  # noqa: CODE``
    at the end of ``line``. None when that is not possible without changing the code:
    the line ends inside a multi-line string or after a backslash, the file does not
    parse, or a blanket ``# noqa`` is already there."""
    if code == PARSE_ERROR_CODE:
        return None
    lines = split_lines(text)
    if not 1 <= line <= len(lines):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            before = ast.dump(ast.parse(text))
    except (SyntaxError, ValueError, RecursionError):
        return None
    target, merged = line, None
    for number in _logical_line(text, line):
        body = lines[number - 1].rstrip("\r\n")
        match = NOQA_INLINE.search(body)
        if match is None:
            continue
        codes = match.group("codes")
        if codes is None:
            return None  # a blanket noqa: the finding is already silenced
        start, end = match.span("codes")
        kept = codes.rstrip(", \t")
        merged = body[:start] + kept + ", " + code + codes[len(kept):] + body[end:]
        target = number
        break
    physical = lines[target - 1]
    body = physical.rstrip("\r\n")
    ending = physical[len(body):]
    if merged is None:
        merged = (body.rstrip() + "  " if body.strip() else body) + f"# noqa: {code}"
    new_lines = list(lines)
    new_lines[target - 1] = merged + ending
    new_text = "".join(new_lines)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            after = ast.dump(ast.parse(new_text))
    except (SyntaxError, ValueError, RecursionError):
        return None
    if after != before or not SourceFile.from_text(new_text).is_suppressed(code, line):
        return None
    return new_text


def _logical_line(text: str, line: int) -> range:
    """The physical lines of the logical line holding ``line`` (just ``line`` when the
    text does not tokenize), as the noqa lookup counts them."""
    import io
    import tokenize

    low, high = None, None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline=None).readline):
            if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            low = token.start[0] if low is None else min(low, token.start[0])
            high = token.end[0] if high is None else max(high, token.end[0])
            if token.type in (tokenize.NL, tokenize.NEWLINE):
                if low <= line <= high:
                    return range(low, high + 1)
                if low > line:
                    break
                low, high = None, None
    except (tokenize.TokenError, SyntaxError):
        pass
    return range(line, line + 1)


# -- rule pages -----------------------------------------------------------------------
_HEADING = re.compile(r"^#+\s")


def rule_summary(code: str, rules: Sequence[object] = ()) -> Optional[str]:
    """Markdown for a hover: the rule's title and the first paragraph of its page's
    "What it does" (the first paragraph after the title when the page has no such
    section), else the rule's own one-line summary."""
    page = rule_page(code)
    if page is not None:
        lines = page.splitlines()
        title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else code
        section = _section(lines, "## What it does")
        paragraph = _first_paragraph(section if section else lines[1:])
        return f"**{title}**\n\n{paragraph}" if paragraph else f"**{title}**"
    for rule in rules:
        if getattr(rule, "code", None) == code:
            summary = getattr(rule, "summary", "")
            return f"**{code} {getattr(rule, 'name', '')}**" + (f"\n\n{summary}" if summary else "")
    return None


def _section(lines: Sequence[str], heading: str) -> list[str]:
    for index, line in enumerate(lines):
        if line.strip() == heading:
            rest = lines[index + 1 :]
            end = next((i for i, item in enumerate(rest) if _HEADING.match(item)), len(rest))
            return list(rest[:end])
    return []


def _first_paragraph(lines: Sequence[str]) -> str:
    paragraph: list[str] = []
    for line in lines:
        if _HEADING.match(line):
            if paragraph:
                break
            continue
        if not line.strip():
            if paragraph:
                break
            continue
        paragraph.append(line.strip())
    return " ".join(paragraph)


# -- positions ------------------------------------------------------------------------
class Positions:
    """Convert between our positions (1-based lines, 1-based character columns, lines
    split as ``ast`` splits them) or string offsets and LSP's (0-based lines, columns
    in the client's code units)."""

    def __init__(self, text: str, units: Callable[[str], int]) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.lines = [line.rstrip("\r\n") for line in split_lines(text)] or [""]
        if len(self.lines) < len(self.starts):
            self.lines.append("")  # the empty line after a final newline
        self.units = units

    def client(self, line: int, column: int) -> tuple[int, int]:
        """Our 1-based (line, column) as a 0-based (line, character in client units)."""
        row = min(max(line, 1), len(self.lines)) - 1
        text = self.lines[row]
        return row, self.units(text[: max(column - 1, 0)])

    def client_at_offset(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        return row, self.units(self.text[self.starts[row] : offset])

    def ours(self, line: int, character: int) -> tuple[int, int]:
        """A 0-based LSP position as our 1-based (line, column)."""
        row = min(max(line, 0), len(self.lines) - 1)
        text = self.lines[row]
        count = 0
        for index, char in enumerate(text):
            if count >= character:
                return row + 1, index + 1
            count += self.units(char)
        return row + 1, len(text) + 1


def minimal_edit(old: str, new: str) -> tuple[int, int, str]:
    """The one replacement turning ``old`` into ``new``: (start, end) offsets in ``old``
    and the new text between them; never splits a ``\\r\\n``."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    if 0 < prefix and old[prefix - 1 : prefix + 1] == "\r\n":
        prefix -= 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if 0 < suffix and len(old) - suffix > 0 and old[len(old) - suffix - 1 : len(old) - suffix + 1] == "\r\n":
        suffix -= 1
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]
