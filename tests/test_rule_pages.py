"""The rule pages (rules/FXLnnn.md) are the canonical examples; this executes them.

Checks, for every page: the headings and their order; each Example block yields the
page's rule at least once and no other code; each Use-instead block is clean under every
default rule; the Options bullets name exactly the rule's options; every registered rule
has a page and every page a rule; the k-th code block under "Fix" is what
``--fix --unsafe-fixes`` makes of the k-th Example block (Example blocks after the last
Fix block are examples without a fix). A code block may hold several files, each introduced
by a ``# file: path`` line; without one it is ``test_example.py``.
"""
from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path

import pytest

from fixture_lint.engine import PARSE_ERROR_CODE, PARSE_ERROR_NAME
from fixture_lint.plugins import registry
from helpers import check, run_cli, write_tree

PAGES = Path(__file__).parent.parent / "rules"
REQUIRED = ["What it does", "Why is this bad?", "Example", "Use instead"]
ORDER = ["What it does", "Why is this bad?", "Example", "Use instead", "Fix", "Options", "References"]
FILE_LINE = re.compile(r"^# file: (?P<path>\S+)\s*$", re.MULTILINE)


@dataclasses.dataclass
class Page:
    code: str
    name: str
    sections: dict[str, str]


def parse_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    title = re.match(r"# (FXL\d{3}) ([a-z0-9-]+)\n", text)
    assert title, f"{path.name}: first line must be '# FXLnnn rule-name'"
    sections: dict[str, str] = {}
    for match in re.finditer(r"^## (.+?)\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL):
        sections[match.group(1).strip()] = match.group(2)
    return Page(title.group(1), title.group(2), sections)


def code_blocks(section: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def block_files(block: str) -> dict[str, str]:
    """Split a block on ``# file:`` lines; ``pytest.ini`` marks the rootdir."""
    marks = list(FILE_LINE.finditer(block))
    files = {"pytest.ini": "[pytest]\n"}
    if not marks:
        files["test_example.py"] = block
        return files
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(block)
        files[mark.group("path")] = block[mark.end() :end].lstrip("\n")
    return files


def pages() -> list[Path]:
    return sorted(PAGES.glob("FXL*.md"))


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    # FXL000 (unreadable-file) is reported by the engine, not by a Rule class; it has a page too.
    codes = {rule.code for rule in registry().rules} | {PARSE_ERROR_CODE}
    assert codes == {page.stem for page in pages()}


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.stem)
def test_page_structure(path: Path) -> None:
    page = parse_page(path)
    rule = registry().rule(page.code)
    if page.code == PARSE_ERROR_CODE:
        name, fix_applicability = PARSE_ERROR_NAME, None  # the engine's code: no rule, no fix, no options
    else:
        assert rule is not None
        name, fix_applicability = rule.name, rule.fix_applicability
    assert name == page.name
    assert all(heading in page.sections for heading in REQUIRED), list(page.sections)
    assert [h for h in ORDER if h in page.sections] == [h for h in page.sections if h in ORDER]
    assert set(page.sections) <= set(ORDER), set(page.sections) - set(ORDER)
    assert code_blocks(page.sections["Example"]) and code_blocks(page.sections["Use instead"])
    if fix_applicability is None:
        assert "Fix" not in page.sections
    else:
        assert f"Safety: {fix_applicability}" in page.sections["Fix"]


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.stem)
def test_page_options_match_rule_options(path: Path) -> None:
    page = parse_page(path)
    rule = registry().rule(page.code)
    options_class = getattr(rule, "options_class", None)
    declared = {f.name.replace("_", "-") for f in dataclasses.fields(options_class)} if options_class else set()
    documented = set(re.findall(r"^- `([a-z0-9-]+)`", page.sections.get("Options", ""), re.MULTILINE))
    assert documented == declared


def _examples(section: str) -> list[tuple[str, int, str]]:
    return [
        (path.stem, index, block)
        for path in pages()
        for index, block in enumerate(code_blocks(parse_page(path).sections.get(section, "")))
    ]


@pytest.mark.parametrize("code,index,block", _examples("Example"), ids=lambda v: str(v)[:12])
def test_example_blocks_yield_the_rule_and_nothing_else(code: str, index: int, block: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, block_files(block))
    codes = {finding.code for finding in check(root, *_preview_for(code))}
    assert codes == {code}, f"{code} example {index + 1} gave {sorted(codes)}"


def _preview_for(code: str) -> list[str]:
    """A preview rule's examples are run in preview mode, where it runs."""
    rule = registry().rule(code)
    return ["--preview"] if rule is not None and rule.preview else []


@pytest.mark.parametrize("code,index,block", _examples("Use instead"), ids=lambda v: str(v)[:12])
def test_use_instead_blocks_are_clean(code: str, index: int, block: str, tmp_path: Path) -> None:
    root = write_tree(tmp_path, block_files(block))
    assert check(root) == [], f"{code} use-instead block {index + 1}"
    if _preview_for(code):
        assert code not in {f.code for f in check(root, "--preview")}, f"{code} use-instead block {index + 1} (preview)"


def _fix_pairs() -> list[tuple[str, int, str, str]]:
    pairs = []
    for path in pages():
        page = parse_page(path)
        examples = code_blocks(page.sections.get("Example", ""))
        for index, fixed in enumerate(code_blocks(page.sections.get("Fix", ""))):
            pairs.append((path.stem, index, examples[index] if index < len(examples) else "", fixed))
    return pairs


@pytest.mark.parametrize("code,index,example,fixed", _fix_pairs(), ids=lambda v: str(v)[:12])
def test_fix_blocks_are_the_fixed_examples(code: str, index: int, example: str, fixed: str, tmp_path: Path) -> None:
    assert example, f"{code}: Fix block {index + 1} has no Example block {index + 1} to be the fix of"
    root = write_tree(tmp_path, block_files(example))
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", *_preview_for(code), "."], cwd=root)
    assert run.code in (0, 1) and "error" not in run.err, (run.code, run.err)
    for relative, text in block_files(fixed).items():
        if relative == "pytest.ini":
            continue
        expected = textwrap.dedent(text).lstrip("\n").rstrip("\n")
        actual = (root / relative).read_text(encoding="utf-8").rstrip("\n")
        assert actual == expected, f"{code} example {index + 1}, {relative}: the fix gives\n{actual}"
