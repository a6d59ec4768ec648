"""Fix safety on the ecosystem suites: ``--fix --unsafe-fixes`` on a copy of each suite.

For every suite (already unpacked by ``ecosystem.py``): copy it to a scratch directory,
run ``fixture-lint --fix --unsafe-fixes`` (plus ``--preview`` with ``--preview``), and
check that every changed file still parses, that a second run changes nothing, and that
every file without a fix is byte-for-byte what it was. Prints one row per suite and the
totals; exits 1 if any check fails. Nothing is written outside the scratch directory.

    python bench/fix_safety.py [--preview] [--suites NAME ...]
"""
from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Dict, List

BENCH = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("FIXTURE_LINT_BENCH_CORPUS", BENCH / ".corpus")) / "ecosystem"


def snapshot(root: Path) -> Dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.py") if p.is_file() and not p.is_symlink()}


def parses(data: bytes) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(data)
    except (SyntaxError, ValueError):
        return False
    return True


def fixture_lint() -> List[str]:
    script = Path(sys.executable).with_name("fixture-lint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "fixture_lint"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", action="store_true")
    parser.add_argument("--suites", nargs="*", default=[])
    args = parser.parse_args()
    suites = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "downloads")
    if args.suites:
        suites = [p for p in suites if p.name.rsplit("-", 1)[0] in args.suites]
    extra = ["--preview"] if args.preview else []
    failures = 0
    totals = {"files": 0, "changed": 0, "broken": 0, "unstable": 0, "touched": 0, "errors": 0}
    print("| suite | files | changed | changed and still parses | second run changes nothing | no file created | fix errors (refused, reported) |")
    print("|---|---|---|---|---|---|---|")
    for source in suites:
        with tempfile.TemporaryDirectory(prefix="fxl-fix-") as scratch:
            root = Path(scratch) / source.name
            shutil.copytree(source, root, symlinks=True)
            before = snapshot(root)
            cmd = [*fixture_lint(), "--no-cache", "--fix", "--unsafe-fixes", "--output-format", "concise", *extra, "."]
            first = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
            after = snapshot(root)
            changed = [name for name in before if after.get(name) != before[name]]
            broken = [name for name in changed if not parses(after[name])]
            subprocess.run(cmd, cwd=root, capture_output=True, text=True)
            again = snapshot(root)
            unstable = [name for name in after if again.get(name) != after[name]]
            created = sorted(set(after) ^ set(before))
            errors = first.stderr.count("fixture-lint: error:")
            ok = not broken and not unstable and not created and "Traceback" not in first.stderr
            failures += 0 if ok else 1
            for key, value in (("files", len(before)), ("changed", len(changed)), ("broken", len(broken)),
                               ("unstable", len(unstable)), ("touched", len(created)), ("errors", errors)):
                totals[key] += value
            print(f"| {source.name} | {len(before)} | {len(changed)} | {len(changed) - len(broken)} | "
                  f"{'yes' if not unstable else f'no: {unstable[:3]}'} | {'yes' if not created else f'no: {created[:3]}'} | {errors} |")
    print(f"| **total** | {totals['files']} | {totals['changed']} | {totals['changed'] - totals['broken']} | "
          f"{'yes' if not totals['unstable'] else totals['unstable']} | {'yes' if not totals['touched'] else totals['touched']} | {totals['errors']} |")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
