"""FXL402's claim under real pytest: a session fixture whose dependency a directory below
overrides gets the override of whichever test needs it first, so the same suite gives
two different results in two orders; fixture-lint reports it statically."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import check, copy_case


def _pytest(root: Path, *files: str) -> tuple[int, str]:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *files],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    return run.returncode, run.stdout


def test_session_fixture_with_overridden_dependency_depends_on_order(tmp_path: Path) -> None:
    root = copy_case("fxl402_session_dependency_overridden", tmp_path)
    a_first = _pytest(root, "tests/test_a.py", "tests/b/test_b.py")
    b_first = _pytest(root, "tests/b/test_b.py", "tests/test_a.py")
    assert a_first[0] == b_first[0] == 1
    assert "FAILED tests/b/test_b.py::test_b" in a_first[1] and "test_a.py::test_a" not in a_first[1].split("short test summary")[-1]
    assert "FAILED tests/test_a.py::test_a" in b_first[1] and "test_b.py::test_b" not in b_first[1].split("short test summary")[-1]
    assert [(f.path, f.line, f.code) for f in check(root) if f.code == "FXL402"] == [("tests/conftest.py", 10, "FXL402")]
