import sqlite3

import pytest
import sqlalchemy


@pytest.fixture
def cursor():
    conn = sqlite3.connect(":memory:")  # expect: FXL103:12
    return conn.cursor()


@pytest.fixture
def session_cursor():
    return sqlite3.connect(":memory:").cursor()  # expect: FXL103:12


@pytest.fixture
def connection():
    engine = sqlalchemy.create_engine("sqlite://")  # expect: FXL103:14
    conn = engine.connect()
    yield conn
    conn.close()


def test_cursor(cursor, session_cursor, connection):
    cursor.execute("select 1")
