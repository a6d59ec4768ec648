import sqlite3

import pytest


@pytest.fixture(scope="module")
def per_module(tmp_path_factory):
    conn = sqlite3.connect(tmp_path_factory.mktemp("db") / "m.db")
    yield conn
    conn.close()


def test_writes(per_module):
    per_module.execute("INSERT INTO t VALUES (1)")  # expect: FXL501:5


def test_reads(per_module):
    assert per_module.execute("SELECT * FROM t").fetchall()


@pytest.fixture
def fresh():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()


def test_fresh_writes(fresh):
    fresh.execute("INSERT INTO t VALUES (1)")


def test_fresh_reads(fresh):
    assert fresh.execute("SELECT * FROM t").fetchall() == []
