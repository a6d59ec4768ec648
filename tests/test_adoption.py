"""Adopting fixture-lint on an existing suite: ``--add-noqa`` and the baseline (issue 12)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_lint import adoption
from fixture_lint.config import SettingsResolver
from fixture_lint.engine import Engine
from fixture_lint.fixing import write_fixed
from fixture_lint.plugins import registry
from helpers import run_cli, write_tree

CORPUS = Path(__file__).parent.parent / "bench" / ".corpus" / "ecosystem" / "dynaconf-3.2.5"
NEW_LEAK = '\n\ndef test_new_leak():\n    os.environ["FXL_ADOPTION_NEW"] = "1"\n'


def _cli(suite: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fixture_lint", *args], cwd=suite, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def dynaconf(tmp_path: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip("the ecosystem corpus is not unpacked (bench/ecosystem.py)")
    suite = tmp_path / "dynaconf"
    shutil.copytree(CORPUS, suite, symlinks=True)
    return suite


# -- the real suite, through the real CLI ------------------------------------------------
def test_add_noqa_on_a_real_suite(dynaconf: Path) -> None:
    before = _cli(dynaconf, "--no-cache", "--output-format", "json", ".")
    assert before.returncode == 1
    findings = json.loads(before.stdout)
    files = {item["filename"] for item in findings}
    added = _cli(dynaconf, "--no-cache", "--add-noqa", ".")
    assert added.returncode == 0, added.stderr
    lines = {(item["filename"], item["noqa_row"]) for item in findings}
    assert added.stdout == f"Added {len(lines)} noqa comments in {len(files)} files.\n"
    assert "no noqa comment added" not in added.stderr
    clean = _cli(dynaconf, "--no-cache", ".")
    assert clean.returncode == 0, clean.stdout
    assert clean.stdout.strip() == "All checks passed!"
    again = _cli(dynaconf, "--no-cache", "--add-noqa", ".")
    assert again.stdout == "Added 0 noqa comments in 0 files.\n"
    compat = dynaconf / "tests" / "test_compat.py"
    row = len(compat.read_text().splitlines()) + 4
    with compat.open("a") as handle:
        handle.write(NEW_LEAK)
    leak = _cli(dynaconf, "--no-cache", "--output-format", "concise", ".")
    assert leak.returncode == 1
    assert [line for line in leak.stdout.splitlines() if ": FXL" in line] == [
        f"tests/test_compat.py:{row}:5: FXL301 test `test_new_leak` sets os.environ['FXL_ADOPTION_NEW'] and "
        "never restores it, so later tests inherit the change"
    ]


def test_baseline_on_a_real_suite(dynaconf: Path) -> None:
    count = len(json.loads(_cli(dynaconf, "--no-cache", "--output-format", "json", ".").stdout))
    written = _cli(dynaconf, "--write-baseline", "fxl-baseline.json", ".")
    assert written.returncode == 0, written.stderr
    assert written.stdout == f"Wrote {count} findings in 10 files to fxl-baseline.json.\n"
    for extra in ([], ["--no-cache"], ["--output-format", "json"], ["--output-format", "sarif"]):
        run = _cli(dynaconf, "--baseline", "fxl-baseline.json", *extra, ".")  # the cache is warm after the first
        assert run.returncode == 0, (extra, run.stdout)
        assert f"{count} findings in the baseline fxl-baseline.json not shown" in run.stderr
    compat = dynaconf / "tests" / "test_compat.py"
    compat.write_text("# moved down by three lines\n\n\n" + compat.read_text())
    row = len(compat.read_text().splitlines()) + 4
    moved = _cli(dynaconf, "--baseline", "fxl-baseline.json", ".")
    assert moved.returncode == 0, moved.stdout
    assert "no longer found" not in moved.stderr
    with compat.open("a") as handle:
        handle.write(NEW_LEAK)
    for extra in ([], ["--no-cache"]):
        leak = _cli(dynaconf, "--baseline", "fxl-baseline.json", "--output-format", "json", *extra, ".")
        assert leak.returncode == 1
        found = json.loads(leak.stdout)
        assert [(Path(i["filename"]).relative_to(dynaconf).as_posix(), i["location"]["row"], i["code"]) for i in found] == [
            ("tests/test_compat.py", row, "FXL301")
        ]
    # the baseline lives elsewhere: paths are relative to the baseline file, not to the cwd
    shutil.move(str(dynaconf / "fxl-baseline.json"), dynaconf / "baseline.json")
    from_tests = _cli(dynaconf / "tests", "--no-cache", "--baseline", "../baseline.json", ".")
    assert from_tests.returncode == 1
    assert from_tests.stdout.count(" FXL301 ") == 1


# -- noqa placement ----------------------------------------------------------------------
def _suite(tmp_path: Path, body: str) -> Path:
    return write_tree(tmp_path, {"pytest.ini": "[pytest]\n", "test_x.py": "import os\n\n\n" + body})


def _add_noqa(suite: Path) -> tuple[str, str]:
    run = run_cli(["--no-cache", "--add-noqa", "."], cwd=suite)
    assert run.code == 0, run.err
    after = run_cli(["--no-cache", "--output-format", "concise", "."], cwd=suite)
    return (suite / "test_x.py").read_text(), run.out + run.err + after.out


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            'def test_a():\n    os.environ.update(\n        {"A": "1"},\n    )\n',
            'def test_a():\n    os.environ.update(  # noqa: FXL301\n        {"A": "1"},\n    )\n',
            id="multi-line-call: on the finding's first line",
        ),
        pytest.param(
            'def test_a():\n    os.environ["A"] = """one\ntwo"""\n',
            'def test_a():\n    os.environ["A"] = """one\ntwo"""  # noqa: FXL301\n',
            id="triple-quoted string: after the string ends",
        ),
        pytest.param(
            'def test_a():\n    os.environ["A"] = \\\n        "1"\n',
            'def test_a():\n    os.environ["A"] = \\\n        "1"  # noqa: FXL301\n',
            id="backslash continuation: on the continued line",
        ),
        pytest.param(
            'def test_a():\n    os.environ["A"] = "1"  # noqa: FXL101\n',
            'def test_a():\n    os.environ["A"] = "1"  # noqa: FXL101, FXL301\n',
            id="existing noqa: merged",
        ),
        pytest.param(
            'def test_a():\n    os.environ["A"] = "1"  # noqa:E501 keep this reason\n',
            'def test_a():\n    os.environ["A"] = "1"  # noqa: E501, FXL301 keep this reason\n',
            id="existing noqa with a reason after it",
        ),
        pytest.param(
            'def test_a():\n    os.environ["A"] = "1"   # set for the app\n',
            'def test_a():\n    os.environ["A"] = "1"   # set for the app  # noqa: FXL301\n',
            id="existing comment without noqa",
        ),
        pytest.param(
            'def test_a():\n    os.environ["A"] = "1"; os.environ["B"] = "2"\n',
            'def test_a():\n    os.environ["A"] = "1"; os.environ["B"] = "2"  # noqa: FXL301\n',
            id="two findings on one line: one comment",
        ),
    ],
)
def test_noqa_placement_is_honoured(tmp_path: Path, body: str, expected: str) -> None:
    text, output = _add_noqa(_suite(tmp_path, body))
    assert text == "import os\n\n\n" + expected
    assert "All checks passed!" in output


def test_a_noqa_inside_a_string_cannot_be_outdone_and_is_skipped(tmp_path: Path) -> None:
    body = 'def test_a():\n    os.environ["A"] = "# noqa: E1"\n    os.environ["B"] = "1"\n'
    suite = _suite(tmp_path, body)
    run = run_cli(["--no-cache", "--add-noqa", "."], cwd=suite)
    assert run.code == 0
    assert run.out == "Added 1 noqa comment in 1 file.\n"
    assert "test_x.py:5:5: FXL301: no noqa comment added: a `# noqa` inside a string literal" in run.err
    text = (suite / "test_x.py").read_text()
    assert '"# noqa: E1"\n' in text and 'os.environ["B"] = "1"  # noqa: FXL301\n' in text
    left = run_cli(["--no-cache", "--output-format", "concise", "."], cwd=suite)
    assert [line.split(" ")[0] for line in left.out.splitlines() if " FXL" in line] == ["test_x.py:5:5:"]


def test_crlf_bom_and_encoding_are_kept(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pytest.ini": "[pytest]\n"})
    crlf = b'import os\r\n\r\n\r\ndef test_a():\r\n    os.environ["A"] = "1"\r\n    x = """a\r\nb"""\r\n'
    (tmp_path / "test_crlf.py").write_bytes(crlf)
    bom = b'\xef\xbb\xbfimport os\n\n\ndef test_b():\n    os.environ["\xc3\xa9"] = "1"\n'
    (tmp_path / "test_bom.py").write_bytes(bom)
    latin = b'# -*- coding: latin-1 -*-\nimport os\n\n\ndef test_c():\n    os.environ["\xe9"] = "1"\n'
    (tmp_path / "test_latin.py").write_bytes(latin)
    run = run_cli(["--no-cache", "--add-noqa", "."], cwd=tmp_path)
    assert run.out == "Added 3 noqa comments in 3 files.\n", run.err
    assert (tmp_path / "test_crlf.py").read_bytes() == crlf.replace(b'"1"\r\n', b'"1"  # noqa: FXL301\r\n')
    assert (tmp_path / "test_bom.py").read_bytes() == bom[:-1] + b"  # noqa: FXL301\n"
    assert (tmp_path / "test_latin.py").read_bytes() == latin[:-1] + b"  # noqa: FXL301\n"
    assert run_cli(["--no-cache", "."], cwd=tmp_path).code == 0


def test_a_file_changed_since_it_was_read_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suite = _suite(tmp_path, 'def test_a():\n    os.environ["A"] = "1"\n')
    monkeypatch.chdir(suite)
    reg = registry()
    engine = Engine(reg, SettingsResolver(reg.rules))
    path = suite / "test_x.py"
    outcome, placed = adoption.plan_noqa(engine, path)
    assert outcome is not None and placed.added == 1 and outcome.changed
    edited = path.read_text() + "# edited meanwhile\n"
    path.write_text(edited)
    assert write_fixed(outcome, [suite]) == "test_x.py: file changed on disk while it was being fixed; not fixed"
    assert path.read_text() == edited


def test_add_noqa_does_not_write_through_a_symlink_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "test_real.py"
    target.write_text('import os\n\n\ndef test_a():\n    os.environ["A"] = "1"\n')
    suite = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n"})
    (suite / "test_link.py").symlink_to(target)
    run = run_cli(["--no-cache", "--add-noqa", "test_link.py"], cwd=suite)
    assert run.code == 2
    assert "outside the checked tree" in run.err and run.out == "Added 0 noqa comments in 0 files.\n"
    assert "noqa" not in target.read_text()


def test_adoption_options_do_not_combine(tmp_path: Path) -> None:
    suite = _suite(tmp_path, "def test_a():\n    pass\n")
    for args in (["--add-noqa", "--fix"], ["--add-noqa", "--write-baseline", "b.json"], ["--write-baseline", "b.json", "--baseline", "b.json"]):
        run = run_cli([*args, "."], cwd=suite)
        assert run.code == 2 and "cannot be combined" in run.err, args


# -- the baseline ------------------------------------------------------------------------
def test_identical_lines_are_told_apart_by_occurrence(tmp_path: Path) -> None:
    twice = 'def test_a():\n    os.environ["A"] = "1"\n\n\ndef test_b():\n    os.environ["A"] = "1"\n'
    suite = _suite(tmp_path, twice)
    assert run_cli(["--no-cache", "--write-baseline", "b.json", "."], cwd=suite).code == 0
    entries = json.loads((suite / "b.json").read_text())["findings"]
    assert sorted(e["occurrence"] for e in entries) == [0, 1]
    assert len({e["line_hash"] for e in entries}) == 1 and entries[0]["path"] == "test_x.py"
    test = suite / "test_x.py"
    test.write_text(test.read_text() + '\n\ndef test_c():\n    os.environ["A"] = "1"\n')
    run = run_cli(["--no-cache", "--baseline", "b.json", "--output-format", "concise", "."], cwd=suite)
    assert run.code == 1
    assert [line for line in run.out.splitlines() if " FXL" in line][0].startswith("test_x.py:13:5: FXL301")
    test.write_text('import os\n\n\ndef test_a():\n    os.environ["A"] = "1"\n')
    run = run_cli(["--no-cache", "--baseline", "b.json", "."], cwd=suite)
    assert run.code == 0
    assert "1 baselined finding no longer found; `--write-baseline b.json` drops it" in run.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "--baseline b.json: no such file (write one with --write-baseline b.json)"),
        (b"{", "--baseline b.json: not valid JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
        (b"\xff", "--baseline b.json: not UTF-8"),
        (b"[]", "--baseline b.json: not a fixture-lint baseline (no 'fixture-lint-baseline' key)"),
        (b'{"fixture-lint-baseline": 2, "findings": []}', "unknown baseline format 2 (expected 1)"),
        (b'{"fixture-lint-baseline": 1, "findings": {}}', "'findings' must be a list, got dict"),
        (
            b'{"fixture-lint-baseline": 1, "findings": [{"path": "t.py", "code": "FXL301", "line_hash": "0123456789abcdef"}]}',
            "--baseline b.json: findings[0]: 'occurrence' must be int, got None",
        ),
        (
            b'{"fixture-lint-baseline": 1, "findings": [{"path": "t.py", "code": "fxl", "line_hash": "0123456789abcdef", "occurrence": 0}]}',
            "findings[0]: 'code' is not a valid code: 'fxl'",
        ),
    ],
)
def test_a_bad_baseline_is_a_clear_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    suite = _suite(tmp_path, 'def test_a():\n    os.environ["A"] = "1"\n')
    if content is not None:
        (suite / "b.json").write_bytes(content)
    run = run_cli(["--no-cache", "--baseline", "b.json", "."], cwd=suite)
    assert run.code == 2
    assert message in run.err and run.out == ""
