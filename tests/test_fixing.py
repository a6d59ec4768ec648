"""The fix engine: before/after for FXL301's rewrite, and the guarantees of ``--fix``.

Guarantees (DESIGN.md, non-negotiable 5): the result parses or the file is left
byte-for-byte unchanged and the failure names the rule and the file; fixing twice
changes nothing; comments, the encoding (coding cookie, BOM) and line endings are kept;
writes are atomic and keep permissions; a read-only or vanished file is an error and the
run goes on; files without fixes are never rewritten. ``--diff`` writes nothing.
"""
from __future__ import annotations

import ast
import json
import os
import stat
import textwrap
from pathlib import Path
from typing import Iterator

import pytest

from fixture_lint import fixing
from fixture_lint.config import SettingsResolver
from fixture_lint.context import ModuleContext
from fixture_lint.engine import Engine, FileResult
from fixture_lint.fixing import Fixer, apply_pass, fix_results, write_fixed
from fixture_lint.plugins import Registry
from fixture_lint.rule import Diagnostic, Edit, Fix, Rule
from helpers import run_cli, write_tree


def fix_source(tmp_path: Path, source: str, *args: str, name: str = "test_example.py") -> str:
    """The file after ``fixture-lint --fix --unsafe-fixes`` (plus ``args``)."""
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", name: source})
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", *args, "."], cwd=tmp_path)
    assert run.code in (0, 1), run.err
    assert "error" not in run.err, run.err
    return (tmp_path / name).read_text(encoding="utf-8")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- FXL301: before and after --------------------------------------------------------
REWRITES = [
    pytest.param(
        """
        import os


        def test_env():
            os.environ["A"] = "1"
            del os.environ["B"]
            os.environ.pop("C")
            os.environ.pop("D", None)
        """,
        """
        import os


        def test_env(monkeypatch):
            monkeypatch.setenv("A", "1")
            monkeypatch.delenv("B")
            monkeypatch.delenv("C")
            monkeypatch.delenv("D", raising=False)
        """,
        id="environ-items",
    ),
    pytest.param(
        """
        import os


        def test_update(tmp_path):
            os.environ.update({"HOME": str(tmp_path), "LANG": "C"})
            os.environ.update(TZ="UTC")
        """,
        """
        import os


        def test_update(tmp_path, monkeypatch):
            monkeypatch.setenv("HOME", str(tmp_path))
            monkeypatch.setenv("LANG", "C")
            monkeypatch.setenv("TZ", "UTC")
        """,
        id="environ-update",
    ),
    pytest.param(
        """
        import sys


        def test_path(tmp_path):
            sys.path.insert(0, str(tmp_path))
            sys.path.append("/opt/lib")
            sys.path.extend(["/a", "/b"])
            sys.modules["fake"] = object()
            sys.modules.__setitem__("other", None)
        """,
        """
        import sys


        def test_path(tmp_path, monkeypatch):
            monkeypatch.syspath_prepend(str(tmp_path))
            monkeypatch.setattr(sys, "path", [*sys.path, "/opt/lib"])
            monkeypatch.setattr(sys, "path", [*sys.path, *["/a", "/b"]])
            monkeypatch.setitem(sys.modules, "fake", object())
            monkeypatch.setitem(sys.modules, "other", None)
        """,
        id="sys-path-and-modules",
    ),
    pytest.param(
        """
        import logging
        import os

        import myapp.settings as settings


        def test_attributes(tmp_path):
            os.chdir(tmp_path)
            settings.DEBUG = True
            del settings.CACHE
            setattr(logging, "raiseExceptions", False)
            delattr(settings, "SECRET")
            os.environ = {}
            settings.handler.__signature__ = None
            setattr(settings, "_".join(["A", "B"]), 1)
            logging.no_such_attribute_in_logging = 1
            logging.disable = None
        """,
        """
        import logging
        import os

        import myapp.settings as settings


        def test_attributes(tmp_path, monkeypatch):
            monkeypatch.chdir(tmp_path)
            monkeypatch.setattr(settings, "DEBUG", True)
            monkeypatch.delattr(settings, "CACHE")
            monkeypatch.setattr(logging, "raiseExceptions", False)
            monkeypatch.delattr(settings, "SECRET")
            monkeypatch.setattr(os, "environ", {})
            monkeypatch.setattr(settings.handler, "__signature__", None, raising=False)
            monkeypatch.setattr(settings, "_".join(["A", "B"]), 1, raising=False)
            monkeypatch.setattr(logging, "no_such_attribute_in_logging", 1, raising=False)
            monkeypatch.setattr(logging, "disable", None)
        """,
        id="cwd-and-attributes",
    ),
    pytest.param(
        """
        import os

        import pytest


        @pytest.fixture
        def env(tmp_path, monkeypatch):
            os.environ["HOME"] = str(tmp_path)  # fake home
            return tmp_path


        class TestThings:
            def test_method(self):
                os.environ["A"] = "1"

            def test_defaults(self, value=3):
                os.environ["B"] = "2"


        async def test_async():
            os.environ["C"] = "3"
        """,
        """
        import os

        import pytest


        @pytest.fixture
        def env(tmp_path, monkeypatch):
            monkeypatch.setenv("HOME", str(tmp_path))  # fake home
            return tmp_path


        class TestThings:
            def test_method(self, monkeypatch):
                monkeypatch.setenv("A", "1")

            def test_defaults(self, monkeypatch, value=3):
                monkeypatch.setenv("B", "2")


        async def test_async(monkeypatch):
            monkeypatch.setenv("C", "3")
        """,
        id="parameter-placement",
    ),
    pytest.param(
        """
        import os


        def test_multiline(
            tmp_path,
            capsys,
        ):
            os.environ["CONFIG"] = (
                "line one"
                "line two"
            )
        """,
        """
        import os


        def test_multiline(
            tmp_path,
            capsys,
            monkeypatch,
        ):
            monkeypatch.setenv("CONFIG", "line one"
                "line two")
        """,
        id="multi-line",
    ),
]


