import sqlite3

import pytest


@pytest.fixture(scope="module")
def db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE temp_data (value TEXT)")
    yield conn
    conn.close()


@pytest.fixture
def cursor(db):
    return db.cursor()


def test_clears(db):
    db.execute("DELETE FROM temp_data")  # expect: FXL501:5


def test_fills(cursor):
    cursor.execute("INSERT INTO temp_data VALUES ('x')")  # expect: FXL501:5


def test_reads(db):
    assert db.execute("SELECT count(*) FROM temp_data").fetchone() == (0,)


def test_other_table(db):
    db.execute("INSERT INTO unrelated VALUES (1)")


def test_cleans_up_after_itself(db):
    db.execute("INSERT INTO temp_data VALUES ('y')")
    db.execute("DELETE FROM temp_data")


def test_rolls_back(db):
    try:
        db.execute("UPDATE temp_data SET value = 'z'")
    finally:
        db.rollback()
