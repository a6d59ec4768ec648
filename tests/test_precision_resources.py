"""FXL103 precision: a fix only where the release is certain to end the resource."""
from __future__ import annotations

from pathlib import Path

from helpers import run_cli, write_tree


def _findings(tmp_path: Path, source: str) -> list[dict]:
    root = write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_fix.py": source})
    run = run_cli(["--output-format", "json", "--no-cache", "--select", "FXL103", "."], cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


def test_no_fix_that_joins_a_thread_or_shuts_down_an_executor(tmp_path: Path) -> None:
    # ``join()`` after the yield would hang when only another teardown stops the loop
    found = _findings(
        tmp_path,
        """
        import concurrent.futures
        import threading

        import pytest


        @pytest.fixture
        def worker():
            thread = threading.Thread(target=lambda: None)
            thread.start()
            return thread


        @pytest.fixture
        def pool():
            executor = concurrent.futures.ThreadPoolExecutor()
            return executor
        """,
    )
    assert [(f["location"]["row"], f["location"]["column"], f["fix"]) for f in found] == [
        (9, 14, None),
        (16, 16, None),
    ]


def test_a_process_is_still_fixed(tmp_path: Path) -> None:
    (finding,) = _findings(
        tmp_path,
        """
        import multiprocessing

        import pytest


        @pytest.fixture
        def proc():
            process = multiprocessing.Process(target=print)
            process.start()
            return process
        """,
    )
    assert finding["location"] == {"row": 8, "column": 15}
    assert finding["fix"]["message"].endswith("(process.terminate(); process.join())")


def test_no_fix_for_a_resource_stored_on_the_test_instance(tmp_path: Path) -> None:
    (finding,) = _findings(
        tmp_path,
        """
        import sqlite3

        import pytest


        class TestDb:
            @pytest.fixture(autouse=True)
            def db(self, tmp_path):
                self.conn = sqlite3.connect(tmp_path / "a.db")

            def test_db(self):
                assert self.conn
        """,
    )
    assert finding["location"] == {"row": 9, "column": 21} and finding["fix"] is None
    assert "`self.conn`" in finding["message"]
