"""Which files are judged: pytest's configuration and collection rules, .gitignore, and
the messages for a run with nothing to check. One test per rule of the precedence table
in ``fixture_lint.pytest_config`` and of the walk in ``fixture_lint.discovery``; all
through the real CLI (``--show-files``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli, write_tree

TEST = "def test_it():\n    pass\n"


def shown(root: Path, *args: str) -> list[str]:
    run = run_cli(["--show-files", *args], cwd=root)
    assert run.code == 0, run.err
    return [Path(line).relative_to(root).as_posix() for line in run.out.splitlines()]


def suite(root: Path, config: dict[str, str], *modules: str) -> Path:
    return write_tree(root, {**config, **{name: TEST for name in modules}})


# -- which file configures pytest ----------------------------------------------------------
def test_pytest_toml_beats_every_other_file_in_its_directory(tmp_path: Path) -> None:
    suite(
        tmp_path,
        {
            "pytest.toml": '[pytest]\npython_files = ["check_*.py"]\n',
            "pytest.ini": "[pytest]\npython_files = ini_*.py\n",
            "pyproject.toml": '[tool.pytest]\npython_files = ["pp_*.py"]\n',
        },
        "check_a.py", "ini_b.py", "pp_c.py", "test_d.py",
    )
    assert shown(tmp_path) == ["check_a.py"]


def test_dot_pytest_toml_beats_pytest_ini(tmp_path: Path) -> None:
    suite(
        tmp_path,
        {".pytest.toml": '[pytest]\npython_files = ["check_*.py"]\n', "pytest.ini": "[pytest]\npython_files = ini_*.py\n"},
        "check_a.py", "ini_b.py",
    )
    assert shown(tmp_path) == ["check_a.py"]


def test_pytest_ini_beats_dot_pytest_ini_and_pyproject(tmp_path: Path) -> None:
    suite(
        tmp_path,
        {
            "pytest.ini": "[pytest]\npython_files = ini_*.py\n",
            ".pytest.ini": "[pytest]\npython_files = dot_*.py\n",
            "pyproject.toml": "[tool.pytest.ini_options]\npython_files = 'pp_*.py'\n",
        },
        "ini_a.py", "dot_b.py", "pp_c.py",
    )
    assert shown(tmp_path) == ["ini_a.py"]


def test_an_empty_pytest_ini_is_a_configuration_and_stops_the_search(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\npython_files = check_*.py\n", "sub/pytest.ini": ""},
          "sub/check_a.py", "sub/test_b.py")
    assert shown(tmp_path, "sub") == ["sub/test_b.py"]


def test_tool_pytest_table_with_native_lists(tmp_path: Path) -> None:
    suite(tmp_path, {"pyproject.toml": '[tool.pytest]\npython_files = ["check_*.py", "*_spec.py"]\n'},
          "check_a.py", "b_spec.py", "test_c.py")
    assert shown(tmp_path) == ["b_spec.py", "check_a.py"]


def test_tool_pytest_ini_options_with_a_string(tmp_path: Path) -> None:
    suite(tmp_path, {"pyproject.toml": '[tool.pytest.ini_options]\npython_files = "check_*.py *_spec.py"\n'},
          "check_a.py", "b_spec.py", "test_c.py")
    assert shown(tmp_path) == ["b_spec.py", "check_a.py"]


def test_both_pyproject_tables_warn_and_tool_pytest_is_read(tmp_path: Path) -> None:
    suite(
        tmp_path,
        {"pyproject.toml": '[tool.pytest]\npython_files = ["check_*.py"]\n[tool.pytest.ini_options]\npython_files = "ini_*.py"\n'},
        "check_a.py", "ini_b.py",
    )
    run = run_cli(["--show-files"], cwd=tmp_path)
    assert run.code == 0
    assert run.out.splitlines() == [str(tmp_path / "check_a.py")]
    assert "both [tool.pytest] and [tool.pytest.ini_options]" in run.err
    assert str(tmp_path / "pyproject.toml") in run.err


def test_pyproject_without_a_pytest_table_is_passed_over(tmp_path: Path) -> None:
    suite(tmp_path, {"tox.ini": "[pytest]\npython_files = check_*.py\n", "sub/pyproject.toml": "[project]\nname = 'x'\n"},
          "sub/check_a.py", "sub/test_b.py")
    assert shown(tmp_path, "sub") == ["sub/check_a.py"]


def test_tox_ini_needs_a_pytest_section_and_beats_setup_cfg(tmp_path: Path) -> None:
    suite(tmp_path, {"tox.ini": "[pytest]\npython_files = tox_*.py\n", "setup.cfg": "[tool:pytest]\npython_files = cfg_*.py\n",
                     "b/tox.ini": "[tox]\nenvlist = py\n", "b/setup.cfg": "[tool:pytest]\npython_files = cfg_*.py\n"},
          "tox_a.py", "cfg_a.py", "b/tox_b.py", "b/cfg_b.py")
    assert shown(tmp_path, ".") == ["b/cfg_b.py", "tox_a.py"]


def test_setup_cfg_tool_pytest_section(tmp_path: Path) -> None:
    suite(tmp_path, {"setup.cfg": "[metadata]\nname = x\n[tool:pytest]\npython_files = cfg_*.py\n"}, "cfg_a.py", "test_b.py")
    assert shown(tmp_path) == ["cfg_a.py"]


def test_the_nearer_directory_beats_the_farther(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.toml": '[pytest]\npython_files = ["far_*.py"]\n', "sub/setup.cfg": "[tool:pytest]\npython_files = near_*.py\n"},
          "sub/far_a.py", "sub/near_b.py")
    assert shown(tmp_path, "sub") == ["sub/near_b.py"]


# -- what is collected ---------------------------------------------------------------------
def test_python_files_with_a_directory_match_the_full_path(tmp_path: Path) -> None:
    suite(tmp_path, {"pyproject.toml": '[tool.pytest]\npython_files = ["testing/python/*.py", "test_*.py"]\n'},
          "testing/python/approx.py", "testing/other/approx.py", "testing/test_main.py")
    assert shown(tmp_path) == ["testing/python/approx.py", "testing/test_main.py"]


def test_default_norecursedirs(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\n"}, "tests/test_a.py", "x.egg/test_b.py", ".hidden/test_c.py",
          "_darcs/test_d.py", "CVS/test_e.py", "{arch}/test_f.py", "node_modules/test_g.py", "env/test_h.py")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    assert shown(tmp_path) == ["tests/test_a.py"]


def test_norecursedirs_replaces_the_defaults(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.toml": '[pytest]\nnorecursedirs = ["examples", "*/data/*"]\n'},
          "tests/test_a.py", "examples/test_b.py", "tests/data/deep/test_c.py", ".hidden/test_d.py", "x.egg/test_e.py")
    assert shown(tmp_path) == [".hidden/test_d.py", "tests/test_a.py", "x.egg/test_e.py"]


def test_a_named_path_is_checked_inside_norecursedirs(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\nnorecursedirs = examples\n"}, "examples/test_b.py")
    assert shown(tmp_path, "examples") == ["examples/test_b.py"]
    assert shown(tmp_path, "examples/test_b.py") == ["examples/test_b.py"]


def test_testpaths_from_the_rootdir_with_the_conftests_above_them(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.toml": '[pytest]\ntestpaths = ["tests/*/"]\n', "conftest.py": "", "tests/conftest.py": ""},
          "tests/unit/test_a.py", "other/test_b.py", "tests/test_c.py")
    assert shown(tmp_path) == ["conftest.py", "tests/conftest.py", "tests/unit/test_a.py"]


def test_collect_ignore_of_the_nearest_conftest_that_sets_it(tmp_path: Path) -> None:
    suite(
        tmp_path,
        {
            "conftest.py": 'collect_ignore = ["tests/test_old.py", "legacy"]\ncollect_ignore_glob = ["*_wip.py"]\n'
            'if True:\n    collect_ignore.append("test_top.py")\n',
            "tests/conftest.py": 'collect_ignore = ["test_local.py"]\n',
        },
        "test_top.py", "legacy/test_a.py", "tests/test_old.py", "tests/test_local.py", "tests/test_x_wip.py", "tests/test_ok.py",
    )
    # tests/conftest.py sets collect_ignore, so the root's list no longer applies in tests/.
    assert shown(tmp_path) == ["conftest.py", "tests/conftest.py", "tests/test_ok.py", "tests/test_old.py"]


def test_addopts_ignore_ignore_glob_and_deselect(tmp_path: Path) -> None:
    suite(
        tmp_path,
        {"pyproject.toml": "[tool.pytest]\naddopts = ['--ignore=tests/test_skip.py', '--ignore-glob', '*/gen_*', "
         "'--deselect', 'tests/test_desel.py', '--deselect=tests/test_one.py::test_it', '-p', 'no:cacheprovider']\n"},
        "tests/test_skip.py", "tests/gen_x/test_y.py", "tests/test_desel.py", "tests/test_one.py", "tests/test_ok.py",
    )
    assert shown(tmp_path) == ["tests/test_ok.py", "tests/test_one.py"]


def test_addopts_p_no_python_leaves_only_conftests(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\naddopts = -p no:python\n", "conftest.py": ""}, "test_a.py")
    assert shown(tmp_path) == ["conftest.py"]


def test_addopts_confcutdir_limits_the_conftests_above_testpaths(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\ntestpaths = tests/unit\naddopts = --confcutdir=tests\n",
                     "conftest.py": "", "tests/conftest.py": ""}, "tests/unit/test_a.py")
    assert shown(tmp_path) == ["tests/conftest.py", "tests/unit/test_a.py"]


def test_addopts_rootdir_and_c_change_nothing(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\naddopts = --rootdir=sub -c other/pytest.ini\n",
                     "other/pytest.ini": "[pytest]\npython_files = check_*.py\n"}, "test_a.py", "check_b.py")
    assert shown(tmp_path) == ["test_a.py"]


# -- .gitignore ------------------------------------------------------------------------------
def git_suite(root: Path) -> Path:
    (root / ".git").mkdir()
    return suite(
        root,
        {".gitignore": "generated/\n*_local.py\n", "tests/.gitignore": "!test_keep_local.py\n", "pytest.ini": "[pytest]\n"},
        "generated/test_a.py", "tests/test_b_local.py", "tests/test_keep_local.py", "tests/test_c.py",
    )


def test_gitignore_is_respected_with_nested_files(tmp_path: Path) -> None:
    git_suite(tmp_path)
    assert shown(tmp_path) == ["tests/test_c.py", "tests/test_keep_local.py"]


def test_a_named_path_is_checked_even_if_git_ignores_it(tmp_path: Path) -> None:
    git_suite(tmp_path)
    assert shown(tmp_path, "tests/test_b_local.py") == ["tests/test_b_local.py"]


def test_respect_gitignore_false(tmp_path: Path) -> None:
    git_suite(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.fixture-lint]\nrespect-gitignore = false\n")
    assert shown(tmp_path) == ["generated/test_a.py", "tests/test_b_local.py", "tests/test_c.py", "tests/test_keep_local.py"]


def test_gitignore_outside_a_work_tree_is_not_read(tmp_path: Path) -> None:
    suite(tmp_path, {".gitignore": "*.py\n"}, "test_a.py")
    assert shown(tmp_path) == ["test_a.py"]


def test_respect_gitignore_must_be_a_boolean(tmp_path: Path) -> None:
    suite(tmp_path, {"pyproject.toml": "[tool.fixture-lint]\nrespect-gitignore = 'no'\n"}, "test_a.py")
    run = run_cli(["--show-files"], cwd=tmp_path)
    assert run.code == 2
    assert "respect-gitignore" in run.err and "expected a boolean" in run.err


# -- nothing to check, missing paths, order ------------------------------------------------
def test_no_files_to_check_warns_why_and_does_not_claim_success(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\n", "src/pkg/core.py": "X = 1\n"}, "build/test_a.py")
    run = run_cli(["src", "build"], cwd=tmp_path)
    assert run.code == 0
    assert "All checks passed!" not in run.out
    assert run.out == "No files were checked.\n"
    assert "no files to check: src: 1 entry not test code (python_files: test_*.py *_test.py)" in run.err
    assert "no files to check: build: 1 entry excluded by exclude/extend-exclude" in run.err


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\n"}, "test_a.py")
    run = run_cli(["missing.py"], cwd=tmp_path)
    assert run.code == 2
    assert "fixture-lint: error: missing.py: no such file or directory" in run.err
    assert "All checks passed!" not in run.out
    both = run_cli(["missing.py", "test_a.py"], cwd=tmp_path)
    assert both.code == 2 and "All checks passed!" not in both.out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_no_files_in_machine_formats_is_still_valid_output(tmp_path: Path, fmt: str) -> None:
    run = run_cli(["--output-format", fmt, "."], cwd=tmp_path)
    assert run.code == 0
    assert run.out.strip().startswith(("[", "{"))


def test_results_are_sorted_by_path(tmp_path: Path) -> None:
    suite(tmp_path, {"pytest.ini": "[pytest]\n"}, "b/test_a.py", "a/test_b.py", "test_c.py")
    assert shown(tmp_path, "test_c.py", "b", "a") == ["a/test_b.py", "b/test_a.py", "test_c.py"]


def test_a_nested_configuration_decides_for_its_directory(tmp_path: Path) -> None:
    # As pytest run on that directory; pytest run from the top would use the top file.
    suite(tmp_path, {"pytest.ini": "[pytest]\n", "sub/pytest.ini": "[pytest]\npython_files = check_*.py\n"},
          "test_a.py", "sub/check_b.py", "sub/test_c.py")
    assert shown(tmp_path) == ["sub/check_b.py", "test_a.py"]


def test_rootdir_falls_back_to_the_nearest_pyproject_before_setup_py(tmp_path: Path) -> None:
    from fixture_lint.discovery import ProjectFinder

    write_tree(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n", "a/setup.py": "", "a/b/test_x.py": TEST})
    assert ProjectFinder().for_directory(tmp_path / "a" / "b").rootdir == tmp_path
    (tmp_path / "pyproject.toml").unlink()
    assert ProjectFinder().for_directory(tmp_path / "a" / "b").rootdir == tmp_path / "a"


def test_a_walk_inside_an_ignored_directory_reads_only_the_gitignores_inside_it(tmp_path: Path) -> None:
    git_suite(tmp_path)
    write_tree(tmp_path, {"generated/.gitignore": "test_b.py\n", "generated/test_b.py": TEST})
    assert shown(tmp_path / "generated") == ["test_a.py"]
