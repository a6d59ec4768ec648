"""``fixture-lint map`` resolves fixtures as pytest does: generated layouts (trivial,
import-safe files only) are run through ``pytest --fixtures-per-test`` in a subprocess,
and every test's fixtures (name and defining file:line) must equal the map's."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_lint.fixture_map.command import build_map
from helpers import write_tree

LAYOUT = {
    "pytest.ini": "[pytest]\n",
    "conftest.py": '''
        import pytest

        pytest_plugins = ["helpers_plugin"]


        @pytest.fixture(scope="session")
        def backend():
            return "root"


        @pytest.fixture(scope="session")
        def client(backend):
            return backend


        @pytest.fixture
        def db(backend, tmp_path):
            return backend


        @pytest.fixture(autouse=True)
        def reset():
            yield


        @pytest.fixture(params=["a", "b"])
        def flavour(request):
            return request.param


        @pytest.fixture(name="renamed")
        def _renamed_impl():
            return 1
    ''',
    "helpers_plugin.py": '''
        import pytest


        @pytest.fixture
        def from_plugin():
            return 1


        @pytest.fixture(autouse=True)
        def plugin_auto():
            yield
    ''',
    "a/__init__.py": "",
    "a/test_a.py": '''
        import pytest


        def test_client(client, renamed):
            pass


        @pytest.mark.parametrize("n", [1, 2, "x"])
        def test_param(n, flavour):
            pass


        @pytest.mark.usefixtures("db")
        def test_marked():
            pass


        def test_plugin(from_plugin):
            pass
    ''',
    "b/__init__.py": "",
    "b/conftest.py": '''
        import pytest


        @pytest.fixture(scope="session")
        def backend():
            return "b"


        @pytest.fixture
        def db(db):
            return db


        @pytest.fixture(autouse=True)
        def reset():
            yield
    ''',
    "b/deep/__init__.py": "",
    "b/deep/conftest.py": '''
        import pytest


        @pytest.fixture
        def renamed(db):
            return 2
    ''',
    "b/deep/test_deep.py": '''
        import pytest

        pytestmark = pytest.mark.usefixtures("client")


        def test_deep(renamed):
            pass
    ''',
    "b/test_b.py": '''
        import pytest


        @pytest.fixture(scope="module")
        def backend():
            return "module"


        @pytest.fixture
        def local(db):
            return db


        def test_module_override(client, local):
            pass


        class TestClass:
            @pytest.fixture
            def local(self, backend):
                return backend

            @pytest.fixture(autouse=True)
            def class_auto(self):
                yield

            def test_in_class(self, local, flavour):
                pass

            @pytest.mark.parametrize("flavour", ["direct"])
            def test_direct(self, flavour):
                pass
    ''',
}

_HEADER = re.compile(r"^-+ fixtures used by (?P<name>\S+) -+$")
_WHERE = re.compile(r"^-+ \((?P<path>[^:]+):\d+\) -+$")
_FIXTURE = re.compile(r"^(?P<name>\w+) -- (?P<location>\S+)$")


def pytest_fixtures_per_test(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    """(test file, test name with id) -> {fixture: "file:line" or "builtin"}."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--fixtures-per-test", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    found: dict[tuple[str, str], dict[str, str]] = {}
    name = path = None
    for line in run.stdout.splitlines():
        header = _HEADER.match(line)
        if header:
            name, path = header.group("name"), None
            continue
        where = _WHERE.match(line)
        if where and name is not None:
            path = where.group("path")
            found[(path, name)] = {}
            continue
        fixture = _FIXTURE.match(line)
        if fixture and path is not None and name is not None:
            location = fixture.group("location")
            if "_pytest/python.py" in location:  # a directly parametrized argument
                continue
            found[(path, name)][fixture.group("name")] = "builtin" if location.startswith("...") else location
    return found


def map_fixtures(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], dict[str, str]]:
    monkeypatch.chdir(root)
    errors: list[str] = []
    fixture_map = build_map([root], errors)
    assert errors == []
    found = {}
    for entry in fixture_map.entries:
        path, _, rest = entry.nodeid.partition("::")
        found[(path, rest.rsplit("::", 1)[-1])] = {
            use.name: "builtin" if use.definition is None or use.definition.is_builtin else use.definition.location
            for use in entry.fixtures
        }
    return found


def test_map_resolves_every_fixture_as_pytest_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_tree(tmp_path / "suite", LAYOUT)
    expected = pytest_fixtures_per_test(root)
    actual = map_fixtures(root, monkeypatch)
    assert len(expected) == 14  # every generated test (with its ids) was parsed
    assert sorted(actual) == sorted(expected)
    for test, fixtures in expected.items():
        ours = actual[test]
        # pytest also lists what its own fixtures need (tmp_path -> tmp_path_factory):
        # the map knows built-ins by name and scope only.
        theirs = {name: where for name, where in fixtures.items() if where != "builtin" or name in ours}
        assert ours == theirs, test
