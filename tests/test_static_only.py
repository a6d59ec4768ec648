"""Non-negotiable 1: the analysed code is never imported or run, by any face."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import run_cli, write_tree

SIDE_EFFECT = """
    import pathlib
    pathlib.Path(__file__).with_name("IMPORTED-{name}").write_text("ran")
    import pytest

    pytest_plugins = ["plugin_module"]

    @pytest.fixture(scope="session")
    def tmp_path():
        return 1
"""


def poisoned_suite(root: Path) -> Path:
    return write_tree(
        root,
        {
            "pyproject.toml": """
                [tool.pytest.ini_options]
                python_files = ["test_*.py"]
                [tool.fixture-lint]
                # config values are data: nothing here is evaluated
                select = ["FXL"]
                per-file-ignores = { "__import__('os').system('touch PWNED')" = ["FXL4"] }
            """,
            "conftest.py": SIDE_EFFECT.format(name="conftest"),
            "plugin_module.py": SIDE_EFFECT.format(name="plugin"),
            "tests/test_mod.py": SIDE_EFFECT.format(name="test"),
        },
    )


def side_effects(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.name.startswith("IMPORTED-") or p.name == "PWNED")


def test_cli_never_imports_the_suite(tmp_path: Path) -> None:
    root = poisoned_suite(tmp_path)
    run = run_cli(["--output-format", "concise", "."], cwd=root)
    assert run.code == 1
    assert "conftest.py:8:1: FXL401" in run.out
    assert side_effects(root) == []


def test_flake8_never_imports_the_suite(tmp_path: Path) -> None:
    root = poisoned_suite(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", "."], cwd=root, capture_output=True, text=True
    )
    assert "conftest.py:8:1: FXL401" in proc.stdout, proc.stderr
    assert side_effects(root) == []
