import sqlite3

import pytest


def make_db(path):
    return sqlite3.connect(path)


@pytest.fixture
def db(tmp_path):
    conn = make_db(tmp_path / "app.db")  # expect: FXL103:12
    return conn


@pytest.fixture
def closed_db(tmp_path):
    conn = make_db(tmp_path / "app.db")
    yield conn
    conn.close()


@pytest.fixture
def finalized_db(tmp_path, request):
    conn = make_db(tmp_path / "app.db")
    request.addfinalizer(conn.close)
    return conn


@pytest.fixture
def managed_db(tmp_path):
    with make_db(tmp_path / "app.db") as conn:
        yield conn
