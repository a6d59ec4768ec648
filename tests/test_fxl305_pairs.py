"""FXL305's look-alikes under real pytest: writes it does not report cannot make another
test fail, in either order, while the leak next to each (which it reports) does.

The suites run in a subprocess (pytest runs the code; fixture-lint only reads it).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import run_cli, run_pytest, write_tree

THREADS = {
    "pytest.ini": "[pytest]\n",
    "pyproject.toml": "[tool.fixture-lint]\npreview = true\n",
    "appctx.py": """
        import threading


        class Context(threading.local):
            user = None


        context = Context()
        """,
    "test_threads.py": """
        import threading

        import appctx


        def test_writes_in_a_thread():
            def run():
                appctx.context.user = "alice"
                assert appctx.context.user == "alice"

            worker = threading.Thread(target=run)
            worker.start()
            worker.join()


        def test_writes_in_the_main_thread():
            appctx.context.user = "bob"


        def test_victim():
            assert appctx.context.user is None
        """,
}

SWITCHES = {
    "pytest.ini": "[pytest]\n",
    "pyproject.toml": "[tool.fixture-lint]\npreview = true\n",
    "appconf.py": """
        class Settings:
            def get(self, name):
                return getattr(self, name, False)


        settings = Settings()
        """,
    "test_switches.py": """
        from appconf import settings


        def test_switch_on():
            settings.STRICT = True


        def test_switch_off():
            settings.STRICT = False


        def test_victim():
            assert not settings.get("STRICT")
        """,
}

DEFAULTS = {
    "pytest.ini": "[pytest]\n",
    "pyproject.toml": "[tool.fixture-lint]\npreview = true\n",
    "appdefaults.py": """
        import os

        WARN = bool(os.environ.get("APPDEFAULTS_WARN", False))
        """,
    "test_defaults.py": """
        import appdefaults


        def test_switch_on_and_back():
            appdefaults.WARN = True
            assert appdefaults.WARN
            appdefaults.WARN = False


        def test_switch_on_for_good():
            appdefaults.WARN = True


        def test_victim():
            assert appdefaults.WARN is False
        """,
}


def _pytest(root: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    return run_pytest(root, *tests, drop_env=("APPDEFAULTS_",))


def _findings(root: Path) -> list[str]:
    check = run_cli(["--output-format", "concise", "--no-cache", "."], cwd=root)
    return [line.split(" ")[0] + " " + line.split(" ")[1] for line in check.out.splitlines() if ": FXL" in line]


def _passes(root: Path, *tests: str) -> bool:
    run = _pytest(root, *tests)
    return run.returncode == 0


def test_a_thread_local_written_in_a_thread_leaks_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path, THREADS)
    polluter, main, victim = (f"test_threads.py::{name}" for name in ("test_writes_in_a_thread", "test_writes_in_the_main_thread", "test_victim"))
    assert _passes(root, polluter, victim) and _passes(root, victim, polluter)
    assert not _passes(root, main, victim) and _passes(root, victim, main)  # the main thread keeps it
    assert _findings(root) == ["test_threads.py:17:5: FXL305"]


def test_switching_off_what_another_test_switched_on_undoes_its_leak(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SWITCHES)
    on, off, victim = (f"test_switches.py::{name}" for name in ("test_switch_on", "test_switch_off", "test_victim"))
    assert not _passes(root, on, victim) and _passes(root, victim, on)  # the leak is the switch-on
    assert _passes(root, off, victim) and _passes(root, victim, off)
    assert _passes(root, on, off, victim)
    assert _findings(root) == ["test_switches.py:5:5: FXL305"]


def test_writing_back_the_environment_default_is_a_restore(tmp_path: Path) -> None:
    root = write_tree(tmp_path, DEFAULTS)
    back, good, victim = (f"test_defaults.py::{name}" for name in ("test_switch_on_and_back", "test_switch_on_for_good", "test_victim"))
    assert _passes(root, back, victim) and _passes(root, victim, back)
    assert not _passes(root, good, victim) and _passes(root, victim, good)
    assert _findings(root) == ["test_defaults.py:11:5: FXL305"]
