import sqlite3

import pytest


@pytest.fixture
def orders_db(tmp_path):
    conn = sqlite3.connect(tmp_path / "orders.db")  # FXL103: never closed; the file stays locked
    conn.execute("create table orders (id integer primary key, placed_on text)")
    return conn
