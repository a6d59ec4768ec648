"""Fixture modules -- named in a conftest.py's ``pytest_plugins`` or star-/name-imported
into it from the project -- are judged as test code, by the CLI and by flake8 alike;
a project module no conftest.py loads fixtures from is not."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import run_cli, write_tree

LAYOUT = {
    "pytest.ini": "[pytest]\n",
    "tests/__init__.py": "",
    "tests/conftest.py": 'pytest_plugins = ["tests.fixtures.db"]\nfrom tests.fixtures.web import *\n',
    "tests/fixtures/__init__.py": "",
    "tests/fixtures/db.py": "import os\nimport pytest\n\n\n@pytest.fixture\ndef db():\n    os.environ['DB'] = 'x'\n    return 1\n",
    "tests/fixtures/web.py": "import os\nimport pytest\n\n\n@pytest.fixture\ndef web():\n    os.chdir('/')\n    return 1\n",
    "tests/fixtures/helpers.py": "import os\n\n\ndef not_a_fixture_module():\n    os.environ['H'] = '1'\n",
    "tests/test_x.py": "def test_x(db, web):\n    pass\n",
}


def test_fixture_modules_are_listed_and_judged_in_both_faces(tmp_path: Path) -> None:
    root = write_tree(tmp_path, LAYOUT)
    shown = run_cli(["--show-files", "."], cwd=root).out.splitlines()
    assert sorted(Path(p).relative_to(root).as_posix() for p in shown) == [
        "tests/conftest.py",
        "tests/fixtures/db.py",
        "tests/fixtures/web.py",
        "tests/test_x.py",
    ]
    cli = run_cli(["--no-cache", "--output-format", "concise", "."], cwd=root)
    cli_found = sorted(line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in cli.out.splitlines() if ": FXL" in line)
    assert cli_found == ["tests/fixtures/db.py:7:5: FXL301", "tests/fixtures/web.py:7:5: FXL301"]
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", "."], cwd=root, capture_output=True, text=True
    )
    flake8_found = sorted(" ".join(line.removeprefix("./").split(" ")[:2]) for line in flake8.stdout.splitlines())
    assert flake8_found == cli_found


def test_a_fixture_module_named_on_the_command_line_is_checked_and_exclude_applies(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**LAYOUT, "pyproject.toml": '[tool.fixture-lint]\nextend-exclude = ["tests/fixtures/web.py"]\n'})
    named = run_cli(["--no-cache", "--output-format", "concise", "tests/fixtures/db.py"], cwd=root)
    assert "tests/fixtures/db.py:7:5: FXL301" in named.out
    walked = run_cli(["--no-cache", "--output-format", "concise", "."], cwd=root)
    assert "web.py" not in walked.out and "tests/fixtures/db.py:7:5: FXL301" in walked.out
    helper = run_cli(["--no-cache", "--output-format", "concise", "tests/fixtures/helpers.py"], cwd=root)
    assert "FXL" not in helper.out  # not test code: no conftest.py loads fixtures from it


def test_confcutdir_stops_the_conftest_chain(tmp_path: Path) -> None:
    files = {
        "conftest.py": "import pytest\n\n\n@pytest.fixture\ndef client():\n    return 1\n",
        "tests/api/conftest.py": 'import pytest\n\n\n@pytest.fixture(scope="session")\ndef client():\n    return 2\n',
        "tests/api/test_api.py": "def test_api(client):\n    assert client\n",
    }
    plain = write_tree(tmp_path / "plain", {"pytest.ini": "[pytest]\n", **files})
    assert "tests/api/conftest.py:5:1: FXL401" in run_cli(["--no-cache", "--output-format", "concise", "."], cwd=plain).out
    cut = write_tree(tmp_path / "cut", {"pytest.ini": "[pytest]\naddopts = --confcutdir=tests/api\n", **files})
    # pytest loads no conftest.py above tests/api: the root `client` is not there to hide
    assert "FXL401" not in run_cli(["--no-cache", "--output-format", "concise", "."], cwd=cut).out
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--fixtures-per-test", "tests/api/test_api.py"],
        cwd=cut, capture_output=True, text=True,
    )
    assert "tests/api/conftest.py" in proc.stdout and "\nconftest.py" not in proc.stdout.replace("tests/api/conftest.py", "")
