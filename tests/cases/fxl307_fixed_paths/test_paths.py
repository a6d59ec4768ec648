import os
import shutil
import sqlite3
from pathlib import Path

import pytest

OUT = "out.txt"
HERE = Path(__file__).parent


def test_writes():
    with open("result.txt", "w") as f:  # expect: FXL307:10
        f.write("x")


def test_checks():
    assert not os.path.exists("result.txt")


def test_writes_removed():
    with open("result2.txt", "w") as f:
        f.write("x")
    os.remove("result2.txt")


def test_tmp(tmp_path):
    (tmp_path / "x.txt").write_text("x")


def test_constant():
    Path(OUT).write_text("x")  # expect: FXL307:5


def test_here():
    (HERE / "data.json").write_text("{}")  # expect: FXL307:5


def test_db():
    sqlite3.connect("test.db")  # expect: FXL307:5


def test_memory_db():
    sqlite3.connect(":memory:")


def test_mkdir():
    os.makedirs("build/out")  # expect: FXL307:5


def test_mkdir_exist_ok():
    os.makedirs("build/out", exist_ok=True)


@pytest.fixture
def cleanup():
    yield
    shutil.rmtree("build2", ignore_errors=True)


def test_fixture_cleans(cleanup):
    os.makedirs("build2/out")


def test_chdir(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    Path("here.txt").write_text("x")


def test_read():
    with open("data.txt") as f:
        f.read()
