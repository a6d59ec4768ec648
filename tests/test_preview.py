"""Preview mode, as in ruff: a preview rule runs only with ``--preview`` (CLI),
``--fixture-lint-preview`` (flake8) or ``preview = true`` in ``[tool.fixture-lint]``;
selecting it by code does not enable it. Tested through the real entry points with a
third-party preview rule, and through the rule pages and README for the built-ins."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fixture_lint.plugins import registry
from helpers import write_tree

PLUGIN = '''
    from __future__ import annotations

    import ast

    from fixture_lint import Rule, hookimpl


    class PrintInTest(Rule):
        code = "FXL903"
        name = "print-in-test"
        summary = "a test prints"
        preview = True

        def check(self, ctx):
            for test in ctx.facts.tests:
                for call in ctx.body(test.node).of(ast.Call):
                    if isinstance(call.func, ast.Name) and call.func.id == "print":
                        yield ctx.report(self, call, f"test `{test.name}` prints")


    @hookimpl
    def fixture_lint_rules():
        return [PrintInTest]
'''

TEST_FILE = """
    def test_it():
        print("hello")
"""
FINDING = "test_it.py:2:5: FXL903 test `test_it` prints"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "acme_preview.py").write_text(textwrap.dedent(PLUGIN))
    dist = site / "acme_preview-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-preview\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[fixture_lint]\nacme = acme_preview\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


def cli(root: Path, env: dict[str, str], *args: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "--output-format", "concise", *args, "."],
        cwd=root, env=env, capture_output=True, text=True,
    )
    assert run.returncode in (0, 1), run.stderr
    return [line for line in run.stdout.splitlines() if ": FXL" in line]


def flake8(root: Path, env: dict[str, str], *args: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", *args, "."],
        cwd=root, env=env, capture_output=True, text=True,
    )
    assert run.returncode in (0, 1), run.stderr
    return [line.removeprefix("./") for line in run.stdout.splitlines()]


def test_preview_rule_runs_only_in_preview_mode(tmp_path: Path, env: dict[str, str]) -> None:
    root = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_it.py": TEST_FILE})
    assert cli(root, env) == []
    assert cli(root, env, "--select", "FXL903") == []  # selecting it does not enable preview
    assert cli(root, env, "--preview") == [FINDING]
    assert cli(root, env, "--preview", "--ignore", "FXL903") == []
    assert flake8(root, env) == []
    assert flake8(root, env, "--fixture-lint-preview") == [FINDING]


def test_preview_from_configuration_and_its_override(tmp_path: Path, env: dict[str, str]) -> None:
    root = write_tree(
        tmp_path / "suite",
        {"pyproject.toml": "[tool.fixture-lint]\npreview = true\n", "test_it.py": TEST_FILE},
    )
    assert cli(root, env) == [FINDING]
    assert flake8(root, env) == [FINDING]
    assert cli(root, env, "--no-preview") == []


def test_preview_must_be_a_boolean(tmp_path: Path, env: dict[str, str]) -> None:
    root = write_tree(tmp_path / "suite", {"pyproject.toml": '[tool.fixture-lint]\npreview = "yes"\n', "test_it.py": TEST_FILE})
    run = subprocess.run([sys.executable, "-m", "fixture_lint", "."], cwd=root, env=env, capture_output=True, text=True)
    assert run.returncode == 2
    assert "preview = 'yes': expected a boolean, got string" in run.stderr
    assert str(root / "pyproject.toml") in run.stderr


RULE_PAGES = Path(__file__).parent.parent / "rules"
STATUS = re.compile(r"^Status: \*\*(default|preview)\*\*", re.MULTILINE)


@pytest.mark.parametrize("rule", registry().rules, ids=lambda rule: rule.code)
def test_page_and_readme_say_default_or_preview(rule) -> None:
    page = (RULE_PAGES / f"{rule.code}.md").read_text(encoding="utf-8")
    status = STATUS.search(page)
    assert status is not None, f"{rule.code}.md has no 'Status: **default**' / '**preview**' line"
    assert status.group(1) == ("preview" if rule.preview else "default")
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| {rule.code} \| {rule.name} \| (\w+) \|", readme, re.MULTILINE)
    assert row is not None and row.group(1) == status.group(1)