@pytest.mark.parametrize("before,after", REWRITES)
def test_fxl301_rewrite(before: str, after: str, tmp_path: Path) -> None:
    # --preview: FXL305 (attributes of imported modules) shares FXL301's rewrite
    fixed = fix_source(tmp_path, dedent(before), "--preview")
    assert fixed == dedent(after)
    ast.parse(fixed)


NOT_FIXED = [
    pytest.param(
        """
        import os


        def test_setdefault_and_clear():
            os.environ.setdefault("A", "1")
            os.environ.clear()
            os.putenv("B", "2")
            os.environ["PATH"] += ":/x"
        """,
        id="no-equivalent",
    ),
    pytest.param(
        """
        import os


        def test_value_used():
            old = os.environ.pop("A")
            assert old
        """,
        id="value-used",
    ),
    pytest.param(
        """
        import os


        def test_nested():
            def inner():
                os.environ["A"] = "1"

            inner()
        """,
        id="nested-function",
    ),
    pytest.param(
        """
        import os
        import unittest


        class EnvTest(unittest.TestCase):
            def test_env(self):
                os.environ["A"] = "1"
        """,
        id="unittest-class",
    ),
    pytest.param(
        """
        import os

        from hypothesis import given, strategies as st


        @given(st.text())
        def test_env(value):
            os.environ["A"] = "1"
        """,
        id="hypothesis",
    ),
    pytest.param(
        """
        import os

        import pytest


        @pytest.fixture(scope="module")
        def env():
            os.environ["A"] = "1"
            yield
        """,
        id="module-fixture",
    ),
    pytest.param(
        """
        import os


        def set_env():
            os.environ["A"] = "1"


        def test_env():
            set_env()
        """,
        id="helper",
    ),
    pytest.param(
        """
        import os

        monkeypatch = None


        def test_env(a, /):
            os.environ["A"] = "1"  # pytest passes no fixture to a positional-only parameter


        def test_shadowed():
            monkeypatch = object()
            os.environ["B"] = monkeypatch
        """,
        id="no-place-for-the-parameter",
    ),
    pytest.param(
        """
        import os


        def test_shares_a_line(): x = 1; os.environ.update(A="1", B="2")
        """,
        id="several-calls-on-a-shared-line",
    ),
]


