"""The CLI face: options, output formats, exit codes, stdin, configuration."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_lint import __version__
from helpers import Finding, check, run_cli, write_tree

SUITE = {
    "pytest.ini": "[pytest]\ntestpaths = tests\n",
    "tests/conftest.py": """
        import pytest

        @pytest.fixture
        def client():
            return 1
    """,
    "tests/sub/conftest.py": """
        import pytest

        @pytest.fixture(scope="module")
        def client():
            return 2

        @pytest.fixture(autouse=True)
        def capsys():
            return 3
    """,
    "tests/sub/test_ok.py": """
        def test_client(client):
            assert client == 2
    """,
}
SUB_CLIENT = Finding("tests/sub/conftest.py", 4, 1, "FXL401")
SUB_CAPSYS = Finding("tests/sub/conftest.py", 8, 1, "FXL401")


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    return write_tree(tmp_path, SUITE)


def test_exit_codes_and_concise_output(suite: Path) -> None:
    run = run_cli(["--output-format", "concise", "tests"], cwd=suite)
    assert run.code == 1
    assert run.out.splitlines() == [
        "tests/sub/conftest.py:4:1: FXL401 override of `client` (tests/conftest.py:4) widens scope function → module",
        "tests/sub/conftest.py:8:1: FXL401 override of pytest's built-in fixture `capsys` adds autouse",
        "Found 2 errors.",
    ]
    assert run_cli(["--exit-zero", "tests"], cwd=suite).code == 0
    assert run_cli(["tests/sub/test_ok.py"], cwd=suite).code == 0


def test_full_output_shows_the_source_line(suite: Path) -> None:
    run = run_cli(["tests/sub/conftest.py"], cwd=suite)
    assert "tests/sub/conftest.py:4:1: FXL401 override of `client`" in run.out
    assert "4 | def client():\n  | ^^^^^^^^^^\n" in run.out
    assert run.out.rstrip().endswith("Found 2 errors.")


def test_default_paths_are_testpaths_from_the_rootdir(suite: Path) -> None:
    write_tree(suite, {"other/conftest.py": "import pytest\n@pytest.fixture\ndef capsys():\n    pass\n"})
    assert check(suite) != []  # "." given explicitly: other/ is checked too
    run = run_cli(["--output-format", "json"], cwd=suite)
    assert {Path(item["filename"]).parent.name for item in run.json()} == {"sub"}


def test_select_and_ignore_with_prefixes(suite: Path) -> None:
    assert check(suite, "--select", "FXL4") == [SUB_CLIENT, SUB_CAPSYS]
    assert check(suite, "--ignore", "FXL4") == []
    assert check(suite, "--select", "FXL0", "--extend-select", "FXL401") == [SUB_CLIENT, SUB_CAPSYS]


def test_json_fields(suite: Path) -> None:
    run = run_cli(["--output-format", "json", "tests"], cwd=suite)
    first = run.json()[0]
    assert set(first) == {"code", "name", "message", "filename", "location", "end_location", "fix", "url", "noqa_row", "related"}
    assert first["code"] == "FXL401" and first["name"] == "shadowed-fixture"
    assert first["location"] == {"row": 4, "column": 1}
    assert first["end_location"] == {"row": 4, "column": 11}
    assert first["filename"] == str(suite / "tests/sub/conftest.py")
    assert first["fix"] is None and first["noqa_row"] == 4


def test_github_and_sarif(suite: Path) -> None:
    github = run_cli(["--output-format", "github", "tests"], cwd=suite).out.splitlines()
    assert github[0].startswith(
        "::error title=fixture-lint (FXL401),file=tests/sub/conftest.py,line=4,col=1,endLine=4,endColumn=11::"
    )
    sarif = json.loads(run_cli(["--output-format", "sarif", "tests"], cwd=suite).out)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["FXL401", "FXL401"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (4, 1)
    rule_ids = [rule["id"] for rule in sarif["runs"][0]["tool"]["driver"]["rules"]]
    assert rule_ids[0] == "FXL000" and "FXL401" in rule_ids and rule_ids == sorted(rule_ids)


def test_statistics(suite: Path) -> None:
    run = run_cli(["--statistics", "tests"], cwd=suite)
    assert run.out == "    2\tFXL401\tshadowed-fixture\n"
    assert run.code == 1


def test_explain_version_and_unknown_code(suite: Path) -> None:
    run = run_cli(["--explain", "FXL401"], cwd=suite)
    assert run.code == 0 and run.out.startswith("# FXL401 shadowed-fixture\n")
    assert run_cli(["--explain", "FXL999"], cwd=suite).code == 2
    assert run_cli(["--version"], cwd=suite).code == 0


def test_stdin_filename_reads_the_buffer_and_the_hierarchy_from_disk(suite: Path) -> None:
    buffer = b"import pytest\n\n\n@pytest.fixture(scope=\"session\")\ndef client():\n    return 9\n"
    run = run_cli(
        ["--output-format", "concise", "--stdin-filename", "tests/sub/test_new.py"], cwd=suite, stdin=buffer
    )
    assert run.code == 1
    assert run.out.startswith(
        "tests/sub/test_new.py:5:1: FXL401 override of `client` (tests/sub/conftest.py:4) widens scope module → session"
    )
    # The buffer stands in for the file on disk: an edited conftest is judged as edited.
    clean = b"import pytest\n\n@pytest.fixture\ndef client(client):\n    return client\n"
    run = run_cli(["--stdin-filename", "tests/sub/conftest.py"], cwd=suite, stdin=clean)
    assert run.code == 0, run.out
    # Not test code: nothing to judge.
    assert run_cli(["--stdin-filename", "tests/helpers.py"], cwd=suite, stdin=buffer).code == 0


def test_config_file_option_and_per_file_ignores(suite: Path) -> None:
    write_tree(
        suite,
        {
            "lint.toml": """
                [tool.fixture-lint]
                per-file-ignores = { "tests/sub/conftest.py" = ["FXL401"] }
            """,
        },
    )
    assert check(suite, "--config", "lint.toml") == []
    write_tree(suite, {"pyproject.toml": '[tool.fixture-lint]\nper-file-ignores = { "conftest.py" = ["FXL4"] }\n'})
    assert check(suite) == []


def test_exclude_and_extend_exclude(suite: Path) -> None:
    write_tree(suite, {"pyproject.toml": '[tool.fixture-lint]\nextend-exclude = ["tests/sub"]\n'})
    assert check(suite) == []
    # Named on the command line (as pre-commit does), an excluded file stays excluded.
    assert run_cli(["tests/sub/conftest.py"], cwd=suite).code == 0
    write_tree(suite, {"pyproject.toml": '[tool.fixture-lint]\nexclude = ["sub"]\n'})
    assert check(suite) == []


def test_default_excludes_skip_virtualenvs_and_build_dirs(suite: Path) -> None:
    write_tree(
        suite,
        {
            ".venv/lib/conftest.py": "import pytest\n@pytest.fixture\ndef capsys():\n    pass\n",
            "env/pyvenv.cfg": "home = /usr\n",
            "env/lib/conftest.py": "import pytest\n@pytest.fixture\ndef capsys():\n    pass\n",
            "build/conftest.py": "import pytest\n@pytest.fixture\ndef capsys():\n    pass\n",
            ".hidden/conftest.py": "import pytest\n@pytest.fixture\ndef capsys():\n    pass\n",
        },
    )
    assert check(suite) == [SUB_CLIENT, SUB_CAPSYS]


def test_show_files(suite: Path) -> None:
    run = run_cli(["--show-files", "tests"], cwd=suite)
    assert run.out.splitlines() == [
        str(suite / "tests/conftest.py"),
        str(suite / "tests/sub/conftest.py"),
        str(suite / "tests/sub/test_ok.py"),
    ]


def test_console_script_and_module_entry_points(suite: Path) -> None:
    for command in (["fixture-lint"], [sys.executable, "-m", "fixture_lint"]):
        proc = subprocess.run(
            [*command, "--output-format", "concise", "tests"], cwd=suite, capture_output=True, text=True
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout.startswith("tests/sub/conftest.py:4:1: FXL401")
    proc = subprocess.run(["fixture-lint", "--version"], capture_output=True, text=True)
    assert proc.stdout.strip() == f"fixture-lint {__version__}"
