"""FXL308 under real pytest: a test registers a handler through the project's API, the
victim (in another file) expects the registry empty. Run by pytest in a subprocess (the
code under analysis runs only here, never in fixture-lint): the victim fails after the
polluter and passes before it; after the remedy (a fixture that yields and unregisters)
both orders pass and FXL308 is quiet. A second test asserts the message of the two-module
src-layout case: the call, the state, where it is written, and the reader."""
from __future__ import annotations

import subprocess
from pathlib import Path

from helpers import copy_case, run_cli, run_pytest, write_tree

REGISTRY = '''
_REGISTRY = {}


def register(name, handler):
    if name in _REGISTRY:
        raise ValueError(f"{name} is already registered")
    _REGISTRY[name] = handler


def unregister(name):
    del _REGISTRY[name]


def names():
    return sorted(_REGISTRY)
'''

POLLUTER = '''
from pkg import registry


def test_polluter():
    registry.register("json", object())
    assert registry.names() == ["json"]
'''

REMEDY = '''
import pytest

from pkg import registry


@pytest.fixture
def json_handler():
    registry.register("json", object())
    yield
    registry.unregister("json")


def test_polluter(json_handler):
    assert registry.names() == ["json"]
'''

VICTIM = '''
from pkg import registry


def test_victim():
    assert registry.names() == []
'''


def _pytest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_pytest(root, *args, pythonpath=root)


def _suite(tmp_path: Path, polluter: str) -> Path:
    return write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "pkg/__init__.py": "",
            "pkg/registry.py": REGISTRY,
            "tests/test_a.py": polluter,
            "tests/test_b.py": VICTIM,
        },
    )


def _fxl308(root: Path) -> list[str]:
    check = run_cli(["--output-format", "concise", "--no-cache", "--preview", "--select", "FXL308", "."], cwd=root)
    return [line for line in check.out.splitlines() if ": FXL308" in line]


def test_registry_write_fails_the_victim_in_one_order_only(tmp_path: Path) -> None:
    root = _suite(tmp_path, POLLUTER)
    polluted = _pytest(root, "tests/test_a.py::test_polluter", "tests/test_b.py::test_victim")
    assert polluted.returncode == 1 and "1 failed, 1 passed" in polluted.stdout, polluted.stdout
    clean = _pytest(root, "tests/test_b.py::test_victim", "tests/test_a.py::test_polluter")
    assert clean.returncode == 0, clean.stdout

    found = _fxl308(root)
    assert len(found) == 1 and found[0].startswith("tests/test_a.py:5:5: FXL308"), found
    assert "changes `_REGISTRY` (pkg/registry.py:7)" in found[0]
    # the reader is in another file: readers are named within the module (the result
    # cache keys a file's findings on its own content and its conftest chain); the
    # project's own reader is named instead
    assert "no test here reads it (project code does: `register()`, pkg/registry.py:5)" in found[0]


def test_the_remedy_passes_both_orders_and_is_quiet(tmp_path: Path) -> None:
    root = _suite(tmp_path, REMEDY)
    for order in (
        ("tests/test_a.py::test_polluter", "tests/test_b.py::test_victim"),
        ("tests/test_b.py::test_victim", "tests/test_a.py::test_polluter"),
    ):
        run = _pytest(root, *order)
        assert run.returncode == 0, run.stdout
    assert _fxl308(root) == []


def test_message_names_call_state_place_and_reader(tmp_path: Path) -> None:
    root = copy_case("fxl308_two_modules_src_layout", tmp_path)
    found = _fxl308(root)
    assert found == [
        "tests/test_a.py:6:5: FXL308 test `test_setup` calls `setup_thing()`, which changes `_REGISTRY` "
        "(src/pkg/registry.py:5 through `register()`), project state that outlives the test, and nothing "
        "undoes it; read by `test_lookup` (tests/test_a.py:10)"
    ]