@pytest.mark.parametrize("source", NOT_FIXED)
def test_fxl301_findings_without_a_fix_are_left_alone(source: str, tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_example.py": dedent(source)})
    findings = run_cli(["--output-format", "json", "--no-cache", "--select", "FXL301", "."], cwd=tmp_path).json()
    assert findings and all(item["fix"] is None for item in findings)
    before = (tmp_path / "test_example.py").stat().st_mtime_ns
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 1 and "error" not in run.err
    assert (tmp_path / "test_example.py").read_text(encoding="utf-8") == dedent(source)
    assert (tmp_path / "test_example.py").stat().st_mtime_ns == before


# -- the guarantees, through the CLI ---------------------------------------------------
LEAKY = dedent(
    """
    import os


    def test_env():
        # the variable the app reads
        os.environ["APP_MODE"] = "test"  # keep this comment
        assert os.environ["APP_MODE"] == "test"
    """
)
FIXED = dedent(
    """
    import os


    def test_env(monkeypatch):
        # the variable the app reads
        monkeypatch.setenv("APP_MODE", "test")  # keep this comment
        assert os.environ["APP_MODE"] == "test"
    """
)


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_env.py": LEAKY})


def test_fix_keeps_comments_and_twice_changes_nothing(suite: Path) -> None:
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=suite)
    assert run.code == 0, run.err
    assert "Found 1 error (1 fixed, 0 remaining)." in run.out
    assert (suite / "test_env.py").read_text(encoding="utf-8") == FIXED
    first = (suite / "test_env.py").stat()
    again = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=suite)
    assert again.code == 0 and "All checks passed!" in again.out
    second = (suite / "test_env.py").stat()
    assert (second.st_mtime_ns, second.st_ino) == (first.st_mtime_ns, first.st_ino)


def test_unsafe_fixes_need_the_flag(suite: Path) -> None:
    listed = run_cli(["--no-cache", "."], cwd=suite)
    assert "[*]" not in listed.out
    assert "1 hidden fix can be enabled with the `--unsafe-fixes` option." in listed.out
    run = run_cli(["--fix", "--no-cache", "."], cwd=suite)
    assert run.code == 1
    assert (suite / "test_env.py").read_text(encoding="utf-8") == LEAKY
    shown = run_cli(["--unsafe-fixes", "--no-cache", "."], cwd=suite)
    assert "FXL301 [*] test `test_env`" in shown.out
    assert "[*] 1 fixable with the `--fix` option." in shown.out


def test_json_carries_the_fix(suite: Path) -> None:
    (item,) = run_cli(["--output-format", "json", "--no-cache", "."], cwd=suite).json()
    assert item["fix"]["applicability"] == "unsafe"
    assert item["fix"]["message"] == "Use `monkeypatch.setenv` and request `monkeypatch`"
    assert item["fix"]["edits"] == [
        {"content": "monkeypatch", "location": {"row": 4, "column": 14}, "end_location": {"row": 4, "column": 14}},
        {
            "content": 'monkeypatch.setenv("APP_MODE", "test")',
            "location": {"row": 6, "column": 5},
            "end_location": {"row": 6, "column": 36},
        },
    ]


def test_diff_prints_and_writes_nothing(suite: Path) -> None:
    before = (suite / "test_env.py").stat().st_mtime_ns
    run = run_cli(["--diff", "--unsafe-fixes", "--no-cache", "."], cwd=suite)
    assert run.code == 1
    assert run.out.splitlines()[:2] == ["--- test_env.py", "+++ test_env.py"]
    assert '-    os.environ["APP_MODE"] = "test"  # keep this comment' in run.out
    assert '+    monkeypatch.setenv("APP_MODE", "test")  # keep this comment' in run.out
    assert "Would fix 1 error." in run.err
    assert (suite / "test_env.py").stat().st_mtime_ns == before
    assert run_cli(["--diff", "--no-cache", "."], cwd=suite).code == 0  # unsafe fix held back


