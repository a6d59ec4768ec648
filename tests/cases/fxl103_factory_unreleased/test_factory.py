import sqlite3

import pytest


@pytest.fixture
def make_db():
    def make(name):
        return sqlite3.connect(name)  # expect: FXL103:16

    return make


def test_two_dbs(make_db):
    assert make_db(":memory:") is not make_db(":memory:")
