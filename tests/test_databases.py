"""Database state between tests, proven under real pytest (FXL501, FXL502).

Two polluter/victim pairs on sqlite: a test that deletes the seeded rows of a
module-scoped connection, and a test that inserts a row before another asserts its
auto-increment id. Each victim fails after its polluter and passes before it; with the
remedy the rules propose (a function-scoped fixture that rolls back after each test),
both orders pass and fixture-lint reports nothing. pytest runs the suites in a
subprocess; fixture-lint itself never runs them.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import check, write_tree

SHARED = """
    import sqlite3

    import pytest


    @pytest.fixture(scope="module")
    def {name}():
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE temp_data (id INTEGER PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO temp_data (value) VALUES ('seed')")
        conn.commit()
        yield conn
        conn.close()
    """
ROLLBACK = """

    @pytest.fixture
    def db(connection):
        yield connection
        connection.rollback()
    """
PAIRS = {
    "test_cleanup.py": """
        def test_polluter(db):
            db.execute("DELETE FROM temp_data")


        def test_victim(db):
            assert db.execute("SELECT count(*) FROM temp_data").fetchone() == (1,)
        """,
    "test_ids.py": """
        def test_polluter(db):
            db.execute("INSERT INTO temp_data (value) VALUES ('other')")


        def test_victim(db):
            cur = db.execute("INSERT INTO temp_data (value) VALUES ('mine')")
            assert cur.lastrowid == 2
        """,
}


def _suite(tmp_path: Path, module: str, remedied: bool) -> Path:
    fixture = SHARED.format(name="connection" if remedied else "db") + (ROLLBACK if remedied else "")
    files = {"pytest.ini": "[pytest]\n", "pyproject.toml": "[tool.fixture-lint]\npreview = true\n"}
    files[module] = fixture + "\n\n" + PAIRS[module].replace("\n        ", "\n    ")
    return write_tree(tmp_path, files)


def _pytest(root: Path, *ids: str) -> int:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *ids],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )
    return run.returncode


@pytest.mark.parametrize("module,code", [("test_cleanup.py", "FXL501"), ("test_ids.py", "FXL502")])
def test_victim_fails_after_polluter_and_passes_with_a_rollback_fixture(module: str, code: str, tmp_path: Path) -> None:
    polluter, victim = f"{module}::test_polluter", f"{module}::test_victim"
    before = _suite(tmp_path / "before", module, remedied=False)
    assert _pytest(before, polluter, victim) == 1  # the victim fails after the polluter
    assert _pytest(before, victim, polluter) == 0  # and passes before it
    found = check(before)
    assert code in {f.code for f in found}
    lines = before.joinpath(module).read_text().splitlines()
    write_line = lines.index("def test_polluter(db):") + 2
    assert ("FXL501", write_line) in {(f.code, f.line) for f in found}  # the polluter's write

    after = _suite(tmp_path / "after", module, remedied=True)
    assert _pytest(after, polluter, victim) == 0
    assert _pytest(after, victim, polluter) == 0
    assert check(after) == []


def test_shared_write_names_its_reader_as_a_related_location(tmp_path: Path) -> None:
    from helpers import run_cli

    root = _suite(tmp_path, "test_cleanup.py", remedied=False)
    run = run_cli(["--no-cache", "--preview", "--select", "FXL501", "--output-format", "json", "."], cwd=root)
    [finding] = run.json()
    assert "read by `test_victim`" in finding["message"]
    [related] = finding["related"]
    assert related["message"] == "`test_victim` reads table `temp_data`"