def test_fix_only_and_exit_non_zero_on_fix(suite: Path) -> None:
    run = run_cli(["--fix-only", "--unsafe-fixes", "--no-cache", "."], cwd=suite)
    assert (run.code, run.out) == (0, "Fixed 1 error.\n")
    (suite / "test_env.py").write_text(LEAKY, encoding="utf-8")
    run = run_cli(["--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "--no-cache", "."], cwd=suite)
    assert run.code == 1 and "1 fixed, 0 remaining" in run.out
    assert run_cli(["--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "--no-cache", "."], cwd=suite).code == 0


def test_remaining_findings_are_reported_after_fixing(tmp_path: Path) -> None:
    source = "import pytest\n" + LEAKY + "\n\n@pytest.fixture(scope='module')\ndef wide():\n    os.chdir('/')\n"
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_env.py": source})
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 1
    assert "Found 2 errors (1 fixed, 1 remaining)." in run.out
    assert "test_env.py:13:5: FXL301 module-scoped fixture `wide` changes the working directory" in run.out


def test_stdin_fix_writes_the_fixed_source_to_stdout(suite: Path) -> None:
    run = run_cli(
        ["--stdin-filename", "test_env.py", "--fix", "--unsafe-fixes", "--no-cache"], cwd=suite, stdin=LEAKY.encode()
    )
    assert run.code == 0, run.err
    assert run.out == FIXED
    assert (suite / "test_env.py").read_text(encoding="utf-8") == LEAKY
    held = run_cli(["--stdin-filename", "test_env.py", "--fix", "--no-cache"], cwd=suite, stdin=LEAKY.encode())
    assert held.out == LEAKY and held.code == 1 and "FXL301" in held.err
    diff = run_cli(
        ["--stdin-filename", "test_env.py", "--diff", "--unsafe-fixes", "--no-cache"], cwd=suite, stdin=LEAKY.encode()
    )
    assert diff.code == 1 and "+    monkeypatch.setenv" in diff.out


def test_stdin_fix_passes_non_test_files_through(suite: Path) -> None:
    run = run_cli(["--stdin-filename", "helpers.py", "--fix", "--unsafe-fixes"], cwd=suite, stdin=LEAKY.encode())
    assert (run.code, run.out) == (0, LEAKY)


def test_encoding_cookie_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    latin = ("# -*- coding: latin-1 -*-\n" + LEAKY.replace("the variable", "la variable \xe9")).encode("latin-1")
    bom = b"\xef\xbb\xbf" + LEAKY.replace("the variable", "die Variable \u00fc").encode("utf-8")
    crlf = LEAKY.replace('os.environ["APP_MODE"] = "test"', 'os.environ.update(A="1", B="2")').replace("\n", "\r\n")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_latin.py").write_bytes(latin)
    (tmp_path / "test_bom.py").write_bytes(bom)
    (tmp_path / "test_crlf.py").write_bytes(crlf.encode())
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "test_latin.py").read_bytes() == (
        "# -*- coding: latin-1 -*-\n" + FIXED.replace("the variable", "la variable \xe9")
    ).encode("latin-1")
    assert (tmp_path / "test_bom.py").read_bytes() == b"\xef\xbb\xbf" + FIXED.replace(
        "the variable", "die Variable \u00fc"
    ).encode("utf-8")
    expected = (
        FIXED.replace('monkeypatch.setenv("APP_MODE", "test")', 'monkeypatch.setenv("A", "1")\n    monkeypatch.setenv("B", "2")')
        .replace("\n", "\r\n")
    )
    assert (tmp_path / "test_crlf.py").read_bytes() == expected.encode()


def test_permissions_are_kept_and_the_write_is_atomic(suite: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = suite / "test_env.py"
    os.chmod(target, 0o640)
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        replaced.append((str(src), str(dst)))
        assert Path(src).parent == target.parent and Path(src).read_text(encoding="utf-8") == FIXED
        assert target.read_text(encoding="utf-8") == LEAKY  # the old file is intact until the swap
        real_replace(src, dst)

    monkeypatch.setattr(fixing.os, "replace", spy)
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=suite)
    assert run.code == 0, run.err
    assert [Path(dst) for _, dst in replaced] == [target]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in suite.iterdir()) == ["pytest.ini", "test_env.py"]  # no temp file left


def test_symlinked_file_is_fixed_through_the_link(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "real/test_env.py": LEAKY})
    (tmp_path / "test_link.py").symlink_to(tmp_path / "real" / "test_env.py")
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "test_link.py"], cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "test_link.py").is_symlink()
    assert (tmp_path / "real" / "test_env.py").read_text(encoding="utf-8") == FIXED


