"""Bad input gets one clear FXL000 finding (or a configuration error) and the run goes on."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import Finding, check, run_cli, write_tree

SHADOWING_CONFTEST = "import pytest\n\n@pytest.fixture(scope=\"session\")\ndef tmp_path():\n    return 1\n"


def suite_with(tmp_path: Path, name: str, data: bytes) -> Path:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "conftest.py": SHADOWING_CONFTEST})
    (tmp_path / name).write_bytes(data)
    return tmp_path


def messages(root: Path) -> dict[str, str]:
    run = run_cli(["--output-format", "json", "."], cwd=root)
    assert run.code == 1, run.err
    return {Path(item["filename"]).name: item["message"] for item in run.json() if item["code"] == "FXL000"}


@pytest.mark.parametrize(
    "data,reason,line,column",
    [
        (b"def test_x(:\n    pass\n", "syntax error", 1, 12),
        (b"x = 1\n\xff\xfe = 2\n", "cannot decode as utf-8", 1, 1),
        (b"x = 1\x00\n", "null bytes", 1, 1),
        (b"# -*- coding: klingon -*-\nx = 1\n", "cannot detect encoding", 1, 1),
        (b"x = " + b"(" * 300 + b"1" + b")" * 300 + b"\n", "syntax error: too many nested parentheses", 1, 205),
    ],
    ids=["syntax", "undecodable", "null-bytes", "unknown-codec", "nested-parens"],
)
def test_unreadable_file_gets_one_fxl000_and_others_are_still_checked(
    tmp_path: Path, data: bytes, reason: str, line: int, column: int
) -> None:
    root = suite_with(tmp_path, "test_bad.py", data)
    found = check(root)
    assert Finding("conftest.py", 4, 1, "FXL401") in found
    bad = [f for f in found if f.path == "test_bad.py"]
    assert bad == [Finding("test_bad.py", line, column, "FXL000")]
    assert reason in messages(root)["test_bad.py"]


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"x = " + b"[" * 2000 + b"]" * 2000 + b"\n", "too many nested parentheses"),
        (b"def test_x():\n    y = " + b"+".join([b"1"] * 10000) + b"\n", "RecursionError"),
    ],
    ids=["2000-nested-lists", "10000-term-sum"],
)
def test_pathological_expression_is_fxl000_not_a_crash(tmp_path: Path, data: bytes, reason: str) -> None:
    root = suite_with(tmp_path, "test_deep.py", data)
    found = check(root)
    assert Finding("conftest.py", 4, 1, "FXL401") in found
    assert [f.code for f in found if f.path == "test_deep.py"] == ["FXL000"]
    assert reason in messages(root)["test_deep.py"]


def test_fxl000_can_be_ignored_but_not_deselected_by_select(tmp_path: Path) -> None:
    root = suite_with(tmp_path, "test_bad.py", b"def (\n")
    assert [f.code for f in check(root, "--select", "FXL4") if f.path == "test_bad.py"] == ["FXL000"]
    assert [f.code for f in check(root, "--ignore", "FXL000") if f.path == "test_bad.py"] == []


def test_empty_and_comment_only_and_bom_files_are_fine(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n"})
    (tmp_path / "test_empty.py").write_bytes(b"")
    (tmp_path / "test_comments.py").write_bytes(b"# nothing here\n# at all\n")
    (tmp_path / "conftest.py").write_bytes(b"\xef\xbb\xbf" + SHADOWING_CONFTEST.encode())
    (tmp_path / "test_latin1.py").write_bytes(
        b"# -*- coding: latin-1 -*-\nimport pytest\n\n@pytest.fixture\ndef caf\xe9():\n    return '\xe9'\n"
    )
    assert check(tmp_path) == [Finding("conftest.py", 4, 1, "FXL401")]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root here, where chmod 0 does not stop a read: refuse it in the reader.
    root = suite_with(tmp_path, "test_locked.py", b"x = 1\n")
    import os

    from fixture_lint import fsutil

    real_open = os.open

    def refusing_open(path, flags, *args):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("test_locked.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(fsutil.os, "open", refusing_open)
    assert Finding("test_locked.py", 1, 1, "FXL000") in check(root)
    assert "cannot read: permission denied" in messages(root)["test_locked.py"]


def test_unreadable_file_as_root_via_directory_named_like_a_file(tmp_path: Path) -> None:
    root = suite_with(tmp_path, "test_ok.py", b"x = 1\n")
    (root / "test_dir.py").mkdir()
    (root / "test_dir.py" / "test_inner.py").write_text("import pytest\n")
    assert check(root) == [Finding("conftest.py", 4, 1, "FXL401")]


def test_broken_symlink_and_symlink_loop_do_not_stop_the_run(tmp_path: Path) -> None:
    root = suite_with(tmp_path, "test_ok.py", b"x = 1\n")
    (root / "test_broken.py").symlink_to(root / "missing.py")
    (root / "loop").symlink_to(root / "loop")
    run = run_cli(["--output-format", "json", "."], cwd=root)
    found = sorted((Path(item["filename"]).name, item["location"]["row"], item["code"]) for item in run.json())
    assert found == [("conftest.py", 4, "FXL401"), ("test_broken.py", 1, "FXL000")]
    assert "loop: a symlink loop; skipped" in run.err


def test_missing_path_is_a_usage_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    root = suite_with(tmp_path, "test_ok.py", b"x = 1\n")
    run = run_cli(["--output-format", "concise", "conftest.py", "does_not_exist.py"], cwd=root)
    assert run.code == 2
    assert "does_not_exist.py: no such file or directory" in run.err
    assert "conftest.py:4:1: FXL401" in run.out


# -- configuration ---------------------------------------------------------------------
def config_suite(tmp_path: Path, table: str) -> Path:
    return write_tree(
        tmp_path,
        {"pyproject.toml": "[tool.pytest.ini_options]\n" + table, "conftest.py": SHADOWING_CONFTEST},
    )


@pytest.mark.parametrize(
    "table,expected",
    [
        ('[tool.fixture-lint]\nselect = "FXL4"\n', "[tool.fixture-lint] select = 'FXL4': expected a list of strings, got string"),
        ('[tool.fixture-lint]\nselect = ["FXL999"]\n', "[tool.fixture-lint] select: unknown rule code or prefix 'FXL999'"),
        ('[tool.fixture-lint]\nunsafe-fixes = "yes"\n', "[tool.fixture-lint] unsafe-fixes = 'yes': expected a boolean, got string"),
        ('[tool.fixture-lint]\noutput-format = "xml"\n', "[tool.fixture-lint] output-format = 'xml': expected one of"),
        ('[tool.fixture-lint.shadowed-fixture]\nallow = "tmp_path"\n', "shadowed-fixture.allow = 'tmp_path': expected a list of strings"),
        ('[tool.fixture-lint]\nper-file-ignores = {"conftest.py" = ["XYZ1"]}\n', "unknown rule code or prefix 'XYZ1'"),
        ("[tool.fixture-lint\n", "not valid TOML"),
    ],
    ids=["wrong-type", "unknown-code", "wrong-bool", "bad-format", "rule-option-type", "per-file-code", "bad-toml"],
)
def test_bad_configuration_is_an_error_naming_file_key_and_value(tmp_path: Path, table: str, expected: str) -> None:
    root = config_suite(tmp_path, table)
    run = run_cli(["."], cwd=root)
    assert run.code == 2
    assert str(root / "pyproject.toml") in run.err
    assert expected in run.err
    assert run.out == ""


def test_unknown_key_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    # as ruff: a misspelt key must not silently leave the default in force
    root = config_suite(tmp_path, "[tool.fixture-lint]\nselekt = ['FXL4']\n")
    run = run_cli(["--output-format", "concise", "."], cwd=root)
    assert run.code == 2
    assert f"{root / 'pyproject.toml'}: unknown key 'selekt' in [tool.fixture-lint]; did you mean 'select'?" in run.err
    assert run.out == ""


def test_unknown_code_on_the_command_line_is_a_usage_error(tmp_path: Path) -> None:
    root = config_suite(tmp_path, "")
    run = run_cli(["--select", "FXL9", "."], cwd=root)
    assert run.code == 2
    assert "--select: unknown rule code or prefix 'FXL9'" in run.err


def test_unknown_rule_code_in_noqa_warns_and_suppresses_nothing(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "conftest.py": "import pytest\n\n@pytest.fixture(scope=\"session\")\ndef tmp_path():  # noqa: FXL410, E501\n    return 1\n",
        },
    )
    run = run_cli(["--output-format", "concise", "."], cwd=root)
    assert run.code == 1
    assert "conftest.py:4:1: FXL401" in run.out
    assert "conftest.py:4: unknown rule code 'FXL410' in a noqa comment" in run.err
    assert "E501" not in run.err
    # Served from the cache, the warning is still there.
    assert "unknown rule code 'FXL410'" in run_cli(["."], cwd=root).err
