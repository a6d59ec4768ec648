import sqlite3

import pytest


@pytest.fixture
def db(tmp_path):
    conn = sqlite3.connect(tmp_path / "app.db")  # expect: FXL103:12
    conn.execute("create table users (name text)")
    return conn
