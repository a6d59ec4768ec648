"""Shared test helpers: write small suites to disk, run the CLI in-process, read the
``# expect: CODE:COL`` markers of on-disk cases."""
from __future__ import annotations

import io
import json
import re
import os
import shutil
import subprocess
import sys
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from fixture_lint.cli import main

TESTS = Path(__file__).parent
CASES = TESTS / "cases"
EXPECT = re.compile(r"#\s*expect:\s*(?P<items>[A-Z]+[0-9]+(?::[0-9]+)?(?:\s*,\s*[A-Z]+[0-9]+(?::[0-9]+)?)*)")


@dataclass(frozen=True, order=True)
class Finding:
    """A finding as the tests compare it: file relative to the suite, line, column, code."""

    path: str
    line: int
    column: int
    code: str


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    def json(self) -> list[dict]:
        return json.loads(self.out)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: dedented source}`` under ``root``; returns ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def run_cli(args: Sequence[str], cwd: Path, stdin: Optional[bytes] = None, monkeypatch=None) -> CliRun:
    """``fixture-lint ARGS`` in-process from ``cwd``; returns exit code, stdout, stderr."""
    import os

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args), stdin=io.BytesIO(stdin) if stdin is not None else None)
    finally:
        os.chdir(old)
    return CliRun(code, out.getvalue(), err.getvalue())


def findings_from_json(run: CliRun, root: Path) -> list[Finding]:
    found = []
    for item in run.json():
        path = Path(item["filename"]).resolve().relative_to(root.resolve()).as_posix()
        found.append(Finding(path, item["location"]["row"], item["location"]["column"], item["code"]))
    return sorted(found)


def check(root: Path, *extra: str) -> list[Finding]:
    """Run the CLI over ``root`` (JSON output) and return its findings."""
    run = run_cli(["--output-format", "json", *extra, "."], cwd=root)
    assert run.code in (0, 1), (run.code, run.err)
    return findings_from_json(run, root)


def expected_findings(root: Path) -> list[Finding]:
    """The ``# expect: CODE:COL[, CODE:COL]`` markers of every .py file under ``root``.

    A marker without a column (``# expect: FXL401``) is not accepted: positions are
    asserted, not only codes.
    """
    found = []
    for path in sorted(root.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = EXPECT.search(line)
            if not match:
                continue
            for item in match.group("items").split(","):
                code, _, column = item.strip().partition(":")
                assert column, f"{path}:{number}: give the column: # expect: {code}:COL"
                found.append(Finding(path.relative_to(root).as_posix(), number, int(column), code))
    return sorted(found)


def copy_case(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(CASES / name, target)
    return target


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def run_pytest(
    root: Path, *args: str, drop_env: tuple[str, ...] = (), pythonpath: Optional[Path] = None
) -> subprocess.CompletedProcess[str]:
    """Real pytest in a subprocess at ``root``, as the polluter/victim pairs run it: no
    plugins but pytest's own, no random order, no cache; ``PYTEST_*`` and the
    ``drop_env`` variables (prefixes) left out of the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", *drop_env))}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # only pytest itself: fast and predictable
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )
