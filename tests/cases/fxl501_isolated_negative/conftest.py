import sqlite3

import pytest


@pytest.fixture(scope="session")
def connection():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture
def db(connection):
    yield connection
    connection.rollback()


@pytest.fixture(scope="module")
def shared():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture(autouse=True)
def truncate(shared):
    yield
    shared.execute("DELETE FROM temp_data")
