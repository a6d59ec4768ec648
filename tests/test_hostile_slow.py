"""The long part of the attack suite (``-m slow``, run by ``.ci/run``): for a bounded
time each, mutated cache files, mutated configuration files at every level of every file
fixture-lint reads, and generated programs, each through the real CLI under a timeout.
Asserted for every run: no traceback, no hang, an exit code of 0, 1 or 2, an error that
names its file, and nothing written anywhere in the sandbox but the cache directory.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import write_tree
from test_hostile import TIMEOUT, cache_mutation_round, fxl, snapshot

pytestmark = pytest.mark.slow

BUDGET_SECONDS = float(os.environ.get("FIXTURE_LINT_FUZZ_SECONDS", "60"))

SUITE = {
    "tests/conftest.py": """
        import pytest

        @pytest.fixture(scope="session")
        def settings():
            return {"debug": True}
    """,
    "tests/test_a.py": """
        import os

        def test_env(settings):
            settings["debug"] = False
            os.environ["MODE"] = "x"
    """,
    "tests/sub/test_b.py": """
        def test_b():
            assert True
    """,
}

CONFIGS = {
    "pyproject.toml": {
        "tool": {
            "fixture-lint": {
                "select": ["FXL"],
                "ignore": ["FXL401"],
                "per-file-ignores": {"tests/sub/*": ["FXL3"]},
                "exclude": ["build"],
                "unsafe-fixes": False,
                "preview": False,
                "output-format": "concise",
                "max-file-size": 100000,
                "unpatched-global-write": {},
            },
            "pytest": {"ini_options": {"testpaths": ["tests"], "python_files": ["test_*.py"], "norecursedirs": ["build"]}},
        }
    },
}
JUNK = [None, 0, -1, 2**70, 1.5, True, "", "x", "FXL999", [], [1], ["FXL", 3], {}, {"a": 1}, {"tool": 1}]


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items() if v is not None) + "}"
    return '""'


def _dump(document: dict) -> str:
    """A TOML document: every key as an inline value of its top-level table."""
    lines = []
    for key, value in document.items():
        lines.append(f"{json.dumps(key)} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _mutate(document: dict, rng: random.Random) -> dict:
    doc = json.loads(json.dumps(document))
    node: object = doc
    trail = []
    while isinstance(node, dict) and node and rng.random() < 0.85:
        key = rng.choice(sorted(node))
        trail.append((node, key))
        node = node[key]
    if trail:
        parent, key = trail[-1]
        parent[key] = rng.choice(JUNK)
    return doc


def _ini_mutations(rng: random.Random) -> tuple[str, str]:
    name = rng.choice(["pytest.ini", "tox.ini", "setup.cfg"])
    section = {"pytest.ini": "pytest", "tox.ini": "pytest", "setup.cfg": "tool:pytest"}[name]
    key = rng.choice(["testpaths", "python_files", "python_classes", "python_functions", "norecursedirs", "addopts", "confcutdir", "minversion"])
    value = rng.choice(["", "tests", "***", "[", "-p no:x --ignore", "\x00", "../..", "/", "test_*.py\n\tother_*.py", "é" * 10])
    return name, f"[{section}]\n{key} = {value}\n"


def _assert_sane(run: subprocess.CompletedProcess[str], files: list[str]) -> None:
    assert run.returncode in (0, 1, 2), (run.returncode, run.stderr)
    if run.returncode == 2 and "error" in run.stderr:
        assert any(name in run.stderr for name in files) or "usage" in run.stderr or "no such file" in run.stderr, run.stderr


def _only_the_cache_changed(before: dict, after: dict) -> None:
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert {k for k in changed if not k.startswith("suite/.fixture_lint_cache")} == set(), changed


def test_mutated_configuration_files(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    deadline = time.monotonic() + BUDGET_SECONDS
    runs = 0
    while time.monotonic() < deadline:
        sandbox = tmp_path / f"round{runs}"
        suite = write_tree(sandbox / "suite", SUITE)
        if rng.random() < 0.6:
            (suite / "pyproject.toml").write_text(_dump(_mutate(CONFIGS["pyproject.toml"], rng)))
            names = ["pyproject.toml"]
        else:
            name, text = _ini_mutations(rng)
            (suite / name).write_text(text, encoding="utf-8", errors="surrogateescape")
            names = [name]
        before = snapshot(sandbox)
        run = fxl(suite, "--output-format", "concise", ".")
        _assert_sane(run, names)
        _only_the_cache_changed(before, snapshot(sandbox))
        runs += 1
    assert runs > 10


def test_mutated_cache_files_for_a_bounded_time(tmp_path: Path) -> None:
    deadline = time.monotonic() + BUDGET_SECONDS
    seed = 0
    while time.monotonic() < deadline:
        suite = write_tree(tmp_path / f"round{seed}", {"pytest.ini": "[pytest]\n", "test_env.py": "import os\n\ndef test_env():\n    os.environ['A'] = '1'\n"})
        cache_mutation_round(suite, count=10, seed=seed)
        seed += 1
    assert seed > 1


def test_generated_programs_through_the_cli_and_fix(tmp_path: Path) -> None:
    hypothesmith = pytest.importorskip("hypothesmith")
    from hypothesis import HealthCheck, given, settings

    sandbox = tmp_path / "gen"
    suite = write_tree(sandbox / "suite", {"pytest.ini": "[pytest]\n"})
    deadline = time.monotonic() + BUDGET_SECONDS
    programs: list[str] = []

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(hypothesmith.from_grammar())
    def collect(source: str) -> None:
        if time.monotonic() < deadline - BUDGET_SECONDS / 2:
            programs.append(source)

    collect()
    for index in range(0, len(programs), 40):
        if time.monotonic() > deadline:
            break
        for number, source in enumerate(programs[index : index + 40]):
            (suite / f"test_gen_{number}.py").write_text(source, encoding="utf-8", errors="surrogatepass")
        before = snapshot(sandbox)
        run = fxl(suite, "--no-cache", "--output-format", "json", ".")
        _assert_sane(run, [])
        json.loads(run.stdout)
        fixed = fxl(suite, "--no-cache", "--fix", "--unsafe-fixes", ".")
        _assert_sane(fixed, [])
        after = snapshot(sandbox)
        assert set(after) == set(before)  # nothing created or removed, only rewritten
        for name, (mode, _, data) in after.items():
            if data != before[name][2]:
                compile(data, name, "exec")  # a fixed file still parses
    assert programs
