"""The rest of the bad-input matrix: big files, files that vanish, symlinks that leave
the tree, and the progress indicator's manners."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from fixture_lint import cli
from fixture_lint.config import SettingsResolver
from fixture_lint.engine import Engine
from fixture_lint.plugins import registry
from fixture_lint.runner import run_checks
from helpers import Finding, check, run_cli, write_tree

SHADOW = "import pytest\n\n\n@pytest.fixture(autouse=True)\ndef capsys():\n    return 1\n"


@pytest.mark.slow
def test_ten_megabyte_file_is_checked(tmp_path: Path) -> None:
    body = "".join(f"def test_{i}():\n    assert {i} == {i}\n\n" for i in range(330_000))
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_big.py": body + SHADOW})
    assert (tmp_path / "test_big.py").stat().st_size > 10_000_000
    lines = body.count("\n")
    assert check(tmp_path) == [Finding("test_big.py", lines + 5, 1, "FXL401")]


def test_file_deleted_during_the_run_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_gone.py": "x = 1\n", "conftest.py": SHADOW})
    reg = registry()
    engine = Engine(reg, SettingsResolver(reg.rules))
    files = engine.discover([tmp_path], [])
    (tmp_path / "test_gone.py").unlink()
    results = {r.path.name: r.diagnostics for r in run_checks(engine, files)}
    assert [d.code for d in results["conftest.py"]] == ["FXL401"]
    [gone] = results["test_gone.py"]
    assert gone.code == "FXL000" and "deleted during the run" in gone.message


def test_symlinks_leaving_the_tree_are_followed_only_when_named(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "outside", {"conftest.py": SHADOW, "pkg/conftest.py": SHADOW})
    root = write_tree(tmp_path / "root", {"pytest.ini": "[pytest]\n", "test_ok.py": "x = 1\n"})
    (root / "conftest.py").symlink_to(outside / "conftest.py")
    (root / "linked_dir").symlink_to(outside / "pkg")
    assert check(root) == []
    run = run_cli(["--output-format", "concise", "conftest.py"], cwd=root)
    assert run.code == 1 and "conftest.py:5:1: FXL401" in run.out


def test_progress_only_on_a_terminal_for_long_runs(monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli.sys, "stderr", Terminal())
    assert cli._show_progress(500) and not cli._show_progress(10)
    monkeypatch.setattr(cli.sys, "stderr", io.StringIO())
    assert not cli._show_progress(500)


def test_form_feed_and_unicode_line_separators_do_not_shift_lines(tmp_path: Path) -> None:
    source = "import pytest\n\x0c\nX = '\u2028'\n\n\n@pytest.fixture(autouse=True)\ndef capsys():\n    return 1\n"
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "conftest.py": source})
    run = run_cli(["--output-format", "full", "."], cwd=tmp_path)
    assert "conftest.py:7:1: FXL401" in run.out
    assert "7 | def capsys():" in run.out
