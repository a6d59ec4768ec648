import sqlite3

import pytest


@pytest.fixture
def make_db():
    created = []

    def make(name):
        conn = sqlite3.connect(name)
        created.append(conn)
        return conn

    yield make
    for conn in created:
        conn.close()


@pytest.fixture
def make_db_finalized(request):
    def make(name):
        conn = sqlite3.connect(name)
        request.addfinalizer(conn.close)
        return conn

    return make


def test_two_dbs(make_db, make_db_finalized):
    assert make_db(":memory:") is not make_db_finalized(":memory:")
