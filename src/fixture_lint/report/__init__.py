"""Output formats: one module each, all with ``render(report, stream)``."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping, Optional, Sequence, TextIO

from ..engine import FileResult
from ..rule import Diagnostic, Rule

if TYPE_CHECKING:
    from ..rule_list import RuleInfo


@dataclass
class Report:
    """What a run has to show: the file results and the registered rules."""

    files: Sequence[FileResult]
    rules: Sequence[Rule]
    version: str
    show_fix_marker: bool = True
    hidden_unsafe_fixes: int = 0
    unsafe_fixes: bool = False
    """Unsafe fixes apply in this run (``--unsafe-fixes`` or ``unsafe-fixes = true``)."""
    fixed: Optional[int] = None
    """How many findings ``--fix`` fixed; ``None`` when not fixing."""
    errors: Sequence[str] = field(default_factory=tuple)
    color: bool = False
    """ANSI colours in the human formats (``full``, ``concise``); never in the others."""
    quiet: bool = False
    """``-q``: the findings only, no summary and no hints (ruff's ``--quiet``)."""

    @property
    def ordered_files(self) -> list[FileResult]:
        """The files by path (each file's findings are already by line, column, code)."""
        return sorted(self.files, key=lambda result: result.path.parts)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for result in self.ordered_files for d in result.diagnostics]

    @property
    def paint(self) -> Palette:
        return Palette(self.color)

    def rule(self, code: str) -> Rule | None:
        for rule in self.rules:
            if rule.code == code:
                return rule
        return None


COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: TextIO, environ: Optional[Mapping[str, str]] = None) -> bool:
    """Whether to colour ``stream``, as ruff decides: ``--color always``/``never`` win;
    under ``auto``, ``FORCE_COLOR`` (set, not empty) colours even a pipe, ``NO_COLOR`` (set,
    whatever its value) turns colour off, and otherwise only a terminal (and not
    ``TERM=dumb``) gets colour."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("FORCE_COLOR"):
        return True
    if "NO_COLOR" in env:
        return False
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class Palette:
    """ruff's colours for the human formats; plain text when off."""

    enabled: bool

    def _sgr(self, text: str, codes: str) -> str:
        return f"\x1b[{codes}m{text}\x1b[0m" if self.enabled and text else text

    def path(self, text: str) -> str:
        return self._sgr(text, "1")

    def separator(self, text: str) -> str:
        return self._sgr(text, "36")

    def code(self, text: str) -> str:
        return self._sgr(text, "1;31")

    def fix_marker(self, text: str) -> str:
        return self._sgr(text, "36")

    def gutter(self, text: str) -> str:
        return self._sgr(text, "1;34")

    def caret(self, text: str) -> str:
        return self._sgr(text, "1;31")

    def help(self, text: str) -> str:
        return self._sgr(text, "1;36")

    def success(self, text: str) -> str:
        return self._sgr(text, "1;32")

    def location(self, d: Diagnostic) -> str:
        """``path:line:col:`` with ruff's bold path and cyan separators."""
        sep = self.separator(":")
        return f"{self.path(d.path)}{sep}{d.line}{sep}{d.column}{sep}"


Renderer = Callable[[Report, TextIO], None]


def renderer(name: str) -> Renderer:
    from . import concise, full, github, gitlab, json_format, junit, sarif

    return {
        "full": full.render,
        "concise": concise.render,
        "json": json_format.render,
        "github": github.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "gitlab": gitlab.render,
    }[name]


def rule_infos(report: Report) -> dict[str, RuleInfo]:
    """What each code of the run is (FXL000 included), by code, ordered by code."""
    from ..rule_list import catalogue

    return {info.code: info for info in catalogue(report.rules)}


def summary(report: Report) -> str:
    """The closing lines of the human formats (empty under ``-q``)."""
    if report.quiet:
        return ""
    paint = report.paint
    count = len(report.diagnostics)
    if report.fixed:
        total = count + report.fixed
        lines = [f"Found {total} error{'s' if total != 1 else ''} ({report.fixed} fixed, {count} remaining)."]
    elif count == 0:
        return paint.success("All checks passed!")
    else:
        lines = [f"Found {count} error{'s' if count != 1 else ''}."]
    fixable = sum(1 for d in report.diagnostics if applicable(d, report))
    if fixable:
        lines.append(f"{paint.fix_marker('[*]')} {fixable} fixable with the `--fix` option.")
    if report.hidden_unsafe_fixes:
        lines.append(
            f"{report.hidden_unsafe_fixes} hidden fix{'es' if report.hidden_unsafe_fixes != 1 else ''} "
            "can be enabled with the `--unsafe-fixes` option."
        )
    return "\n".join(lines)


def applicable(diagnostic: Diagnostic, report: Report) -> bool:
    """Whether ``--fix`` would apply this finding's fix in this run."""
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or report.unsafe_fixes)


def marker(diagnostic: Diagnostic, report: Report) -> str:
    if report.show_fix_marker and applicable(diagnostic, report):
        return report.paint.fix_marker("[*]") + " "
    return ""


def write_summary(report: Report, stream: TextIO) -> None:
    text = summary(report)
    if text:
        stream.write(text + "\n")