def test_read_only_file_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_a.py": LEAKY, "test_b.py": LEAKY})
    os.chmod(tmp_path / "test_a.py", 0o444)
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 2
    assert "fixture-lint: error: test_a.py: file is read-only; not fixed" in run.err
    assert (tmp_path / "test_a.py").read_text(encoding="utf-8") == LEAKY
    assert (tmp_path / "test_b.py").read_text(encoding="utf-8") == FIXED
    assert "test_a.py:6:5: FXL301" in run.out  # still reported: it was not fixed


def test_untouched_files_are_not_rewritten(tmp_path: Path) -> None:
    clean = "def test_fine(monkeypatch):\n    monkeypatch.setenv('A', '1')\n"
    held_back = "import os\n\nimport pytest\n\n\n@pytest.fixture(scope='session')\ndef env():\n    os.environ['A'] = '1'\n"
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_clean.py": clean, "test_held.py": held_back, "test_env.py": LEAKY})
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in ("test_clean.py", "test_held.py")}
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 1, run.err
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in stamps} == stamps


def test_vanished_or_edited_file_is_not_written(suite: Path) -> None:
    engine = _engine(registry_rules())
    outcome = Fixer(engine).fix_path(suite / "test_env.py")
    assert outcome.changed
    (suite / "test_env.py").write_text(LEAKY + "# edited meanwhile\n", encoding="utf-8")
    assert write_fixed(outcome) == "test_env.py: file changed on disk while it was being fixed; not fixed"
    (suite / "test_env.py").unlink()
    assert write_fixed(outcome) == "test_env.py: file vanished before the fix could be written; not fixed"
    assert not (suite / "test_env.py").exists()


# -- the engine with rules made for the occasion ----------------------------------------
class _Synthetic(Rule):
    """Reports every ``x = ...`` statement at module level; the fix is chosen per test."""

    code = "FXL901"
    name = "synthetic"
    fix_applicability = "safe"
    make_fix = staticmethod(lambda node: None)

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id.startswith("x"):
                yield ctx.report(self, stmt, "synthetic", fix=type(self).make_fix(stmt))


def registry_rules() -> tuple[Rule, ...]:
    from fixture_lint.plugins import registry

    return registry().rules


def _engine(rules: tuple[Rule, ...]) -> Engine:
    settings = SettingsResolver(rules, overrides={"unsafe_fixes": True})
    return Engine(Registry(rules=rules, known_fixtures=()), settings, display=lambda path: path.name)


def _run_synthetic(tmp_path: Path, source: str, make_fix) -> tuple[str, list[str], FileResult]:  # type: ignore[no-untyped-def]
    """Check and ``--fix`` one file with a synthetic rule: its text after, the fix run's
    errors, and the check's result (what the user was shown before fixing)."""
    rule_class = type("Rule", (_Synthetic,), {"make_fix": staticmethod(make_fix)})
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_x.py": source})
    engine = _engine((rule_class(),))
    path = tmp_path / "test_x.py"
    checked = engine.check_file(path)
    run = fix_results(engine, [checked], write=True)
    return path.read_text(encoding="utf-8"), run.errors, checked


def _replace(node: ast.stmt, content: str) -> Fix:
    return Fix("safe", "replace", (Edit(content, node.lineno, 1, node.lineno, node.end_col_offset + 1),))


def _not_offered(checked: FileResult) -> list[str]:
    """The check's findings keep their place but lose the fix; one warning says why."""
    assert [(d.code, d.line, d.fix) for d in checked.diagnostics] == [("FXL901", 1, None)]
    return checked.warnings


def test_a_fix_that_breaks_the_code_is_not_offered(tmp_path: Path) -> None:
    text, errors, checked = _run_synthetic(tmp_path, "x = 1\ny = 2\n", lambda node: _replace(node, "x = ("))
    assert text == "x = 1\ny = 2\n" and errors == []
    (warning,) = _not_offered(checked)
    assert warning.startswith("test_x.py: the fix of FXL901 is not offered: it failed: the result does not parse")


