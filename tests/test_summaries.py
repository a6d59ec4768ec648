"""Effect summaries of the project's own functions (state/summaries.py): clock wrappers
count as clocks for FXL303 under --preview only, found statically through imports,
re-exports and the module's own helpers, bounded in depth."""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers import run_cli

CASES = Path(__file__).parent / "cases"


def _run(tmp_path: Path, capsys, case: str, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    target = tmp_path / case
    shutil.copytree(CASES / case, target)
    (target / "pyproject.toml").write_text("[tool.fixture-lint]\n")
    run = run_cli(["--no-cache", "--output-format", "concise", "--select", "FXL303", *args, "."], cwd=target)
    return [line.split(" ", 2)[0] for line in run.out.splitlines() if " FXL303 " in line]


def test_project_clock_wrappers_are_preview(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert _run(tmp_path, capsys, "fxl303_project_clock_wrapper") == []
    found = _run(tmp_path / "again", capsys, "fxl303_project_clock_wrapper", "--preview")
    assert found == [
        "tests/test_wrappers.py:13:37:",
        "tests/test_wrappers.py:17:12:",
        "tests/test_wrappers.py:21:12:",
        "tests/test_wrappers.py:25:12:",
    ]


def test_the_message_names_the_reading(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "case"
    shutil.copytree(CASES / "fxl303_project_clock_wrapper", target)
    out = run_cli(["--no-cache", "--output-format", "concise", "--select", "FXL303", "."], cwd=target).out
    assert "reads the wall clock with `clock.today()` (which reads `datetime.now()`)" in out
    assert "with `stamp()` (which reads `time.time()`)" in out


def test_the_project_module_is_never_imported(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "case"
    shutil.copytree(CASES / "fxl303_project_clock_wrapper", target)
    marker = tmp_path / "imported"
    clock = target / "src" / "myapp" / "clock.py"
    clock.write_text(f"open({str(marker)!r}, 'w').close()\n" + clock.read_text())
    run_cli(["--no-cache", "--select", "FXL303", "--preview", "."], cwd=target)
    assert not marker.exists()
