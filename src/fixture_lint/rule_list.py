"""``fixture-lint rule``: which rules exist, whether they are default or preview, what
they fix, and their pages (``rule --all``, ``rule NAME_OR_CODE``, ``--explain``)."""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass
from typing import Any, Optional, Sequence, TextIO

from .engine import PARSE_ERROR_CODE, PARSE_ERROR_NAME
from .pages import page_section, rule_page
from .rule import Rule

EXIT_CLEAN, EXIT_ERROR = 0, 2
UNREADABLE_FILE_SUMMARY = "a file could not be read, decoded or parsed (the other files are still checked)"


@dataclass(frozen=True)
class RuleInfo:
    """What a user (or a SARIF consumer) is told about one rule."""

    code: str
    name: str
    summary: str
    preview: bool
    fix: Optional[str]
    """``"safe"``, ``"unsafe"``, or None when the rule has no fix."""
    page: str
    """The rule's Markdown page (a title and the summary when it ships none)."""

    @property
    def status(self) -> str:
        return "preview" if self.preview else "default"

    @property
    def description(self) -> str:
        """The page's "What it does" section, else the summary."""
        return page_section(self.page, "What it does") or self.summary or self.name

    def to_json(self) -> dict[str, Any]:
        # No rule has a published page URL yet: ``url`` stays null rather than invented.
        return {
            "code": self.code,
            "name": self.name,
            "summary": self.summary,
            "preview": self.preview,
            "fix": self.fix,
            "url": None,
            "page": self.page,
        }


def rule_info(rule: Rule) -> RuleInfo:
    page = rule_page(rule.code) or f"# {rule.code} {rule.name}\n\n{rule.summary}\n"
    return RuleInfo(rule.code, rule.name, rule.summary, rule.preview, rule.fix_applicability, page)


def unreadable_file_info() -> RuleInfo:
    """FXL000 is reported by the engine, not by a Rule class, but it is a code users see."""
    page = rule_page(PARSE_ERROR_CODE) or f"# {PARSE_ERROR_CODE} {PARSE_ERROR_NAME}\n\n{UNREADABLE_FILE_SUMMARY}\n"
    return RuleInfo(PARSE_ERROR_CODE, PARSE_ERROR_NAME, UNREADABLE_FILE_SUMMARY, False, None, page)


def catalogue(rules: Sequence[Rule]) -> list[RuleInfo]:
    """Every code a run can report, FXL000 included, ordered by code."""
    infos = [unreadable_file_info()] + [rule_info(rule) for rule in rules if rule.code != PARSE_ERROR_CODE]
    return sorted(infos, key=lambda info: info.code)


def find_rule(query: str, infos: Sequence[RuleInfo]) -> Optional[RuleInfo]:
    """The rule whose code or name is ``query`` (case and surrounding spaces ignored)."""
    wanted = query.strip().lower()
    for info in infos:
        if wanted in (info.code.lower(), info.name.lower()):
            return info
    return None


def unknown_rule_message(query: str, infos: Sequence[RuleInfo]) -> str:
    """``unknown rule 'x'``, with the close codes and names as suggestions."""
    spellings = {info.code.lower(): info.code for info in infos}
    spellings.update({info.name.lower(): info.name for info in infos})
    close = difflib.get_close_matches(query.strip().lower(), list(spellings), n=3, cutoff=0.6)
    message = f"unknown rule code or name {query!r}"
    if close:
        message += "; did you mean " + " or ".join(f"'{spellings[item]}'" for item in close) + "?"
    return message


def explain(query: str, rules: Sequence[Rule], out: TextIO, option: str = "rule") -> int:
    """Print the page of the rule named or coded ``query``; 2 with a suggestion if none."""
    infos = catalogue(rules)
    info = find_rule(query, infos)
    if info is None:
        print(f"fixture-lint: error: {option}: {unknown_rule_message(query, infos)}", file=sys.stderr)
        return EXIT_ERROR
    out.write(info.page if info.page.endswith("\n") else info.page + "\n")
    return EXIT_CLEAN


def render_table(infos: Sequence[RuleInfo], out: TextIO) -> None:
    rows = [("code", "name", "status", "fix")] + [(i.code, i.name, i.status, i.fix or "none") for i in infos]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3] + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fixture-lint rule",
        description="List the rules (--all) or print the page of one rule, by code (FXL401) or name (shadowed-fixture).",
    )
    parser.add_argument("rule", nargs="?", metavar="NAME_OR_CODE", help="a rule code or name")
    parser.add_argument("--all", action="store_true", help="list every rule: code, name, status (default/preview), fix")
    parser.add_argument("--output-format", choices=("text", "json"), default="text", help="text (default) or json")
    return parser


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None) -> int:
    """``fixture-lint rule ...``; returns the exit code (0, or 2 for a usage error)."""
    from .plugins import registry

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    stream = out if out is not None else sys.stdout
    if args.all == (args.rule is not None):
        print("fixture-lint: error: rule: give a rule code or name, or --all (not both)", file=sys.stderr)
        return EXIT_ERROR
    rules = registry().rules
    infos = catalogue(rules)
    if args.all:
        if args.output_format == "json":
            json.dump([info.to_json() for info in infos], stream, indent=2)
            stream.write("\n")
        else:
            render_table(infos, stream)
        return EXIT_CLEAN
    if args.output_format == "json":
        info = find_rule(args.rule, infos)
        if info is None:
            print(f"fixture-lint: error: rule: {unknown_rule_message(args.rule, infos)}", file=sys.stderr)
            return EXIT_ERROR
        json.dump(info.to_json(), stream, indent=2)
        stream.write("\n")
        return EXIT_CLEAN
    return explain(args.rule, rules, stream)
