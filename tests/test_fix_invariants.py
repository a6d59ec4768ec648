"""Invariants of ``--fix`` for every fixable rule, over every on-disk case of that rule.

The fixable rules are found in the registry (rules with ``fix_applicability``), their
cases by directory name (``tests/cases/fxl301_*`` for FXL301), so a new fixable rule
gets these checks with its first case. For each case, on a copy:

* ``--diff`` writes nothing, and prints exactly the unified diff of what ``--fix`` then
  does (same files, same hunks), with exit code 1 exactly when something changes;
* every file ``--fix`` writes parses;
* a second ``--fix`` changes nothing (not a byte, not an mtime);
* declared fix availability matches what happens: ``--fix`` reports exactly as many
  fixes as findings were offered an applicable fix, none of those is left afterwards, no
  finding appears that was not there (one fix may make another write harmless), fixes
  carry the rule's declared applicability, unsafe fixes are not applied without
  ``--unsafe-fixes``, and rules without ``fix_applicability`` never offer a fix.

The slow test runs the same checks on the test suite of a real project, downloaded as
an sdist at test time (never committed).
"""
from __future__ import annotations

import ast
import difflib
import shutil
import subprocess
import sys
import tarfile
from collections import Counter
from pathlib import Path

import pytest

from fixture_lint.plugins import registry
from helpers import CASES, case_names, copy_case, run_cli

FIXABLE = [rule for rule in registry().rules if rule.fix_applicability is not None]


def _fixable_cases() -> list[tuple[str, str]]:
    pairs = [(rule.code, name) for rule in FIXABLE for name in case_names() if name.startswith(rule.code.lower() + "_")]
    return pairs


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*.py"))
        if ".fixture_lint_cache" not in path.parts
    }


def _per_file(diff: str) -> dict[str, str]:
    """A multi-file unified diff split by file (the CLI prints files in walk order)."""
    chunks: dict[str, str] = {}
    name = None
    lines = diff.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("--- ") and index + 1 < len(lines) and lines[index + 1].startswith("+++ "):
            name = line[4:].rstrip("\n")
            chunks[name] = ""
        assert name is not None, line
        chunks[name] += line
    return chunks


