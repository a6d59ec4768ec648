"""FXL301 names the other tests of the module that read the environment variable it
leaks, in the message and as related locations; nothing for other process state."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import run_cli, write_tree

SUITE = {
    "pytest.ini": "[pytest]\n",
    "test_env.py": """
        import os
        import sys


        def test_sets():
            os.environ["APP_MODE"] = "debug"
            sys.path.append("/x")


        def test_reads():
            assert os.environ.get("APP_MODE") is None


        def test_checks():
            assert "APP_MODE" not in os.environ


        def test_unrelated():
            assert os.getenv("HOME")
        """,
}


def test_environment_reader_is_named(tmp_path: Path) -> None:
    root = write_tree(tmp_path, SUITE)
    result = run_cli(["--output-format", "json", "--no-cache", "--select", "FXL301", "."], cwd=root)
    findings = json.loads(result.out)
    env, path = findings
    assert env["message"] == (
        "test `test_sets` sets os.environ['APP_MODE'] and never restores it, so later tests inherit "
        "the change; read by `test_reads` (line 11) and 1 more"
    )
    assert [(r["location"]["row"], r["location"]["column"]) for r in env["related"]] == [(11, 12), (15, 12)]
    assert path["message"] == "test `test_sets` changes sys.path and never restores it, so later tests inherit the change"
    assert not path.get("related")
