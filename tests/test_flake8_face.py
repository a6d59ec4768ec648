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


@pytest.fixture(scope="module")
def both_faces_on_every_case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    """One flake8 run and one CLI run over a copy of every case (each case is its own
    rootdir), split per case: one subprocess instead of one per case."""
    root = tmp_path_factory.mktemp("cases")
    for name in case_names():
        copy_case(name, root)
    _, cli_found = cli(root)
    _, flake8_found = flake8(root)
    per_case: dict[str, tuple] = {name: (set(), set()) for name in case_names()}
    for face, found in ((0, cli_found), (1, flake8_found)):
        for path, *rest in found:
            name, _, inner = path.partition("/")
            per_case[name][face].add((inner, *rest))
    # Guard against a vacuous comparison (both faces silent, or paths not split right).
    assert sum(len(found) for found, _ in per_case.values()) > len(per_case) // 2
    return per_case


@pytest.mark.parametrize("name", case_names())
def test_flake8_and_cli_agree_on_case(name: str, both_faces_on_every_case: dict[str, tuple]) -> None:
    cli_found, flake8_found = both_faces_on_every_case[name]
    cli_found = {f for f in cli_found if f[3] != "FXL000"}  # flake8 reports E999 itself
    assert flake8_found == cli_found


def test_exit_codes_agree(tmp_path: Path) -> None:
    clean = write_tree(tmp_path / "clean", {"pytest.ini": "[pytest]\n", "test_a.py": "def test_a():\n    pass\n"})
    dirty = copy_case("fxl401_three_levels", tmp_path)
    assert cli(clean)[0] == flake8(clean)[0] == 0
    assert cli(dirty)[0] == flake8(dirty)[0] == 1


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

                @pytest.fixture(scope="session")
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
