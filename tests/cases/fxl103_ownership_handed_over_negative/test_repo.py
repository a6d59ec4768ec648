import sqlite3

import pytest


class Repository:
    def __init__(self, conn):
        self.conn = conn

    def close(self):
        self.conn.close()


@pytest.fixture
def repo():
    conn = sqlite3.connect(":memory:")
    repository = Repository(conn)
    yield repository
    repository.close()


@pytest.fixture
def connection_with_cleanup():
    conn = sqlite3.connect(":memory:")
    yield conn
    cleanup(conn)


def cleanup(conn):
    conn.close()


def test_repo(repo, connection_with_cleanup):
    assert repo.conn is not None
