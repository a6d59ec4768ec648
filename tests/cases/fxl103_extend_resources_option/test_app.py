import pytest
from myapp import db, jobs


@pytest.fixture
def conn():
    connection = db.connect("postgres://test")  # expect: FXL103:18
    return connection


@pytest.fixture
def job():
    handle = jobs.spawn("worker")  # expect: FXL103:14
    return handle


@pytest.fixture
def closed_conn():
    connection = db.connect("postgres://test")
    yield connection
    connection.close()


def test_app(conn, job, closed_conn):
    assert conn is not None