def _findings(root: Path, *args: str) -> list[dict]:
    run = run_cli(["--output-format", "json", "--no-cache", *args, "."], cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


def check_fix_invariants(root: Path, unsafe: bool) -> Counter:
    """Run every invariant on the suite at ``root`` (changed in place); returns the
    number of fixes applied per rule."""
    flags = ["--unsafe-fixes"] if unsafe else []
    rules = {rule.code: rule for rule in registry().rules}
    before = _findings(root, *flags)
    for item in before:
        rule = rules.get(item["code"])
        if item["fix"] is not None:
            assert rule is not None and rule.fix_applicability is not None, item
            assert item["fix"]["applicability"] == rule.fix_applicability, item
    applies = {"safe", "unsafe"} if unsafe else {"safe"}
    offered = Counter(item["code"] for item in before if item["fix"] and item["fix"]["applicability"] in applies)
    kept = Counter(item["code"] for item in before if not (item["fix"] and item["fix"]["applicability"] in applies))

    original = _snapshot(root)
    diff = run_cli(["--diff", "--no-cache", *flags, "."], cwd=root)
    assert diff.code in (0, 1), diff.err
    assert "fixture-lint: error" not in diff.err, diff.err
    assert _snapshot(root) == original, "--diff wrote to disk"

    fixed = run_cli(["--fix", "--no-cache", *flags, "."], cwd=root)
    assert fixed.code in (0, 1), fixed.err
    assert "fixture-lint: error" not in fixed.err, fixed.err
    after = _snapshot(root)
    changed = sorted(name for name in after if after[name][0] != original[name][0])
    assert (diff.code == 1) == bool(changed)
    expected_diff = {
        name: "".join(
            difflib.unified_diff(
                original[name][0].decode("utf-8").splitlines(keepends=True),
                after[name][0].decode("utf-8").splitlines(keepends=True),
                fromfile=name,
                tofile=name,
            )
        )
        for name in changed
    }
    assert _per_file(diff.out) == expected_diff, "--diff and --fix disagree"
    for name in changed:
        ast.parse(after[name][0], filename=name)

    again = run_cli(["--fix", "--no-cache", *flags, "."], cwd=root)
    assert again.code in (0, 1), again.err
    assert _snapshot(root) == after, "a second --fix changed something"

    remaining = _findings(root, *flags)
    survivors = [item for item in remaining if item["fix"] and item["fix"]["applicability"] in applies]
    assert survivors == [], "findings with an applicable fix survived --fix"
    # A fix may make another write harmless (after ``monkeypatch.setattr(sys, "path", ...)``
    # a later ``sys.path.remove`` changes the patched list), never the other way round.
    left = Counter(item["code"] for item in remaining)
    for code in set(offered) | set(kept) | set(left):
        assert left[code] <= kept[code], f"{code}: {left[code]} left after --fix, {kept[code]} had no applicable fix"
    total = sum(offered.values())
    if total:
        assert f"({total} fixed, " in fixed.out, (total, fixed.out[-300:])
    return offered


@pytest.mark.parametrize("code,name", _fixable_cases(), ids=lambda value: value)
def test_fix_invariants_on_case(code: str, name: str, tmp_path: Path) -> None:
    root = copy_case(name, tmp_path)
    check_fix_invariants(root, unsafe=True)


@pytest.mark.parametrize("code,name", _fixable_cases(), ids=lambda value: value)
def test_fix_invariants_on_case_without_unsafe_fixes(code: str, name: str, tmp_path: Path) -> None:
    root = copy_case(name, tmp_path)
    check_fix_invariants(root, unsafe=False)


def test_every_fixable_rule_has_a_case_with_a_fix(tmp_path: Path) -> None:
    offered: Counter = Counter()
    for code, name in _fixable_cases():
        for item in _findings(copy_case(name, tmp_path / name), "--unsafe-fixes"):
            if item["fix"] is not None:
                offered[item["code"]] += 1
    assert {rule.code for rule in FIXABLE} <= set(offered), sorted({r.code for r in FIXABLE} - set(offered))


def test_rules_without_a_fix_never_offer_one(tmp_path: Path) -> None:
    unfixable = {rule.code for rule in registry().rules if rule.fix_applicability is None}
    for name in case_names():
        if not name.startswith(tuple(code.lower() for code in unfixable)):
            continue
        for item in _findings(copy_case(name, tmp_path / name), "--unsafe-fixes"):
            assert item["code"] not in unfixable or item["fix"] is None, (name, item)


# -- a real suite -------------------------------------------------------------------------
# Sdists whose tests write process state without monkeypatch: python-dotenv changes the
# working directory (8 findings), dynaconf sets environment variables (82).
REAL_SUITES = [("python-dotenv", "1.0.1"), ("dynaconf", "3.2.5")]


def _real_suite(cache: Path, name: str, version: str) -> Path:
    """The unpacked sdist of ``name==version`` (downloaded once into the pytest cache)."""
    candidates = [cache / f"{name}-{version}", cache / f"{name.replace('-', '_')}-{version}"]
    for unpacked in candidates:
        if unpacked.is_dir():
            return unpacked
    downloads = cache / "downloads" / name
    downloads.mkdir(parents=True, exist_ok=True)
    archives = sorted(downloads.glob("*.tar.gz"))
    if not archives:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", f"{name}=={version}", "-d", str(downloads)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            pytest.skip(f"cannot download {name}=={version}: {proc.stderr.strip()[-300:]}")
        archives = sorted(downloads.glob("*.tar.gz"))
    with tarfile.open(archives[0]) as archive:
        if sys.version_info >= (3, 12):
            archive.extractall(cache, filter="data")
        else:
            archive.extractall(cache)  # a pinned sdist from the package index
    for unpacked in candidates:
        if unpacked.is_dir():
            return unpacked
    pytest.fail(f"{archives[0].name} did not unpack to {candidates[0].name}")


@pytest.mark.slow
@pytest.mark.parametrize("name,version", REAL_SUITES)
def test_fix_invariants_on_a_real_suite(name: str, version: str, tmp_path: Path, pytestconfig: pytest.Config) -> None:
    cache = Path(pytestconfig.cache.mkdir("fixture-lint-real-suite"))  # type: ignore[union-attr]
    source = _real_suite(cache, name, version)
    root = tmp_path / source.name
    shutil.copytree(source, root)
    offered = check_fix_invariants(root, unsafe=True)
    assert offered["FXL301"] > 0, "the real suite should exercise FXL301's fix"
