"""The flake8 face reports exactly what the CLI reports: same codes, lines, columns and
messages, on every on-disk case, through a real ``flake8`` subprocess."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import case_names, copy_case, run_cli, write_tree

LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<text>.*)$")


def flake8(root: Path, *args: str) -> tuple[int, set[tuple[str, int, int, str, str]]]:
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", *args, "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, _parse(proc.stdout)


def cli(root: Path, *args: str) -> tuple[int, set[tuple[str, int, int, str, str]]]:
    run = run_cli(["--output-format", "concise", *args, "."], cwd=root)
    return run.code, _parse(run.out)


def _parse(output: str) -> set[tuple[str, int, int, str, str]]:
    found = set()
    for line in output.splitlines():
        match = LINE.match(line)
        if match:
            path = match.group("path").removeprefix("./")
            text = match.group("text").removeprefix("[*] ")
            found.add((path, int(match.group("line")), int(match.group("col")), match.group("code"), text))
    return found


@pytest.mark.parametrize("name", case_names())
def test_flake8_and_cli_agree_on_case(name: str, tmp_path: Path) -> None:
    root = copy_case(name, tmp_path)
    cli_code, cli_found = cli(root)
    if any(code == "FXL000" for _, _, _, code, _ in cli_found):
        pytest.skip("flake8 reports unparsable files itself (E999), not through plugins")
    flake8_code, flake8_found = flake8(root)
    assert flake8_found == cli_found
    assert (flake8_code == 0) == (cli_code == 0)


def test_flake8_reads_tool_fixture_lint_and_its_own_options_override(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pyproject.toml": """
                [tool.pytest.ini_options]
                [tool.fixture-lint]
                ignore = ["FXL401"]
            """,
            "conftest.py": """
                import pytest

                @pytest.fixture
                def tmp_path():
                    return 1
            """,
        },
    )
    assert cli(root)[1] == set()
    assert flake8(root)[1] == set()
    found = flake8(root, "--fixture-lint-select", "FXL401", "--fixture-lint-ignore", "FXL1")[1]
    assert {(p, l, c, code) for p, l, c, code, _ in found} == {("conftest.py", 4, 1, "FXL401")}
    assert {(p, l, c, code) for p, l, c, code, _ in cli(root, "--select", "FXL401")[1]} == {
        ("conftest.py", 4, 1, "FXL401")
    }


def test_flake8_skips_files_that_are_not_test_code(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "conftest.py": "import pytest\n\n@pytest.fixture\ndef a():\n    return 1\n",
            "helpers.py": "import pytest\n\n@pytest.fixture\ndef a():\n    return 2\n",
        },
    )
    assert flake8(root)[1] == set()
