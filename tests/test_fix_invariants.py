"""Invariants of ``--fix`` for every fixable rule, over every on-disk case of that rule.

The fixable rules are found in the registry (rules with ``fix_applicability``), their
cases by directory name (``tests/cases/fxl301_*`` for FXL301), so a new fixable rule
gets these checks with its first case. For each case, on a copy:

* ``--diff`` writes nothing, and prints exactly the unified diff of what ``--fix`` then
  does (same files, same hunks), with exit code 1 exactly when something changes;
* every file ``--fix`` writes parses;
* a second ``--fix`` changes nothing (not a byte, not an mtime);
* what a fix adds looks like the code (issue 12): a parameter added to a signature with
  one parameter per line sits on a line of its own with the others' indentation, one
  added to a one-line signature keeps it one line; a standard-library ``import x`` line
  added to the leading import block is in alphabetical order relative to its
  standard-library neighbours, and keeps a block that was in sections in sections
  (``__future__``, standard library, the rest);
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

from fixture_lint import fixing
from fixture_lint.plugins import registry
from helpers import CASES, case_names, copy_case, run_cli

FIXABLE = [rule for rule in registry().rules if rule.fix_applicability is not None]
STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) or fixing._STDLIB_NAMES  # Python 3.9: the fixer's list


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


# -- layout of what a fix adds ------------------------------------------------------------
def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    args = function.args
    stars = [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    return sorted([*args.posonlyargs, *args.args, *args.kwonlyargs, *stars], key=lambda a: (a.lineno, a.col_offset))


def added_parameter_problems(before: str, after: str) -> list[str]:
    """Parameters ``after`` has that ``before`` had not, in the wrong layout: in a
    signature whose parameters each started a line, the new one must start and end a line
    of its own (a comma, a comment or the closing parenthesis may follow) at the column
    of the others; in a
    one-line signature it must stay on that line."""
    problems = []
    lines = after.splitlines()
    old_functions, new_functions = _functions(ast.parse(before)), _functions(ast.parse(after))
    pairs = []  # a fix may delete a function (FXL401): pair the rest by name
    matcher = difflib.SequenceMatcher(a=[f.name for f in old_functions], b=[f.name for f in new_functions], autojunk=False)
    for block in matcher.get_matching_blocks():
        pairs.extend(zip(old_functions[block.a : block.a + block.size], new_functions[block.b : block.b + block.size]))
    for old, new in pairs:
        old_params = _parameters(old)
        known = {a.arg for a in old_params}
        added = [a for a in _parameters(new) if a.arg not in known]
        rows = [a.lineno for a in old_params]
        one_line = all(row == old.lineno for row in rows)
        own_lines = len(set(rows)) == len(rows) and len(rows) >= 1 and rows[-1] > old.lineno
        columns = {a.col_offset for a in _parameters(new) if a.arg in known and lines[a.lineno - 1][: a.col_offset].strip() == ""}
        for arg in added:
            where = f"{new.name}: {arg.arg} at {arg.lineno}:{arg.col_offset}"
            if one_line and arg.lineno != new.lineno:
                problems.append(f"{where}: a one-line signature became several lines")
            if own_lines:
                line = lines[arg.lineno - 1]
                rest = line[arg.end_col_offset :].strip()
                tail = rest[1:].lstrip() if rest.startswith(",") else rest
                if line[: arg.col_offset].strip() or not (tail == "" or tail.startswith(("#", ")"))):
                    problems.append(f"{where}: not on a line of its own: {line!r}")
                elif columns and arg.col_offset not in columns:
                    problems.append(f"{where}: indented unlike the other parameters ({sorted(columns)})")
    return problems


def _section(stmt: ast.stmt) -> int:
    """0 ``__future__``, 1 standard library, 2 the rest (an import sorter's sections)."""
    if isinstance(stmt, ast.ImportFrom):
        if stmt.level:
            return 2
        name = stmt.module or ""
    else:
        assert isinstance(stmt, ast.Import)
        name = stmt.names[0].name
    top = name.split(".", 1)[0]
    return 0 if top == "__future__" else 1 if top in STDLIB else 2


def _import_block(tree: ast.Module) -> list[ast.stmt]:
    body = list(tree.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    block = []
    for stmt in body:
        if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
            break
        block.append(stmt)
    return block


def added_import_problems(before: str, after: str) -> list[str]:
    """Standard-library ``import x`` lines of the leading import block of ``after`` that
    ``before`` lacks, out of place: not in alphabetical order relative to neighbouring
    standard-library ``import`` lines, or breaking a block that was in sections."""
    problems = []
    old_block = _import_block(ast.parse(before))
    new_block = _import_block(ast.parse(after))
    old = Counter(ast.dump(stmt) for stmt in old_block)
    sorted_before = [_section(s) for s in old_block] == sorted(_section(s) for s in old_block)
    for index, stmt in enumerate(new_block):
        if old[ast.dump(stmt)]:
            old[ast.dump(stmt)] -= 1
            continue
        if not isinstance(stmt, ast.Import) or _section(stmt) != 1:
            continue
        name = stmt.names[0].name.lower()
        for neighbour in (new_block[index - 1] if index else None, new_block[index + 1] if index + 1 < len(new_block) else None):
            if isinstance(neighbour, ast.Import) and _section(neighbour) == 1:
                other = neighbour.names[0].name.lower()
                if (neighbour.lineno < stmt.lineno) != (other < name):
                    problems.append(f"import {name} (line {stmt.lineno}) is out of order next to import {other}")
        if sorted_before and [_section(s) for s in new_block] != sorted(_section(s) for s in new_block):
            problems.append(f"import {name} (line {stmt.lineno}) breaks the sections of the import block")
    if old_block and not new_block:
        problems.append("the import block is gone")
    return problems


def check_layout(root: Path, original: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> None:
    """What ``--fix`` added to each file looks like the code around it."""
    for name in sorted(after):
        if after[name][0] == original[name][0]:
            continue
        old_text = original[name][0].decode("utf-8-sig")
        new_text = after[name][0].decode("utf-8-sig")
        problems = added_parameter_problems(old_text, new_text) + added_import_problems(old_text, new_text)
        assert problems == [], (name, problems)


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
    check_layout(root, original, after)

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
