"""The result cache and the worker processes give exactly the results of a plain run."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fixture_lint.cache import ResultCache
from fixture_lint.config import SettingsResolver
from fixture_lint.engine import Engine
from fixture_lint.plugins import registry
from fixture_lint.runner import MIN_FILES_FOR_WORKERS, run_checks
from helpers import run_cli, write_tree


def big_suite(root: Path, modules: int = MIN_FILES_FOR_WORKERS + 12) -> Path:
    files = {
        "pytest.ini": "[pytest]\n",
        "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef client():\n    return 1\n",
        "tests/a/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef user():\n    return 1\n",
        "other/conftest.py": "import pytest\n\n\n@pytest.fixture(autouse=True)\ndef capsys():\n    return 1\n",
    }
    for index in range(modules):
        folder = "tests/a" if index % 2 else "tests/b"
        files[f"{folder}/test_m{index:03}.py"] = (
            "import pytest\n\n\n@pytest.fixture(scope='module')\ndef client():\n    return 2\n\n\n"
            "@pytest.fixture(scope='module')\ndef user():\n    return 2\n\n\ndef test_x(client, user):\n    assert client\n"
        )
    return write_tree(root, files)


def engine() -> Engine:
    reg = registry()
    return Engine(reg, SettingsResolver(reg.rules))


def summary(results) -> list[tuple[str, int, int, str, str]]:
    return [(r.path.name, d.line, d.column, d.code, d.message) for r in results for d in r.diagnostics]


def test_workers_give_the_sequential_results(tmp_path: Path) -> None:
    root = big_suite(tmp_path)
    eng = engine()
    files = eng.discover([root], [])
    assert len(files) > MIN_FILES_FOR_WORKERS
    sequential = summary(run_checks(eng, files, jobs=1))
    parallel = summary(run_checks(engine(), files, jobs=2))
    assert parallel == sequential
    assert len(sequential) == MIN_FILES_FOR_WORKERS + 12 + 1 + 30  # every module's client, half its user, capsys


def test_warm_run_is_served_from_the_cache_and_equal(tmp_path: Path) -> None:
    root = big_suite(tmp_path)
    cache_dir = tmp_path / "cache"
    eng = engine()
    files = eng.discover([root], [])
    cold_cache = ResultCache(cache_dir, "fp", warn=pytest.fail)
    cold = summary(run_checks(eng, files, jobs=1, cache=cold_cache))
    cold_cache.save()
    assert (cache_dir / ".gitignore").read_text().endswith("*\n")
    warm_cache = ResultCache(cache_dir, "fp", warn=pytest.fail)
    warm = summary(run_checks(engine(), files, jobs=1, cache=warm_cache))
    assert warm == cold
    assert (warm_cache.hits, warm_cache.misses) == (len(files), 0)


def test_touching_a_conftest_rechecks_only_the_files_below_it(tmp_path: Path) -> None:
    root = big_suite(tmp_path, modules=6)
    cache_dir = tmp_path / "cache"
    eng = engine()
    files = eng.discover([root], [])
    first = ResultCache(cache_dir, "fp", warn=pytest.fail)
    run_checks(eng, files, cache=first)
    first.save()
    conftest = root / "tests/a/conftest.py"
    conftest.write_text(conftest.read_text().replace("def user", "def account"))
    second = ResultCache(cache_dir, "fp", warn=pytest.fail)
    results = run_checks(engine(), files, cache=second)
    below = [f for f in files if "tests/a" in f.as_posix()]
    assert second.misses == len(below) and second.hits == len(files) - len(below)
    assert not any("`user`" in d.message for r in results for d in r.diagnostics)
    second.save()
    # A new conftest.py between a module and its old chain invalidates it too.
    write_tree(root, {"tests/b/conftest.py": "import pytest\n"})
    third = ResultCache(cache_dir, "fp", warn=pytest.fail)
    third_results = run_checks(engine(), files, cache=third)
    assert third.misses == len([f for f in files if "tests/b" in f.as_posix()])
    assert summary(third_results) == summary(run_checks(engine(), files))


def test_settings_change_invalidates(tmp_path: Path) -> None:
    root = big_suite(tmp_path, modules=2)
    assert run_cli(["--output-format", "concise", "."], cwd=root).out.count("FXL401") == 4
    write_tree(root, {"pyproject.toml": '[tool.fixture-lint]\nignore = ["FXL401"]\n'})
    assert run_cli(["--output-format", "concise", "."], cwd=root).code == 0


def read_entries(cache_file: Path) -> dict:
    """The entries of a cache file (line 1: header with checksum, line 2: entries)."""
    return json.loads(cache_file.read_bytes().partition(b"\n")[2])


def write_entries(cache_file: Path, entries: dict) -> None:
    """A well-formed cache file holding ``entries`` (with a valid checksum)."""
    from fixture_lint import __version__
    from fixture_lint.cache import content_hash

    body = json.dumps(entries).encode()
    header = {"format": 2, "version": __version__, "checksum": content_hash(body)}
    cache_file.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_corrupt_cache_is_ignored_with_a_warning(tmp_path: Path) -> None:
    root = big_suite(tmp_path, modules=2)
    first = run_cli(["--output-format", "concise", "."], cwd=root)
    cache_file = root / ".fixture_lint_cache" / "results.json"
    assert cache_file.exists()
    cache_file.write_text("{not json")
    run = run_cli(["--output-format", "concise", "."], cwd=root)
    assert "is corrupt" in run.err
    assert run.out == first.out and run.code == 1
    entries = read_entries(cache_file)
    victim = next(iter(entries))
    entries[victim]["diagnostics"] = [{"code": "FXL401"}]
    write_entries(cache_file, entries)
    run = run_cli(["--output-format", "concise", "."], cwd=root)
    assert "is corrupt" in run.err and run.out == first.out
    # A well-formed value changed by hand is caught by the checksum.
    entries = read_entries(cache_file)
    body = cache_file.read_bytes().replace(b"override", b"overRide")
    cache_file.write_bytes(body)
    run = run_cli(["--output-format", "concise", "."], cwd=root)
    assert "checksum mismatch" in run.err and run.out == first.out


def test_unwritable_cache_is_a_warning_and_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = big_suite(tmp_path, modules=2)
    (root / "blocker").write_text("a file where the cache directory should be")
    run = run_cli(["--cache-dir", "blocker/cache", "--output-format", "concise", "."], cwd=root)
    assert run.code == 1 and "cannot be written" in run.err
    run = run_cli(["--no-cache", "."], cwd=root)
    assert run.code == 1 and not (root / ".fixture_lint_cache").exists()


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    assert run_cli(["--jobs", "0", "."], cwd=tmp_path).code == 2


def test_editing_fixture_lints_code_invalidates_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fixture_lint import cli

    root = big_suite(tmp_path, modules=2)
    run_cli(["."], cwd=root)
    before = read_entries(root / ".fixture_lint_cache" / "results.json")
    real = cli._code_fingerprint
    monkeypatch.setattr(cli, "_code_fingerprint", lambda reg: real(reg) + "-edited")
    run_cli(["."], cwd=root)
    after = read_entries(root / ".fixture_lint_cache" / "results.json")
    assert after != before
    assert all(entry["settings"] != before[path]["settings"] for path, entry in after.items())


def test_cache_dir_from_the_configuration_is_relative_to_its_file(tmp_path: Path) -> None:
    root = big_suite(tmp_path, modules=2)
    write_tree(root, {"pyproject.toml": '[tool.fixture-lint]\ncache-dir = "build/lint-cache"\n'})
    run = run_cli(["--output-format", "concise", "."], cwd=root / "tests")
    assert run.code == 1
    assert (root / "build" / "lint-cache" / "results.json").exists()
    assert not (root / "tests" / ".fixture_lint_cache").exists()


def test_editing_a_project_module_a_summary_read_rechecks_its_callers(tmp_path: Path) -> None:
    """FXL301 follows ``environ_restored()`` into the project's source: the cached result
    of the test module depends on that file, as on its conftest chain."""
    helper = (
        "import os\nfrom contextlib import contextmanager\n\n\n@contextmanager\ndef environ_restored():\n"
        "    saved = dict(os.environ)\n    try:\n        yield\n    finally:\n"
        "        os.environ.clear()\n        os.environ.update(saved)\n"
    )
    test = (
        "import os\n\nfrom mypkg.testing import environ_restored\n\n\ndef test_one():\n"
        "    with environ_restored():\n        os.environ['A'] = '1'\n"
    )
    root = write_tree(
        tmp_path / "suite",
        {"pytest.ini": "[pytest]\n", "src/mypkg/__init__.py": "", "src/mypkg/testing.py": helper,
         "src/mypkg/other.py": "X = 1\n", "tests/test_env.py": test, "tests/test_plain.py": "def test_x():\n    pass\n"},
    )
    cache_dir = tmp_path / "cache"

    def run() -> tuple[list[tuple[str, int]], ResultCache]:
        cache = ResultCache(cache_dir, "fp", warn=pytest.fail)
        eng = engine()
        results = run_checks(eng, eng.discover([root], []), jobs=1, cache=cache)
        cache.save()
        return [(d.code, d.line) for r in results for d in r.diagnostics], cache

    assert run()[0] == []  # the helper restores the environment
    assert run()[1].hits == 2
    (root / "src/mypkg/other.py").write_text("X = 2\n")  # not read by any summary
    assert run()[1].hits == 2
    (root / "src/mypkg/testing.py").write_text(helper.replace("        os.environ.clear()\n        os.environ.update(saved)\n", "        pass\n"))
    found, cache = run()
    assert found == [("FXL301", 8)]
    assert (cache.hits, cache.misses) == (1, 1)  # test_plain.py reads no project module


def test_a_summary_kept_for_the_run_is_a_dependency_of_every_check_that_reuses_it(tmp_path: Path) -> None:
    """FXL306 (preview) summarises ``setup_logging()`` once; the second test module gets
    the kept summary, and its cached result must depend on ``logs.py`` too."""
    test = "from mypkg.logs import setup_logging\n\n\ndef test_it():\n    setup_logging()\n"
    root = write_tree(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "pyproject.toml": "[tool.fixture-lint]\npreview = true\n",
            "src/mypkg/__init__.py": "",
            "src/mypkg/logs.py": "import logging\n\n\ndef setup_logging():\n    logging.getLogger().setLevel(logging.DEBUG)\n",
            "tests/test_a.py": test,
            "tests/test_b.py": test,
        },
    )
    reg = registry()
    eng = Engine(reg, SettingsResolver(reg.rules, overrides={"preview": True}))
    for name in ("tests/test_a.py", "tests/test_b.py"):
        result = eng.check_file(root / name)
        assert [d.code for d in result.diagnostics] == ["FXL306"]
        assert root / "src/mypkg/logs.py" in result.dependencies, name
