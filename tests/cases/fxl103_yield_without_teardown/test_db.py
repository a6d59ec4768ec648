import sqlite3

import pytest


@pytest.fixture
def db():
    conn = sqlite3.connect(":memory:")  # expect: FXL103:12
    yield conn


@pytest.fixture
def db_direct():
    yield sqlite3.connect(":memory:")  # expect: FXL103:11


def test_db(db, db_direct):
    assert db is not db_direct
