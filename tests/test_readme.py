"""The README's commands stay true: .ci/run runs its test command, its example command
shows every rule, and its rule table matches the registered rules."""
from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from fixture_lint.plugins import registry

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_under(heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n.*?```sh\n(.*?)\n```", README, re.MULTILINE | re.DOTALL)
    assert match, heading
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    command = command_under("Run the tests")
    assert command.startswith("python3 -m pip install") and "pytest" in command
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_example_command_shows_every_rule() -> None:
    install, _, run = command_under("Try it").partition(" && ")
    assert install == "python3 -m pip install -e ."
    proc = subprocess.run(shlex.split(run), cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    reported = set(re.findall(r": (FXL\d{3}) ", proc.stdout))
    assert reported == {rule.code for rule in registry().rules}


def test_rule_table_matches_the_registry() -> None:
    rows = re.findall(r"^\| (FXL\d{3}) \| ([a-z0-9-]+) \| ([a-z]+) \| ([a-z]+) \|$", README, re.MULTILINE)
    expected = [
        (rule.code, rule.name, "preview" if rule.preview else "default", rule.fix_applicability or "none")
        for rule in registry().rules
    ]
    assert rows == expected