def test_a_fix_that_never_converges_is_not_offered(tmp_path: Path) -> None:
    counter = iter(range(1000))
    text, errors, checked = _run_synthetic(tmp_path, "x = 0\n", lambda node: _replace(node, f"x = {next(counter) + 1}"))
    assert text == "x = 0\n" and errors == []
    assert _not_offered(checked) == ["test_x.py: the fix of FXL901 is not offered: it does not converge after 20 passes"]


def test_a_fix_that_undoes_itself_is_not_offered(tmp_path: Path) -> None:
    text, errors, checked = _run_synthetic(
        tmp_path, "x = 0\n", lambda node: _replace(node, "x = 1" if "0" in ast.unparse(node) else "x = 0")
    )
    assert text == "x = 0\n" and errors == []
    assert _not_offered(checked) == [
        "test_x.py: the fix of FXL901 is not offered: it does not converge (it undoes itself)"
    ]


class _Settling(Rule):
    """Reports ``y = 0`` with a fix that settles (``y = 1``)."""

    code = "FXL902"
    name = "settling"
    fix_applicability = "safe"

    def check(self, ctx: ModuleContext) -> Iterator[Diagnostic]:
        for stmt in ctx.tree.body:
            if isinstance(stmt, ast.Assign) and ast.unparse(stmt) == "y = 0":
                yield ctx.report(self, stmt, "settling", fix=_replace(stmt, "y = 1"))


def test_a_fix_that_settles_is_kept_beside_one_that_does_not(tmp_path: Path) -> None:
    undoing = type(
        "Rule", (_Synthetic,), {"make_fix": staticmethod(lambda n: _replace(n, "x = 1" if "0" in ast.unparse(n) else "x = 0"))}
    )
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_x.py": "x = 0\ny = 0\n"})
    engine = _engine((undoing(), _Settling()))
    checked = engine.check_file(tmp_path / "test_x.py")
    assert [(d.code, d.fix is not None) for d in checked.diagnostics] == [("FXL901", False), ("FXL902", True)]
    run = fix_results(engine, [checked], write=True)
    assert run.errors == [] and run.fixed == 1
    assert (tmp_path / "test_x.py").read_text(encoding="utf-8") == "x = 0\ny = 1\n"


def test_fixes_converge_over_several_passes_and_add_imports_once(tmp_path: Path) -> None:
    def make(node: ast.stmt) -> Fix:
        # Each fix replaces its statement and shares one identical insertion at the top.
        name = node.targets[0].id  # type: ignore[attr-defined]
        edits = (Edit("# header\n", 1, 1, 1, 1), Edit(f"done_{name} = copy.copy(1)", node.lineno, 1, node.lineno, node.end_col_offset + 1))
        return Fix("safe", "rename", edits, add_imports=("import copy",))

    text, errors, _ = _run_synthetic(tmp_path, '"""Doc."""\nimport os\nxa = 1\nxb = 2\n', make)
    assert errors == []
    assert text == '# header\n"""Doc."""\nimport copy\nimport os\ndone_xa = copy.copy(1)\ndone_xb = copy.copy(1)\n'


def test_apply_pass_skips_fixes_that_touch_a_taken_edit() -> None:
    def diagnostic(line: int, *edits: Edit) -> Diagnostic:
        return Diagnostic("FXL901", "synthetic", "m", "f.py", line, 1, line, 1, Fix("safe", "m", edits))

    text = "aaaa\nbbbb\ncccc\n"
    first = diagnostic(1, Edit("A", 1, 1, 1, 3))
    overlapping = diagnostic(1, Edit("X", 1, 2, 2, 1))
    touching = diagnostic(1, Edit("T", 1, 3, 1, 4))
    shared = diagnostic(3, Edit("A", 1, 1, 1, 3), Edit("C", 3, 1, 3, 5))
    result = apply_pass(text, [overlapping, touching, shared, first], "\n")
    assert result.text == "Aaa\nbbbb\nC\n"
    assert result.applied == [first, shared]
    with pytest.raises(fixing.FixError, match="outside the line"):
        apply_pass(text, [diagnostic(1, Edit("?", 1, 9, 1, 9))], "\n")


