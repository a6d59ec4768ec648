import sqlite3

import pytest


class Client:
    def __init__(self, conn):
        self.conn = conn


@pytest.fixture
def client(tmp_path):
    conn = sqlite3.connect(tmp_path / "app.db")  # expect: FXL103:12
    return Client(conn)


@pytest.fixture
def app(client):
    yield {"client": client}
    print("done")


def test_app(app):
    assert app["client"].conn
