"""Output formats: one module each, all with ``render(report, stream)``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional, Sequence, TextIO

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

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for result in self.files for d in result.diagnostics]

    def rule(self, code: str) -> Rule | None:
        for rule in self.rules:
            if rule.code == code:
                return rule
        return None


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
    count = len(report.diagnostics)
    if report.fixed:
        total = count + report.fixed
        lines = [f"Found {total} error{'s' if total != 1 else ''} ({report.fixed} fixed, {count} remaining)."]
    elif count == 0:
        return "All checks passed!"
    else:
        lines = [f"Found {count} error{'s' if count != 1 else ''}."]
    fixable = sum(1 for d in report.diagnostics if applicable(d, report))
    if fixable:
        lines.append(f"[*] {fixable} fixable with the `--fix` option.")
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
        return "[*] "
    return ""
