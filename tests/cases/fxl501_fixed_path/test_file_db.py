import sqlite3

import pytest


@pytest.fixture
def conn():
    connection = sqlite3.connect("test.db")  # expect: FXL307:18
    yield connection
    connection.close()


def test_creates(conn):
    conn.execute("CREATE TABLE items (name TEXT)")  # expect: FXL501:5


def test_fresh_per_test(tmp_path):
    connection = sqlite3.connect(tmp_path / "x.db")
    try:
        connection.execute("CREATE TABLE items (name TEXT)")
    finally:
        connection.close()
