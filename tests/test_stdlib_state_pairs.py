"""Leak shapes of FXL306 proven under real pytest: a polluter/victim pair that fails in
one order and passes in the other, and passes in both after the remedy; fixture-lint
finds the polluter before the remedy and nothing after it.

The analysed code is run only here, by pytest in a subprocess, never by fixture-lint.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli, run_pytest, write_tree

ROOT_EMPTIED = """
    import logging
    from io import StringIO


    def test_polluter():
        for handler in logging.root.handlers[:]:
            logging.root.removeHandler(handler)
        logging.basicConfig(level=logging.DEBUG, stream=StringIO())
        logging.getLogger("app").debug("seen")


    def test_victim(caplog):
        logging.getLogger("app").debug("noise")
        assert caplog.records == []
    """
ROOT_EMPTIED_FIXED = """
    import logging
    from io import StringIO


    def test_polluter():
        root = logging.getLogger()
        saved, level = root.handlers[:], root.level
        try:
            for handler in saved:
                root.removeHandler(handler)
            logging.basicConfig(level=logging.DEBUG, stream=StringIO())
            logging.getLogger("app").debug("seen")
        finally:
            for handler in root.handlers[:]:
                root.removeHandler(handler)
            for handler in saved:
                root.addHandler(handler)
            root.setLevel(level)


    def test_victim(caplog):
        logging.getLogger("app").debug("noise")
        assert caplog.records == []
    """
LOOP_LEFT_CLOSED = """
    import asyncio


    def test_polluter():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            assert asyncio.get_event_loop() is loop
        finally:
            loop.close()


    def test_victim():
        asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))
    """
LOOP_LEFT_CLOSED_FIXED = """
    import asyncio


    def test_polluter():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            assert asyncio.get_event_loop() is loop
        finally:
            loop.close()
            asyncio.set_event_loop(None)


    def test_victim():
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(asyncio.sleep(0))
        finally:
            loop.close()
    """


APP_LOGGING = """
    import logging


    def setup_logging():
        root = logging.getLogger()
        root.setLevel(logging.DEBUG)
        root.addHandler(logging.StreamHandler())
    """
PROJECT_SETUP = """
    import logging

    from app_logging import setup_logging


    def test_polluter():
        setup_logging()


    def test_victim(caplog):
        logging.getLogger("app").debug("noise")
        assert caplog.records == []
    """
PROJECT_SETUP_FIXED = """
    import logging

    from app_logging import setup_logging


    def test_polluter():
        root = logging.getLogger()
        level, handlers = root.level, root.handlers[:]
        try:
            setup_logging()
        finally:
            root.handlers = handlers
            root.setLevel(level)


    def test_victim(caplog):
        logging.getLogger("app").debug("noise")
        assert caplog.records == []
    """



def _findings(root: Path) -> list[str]:
    check = run_cli(["--output-format", "concise", "--no-cache", "--preview", "--select", "FXL306", "."], cwd=root)
    return [line.split(" ")[0] for line in check.out.splitlines() if ": FXL306" in line]


@pytest.mark.parametrize(
    ("leaky", "fixed", "reported", "helpers"),
    [
        pytest.param(ROOT_EMPTIED, ROOT_EMPTIED_FIXED, ["test_pair.py:8:5:"], {}, id="basicConfig-after-emptying-root"),
        pytest.param(LOOP_LEFT_CLOSED, LOOP_LEFT_CLOSED_FIXED, ["test_pair.py:6:5:"], {}, id="own-loop-left-current-closed"),
        pytest.param(
            PROJECT_SETUP, PROJECT_SETUP_FIXED, ["test_pair.py:7:5:"], {"app_logging.py": APP_LOGGING}, id="project-setup-logging"
        ),
    ],
)
def test_victim_fails_after_polluter_only_until_the_remedy(
    tmp_path: Path, leaky: str, fixed: str, reported: list[str], helpers: dict[str, str]
) -> None:
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_pair.py": leaky, **helpers})
    victim_first = run_pytest(root, "test_pair.py::test_victim", "test_pair.py::test_polluter")
    assert victim_first.returncode == 0, victim_first.stdout
    polluter_first = run_pytest(root, "test_pair.py::test_polluter", "test_pair.py::test_victim")
    assert polluter_first.returncode == 1 and "1 failed, 1 passed" in polluter_first.stdout, polluter_first.stdout
    assert _findings(root) == reported

    write_tree(root, {"test_pair.py": fixed})
    for order in (("test_polluter", "test_victim"), ("test_victim", "test_polluter")):
        run = run_pytest(root, *(f"test_pair.py::{name}" for name in order))
        assert run.returncode == 0, run.stdout
    assert _findings(root) == []
