"""``fixture-lint rule --all``, ``fixture-lint rule NAME_OR_CODE`` and ``--explain`` (a
code or a name), through the real entry point."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_lint.plugins import registry
from helpers import run_cli

PAGES = Path(__file__).parent.parent / "rules"


def fixture_lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fixture_lint", *args], cwd=cwd, capture_output=True, text=True)


def expected_rows() -> list[tuple[str, str, str, str]]:
    rows = [("FXL000", "unreadable-file", "default", "none")]
    rows += [
        (rule.code, rule.name, "preview" if rule.preview else "default", rule.fix_applicability or "none")
        for rule in registry().rules
    ]
    return rows


def test_rule_all_is_a_table_of_every_code(tmp_path: Path) -> None:
    proc = fixture_lint("rule", "--all", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    header, *lines = proc.stdout.splitlines()
    assert header.split() == ["code", "name", "status", "fix"]
    assert [tuple(line.split()) for line in lines] == expected_rows()
    # Aligned columns: every row's name starts where the header's does.
    assert {line.index(line.split()[1]) for line in lines} == {header.index("name")}


def test_rule_all_as_json(tmp_path: Path) -> None:
    proc = fixture_lint("rule", "--all", "--output-format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)
    assert [(i["code"], i["name"], "preview" if i["preview"] else "default", i["fix"] or "none") for i in items] == expected_rows()
    for item in items:
        assert set(item) == {"code", "name", "summary", "preview", "fix", "url", "page"}
        assert item["url"] is None  # no published page URL: not invented
        assert item["summary"]
        assert item["page"].startswith(f"# {item['code']} {item['name']}\n")
    assert items[-1]["page"] != items[0]["page"]
    by_code = {item["code"]: item for item in items}
    assert by_code["FXL401"]["page"] == (PAGES / "FXL401.md").read_text(encoding="utf-8")
    assert items[0]["summary"].startswith("a file could not be read")


@pytest.mark.parametrize("query", ["FXL401", "fxl401", "shadowed-fixture", " Shadowed-Fixture "])
def test_rule_prints_the_page_by_code_or_name(query: str, tmp_path: Path) -> None:
    page = (PAGES / "FXL401.md").read_text(encoding="utf-8")
    run = run_cli(["rule", query], cwd=tmp_path)
    assert (run.code, run.out, run.err) == (0, page, "")
    explained = run_cli(["--explain", query], cwd=tmp_path)
    assert (explained.code, explained.out) == (0, page)


def test_rule_fxl000_has_its_page(tmp_path: Path) -> None:
    proc = fixture_lint("rule", "unreadable-file", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# FXL000 unreadable-file\n")
    assert "## What it does" in proc.stdout
    one = json.loads(fixture_lint("rule", "FXL000", "--output-format", "json", cwd=tmp_path).stdout)
    assert (one["code"], one["name"], one["fix"], one["preview"]) == ("FXL000", "unreadable-file", None, False)


@pytest.mark.parametrize(
    "args,message",
    [
        (["rule", "shadowed-fixtures"], "fixture-lint: error: rule: unknown rule code or name 'shadowed-fixtures'; did you mean 'shadowed-fixture' or 'unused-fixture'?\n"),
        (["rule", "FXL410"], "fixture-lint: error: rule: unknown rule code or name 'FXL410'; did you mean "),
        (["--explain", "hardcoded-ports"], "fixture-lint: error: --explain: unknown rule code or name 'hardcoded-ports'; did you mean 'hardcoded-port'?\n"),
        (["--explain", "FXL999"], "fixture-lint: error: --explain: unknown rule code or name 'FXL999'"),
        (["rule", "no-such-thing-at-all"], "fixture-lint: error: rule: unknown rule code or name 'no-such-thing-at-all'\n"),
    ],
)
def test_unknown_rule_exits_2_with_a_suggestion_when_close(args: list[str], message: str, tmp_path: Path) -> None:
    proc = fixture_lint(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith(message), proc.stderr
    if args[-1] == "FXL410":
        assert "'FXL401'" in proc.stderr


def test_rule_needs_a_rule_or_all(tmp_path: Path) -> None:
    for args in (["rule"], ["rule", "--all", "FXL401"]):
        run = run_cli(args, cwd=tmp_path)
        assert run.code == 2 and "give a rule code or name, or --all" in run.err
    assert run_cli(["rule", "--output-format", "xml", "--all"], cwd=tmp_path).code == 2
