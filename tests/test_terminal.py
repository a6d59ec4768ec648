"""The terminal as ruff's: colours (``--color``, ``NO_COLOR``, ``FORCE_COLOR``, a tty),
``-q``, ``-o FILE``, the order of the output, and paths in messages relative to the
current directory (the same text from the CLI, flake8 and the language server), all
through real subprocesses."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Optional

import pytest

from helpers import write_tree

ANSI = re.compile(r"\x1b\[[0-9;]*m")
BOLD_PATH = "\x1b[1mtest_a.py\x1b[0m"
RED_CODE = "\x1b[1;31mFXL301\x1b[0m"

SUITE = {
    "pytest.ini": "[pytest]\n",
    "test_a.py": """\
        import os
        import socket


        def test_env():
            os.environ["A"] = "1"


        def test_port():
            s = socket.socket()
            s.bind(("127.0.0.1", 8080))
            s.close()
        """,
}


def run(cwd: Path, *args: str, env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess[str]:
    """``fixture-lint ARGS`` in a subprocess with no colour variables but ``env``'s."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", *args],
        cwd=cwd, capture_output=True, text=True, env=clean, timeout=120,
    )


def run_on_a_tty(cwd: Path, *args: str, term: str = "xterm-256color") -> str:
    """``fixture-lint ARGS`` with standard output on a pseudo-terminal; what it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = term
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "fixture_lint", "--no-cache", *args],
        cwd=cwd, stdout=follower, stderr=subprocess.DEVNULL, env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "suite", SUITE)


# -- colour ------------------------------------------------------------------------------------


def test_force_color_colours_a_pipe_as_ruff_does(root: Path) -> None:
    proc = run(root, "--output-format", "concise", ".", env={"FORCE_COLOR": "1"})
    first = proc.stdout.splitlines()[0]
    # bold path, cyan separators, bold red code
    assert first.startswith(f"{BOLD_PATH}\x1b[36m:\x1b[0m6\x1b[36m:\x1b[0m5\x1b[36m:\x1b[0m {RED_CODE} test `test_env`"), first
    assert ANSI.sub("", proc.stdout) == run(root, "--output-format", "concise", ".").stdout


def test_full_format_colours_path_code_gutter_caret_and_help(root: Path) -> None:
    out = run(root, ".", env={"FORCE_COLOR": "1"}).stdout
    assert BOLD_PATH in out and RED_CODE in out
    assert "\x1b[1;34m|\x1b[0m" in out  # the gutter
    assert "\x1b[1;31m^^^^^^^^^^^^^^^^^^^^^\x1b[0m" in out  # the caret line under os.environ["A"] = "1"
    assert "\x1b[1;34m=\x1b[0m \x1b[1;36mhelp\x1b[0m: Use `monkeypatch.setenv`" in out
    plain = run(root, ".").stdout
    assert "\x1b" not in plain
    assert ANSI.sub("", out) == plain


def test_a_clean_run_says_all_checks_passed_in_green(root: Path) -> None:
    out = run(root, "--select", "FXL1", ".", env={"FORCE_COLOR": "1"}).stdout
    assert out == "\x1b[1;32mAll checks passed!\x1b[0m\n"


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # auto, a pipe
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": ""}, False),  # empty: not set
        ((), {"NO_COLOR": "1"}, False),
        ((), {"NO_COLOR": ""}, False),  # any value, even empty
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True),  # as ruff: FORCE_COLOR wins
        (("--color", "always"), {}, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),
        (("--color", "never"), {"FORCE_COLOR": "1"}, False),
        (("--color", "auto"), {"FORCE_COLOR": "1"}, True),
    ],
    ids=["pipe", "force", "force-empty", "no-color", "no-color-empty", "force-beats-no-color", "always", "always-beats-no-color", "never", "auto-force"],
)
def test_when_to_colour(root: Path, args: tuple[str, ...], env: dict[str, str], coloured: bool) -> None:
    out = run(root, *args, "--output-format", "concise", ".", env=env).stdout
    assert ("\x1b[" in out) is coloured, out


def test_auto_colours_a_terminal_unless_term_is_dumb(root: Path) -> None:
    out = run_on_a_tty(root, "--output-format", "concise", ".")
    assert BOLD_PATH in out and RED_CODE in out
    dumb = run_on_a_tty(root, "--output-format", "concise", ".", term="dumb")
    assert "test_a.py:6:5: FXL301" in dumb and "\x1b[" not in dumb
    assert "\x1b[" not in run_on_a_tty(root, "--color", "never", "--output-format", "concise", ".")


@pytest.mark.parametrize("output_format", ["json", "sarif", "junit", "gitlab", "github"])
def test_machine_formats_are_never_coloured(root: Path, output_format: str) -> None:
    out = run(root, "--color", "always", "--output-format", output_format, ".", env={"FORCE_COLOR": "1"}).stdout
    assert "FXL301" in out
    assert "\x1b" not in out


# -- -q and -o ---------------------------------------------------------------------------------


def test_quiet_prints_the_findings_only(root: Path) -> None:
    loud = run(root, ".")
    quiet = run(root, "-q", ".")
    assert quiet.returncode == loud.returncode == 1
    assert "Found 2 errors." in loud.stdout and "hidden fix" in loud.stdout
    assert quiet.stdout == loud.stdout[: loud.stdout.index("Found 2 errors.")]
    concise = run(root, "--quiet", "--output-format", "concise", ".").stdout
    assert [line.split(" ")[1] for line in concise.splitlines()] == ["FXL301", "FXL302"]
    assert run(root, "-q", "--select", "FXL1", ".").stdout == ""  # no 'All checks passed!'
    assert run(root, "-q", "--select", "FXL1", "nothing_here").stdout == ""  # nor 'No files were checked.'


def test_quiet_keeps_errors_and_drops_warnings(root: Path) -> None:
    (root / "pyproject.toml").write_text("[tool.fixture-lint]\nselect = 1\n")
    proc = run(root, "-q", ".")
    assert proc.returncode == 2 and "expected a list of strings" in proc.stderr
    (root / "pyproject.toml").unlink()
    (root / "test_a.py").write_text((root / "test_a.py").read_text() + "\nx = 1  # noqa: FXL999\n")
    assert "unknown rule code" in run(root, ".").stderr
    assert run(root, "-q", ".").stderr == ""


def test_quiet_fix_and_diff_say_nothing_else(root: Path) -> None:
    proc = run(root, "-q", "--diff", "--unsafe-fixes", ".")
    assert proc.returncode == 1 and proc.stdout.startswith("---") and proc.stderr == ""
    proc = run(root, "-q", "--fix-only", "--unsafe-fixes", ".")
    assert proc.stdout == "" and "monkeypatch" in (root / "test_a.py").read_text()


def test_output_file_gets_the_report_uncoloured(root: Path) -> None:
    target = root / "reports" / "deep" / "fixture-lint.txt"
    proc = run(root, "-o", str(target), "--color", "always", ".", env={"FORCE_COLOR": "1"})
    assert proc.returncode == 1
    assert proc.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written == run(root, ".").stdout
    assert "\x1b" not in written
    run(root, "--output-file", str(target), "--output-format", "json", ".")
    assert [item["code"] for item in json.loads(target.read_text())] == ["FXL301", "FXL302"]


def test_output_file_that_cannot_be_written_is_an_error(root: Path) -> None:
    (root / "afile").write_text("")
    proc = run(root, "-o", str(root / "afile" / "report.txt"), ".")
    assert proc.returncode == 2
    assert f"--output-file {root / 'afile' / 'report.txt'}: cannot write" in proc.stderr


def test_output_file_with_stdin_fix_keeps_the_source_on_stdout(root: Path) -> None:
    target = root / "left.txt"
    source = (root / "test_a.py").read_text()
    proc = subprocess.run(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "--fix", "--stdin-filename", "test_a.py", "-o", str(target)],
        cwd=root, input=source, capture_output=True, text=True, timeout=120,
    )
    assert proc.stdout == source  # nothing safe to fix: the buffer comes back as it was
    assert "FXL301" in target.read_text() and "FXL301" not in proc.stderr


# -- order -------------------------------------------------------------------------------------


def test_output_is_sorted_by_path_then_line(tmp_path: Path) -> None:
    body = textwrap.dedent(SUITE["test_a.py"])
    files = {"pytest.ini": "[pytest]\n", "test_b.py": body, "a/test_z.py": body, "test_a.py": body, "a_b/test_c.py": body}
    root = write_tree(tmp_path / "order", files)
    for args in ((), ("--jobs", "2")):
        lines = run(root, *args, "--output-format", "concise", ".").stdout.splitlines()[:-2]
        places = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
        assert places == [(path, line) for path in ("a/test_z.py", "a_b/test_c.py", "test_a.py", "test_b.py") for line in (6, 11)]


# -- paths in messages -------------------------------------------------------------------------

NESTED = {
    "pytest.ini": "[pytest]\n",
    "pkg/tests/conftest.py": """\
        import pytest


        @pytest.fixture
        def tmp_path():
            return 1
        """,
    "pkg/tests/test_a.py": """\
        import pytest


        @pytest.fixture
        def tmp_path():
            return 2


        def test_x(tmp_path):
            assert tmp_path
        """,
    "other/.keep": "",
}
MESSAGE = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<code>FXL\d+) (?P<text>.*)$")


def _messages(output: str) -> dict[tuple[str, int], str]:
    found = {}
    for line in output.splitlines():
        match = MESSAGE.match(line)
        if match:
            found[(match.group("path").removeprefix("./"), int(match.group("line")))] = match.group("text")
    return found


@pytest.mark.parametrize(
    ("cwd", "target", "shown_file", "shown_conftest"),
    [
        ("", "pkg", "pkg/tests/test_a.py", "pkg/tests/conftest.py"),
        ("pkg", ".", "tests/test_a.py", "tests/conftest.py"),
        ("pkg/tests", ".", "test_a.py", "conftest.py"),
        ("other", "../pkg", "../pkg/tests/test_a.py", "../pkg/tests/conftest.py"),
    ],
    ids=["rootdir", "below", "two-below", "beside"],
)
def test_message_paths_are_relative_to_the_current_directory(
    tmp_path: Path, cwd: str, target: str, shown_file: str, shown_conftest: str
) -> None:
    root = write_tree(tmp_path / "nested", NESTED)
    proc = run(root / cwd, "--preview", "--select", "FXL401", "--output-format", "concise", target)
    found = _messages(proc.stdout)
    assert found[(shown_file, 5)] == f"fixture `tmp_path` overrides `tmp_path` ({shown_conftest}:5)", proc.stdout
    if cwd:
        assert "pkg/tests/conftest.py" not in proc.stdout or cwd == "other"


def test_flake8_and_the_language_server_show_the_same_paths_as_the_cli(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "nested", NESTED)
    root.joinpath("pyproject.toml").write_text("[tool.fixture-lint]\npreview = true\n")
    cwd = root / "pkg"
    cli = _messages(run(cwd, "--select", "FXL401", "--output-format", "concise", ".").stdout)
    assert cli[("tests/test_a.py", 5)] == "fixture `tmp_path` overrides `tmp_path` (tests/conftest.py:5)"
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "FXL401", "--format", "%(path)s:%(row)d:%(col)d: %(code)s %(text)s", "tests"],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )
    assert _messages(flake8.stdout) == cli, flake8.stdout + flake8.stderr
    script = textwrap.dedent(
        """\
        import json, sys
        from pathlib import Path
        from fixture_lint.plugins import registry
        from fixture_lint.server.core import Checker

        checker = Checker(registry(), on_config_error=print, warn=print)
        path = Path(sys.argv[1]).resolve()
        checked = checker.check(path, path.read_text())
        print(json.dumps([[d.code, d.line, d.message] for d in checked.diagnostics]))
        """
    )
    server = subprocess.run(
        [sys.executable, "-c", script, "tests/test_a.py"], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    lsp = {(code, line): message for code, line, message in json.loads(server.stdout.splitlines()[-1])}
    assert lsp[("FXL401", 5)] == cli[("tests/test_a.py", 5)]
