"""Robustness on real suites and generated programs (slow: run by .ci/run after the
fast suite). The corpus is the benchmark's: pinned sdists/wheels downloaded at run time.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::SyntaxWarning")]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Path]]:
    return _corpus_module().suites()


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", *args],
        cwd=cwd, capture_output=True, text=True, timeout=1800,
    )


def parses(path: Path) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def py_files(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(root.rglob("*.py"))}


def test_no_crash_on_the_whole_corpus(corpus: dict[str, list[Path]]) -> None:
    dirs = [str(d) for group in corpus.values() for d in group]
    proc = lint("--output-format", "json", *dirs, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    findings = json.loads(proc.stdout)
    unreadable = {Path(item["filename"]) for item in findings if item["code"] == "FXL000"}
    for item in findings:
        assert "internal error" not in item["message"], item
    # FXL000 only for files Python itself cannot parse.
    assert [path for path in unreadable if parses(path)] == []
    counts: dict[str, int] = {}
    for item in findings:
        counts[item["code"]] = counts.get(item["code"], 0) + 1
    print(f"\ncorpus findings per rule: {dict(sorted(counts.items()))}")


def _copy_suites(corpus: dict[str, list[Path]], names: tuple[str, ...], destination: Path) -> list[Path]:
    copies = []
    for name in names:
        for test_dir in corpus[name]:
            package_root = test_dir
            while package_root.parent.name != ".corpus" and package_root.parent != package_root:
                package_root = package_root.parent
            target = destination / package_root.name
            if not target.exists():
                shutil.copytree(package_root, target, ignore=shutil.ignore_patterns("*.so", "*.pyc", "__pycache__"))
            copies.append(target / test_dir.relative_to(package_root))
    return copies


def test_fix_on_a_copy_of_the_corpus_loses_nothing(corpus: dict[str, list[Path]], tmp_path: Path) -> None:
    dirs = _copy_suites(corpus, tuple(corpus), tmp_path)
    before = {p: b for d in dirs for p, b in py_files(d).items()}
    report = json.loads(lint("--output-format", "json", "--unsafe-fixes", *map(str, dirs), cwd=tmp_path).stdout)
    fixable = {Path(item["filename"]) for item in report if item["fix"] is not None}
    first = lint("--fix", "--unsafe-fixes", "--output-format", "concise", *map(str, dirs), cwd=tmp_path)
    assert first.returncode in (0, 1), first.stderr[-3000:]
    assert "Traceback" not in first.stderr
    after = {p: b for d in dirs for p, b in py_files(d).items()}
    changed = [p for p in before if after[p] != before[p]]
    assert set(changed) <= fixable, "a file without a fixable finding was rewritten"
    assert [p for p in changed if not parses(p)] == []
    second = lint("--fix", "--unsafe-fixes", "--output-format", "concise", *map(str, dirs), cwd=tmp_path)
    assert "Traceback" not in second.stderr
    assert {p: b for d in dirs for p, b in py_files(d).items()} == after, "a second --fix changed something"
    refused = [line for line in first.stderr.splitlines() if "error" in line]
    print(
        f"\n--fix --unsafe-fixes on the corpus: {len(fixable)} files with fixes, {len(changed)} changed, "
        f"{len(refused)} refused or failed"
    )
    for line in refused[:20]:
        print("  " + line)


def test_fix_killed_midway_leaves_each_file_original_or_fully_fixed(
    corpus: dict[str, list[Path]], tmp_path: Path
) -> None:
    reference_dirs = _copy_suites(corpus, tuple(corpus), tmp_path / "reference")
    original = {p.relative_to(tmp_path / "reference"): b for d in reference_dirs for p, b in py_files(d).items()}
    started = time.monotonic()
    full = lint("--fix", "--unsafe-fixes", "-j1", *map(str, reference_dirs), cwd=tmp_path)
    duration = time.monotonic() - started
    assert full.returncode in (0, 1), full.stderr[-2000:]
    fixed = {p.relative_to(tmp_path / "reference"): b for d in reference_dirs for p, b in py_files(d).items()}
    assert any(fixed[p] != original[p] for p in original), "nothing to fix: the test would prove nothing"

    victim_dirs = _copy_suites(corpus, tuple(corpus), tmp_path / "victim")
    proc = subprocess.Popen(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "-j1", "--fix", "--unsafe-fixes", *map(str, victim_dirs)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    # Kill it once the fixing has started: checking takes most of the run, writing the rest.
    time.sleep(duration * 0.85)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = {p.relative_to(tmp_path / "victim"): b for d in victim_dirs for p, b in py_files(d).items()}
    assert set(after) == set(original)
    torn = [p for p in original if after[p] not in (original[p], fixed[p])]
    assert torn == []
    leftovers = [p for d in victim_dirs for p in d.rglob("*") if p.name.startswith(".") and p.suffix == ".tmp"]
    done = sum(1 for p in original if fixed[p] != original[p] and after[p] == fixed[p])
    total = sum(1 for p in original if fixed[p] != original[p])
    print(f"\nkilled after {duration * 0.85:.1f}s: {done}/{total} files already fixed, no file torn; temp files left: {len(leftovers)}")


def test_generated_programs_never_crash_the_engine(tmp_path: Path) -> None:
    hypothesis = pytest.importorskip("hypothesis")
    hypothesmith = pytest.importorskip("hypothesmith")
    from fixture_lint.config import SettingsResolver
    from fixture_lint.engine import Engine
    from fixture_lint.plugins import registry

    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    reg = registry()
    engine = Engine(reg, SettingsResolver(reg.rules))
    target = tmp_path / "test_generated.py"
    seen = {"programs": 0, "unparsable": 0}

    @hypothesis.settings(
        max_examples=int(os.environ.get("FIXTURE_LINT_FUZZ_EXAMPLES", "2000")),
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(hypothesmith.from_grammar() | hypothesmith.from_node())
    def check(source: str) -> None:
        seen["programs"] += 1
        result = engine.check_file(target, text=source)
        assert not result.internal_error, [d.message for d in result.diagnostics]
        if any(d.code == "FXL000" for d in result.diagnostics):
            seen["unparsable"] += 1
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with pytest.raises((SyntaxError, ValueError, RecursionError, MemoryError)):
                    ast.parse(source)

    check()
    print(f"\n{seen['programs']} generated programs, {seen['unparsable']} unparsable (FXL000)")
