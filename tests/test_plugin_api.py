"""A third-party plugin registers a rule and a known fixture through the ``fixture_lint``
entry-point group, and both take effect in the CLI and in flake8."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import write_tree

PLUGIN = '''
    from __future__ import annotations

    import ast

    from fixture_lint import KnownFixture, Rule, hookimpl


    class NoSleepInFixtures(Rule):
        code = "FXL901"
        name = "sleep-in-fixture"
        summary = "a fixture calls time.sleep"

        def check(self, ctx):
            for fixture in ctx.facts.fixtures:
                for call in ctx.body(fixture.node).of(ast.Call):
                    if ctx.body(fixture.node).qualified_name(call.func) == "time.sleep":
                        yield ctx.report(self, call, f"fixture `{fixture.name}` sleeps; wait for a condition instead")


    @hookimpl
    def fixture_lint_rules():
        return [NoSleepInFixtures]


    @hookimpl
    def fixture_lint_known_fixtures():
        return [KnownFixture("acme_db", "session", "acme-pytest")]
'''


def install_plugin(site: Path) -> None:
    (site / "acme_fixture_lint.py").write_text(textwrap.dedent(PLUGIN))
    dist = site / "acme_fixture_lint-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-fixture-lint\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[fixture_lint]\nacme = acme_fixture_lint\n")


def test_third_party_plugin_adds_a_rule_and_a_known_fixture(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    root = write_tree(
        tmp_path / "suite",
        {
            "pytest.ini": "[pytest]\n",
            "conftest.py": """
                import time
                import pytest

                @pytest.fixture(autouse=True)
                def acme_db():
                    time.sleep(1)
                    return {}
            """,
        },
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    expected = [
        "conftest.py:5:1: FXL401 override of `acme_db` from acme-pytest adds autouse",
        "conftest.py:6:5: FXL901 fixture `acme_db` sleeps; wait for a condition instead",
    ]
    cli = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--output-format", "concise", "."],
        cwd=root, env=env, capture_output=True, text=True,
    )
    assert cli.stdout.splitlines()[:-1] == expected, cli.stderr
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", "."],
        cwd=root, env=env, capture_output=True, text=True,
    )
    assert sorted(line.removeprefix("./") for line in flake8.stdout.splitlines()) == expected, flake8.stderr
    # Without the plugin neither exists.
    bare = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--output-format", "concise", "."],
        cwd=root, capture_output=True, text=True,
    )
    assert bare.returncode == 0, bare.stdout
