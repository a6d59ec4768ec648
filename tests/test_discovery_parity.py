"""Parity with real pytest: on generated layouts covering every configuration form and
collection rule, the test modules fixture-lint judges (``--show-files``) are the modules
``pytest --collect-only`` collects, plus the conftest.py files pytest loads.

pytest runs as a subprocess (plugin autoload off, ``-p no:cacheprovider``) from each
layout's root, with a small plugin that prints the module of every collected item and
every loaded conftest. The generated files are trivial and import-safe. Layouts avoid
what fixture-lint skips on purpose and pytest does not: ruff's default excludes
(``_build``, ``site-packages``, ...), ``.gitignore`` (no layout is a git work tree), and
nested pytest configurations (fixture-lint takes the nearest one per directory, as pytest
does when run on that directory; pytest run from the top would use the top one).
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import run_cli, write_tree

PLUGIN = '''
def pytest_collection_finish(session):
    for item in session.items:
        print("FXL-MODULE", item.path)
    for plugin in session.config.pluginmanager.get_plugins():
        path = getattr(plugin, "__file__", None) or ""
        if path.endswith("conftest.py"):
            print("FXL-CONFTEST", path)
'''


def module(function: str = "test_it") -> str:
    return f"def {function}():\n    pass\n"


LAYOUTS: dict[str, dict[str, str]] = {
    "defaults": {
        "conftest.py": "",
        "tests/conftest.py": "",
        "tests/test_a.py": module(),
        "tests/b_test.py": module(),
        "tests/helper.py": "X = 1\n",
        "tests/sub/test_c.py": module(),
        "build/test_d.py": module(),
        "dist/test_e.py": module(),
        ".hidden/test_f.py": module(),
        "x.egg/test_g.py": module(),
        "node_modules/test_h.py": module(),
        "CVS/test_i.py": module(),
        "_darcs/test_j.py": module(),
        "{arch}/test_k.py": module(),
        "env/pyvenv.cfg": "home = /usr\n",
        "env/test_l.py": module(),
        "conda/conda-meta/history": "",
        "conda/test_m.py": module(),
        "pyproject.toml": "[project]\nname = 'x'\n",
    },
    "pytest_toml": {
        "pytest.toml": '[pytest]\npython_files = ["check_*.py"]\ntestpaths = ["suite"]\nnorecursedirs = ["skipme"]\n',
        "pytest.ini": "[pytest]\npython_files = test_*.py\n",
        "conftest.py": "",
        "suite/check_a.py": module(),
        "suite/test_b.py": module(),
        "suite/skipme/check_c.py": module(),
        "suite/.hidden/check_d.py": module(),
        "other/check_e.py": module(),
    },
    "dot_pytest_toml": {
        ".pytest.toml": '[pytest]\npython_files = ["*_spec.py"]\npython_functions = ["check"]\npython_classes = ["Spec"]\n',
        "a_spec.py": module("check_it"),
        "b_spec.py": "class SpecB:\n    def check_it(self):\n        pass\n",
        "test_c.py": module("check_it"),
    },
    "pytest_ini_beats_pyproject": {
        "pytest.ini": "",
        "pyproject.toml": '[tool.pytest]\npython_files = ["x_*.py"]\n',
        "x_a.py": module(),
        "test_b.py": module(),
    },
    "dot_pytest_ini": {
        ".pytest.ini": "[pytest]\npython_files = spec_*.py\n",
        "spec_a.py": module(),
        "test_b.py": module(),
    },
    "tool_pytest_native": {
        "pyproject.toml": '[tool.pytest]\npython_files = ["testing/python/*.py", "test_*.py"]\ntestpaths = ["testing"]\n',
        "testing/python/approx.py": module(),
        "testing/other/approx.py": module(),
        "testing/test_main.py": module(),
        "test_outside.py": module(),
    },
    "ini_options_and_addopts": {
        "pyproject.toml": textwrap.dedent(
            """\
            [tool.pytest.ini_options]
            python_files = "check_*.py test_*.py"
            addopts = "--ignore=tests/test_skip.py --ignore-glob=*/gen_* --deselect tests/test_desel.py --deselect=tests/test_one.py::test_it --rootdir=tests -c other.ini -o python_files=never_*.py"
            """
        ),
        "other.ini": "[pytest]\npython_files = never_*.py\n",
        "tests/check_a.py": module(),
        "tests/test_skip.py": module(),
        "tests/gen_x/test_y.py": module(),
        "tests/test_desel.py": module(),
        "tests/test_one.py": module() + module("test_two"),
    },
    "tox_beats_setup_cfg": {
        "tox.ini": "[tox]\nenvlist = py\n[pytest]\npython_files = t_*.py\n",
        "setup.cfg": "[tool:pytest]\npython_files = s_*.py\n",
        "t_a.py": module(),
        "s_b.py": module(),
    },
    "setup_cfg": {
        "tox.ini": "[tox]\nenvlist = py\n",
        "setup.cfg": "[metadata]\nname = x\n[tool:pytest]\npython_files = s_*.py\nnorecursedirs = docs\n",
        "s_a.py": module(),
        "docs/s_b.py": module(),
        ".hidden/s_c.py": module(),
    },
    "nested_pyproject_without_table": {
        "pytest.ini": "[pytest]\npython_files = a_*.py\n",
        "sub/pyproject.toml": "[project]\nname = 'sub'\n",
        "sub/tox.ini": "[tox]\nenvlist = py\n",
        "sub/a_x.py": module(),
        "sub/test_y.py": module(),
    },
    "collect_ignore": {
        "conftest.py": textwrap.dedent(
            """\
            collect_ignore = ["tests/test_old.py", "legacy"]
            collect_ignore_glob = ["*_wip.py"]
            collect_ignore += ["test_plus.py"]
            collect_ignore.extend(["test_ext.py"])
            if True:
                collect_ignore.append("test_top.py")
            """
        ),
        "tests/conftest.py": 'collect_ignore = ["test_local.py"]\n',
        "test_top.py": module(),
        "test_plus.py": module(),
        "test_ext.py": module(),
        "test_root_wip.py": module(),
        "legacy/test_a.py": module(),
        "legacy/conftest.py": "",
        "tests/test_old.py": module(),
        "tests/test_local.py": module(),
        "tests/test_x_wip.py": module(),
        "tests/test_ok.py": module(),
    },
    "confcutdir": {
        "pytest.ini": "[pytest]\ntestpaths = tests/unit\naddopts = --confcutdir=tests\n",
        "conftest.py": "",
        "tests/conftest.py": "",
        "tests/unit/conftest.py": "",
        "tests/unit/test_a.py": module(),
    },
    "testpaths_glob": {
        "pytest.toml": '[pytest]\ntestpaths = ["pkgs/*/tests", "docs/**/test_*.py"]\n',
        "conftest.py": "",
        "pkgs/conftest.py": "",
        "pkgs/a/tests/test_a.py": module(),
        "pkgs/b/tests/test_b.py": module(),
        "pkgs/b/test_not.py": module(),
        "docs/x/y/test_doc.py": module(),
    },
    "no_python_plugin": {
        "pytest.ini": "[pytest]\naddopts = -p no:python\n",
        "conftest.py": "",
        "tests/conftest.py": "",
        "tests/test_a.py": module(),
    },
    "setup_py_rootdir": {
        "setup.py": "",
        "tests/test_a.py": module(),
        "tests/conftest.py": "",
    },
}


def pytest_collects(root: Path, plugin_dir: Path) -> set[str]:
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONPATH": str(plugin_dir), "PYTEST_ADDOPTS": ""}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-p", "fxl_parity_plugin",
         "--import-mode=importlib"],
        cwd=root, env=env, capture_output=True, text=True, timeout=60,
    )
    assert run.returncode in (0, 5), run.stdout + run.stderr
    found = set()
    for line in run.stdout.splitlines():
        kind, _, path = line.partition(" ")
        if kind in ("FXL-MODULE", "FXL-CONFTEST"):
            found.add(Path(path).relative_to(root).as_posix())
    return found


def test_show_files_equals_what_pytest_collects(tmp_path: Path) -> None:
    plugin_dir = tmp_path / "plugin"
    write_tree(plugin_dir, {"fxl_parity_plugin.py": PLUGIN})
    mismatches = {}
    for name, files in LAYOUTS.items():
        root = write_tree(tmp_path / "layouts" / name, files)
        run = run_cli(["--show-files", "--no-cache"], cwd=root)
        assert run.code == 0, (name, run.err)
        ours = {Path(line).relative_to(root).as_posix() for line in run.out.splitlines()}
        theirs = pytest_collects(root, plugin_dir)
        if ours != theirs:
            mismatches[name] = {"only fixture-lint": sorted(ours - theirs), "only pytest": sorted(theirs - ours)}
    assert mismatches == {}
