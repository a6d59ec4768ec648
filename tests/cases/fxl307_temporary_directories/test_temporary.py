"""Temporary directories in all their forms are the test's own; the working directory
is shared unless something moved the test into one of them."""
import os
import pathlib
import tempfile

from click.testing import CliRunner


def test_isolated_filesystem():
    runner = CliRunner()
    with runner.isolated_filesystem():
        with open("foo.txt", "wb") as f:
            f.write(b"OLD\n")
        os.mkdir("test")
        here = pathlib.Path(".")
        (here / "one.txt").write_text("one", "utf-8")
        (here / "nested").mkdir()


def test_isolated_filesystem_in_tmp_path(tmp_path):
    with CliRunner().isolated_filesystem(temp_dir=tmp_path):
        pathlib.Path("out.txt").write_text("x")


def test_after_isolated_filesystem():
    runner = CliRunner()
    with runner.isolated_filesystem():
        pass
    with open("after.txt", "w") as f:  # expect: FXL307:10
        f.write("x")


def test_legacy_tmpdir(tmpdir):
    (tmpdir / "one.txt").write_text("x", "utf-8")
    tmpdir.join("two.txt").write("x")


def test_tmp_path_factory(tmp_path_factory):
    base = tmp_path_factory.mktemp("data")
    (base / "one.txt").write_text("x")


def test_tmpdir_factory(tmpdir_factory):
    base = tmpdir_factory.mktemp("data")
    (base / "one.txt").write_text("x")


def test_temporary_directory():
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "x.txt"), "w") as f:
            f.write("x")


def test_mkdtemp():
    tmp = tempfile.mkdtemp()
    pathlib.Path(tmp, "x.txt").write_text("x")


def test_chdir_to_tmp_path(tmp_path):
    os.chdir(tmp_path)  # expect: FXL301:5
    pathlib.Path("here.txt").write_text("x")


def test_monkeypatch_chdir(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    with open("here.txt", "w") as f:
        f.write("x")


def test_cwd_file_no_chdir():
    with open("out.txt", "w") as f:  # expect: FXL307:10
        f.write("x")


def test_absolute_inside_isolated_filesystem():
    with CliRunner().isolated_filesystem():
        pathlib.Path("/tmp/fixed-name.txt").write_text("x")  # expect: FXL307:9
