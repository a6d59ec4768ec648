"""FXL306 and FXL307 leak shapes proven under real pytest: a polluter/victim pair fails
in one order, passes in the other, and passes in both after the remedy. The code under
analysis is run only here, by pytest in a subprocess, never by fixture-lint."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import run_cli, write_tree

DISABLE = {
    "pytest.ini": "[pytest]\n",
    "test_polluter.py": """
        import logging


        def test_quiet():
            logging.disable(logging.CRITICAL)
        """,
    "test_victim.py": """
        import logging


        def test_logs(caplog):
            logging.getLogger("app").warning("hello")
            assert "hello" in caplog.text
        """,
}
DISABLE_FIXED = """
    import logging


    def test_quiet():
        logging.disable(logging.CRITICAL)
        try:
            pass
        finally:
            logging.disable(logging.NOTSET)
    """
FILE = {
    "pytest.ini": "[pytest]\n",
    "test_polluter.py": """
        def test_export():
            with open("export.csv", "w") as f:
                f.write("a,b\\n")
        """,
    "test_victim.py": """
        import os


        def test_nothing_exported():
            assert not os.path.exists("export.csv")
        """,
}
FILE_FIXED = """
    def test_export(tmp_path):
        with open(tmp_path / "export.csv", "w") as f:
            f.write("a,b\\n")
    """


def _pytest(root: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *tests],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )


def _prove(root: Path, polluter: str, victim: str, code: str, line: str, fixed: str) -> None:
    from textwrap import dedent

    assert _pytest(root, victim, polluter).returncode == 0  # victim first: fine
    before = _pytest(root, polluter, victim)
    assert before.returncode == 1 and "1 failed, 1 passed" in before.stdout, before.stdout
    check = run_cli(["--output-format", "concise", "--no-cache", "--preview", "--select", code, "."], cwd=root)
    assert [line_.split(" ")[:2] for line_ in check.out.splitlines() if ": FXL" in line_] == [
        [f"test_polluter.py:{line}:", code]
    ]
    (root / "test_polluter.py").write_text(dedent(fixed), encoding="utf-8")
    for name in ("export.csv",):
        if (root / name).exists():
            (root / name).unlink()
    assert run_cli(["--no-cache", "--preview", "--select", code, "."], cwd=root).code == 0
    assert _pytest(root, polluter, victim).returncode == 0
    assert _pytest(root, victim, polluter).returncode == 0


def test_logging_disable_leaks_into_a_later_test(tmp_path: Path) -> None:
    root = write_tree(tmp_path, DISABLE)
    _prove(root, "test_polluter.py::test_quiet", "test_victim.py::test_logs", "FXL306", "5:5", DISABLE_FIXED)


def test_file_at_a_fixed_relative_path_trips_a_later_test(tmp_path: Path) -> None:
    root = write_tree(tmp_path, FILE)
    _prove(root, "test_polluter.py::test_export", "test_victim.py::test_nothing_exported", "FXL307", "2:10", FILE_FIXED)
