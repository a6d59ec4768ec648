"""FXL301 precision: what the on-disk cases cannot show (summaries computed once,
project modules parsed only when a test reaches them, the reported line)."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from fixture_lint.state import process_state_calls
from fixture_lint.model.loader import ModuleCache


def _findings(root: Path) -> list[tuple[str, int, int]]:
    run = run_cli(["--output-format", "json", "--no-cache", "--select", "FXL301", "."], cwd=root)
    assert run.code in (0, 1), run.err
    return [(f["filename"].replace("\\", "/").rsplit("/", 1)[-1], f["location"]["row"], f["location"]["column"]) for f in run.json()]


_SUITE = {
    "pytest.ini": "[pytest]\n",
    "src/mypkg/__init__.py": "",
    "src/mypkg/testing.py": """
        import os
        from contextlib import contextmanager


        @contextmanager
        def environ_restored():
            saved = dict(os.environ)
            try:
                yield
            finally:
                os.environ.clear()
                os.environ.update(saved)
    """,
    "src/mypkg/unused.py": "VALUE = 1\n",
    "tests/test_env.py": """
        import os

        from mypkg.testing import environ_restored


        def clean(prefix):
            for key in [k for k in os.environ if k.startswith(prefix)]:
                os.environ.pop(key)


        def test_one():
            with environ_restored():
                os.environ["A"] = "1"
            os.environ["APP_B"] = "2"
            clean("APP_")
            clean("APP_")


        def test_two():
            with environ_restored():
                os.environ["A"] = "1"
            os.environ["APP_C"] = "3"
            clean("APP_")
            os.environ["APP_C"] = "4"
    """,
}


def test_summaries_are_computed_once_per_function(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without fixes: the check would otherwise also check the fixed text (to show only
    # fixes that settle), a second module with its own summaries.
    write_tree(tmp_path, {**_SUITE, "pyproject.toml": '[tool.fixture-lint]\nunfixable = ["FXL301"]\n'})
    summarised: list[str] = []
    original = process_state_calls._summarise

    def counting(node, module, resolver):  # type: ignore[no-untyped-def]
        summarised.append(node.name)
        return original(node, module, resolver)

    monkeypatch.setattr(process_state_calls, "_summarise", counting)
    assert _findings(tmp_path) == [("test_env.py", 24, 5)]  # the write after the last clean()
    assert sorted(summarised) == ["clean", "environ_restored"]


def test_project_modules_are_parsed_only_when_reached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, _SUITE)
    parsed: list[str] = []
    original = ModuleCache.get

    def recording(self, path):  # type: ignore[no-untyped-def]
        parsed.append(Path(path).name)
        return original(self, path)

    monkeypatch.setattr(ModuleCache, "get", recording)
    _findings(tmp_path)
    assert "testing.py" in parsed
    assert "unused.py" not in parsed


def test_project_modules_are_found_on_pytests_pythonpath(tmp_path: Path) -> None:
    """``pythonpath = lib`` puts ``lib/`` first on ``sys.path`` (relative to the ini
    file's folder): the restoring context manager in ``lib/helpers/testing.py`` is read
    from there, so the write inside it is not a leak."""
    files = {
        "lib/helpers/__init__.py": "",
        "lib/helpers/testing.py": _SUITE["src/mypkg/testing.py"],
        "tests/test_env.py": (
            "import os\n\nfrom helpers.testing import environ_restored\n\n\ndef test_one():\n"
            "    with environ_restored():\n        os.environ['A'] = '1'\n"
        ),
    }
    write_tree(tmp_path / "without", {"pytest.ini": "[pytest]\n", **files})
    assert _findings(tmp_path / "without") == [("test_env.py", 8, 9)]  # the helper is not found
    write_tree(tmp_path / "with", {"pytest.ini": "[pytest]\npythonpath = lib\n", **files})
    assert _findings(tmp_path / "with") == []
    write_tree(tmp_path / "toml", {"pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["lib"]\n', **files})
    assert _findings(tmp_path / "toml") == []
