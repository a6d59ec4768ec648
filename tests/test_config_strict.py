"""``[tool.fixture-lint]`` read as strictly as ruff reads its own, ``--show-settings``,
and the order in which the command line overrides the file (config.py's docstring),
all through the real CLI in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Optional

import pytest

from helpers import write_tree

SUITE = {
    "pytest.ini": "[pytest]\n",
    "test_a.py": """\
        import os
        import socket

        import pytest


        def test_env():
            os.environ["A"] = "1"


        def test_port():
            s = socket.socket()
            s.bind(("127.0.0.1", 8080))
            s.close()


        @pytest.fixture(scope="session")
        def config():
            return {"a": 1}


        def test_config(config):
            config["b"] = 2
        """,
}


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", *args],
        cwd=cwd, capture_output=True, text=True, env=env, timeout=120,
    )


def suite(tmp_path: Path, table: Optional[str]) -> Path:
    files = dict(SUITE)
    if table is not None:
        files["pyproject.toml"] = textwrap.dedent(table)
    return write_tree(tmp_path / "suite", files)


def codes(cwd: Path, *args: str) -> list[str]:
    proc = run(cwd, "--output-format", "json", *args, ".")
    assert proc.returncode in (0, 1), proc.stderr
    return sorted(item["code"] for item in json.loads(proc.stdout))


# -- unknown keys, tables and options are errors -------------------------------------------


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            '[tool.fixture-lint]\nper-file-ignore = {"conftest.py" = ["FXL401"]}\n',
            "unknown table [tool.fixture-lint.per-file-ignore]; did you mean 'per-file-ignores'?",
        ),
        ("[tool.fixture-lint]\nselekt = ['FXL4']\n", "unknown key 'selekt' in [tool.fixture-lint]; did you mean 'select'?"),
        ("[tool.fixture-lint]\nextend_select = ['FXL4']\n", "unknown key 'extend_select' in [tool.fixture-lint]; did you mean 'extend-select'?"),
        (
            "[tool.fixture-lint.shadowed-fixtures]\nallow = []\n",
            "unknown table [tool.fixture-lint.shadowed-fixtures]; did you mean 'shadowed-fixture'?",
        ),
        ("[tool.fixture-lint.FXL302]\nextend-binders = []\n", "unknown table [tool.fixture-lint.FXL302]; did you mean 'hardcoded-port'?"),
        (
            "[tool.fixture-lint.hardcoded-port]\nextend-binder = ['x.serve']\n",
            "[tool.fixture-lint] hardcoded-port: unknown option 'extend-binder' of rule FXL302; did you mean 'extend-binders'? "
            "(its options: extend-binders)",
        ),
        (
            "[tool.fixture-lint.unpatched-global-write]\nallow = []\n",
            "[tool.fixture-lint] unpatched-global-write: unknown option 'allow': rule FXL301 (unpatched-global-write) has no options",
        ),
        ("[tool.fixture-lint]\nzzz = 1\n", "unknown key 'zzz' in [tool.fixture-lint] (known keys: cache-dir, exclude,"),
    ],
    ids=["per-file-ignore", "selekt", "underscore", "rule-table", "table-by-code", "rule-option", "rule-without-options", "no-suggestion"],
)
def test_unknown_key_is_an_error_naming_file_and_key(tmp_path: Path, table: str, expected: str) -> None:
    root = suite(tmp_path, table)
    proc = run(root, ".")
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"fixture-lint: error: {root / 'pyproject.toml'}: "), proc.stderr
    assert expected in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1


def test_an_unknown_key_also_stops_flake8(tmp_path: Path) -> None:
    root = suite(tmp_path, "[tool.fixture-lint]\nselekt = ['FXL4']\n")
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "FXL", "test_a.py"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode != 0
    assert "unknown key 'selekt' in [tool.fixture-lint]; did you mean 'select'?" in proc.stderr


def test_wrong_types_are_still_errors(tmp_path: Path) -> None:
    root = suite(tmp_path, "[tool.fixture-lint.hardcoded-port]\nextend-binders = 'x.serve'\n")
    proc = run(root, ".")
    assert proc.returncode == 2
    assert "hardcoded-port.extend-binders = 'x.serve': expected a list of strings, got string" in proc.stderr


# -- --show-settings ---------------------------------------------------------------------------


def test_show_settings_prints_the_file_used_and_every_effective_value(tmp_path: Path) -> None:
    root = suite(
        tmp_path,
        """\
        [tool.fixture-lint]
        ignore = ["FXL302"]
        per-file-ignores = {"conftest.py" = ["FXL401"]}
        preview = true

        [tool.fixture-lint.hardcoded-port]
        extend-binders = ["myapp.serve"]
        """,
    )
    proc = run(root, "--show-settings", "test_a.py")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:2] == ['Resolved settings for: "test_a.py"', 'Settings path: "pyproject.toml"']
    for expected in (
        'select = ["FXL"]',  # the default
        'ignore = ["FXL302"]',
        'per-file-ignores = {"conftest.py" = ["FXL401"]}',
        "preview = true",
        "unsafe-fixes = false",
        'output-format = "full"',
        "[tool.fixture-lint.hardcoded-port]  # FXL302",
        'extend-binders = ["myapp.serve"]',
        "[tool.fixture-lint.wall-clock-call]  # FXL303",
        "extend-freezers = []",
        "# FXL301 unpatched-global-write",
    ):
        assert expected in lines, (expected, proc.stdout)
    assert "# FXL302 hardcoded-port" not in lines  # ignored: not among the rules that run
    assert any(line.endswith("(preview)") for line in lines)
    assert "# the command line" not in proc.stdout


def test_show_settings_shows_the_command_line_layer_and_its_outcome(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nignore = ["FXL302"]\n')
    proc = run(root, "--extend-select", "FXL3", "--no-preview", "--show-settings", "test_a.py")
    lines = proc.stdout.splitlines()
    assert 'ignore = ["FXL302"]' in lines
    assert "--select = (not given)" in lines
    assert '--extend-select = ["FXL3"]' in lines
    assert "# FXL302 hardcoded-port" in lines  # the command line re-enabled it
    assert "preview = false" in lines


def test_show_settings_of_a_file_in_a_directory_with_its_own_configuration(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nignore = ["FXL302"]\n')
    write_tree(root, {"sub/pyproject.toml": '[tool.fixture-lint]\nselect = ["FXL1"]\n', "sub/test_b.py": "def test_b():\n    pass\n"})
    proc = run(root, "--show-settings", "sub/test_b.py")
    lines = proc.stdout.splitlines()
    assert lines[1] == 'Settings path: "sub/pyproject.toml"'
    assert 'select = ["FXL1"]' in lines and "ignore = []" in lines
    # without PATH: the first path given, else the current directory
    assert run(root / "sub", "--show-settings").stdout.splitlines()[1] == 'Settings path: "pyproject.toml"'
    assert run(root, "--show-settings").stdout.splitlines()[1] == 'Settings path: "pyproject.toml"'
    no_config = write_tree(tmp_path / "bare", {"pytest.ini": "[pytest]\n"})
    assert "Settings path: none" in run(no_config, "--show-settings").stdout


def test_show_settings_of_a_missing_path_is_an_error(tmp_path: Path) -> None:
    root = suite(tmp_path, None)
    proc = run(root, "--show-settings", "nope.py")
    assert proc.returncode == 2
    assert "--show-settings: nope.py: no such file or directory" in proc.stderr


# -- the override order (config.py's docstring), one test per step ------------------------------


def test_step1_defaults_run_every_default_rule_and_no_preview_rule(tmp_path: Path) -> None:
    root = suite(tmp_path, None)
    assert codes(root) == ["FXL301", "FXL302"]


def test_step2_within_the_file_the_most_specific_selector_wins_and_ignore_wins_ties(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nselect = ["FXL3"]\nignore = ["FXL301"]\n')
    assert codes(root) == ["FXL302"]
    (root / "pyproject.toml").write_text('[tool.fixture-lint]\nselect = ["FXL301"]\nignore = ["FXL3"]\n')
    assert codes(root) == ["FXL301"]
    (root / "pyproject.toml").write_text('[tool.fixture-lint]\nselect = ["FXL301"]\nignore = ["FXL301"]\n')
    assert codes(root) == []


def test_step3_cli_extend_select_re_enables_what_the_file_ignores(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nignore = ["FXL301"]\n')
    assert codes(root) == ["FXL302"]
    assert codes(root, "--extend-select", "FXL3") == ["FXL301", "FXL302"]


def test_step3_cli_ignore_disables_what_the_file_selects_specifically(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nselect = ["FXL301", "FXL302"]\n')
    assert codes(root, "--ignore", "FXL3") == []


def test_step3_cli_select_starts_afresh(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nselect = ["FXL302"]\nignore = ["FXL301"]\n')
    assert codes(root, "--select", "FXL301") == ["FXL301"]


def test_step3_within_the_command_line_the_most_specific_wins(tmp_path: Path) -> None:
    root = suite(tmp_path, None)
    assert codes(root, "--extend-select", "FXL301", "--ignore", "FXL3") == ["FXL301"]
    assert codes(root, "--extend-select", "FXL3", "--ignore", "FXL301") == ["FXL302"]
    assert codes(root, "--select", "FXL3", "--ignore", "FXL3") == []


def test_step4_per_file_ignores_win_over_the_command_line(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nper-file-ignores = {"test_a.py" = ["FXL3"]}\n')
    assert codes(root) == []
    assert codes(root, "--extend-select", "FXL301") == []
    assert codes(root, "--select", "FXL302") == []


def test_step5_noqa_wins_over_a_command_line_select(tmp_path: Path) -> None:
    root = suite(tmp_path, None)
    path = root / "test_a.py"
    path.write_text(path.read_text().replace('os.environ["A"] = "1"', 'os.environ["A"] = "1"  # noqa: FXL301'))
    assert codes(root, "--select", "FXL301") == []


def test_single_values_on_the_command_line_replace_the_files(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nselect = ["FXL1"]\npreview = true\noutput-format = "concise"\n')
    assert "FXL101" in codes(root)
    assert codes(root, "--no-preview") == []
    proc = run(root, ".")
    assert proc.stdout.startswith("test_a.py:"), proc.stdout  # concise, from the file
    proc = run(root, "--output-format", "json", ".")
    assert json.loads(proc.stdout)[0]["code"] == "FXL101"


def test_config_names_one_file_for_every_file_instead_of_the_nearest(tmp_path: Path) -> None:
    root = suite(tmp_path, '[tool.fixture-lint]\nignore = ["FXL301"]\n')
    other = write_tree(tmp_path / "other", {"pyproject.toml": '[tool.fixture-lint]\nignore = ["FXL302"]\n'})
    assert codes(root) == ["FXL302"]
    assert codes(root, "--config", str(other / "pyproject.toml")) == ["FXL301"]
