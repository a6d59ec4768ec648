"""The classic order-dependent failure, fixed by ``--fix --unsafe-fixes``.

One test sets ``os.environ[...]`` and an attribute of a module; the next assumes both
are unset. Run by pytest in a subprocess (the code under analysis is run only here, by
pytest, never by fixture-lint), the victim fails after the polluter; after FXL301's fix
both pass, in either order.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import run_cli, run_pytest, write_tree

SUITE = {
    "pytest.ini": "[pytest]\n",
    "appstate.py": '"""A module with state the tests share."""\nmode = None\n',
    "test_pair.py": """
        import os

        import appstate


        def test_polluter():
            os.environ["APP_MODE"] = "debug"
            appstate.mode = "debug"
            assert os.environ["APP_MODE"] == appstate.mode


        def test_victim():
            assert "APP_MODE" not in os.environ
            assert appstate.mode is None
        """,
}


def _pytest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_pytest(root, *args, drop_env=("APP_MODE",))


def test_victim_fails_after_polluter_and_passes_after_the_fix(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SUITE)
    alone = _pytest(root, "test_pair.py::test_victim")
    assert alone.returncode == 0, alone.stdout  # the victim is fine on its own
    before = _pytest(root)
    assert before.returncode == 1, before.stdout
    assert "1 failed, 1 passed" in before.stdout and "test_victim" in before.stdout

    # the environment is FXL301's; the imported module's attribute FXL305's (preview)
    check = run_cli(["--output-format", "concise", "--no-cache", "--preview", "."], cwd=root)
    assert check.code == 1
    assert [line.split(" ")[:2] for line in check.out.splitlines() if ": FXL" in line] == [
        ["test_pair.py:7:5:", "FXL301"],
        ["test_pair.py:8:5:", "FXL305"],
    ]
    fixed = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "--preview", "."], cwd=root)
    assert fixed.code == 0, fixed.out + fixed.err
    text = (root / "test_pair.py").read_text(encoding="utf-8")
    assert "def test_polluter(monkeypatch):" in text
    assert 'monkeypatch.setenv("APP_MODE", "debug")' in text
    assert 'monkeypatch.setattr(appstate, "mode", "debug")' in text

    after = _pytest(root)
    assert after.returncode == 0, after.stdout
    assert "2 passed" in after.stdout
    reverse = _pytest(root, "test_pair.py::test_victim", "test_pair.py::test_polluter", "test_pair.py::test_victim")
    assert reverse.returncode == 0, reverse.stdout
