"""Hostile and unlucky input through the real CLI: no traceback, no hang, nothing written
outside the checked tree. Every run has a timeout; a hang fails the test instead of CI.

The long, randomised part (mutated caches and configurations, generated programs) is in
``test_hostile_slow.py`` behind the ``slow`` marker.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

from helpers import write_tree

TIMEOUT = 30
TEST_FILE = "import os\n\ndef test_env():\n    os.environ['A'] = '1'\n"


def fxl(cwd: Path, *args: str, stdin: Optional[bytes] = None, env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(
        [sys.executable, "-m", "fixture_lint", *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
    )
    assert "Traceback" not in run.stderr, run.stderr
    return run


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every path below ``root`` with its mode, size and (for regular files) content."""
    found: dict[str, tuple[int, int, bytes]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
            found[str(path.relative_to(root))] = (info.st_mode, info.st_size, data)
    return found


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_env.py": TEST_FILE})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_on_the_command_line_is_refused_not_read(suite: Path) -> None:
    os.mkfifo(suite / "test_pipe.py")
    run = fxl(suite, "--no-cache", "--output-format", "concise", "test_pipe.py", "test_env.py")
    assert run.returncode == 1
    assert "test_pipe.py:1:1: FXL000 cannot check this file: cannot read: a FIFO (named pipe), not a regular file" in run.stdout
    assert "test_env.py:4:5: FXL301" in run.stdout  # the other file is still checked


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_walked_in_a_directory_does_not_hang(suite: Path) -> None:
    os.mkfifo(suite / "test_pipe.py")
    run = fxl(suite, "--no-cache", "--output-format", "concise", ".")
    assert "test_env.py:4:5: FXL301" in run.stdout
    # handled as when it is named: refused with FXL000, never read, never silently skipped
    assert "test_pipe.py:1:1: FXL000 cannot check this file: cannot read: a FIFO (named pipe), not a regular file" in run.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_as_config_is_a_configuration_error(suite: Path) -> None:
    os.mkfifo(suite / "fifo.toml")
    run = fxl(suite, "--no-cache", "--config", "fifo.toml", ".")
    assert run.returncode == 2
    assert "fifo.toml: cannot read: a FIFO (named pipe), not a regular file" in run.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_symlink_to_dev_zero_is_refused(suite: Path) -> None:
    (suite / "test_zero.py").symlink_to("/dev/zero")
    run = fxl(suite, "--no-cache", "--output-format", "concise", "test_zero.py")
    assert "test_zero.py:1:1: FXL000 cannot check this file: cannot read: a character device, not a regular file" in run.stdout


def test_files_over_the_size_limit_are_reported_and_the_limit_is_configurable(suite: Path) -> None:
    (suite / "test_big.py").write_text("x = 1\n" * 200)
    (suite / "pyproject.toml").write_text("[tool.fixture-lint]\nmax-file-size = 1000\n")
    run = fxl(suite, "--no-cache", "--output-format", "concise", ".")
    assert "test_big.py:1:1: FXL000 cannot check this file: cannot read: larger than the 1,000-byte limit (max-file-size): 1,200 bytes" in run.stdout
    assert "test_env.py:4:5: FXL301" in run.stdout
    (suite / "pyproject.toml").write_text("[tool.fixture-lint]\nmax-file-size = \"1kb\"\n")
    run = fxl(suite, "--no-cache", ".")
    assert run.returncode == 2
    assert "max-file-size = '1kb': expected a positive integer (bytes), got string" in run.stderr


@pytest.mark.parametrize("text", ['tool = 1\n', 'tool = "x"\n', '[tool]\nfixture-lint = 3\n'])
def test_pyproject_whose_tool_is_not_a_table_is_an_error_naming_the_file(suite: Path, text: str) -> None:
    (suite / "pyproject.toml").write_text(text)
    run = fxl(suite, "--no-cache", ".")
    assert run.returncode == 2, run.stdout
    assert str(suite / "pyproject.toml") in run.stderr
    assert "must be a table" in run.stderr


def many_findings(root: Path, count: int = 400) -> None:
    lines = ["import os", ""]
    for index in range(count):
        lines += [f"def test_{index}():", f"    os.environ['K{index}'] = 'v'", ""]
    (root / "test_many.py").write_text("\n".join(lines))


@pytest.mark.parametrize("output_format", ["full", "concise", "json", "github", "sarif"])
def test_a_closed_pipe_ends_quietly_with_exit_0(suite: Path, output_format: str) -> None:
    many_findings(suite)  # well over 64 KiB of output in every format
    proc = subprocess.Popen(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "--output-format", output_format, "."],
        cwd=suite, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # as `| head -c 100` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=TIMEOUT) == 0
    assert err == ""


def test_ctrl_c_ends_with_130_and_one_line(suite: Path) -> None:
    import signal
    import time

    for index in range(600):
        (suite / f"test_slow_{index}.py").write_text(TEST_FILE * 40)
    proc = subprocess.Popen(
        [sys.executable, "-m", "fixture_lint", "--no-cache", "--jobs", "2", "."],
        cwd=suite, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(2.5)  # past start-up, even on a loaded machine: this is about the run
    os.killpg(proc.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl-C does
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=TIMEOUT)
    if code == 1:  # the run finished before the signal: nothing to assert about Ctrl-C
        pytest.skip("the run ended before Ctrl-C arrived")
    assert code == 130
    assert err.strip() == "fixture-lint: interrupted"


# -- the cache -------------------------------------------------------------------------


def test_a_foreign_cache_dir_is_refused_and_nothing_is_written_there(suite: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine\n")
    before = snapshot(foreign)
    run = fxl(suite, "--cache-dir", str(foreign), ".")
    assert run.returncode == 2
    assert f"cache directory {foreign} already exists and is not fixture-lint's" in run.stderr
    (suite / "pyproject.toml").write_text('[tool.fixture-lint]\ncache-dir = "tests_dir"\n')
    (suite / "tests_dir").mkdir()
    (suite / "tests_dir" / "test_x.py").write_text("def test_x():\n    pass\n")
    run = fxl(suite, ".")
    assert run.returncode == 2 and "tests_dir already exists and is not fixture-lint's" in run.stderr
    assert sorted(p.name for p in (suite / "tests_dir").iterdir()) == ["test_x.py"]
    assert snapshot(foreign) == before


def test_the_cache_dir_is_created_with_a_marker_and_reused(suite: Path) -> None:
    assert fxl(suite, "--cache-dir", "c", ".").returncode == 1
    assert (suite / "c" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert fxl(suite, "--cache-dir", "c", ".").returncode == 1  # its own directory is accepted
    (suite / "empty").mkdir()
    assert fxl(suite, "--cache-dir", "empty", ".").returncode == 1  # an empty one is adopted


def test_a_cache_dir_that_is_a_file_or_a_symlink_is_refused(suite: Path, tmp_path: Path) -> None:
    (suite / "afile").write_text("x")
    assert fxl(suite, "--cache-dir", "afile", ".").returncode == 2
    (suite / "link").symlink_to(tmp_path)
    run = fxl(suite, "--cache-dir", "link", ".")
    assert run.returncode == 2 and "not a directory of fixture-lint's own" in run.stderr


def test_stale_temp_files_of_a_killed_run_are_removed(suite: Path) -> None:
    assert fxl(suite, "--cache-dir", "c", ".").returncode == 1
    stale = suite / "c" / ".results-killed.tmp"
    stale.write_text("")
    os.utime(stale, (1_000_000, 1_000_000))
    (suite / "test_env.py").write_text(TEST_FILE + "\n")  # something to write again
    assert fxl(suite, "--cache-dir", "c", ".").returncode == 1
    assert not stale.exists()


def _mutations(data: bytes, count: int, seed: int) -> list[tuple[bytes, bool]]:
    """Mutated cache files, each with whether its checksum still matches (a forged but
    well-formed cache can only be validated, not detected: no crash, but its findings
    may be what the forger wrote)."""
    import json
    import random

    from fixture_lint.cache import content_hash

    rng = random.Random(seed)
    header_line, _, body = data.partition(b"\n")
    header = json.loads(header_line)
    document = json.loads(body)
    out = []
    junk = [None, 0, -1, 2**40, "", "x", [], {}, [1, 2], {"a": 1}, True, 1.5]
    for _ in range(count):
        choice = rng.randrange(4)
        if choice == 0:  # flip bytes
            raw = bytearray(data)
            for _ in range(rng.randrange(1, 8)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            out.append((bytes(raw), False))
        elif choice == 1:  # truncate
            out.append((data[: rng.randrange(len(data))], False))
        else:  # replace one value deep inside with junk
            doc = json.loads(json.dumps(document))
            node = doc
            path = []
            while isinstance(node, (dict, list)) and node and rng.random() < 0.8:
                key = rng.choice(list(node)) if isinstance(node, dict) else rng.randrange(len(node))
                path.append((node, key))
                node = node[key]
            if path:
                parent, key = path[-1]
                parent[key] = rng.choice(junk)
            new_body = json.dumps(doc).encode()
            forged = choice == 3  # a consistent checksum: only validation can catch it
            head = {**header, "checksum": content_hash(new_body)} if forged else header
            out.append((json.dumps(head).encode() + b"\n" + new_body, forged))
    return out


def cache_mutation_round(suite: Path, count: int, seed: int) -> None:
    """Mutated cache files: each run warns at most once, never crashes, and reports
    exactly what a run without the cache reports."""
    (suite / "test_fix.py").write_text("import pytest\n\n@pytest.fixture(scope='session')\ndef data():\n    return [1]\n\ndef test_a(data):\n    data.append(2)\n")
    expected = fxl(suite, "--no-cache", "--output-format", "concise", ".").stdout
    assert fxl(suite, "--cache-dir", "c", ".").returncode == 1
    results = suite / "c" / "results.json"
    good = results.read_bytes()
    for mutated, forged in _mutations(good, count, seed):
        results.write_bytes(mutated)
        run = fxl(suite, "--cache-dir", "c", "--output-format", "concise", ".")
        assert run.returncode in (0, 1), run.stderr
        if not forged:
            assert run.stdout == expected
        assert len(run.stderr.splitlines()) <= 1, run.stderr  # one warning at most


def test_mutated_cache_files_are_discarded_with_one_warning(suite: Path) -> None:
    cache_mutation_round(suite, count=12, seed=7)


# -- fixing --------------------------------------------------------------------------

FIXABLE = "import os\n\ndef test_env():\n    os.environ['A'] = '1'\n"


def test_fix_never_writes_through_a_symlink_that_leaves_the_tree(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "outside", {"test_target.py": FIXABLE})
    suite = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_inside.py": FIXABLE})
    (suite / "test_link.py").symlink_to(outside / "test_target.py")
    before = snapshot(outside)
    run = fxl(suite, "--no-cache", "--fix", "--unsafe-fixes", "test_link.py", "test_inside.py")
    assert run.returncode == 2
    assert f"test_link.py: a symlink to {outside / 'test_target.py'}, outside the checked tree; not fixed" in run.stderr
    assert snapshot(outside) == before
    assert "monkeypatch.setenv" in (suite / "test_inside.py").read_text()  # the rest is fixed
    # A link that stays inside the tree is followed.
    (suite / "real").mkdir()
    (suite / "real" / "test_real.py").write_text(FIXABLE)
    (suite / "test_inner_link.py").symlink_to(suite / "real" / "test_real.py")
    run = fxl(suite, "--no-cache", "--fix", "--unsafe-fixes", "test_inner_link.py")
    assert "monkeypatch.setenv" in (suite / "real" / "test_real.py").read_text(), run.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to own files as another user")
def test_fix_as_root_keeps_the_owner_group_and_mode(tmp_path: Path) -> None:
    suite = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_env.py": FIXABLE})
    target = suite / "test_env.py"
    os.chown(target, 12345, 23456)
    os.chmod(target, 0o640)
    run = fxl(suite, "--no-cache", "--fix", "--unsafe-fixes", ".")
    assert run.returncode == 0, run.stderr
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (12345, 23456, 0o640)
    assert "monkeypatch.setenv" in target.read_text()


def test_fix_refuses_when_the_owner_cannot_be_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fixture_lint import fixing
    from helpers import run_cli

    suite = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_env.py": FIXABLE})
    target = suite / "test_env.py"
    real_stat = os.stat

    def other_owner(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        info = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(target):
            return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid + 1, info.st_gid, info.st_size, int(info.st_atime), int(info.st_mtime), int(info.st_ctime)))
        return info

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(fixing.os, "stat", other_owner)
    monkeypatch.setattr(fixing.os, "chown", refuse)
    before = target.read_bytes()
    run = run_cli(["--no-cache", "--fix", "--unsafe-fixes", "."], cwd=suite)
    assert run.code == 2
    assert "test_env.py: cannot keep the file's owner and group (Operation not permitted); the file is left unchanged" in run.err
    assert target.read_bytes() == before
    assert [p.name for p in suite.iterdir() if p.name.endswith(".tmp")] == []


def test_a_killed_fix_leaves_no_temp_file_for_long(tmp_path: Path) -> None:
    suite = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_env.py": FIXABLE})
    stale = suite / ".test_env.py.abc123.fixture-lint.tmp"
    stale.write_bytes(b"")
    os.utime(stale, (1_000_000, 1_000_000))
    assert fxl(suite, "--no-cache", "--fix", "--unsafe-fixes", ".").returncode == 0
    assert not stale.exists()


# -- CR-only line endings ----------------------------------------------------------------

CR_SUITE = (
    "import datetime\r"
    "import os\r"
    "import socket\r"
    "\r"
    "def test_bind():\r"
    "    sock = socket.socket()\r"
    "    sock.bind(('127.0.0.1', 8080))\r"
    "    sock.close()\r"
    "\r"
    "def test_day():\r"
    "    assert datetime.date.today().day == 1\r"
    "\r"
    "def test_env():\r"
    "    os.environ['A'] = '1'  # noqa: FXL301\r"
    "\r"
    "def test_env2():\r"
    "    os.environ['B'] = '1'\r"
)


def test_cr_only_files_behave_as_lf_files_in_the_cli_and_flake8(tmp_path: Path) -> None:
    lf = write_tree(tmp_path / "lf", {"pytest.ini": "[pytest]\n"})
    cr = write_tree(tmp_path / "cr", {"pytest.ini": "[pytest]\n"})
    (lf / "test_mixed.py").write_bytes(CR_SUITE.replace("\r", "\n").encode())
    (cr / "test_mixed.py").write_bytes(CR_SUITE.encode())

    def found(root: Path) -> list[str]:
        run = fxl(root, "--no-cache", "--output-format", "concise", ".")
        return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in run.stdout.splitlines() if ": FXL" in line]

    expected = found(lf)
    assert [item.split(":")[1] + item[-7:] for item in expected] == ["7 FXL302", "11 FXL303", "17 FXL301"]
    assert found(cr) == expected
    flake = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", "."],
        cwd=cr, capture_output=True, text=True, timeout=TIMEOUT,
    )
    assert sorted(line.split(" ")[0].removeprefix("./") + " " + line.split(" ")[1] for line in flake.stdout.splitlines()) == sorted(expected)


def test_fixing_a_cr_only_file_keeps_every_cr(tmp_path: Path) -> None:
    cr = write_tree(tmp_path / "cr", {"pytest.ini": "[pytest]\n"})
    target = cr / "test_mixed.py"
    target.write_bytes(CR_SUITE.encode())
    fxl(cr, "--no-cache", "--fix", "--unsafe-fixes", ".")
    data = target.read_bytes()
    assert b"\n" not in data and data.endswith(b"\r")
    assert b"monkeypatch.setenv" in data


# -- the walk ----------------------------------------------------------------------------


def test_directory_symlink_loops_are_walked_once_and_said(suite: Path) -> None:
    (suite / "a").mkdir()
    (suite / "a" / "test_in_a.py").write_text(TEST_FILE)
    (suite / "a" / "back").symlink_to(suite)  # a -> .. -> a ...
    (suite / "b").symlink_to(suite / "b")  # points at itself
    (suite / "c").symlink_to(suite / "d")
    (suite / "d").symlink_to(suite / "c")  # two links pointing at each other
    run = fxl(suite, "--no-cache", "--output-format", "concise", ".")
    findings = [line for line in run.stdout.splitlines() if ": FXL" in line]
    assert findings == sorted(set(findings))  # every finding once
    assert sum("test_in_a.py" in line for line in findings) == 1
    assert sum("test_env.py" in line for line in findings) == 1
    assert "b: a symlink loop; skipped" in run.stderr


def test_over_long_and_undecodable_names(suite: Path) -> None:
    deep = suite
    for _ in range(3):
        deep = deep / ("d" * 200)
    deep.mkdir(parents=True)
    (deep / "test_deep.py").write_text(TEST_FILE)
    odd = os.fsencode(str(suite)) + b"/test_caf\xe9.py"
    with open(odd, "wb") as handle:
        handle.write(TEST_FILE.encode())
    for output_format in ("full", "concise", "json", "github", "sarif"):
        run = fxl(suite, "--no-cache", "--output-format", output_format, ".")
        assert run.returncode == 1, run.stderr
        assert "test_caf" in run.stdout and "test_deep.py" in run.stdout


import shutil as _shutil

# Root reads everything; without the capabilities that let it (setpriv, util-linux), it
# meets the permissions a normal user meets.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def _unprivileged(args: list[str], cwd: Path, stdin: Optional[str] = None) -> subprocess.CompletedProcess[str]:
    prefix = UNPRIVILEGED if os.geteuid() == 0 else []
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "fixture_lint", "--no-cache", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=TIMEOUT,
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.skipif(os.geteuid() == 0 and _shutil.which("setpriv") is None, reason="needs setpriv to drop root's read override")
def test_unreadable_directories_are_warnings_or_errors_never_tracebacks(tmp_path: Path) -> None:
    suite = write_tree(tmp_path / "suite", {"pytest.ini": "[pytest]\n", "test_env.py": TEST_FILE, "locked/test_x.py": TEST_FILE})
    clean = write_tree(tmp_path / "clean", {"pytest.ini": "[pytest]\n", "test_ok.py": "def test_ok():\n    pass\n", "locked/x": ""})
    os.chmod(suite / "locked", 0o000)
    os.chmod(clean / "locked", 0o000)
    try:
        walked = _unprivileged(["--output-format", "concise", "."], suite)
        assert walked.returncode == 1
        assert "locked: cannot be read (permission denied); skipped" in walked.stderr
        assert "test_env.py:4:5: FXL301" in walked.stdout
        named = _unprivileged(["--output-format", "concise", "locked/test_x.py"], suite)
        assert named.returncode in (1, 2)
        assert "locked/test_x.py" in named.stdout + named.stderr
        buffer = _unprivileged(["--stdin-filename", "locked/test_x.py"], suite, stdin=TEST_FILE)
        assert buffer.returncode in (0, 1, 2)
        quiet = _unprivileged(["."], clean)
        assert "All checks passed!" not in quiet.stdout  # a skipped part is never "all passed"
        assert "locked: cannot be read (permission denied); skipped" in quiet.stderr
    finally:
        os.chmod(suite / "locked", 0o755)
        os.chmod(clean / "locked", 0o755)


# -- configuration of every file, at every level --------------------------------------


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = {a = 1}\n", "[tool.pytest.ini_options] testpaths = {'a': 1}: expected a string or a list, got a table"),
        ("pyproject.toml", "[tool.pytest]\nnorecursedirs = 5\n", "pytest option norecursedirs = 5: expected a string or a list of strings"),
        ("pyproject.toml", "[tool.pytest]\naddopts = 3\n", "pytest option addopts = 3: expected a string or a list of strings"),
        ("pyproject.toml", "[tool]\npytest = 3\n", "[tool.pytest] must be a table, got int"),
        ("pyproject.toml", "[tool.pytest]\nini_options = 2\n", "[tool.pytest.ini_options] must be a table, got int"),
        ("pyproject.toml", "x = [\n", "not valid TOML"),
        ("pytest.toml", "pytest = 1\n", "[pytest] must be a table, got int"),
        ("setup.cfg", "[tool:pytest\n", "cannot read the pytest configuration"),
        ("tox.ini", "[pytest]\n  indented_without_key\nx", "cannot read the pytest configuration"),
    ],
)
def test_every_pytest_configuration_of_the_wrong_shape_is_an_error_naming_the_file(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    root = write_tree(tmp_path / "suite", {"test_env.py": TEST_FILE})
    (root / name).write_text(text)
    for args in (["."], ["--show-files", "."]):
        run = fxl(root, "--no-cache", *args)
        assert run.returncode == 2, (run.stdout, run.stderr)
        assert f"{root / name}: " in run.stderr and expected in run.stderr, run.stderr
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "FXL", "."], cwd=root, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert "Traceback" not in flake8.stderr and flake8.returncode != 0
    assert expected in flake8.stdout + flake8.stderr
