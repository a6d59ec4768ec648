import sqlite3

import pytest


@pytest.fixture
def orders_db(tmp_path):
    conn = sqlite3.connect(tmp_path / "orders.db")  # FXL103: never closed; the file stays locked
    conn.execute("create table orders (id integer primary key, placed_on text)")
    return conn


@pytest.fixture(scope="session")
def report_dir(tmp_path):  # FXL104: a session fixture cannot use the function-scoped tmp_path
    return tmp_path / "reports"