def test_fix_settings_follow_ruff(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_env.py": LEAKY})

    def fix_of(table: str) -> object:
        (tmp_path / "pyproject.toml").write_text(f"[tool.fixture-lint]\n{table}\n", encoding="utf-8")
        (item,) = run_cli(["--output-format", "json", "--no-cache", "."], cwd=tmp_path).json()
        return item["fix"] and item["fix"]["applicability"]

    assert fix_of("") == "unsafe"
    assert fix_of('unfixable = ["FXL3"]') is None
    assert fix_of('fixable = ["FXL1"]') is None
    assert fix_of('fixable = ["FXL301"]\nunfixable = ["FXL3"]') == "unsafe"
    assert fix_of('extend-safe-fixes = ["FXL301"]') == "safe"
    assert fix_of('extend-safe-fixes = ["FXL3"]\nextend-unsafe-fixes = ["FXL301"]') == "unsafe"
    assert fix_of('extend-safe-fixes = ["FXL301"]\nextend-unsafe-fixes = ["FXL301"]') == "unsafe"
    assert fix_of('extend-safe-fixes = ["FXL301"]\nextend-unsafe-fixes = ["FXL3"]') == "safe"
    (tmp_path / "pyproject.toml").write_text('[tool.fixture-lint]\nextend-safe-fixes = ["FXL301"]\n', encoding="utf-8")
    run = run_cli(["--fix", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 0 and (tmp_path / "test_env.py").read_text(encoding="utf-8") == FIXED
    (tmp_path / "test_env.py").write_text(LEAKY, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.fixture-lint]\nunsafe-fixes = true\n", encoding="utf-8")
    assert "FXL301 [*]" in run_cli(["--no-cache", "."], cwd=tmp_path).out
    assert run_cli(["--fix", "--no-unsafe-fixes", "--no-cache", "."], cwd=tmp_path).code == 1
    assert (tmp_path / "test_env.py").read_text(encoding="utf-8") == LEAKY
    assert run_cli(["--fix", "--no-cache", "."], cwd=tmp_path).code == 0
    assert (tmp_path / "test_env.py").read_text(encoding="utf-8") == FIXED


def test_fixed_conftest_is_seen_by_the_files_below_it(tmp_path: Path) -> None:
    conftest = dedent(
        """
        import os

        import pytest


        @pytest.fixture
        def env():
            os.environ["A"] = "1"
        """
    )
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "conftest.py": conftest, "sub/test_env.py": LEAKY})
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "--output-format", "json", "."], cwd=tmp_path)
    assert run.code == 0, run.err
    assert json.loads(run.out) == []
    assert "monkeypatch.setenv(\"A\", \"1\")" in (tmp_path / "conftest.py").read_text(encoding="utf-8")


def test_a_fix_the_file_encoding_cannot_hold_is_not_offered(tmp_path: Path) -> None:
    rule_class = type("Rule", (_Synthetic,), {"make_fix": staticmethod(lambda node: _replace(node, "x = '\u20ac'"))})
    source = "# -*- coding: latin-1 -*-\n# caf\xe9\nx = 'a'\n".encode("latin-1")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_x.py").write_bytes(source)
    engine = _engine((rule_class(),))
    checked = engine.check_file(tmp_path / "test_x.py")
    run = fix_results(engine, [checked], write=True)
    assert (tmp_path / "test_x.py").read_bytes() == source
    assert run.errors == [] and checked.diagnostics[0].fix is None
    assert checked.warnings == [
        "test_x.py: the fix of FXL901 is not offered: it cannot be written in iso-8859-1: ordinal not in range(256)"
    ]


def test_a_file_that_vanishes_before_fixing_is_an_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_a.py": LEAKY, "test_b.py": LEAKY})
    real = Fixer.fix_path

    def vanish_a(self: Fixer, path: Path) -> fixing.FileFix:
        if path.name == "test_a.py":
            path.unlink()
        return real(self, path)

    monkeypatch.setattr(Fixer, "fix_path", vanish_a)
    run = run_cli(["--fix", "--unsafe-fixes", "--no-cache", "."], cwd=tmp_path)
    assert run.code == 2
    assert "fixture-lint: error: test_a.py: file vanished before it could be fixed; not fixed" in run.err
    assert (tmp_path / "test_b.py").read_text(encoding="utf-8") == FIXED
