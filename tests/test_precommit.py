"""The pre-commit face, through a real ``pre-commit try-repo`` of this checkout.

Slow: pre-commit builds a virtualenv and installs fixture-lint into it."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import write_tree

ROOT = Path(__file__).parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="try-repo needs a git checkout"),
]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_try_repo_reports_a_shadowing_conftest_passed_alone(tmp_path: Path) -> None:
    project = write_tree(
        tmp_path / "project",
        {
            "pytest.ini": "[pytest]\n",
            "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef client():\n    return 1\n",
            "tests/api/conftest.py": "import pytest\n\n\n@pytest.fixture(scope=\"session\")\ndef client():\n    return 2\n",
            "tests/api/test_api.py": "def test_client(client):\n    assert client\n",
        },
    )
    git(project, "init", "-q")
    git(project, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t"}
    proc = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "fixture-lint", "--files", "tests/api/conftest.py"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (
        "tests/api/conftest.py:5:1: FXL401 override of `client` (tests/conftest.py:5) widens scope function → session"
        in proc.stdout
    ), proc.stdout
