import atexit
import sqlite3
import weakref

import pytest


class Client:
    def __init__(self, conn):
        self.conn = conn

    def close(self):
        self.conn.close()


@pytest.fixture
def client(tmp_path):
    conn = sqlite3.connect(tmp_path / "app.db")
    return Client(conn)


@pytest.fixture
def app(client):
    # the fixture that builds on `client` owns it and closes it
    yield {"client": client}
    client.close()


@pytest.fixture
def registered(tmp_path):
    conn = sqlite3.connect(tmp_path / "exit.db")
    atexit.register(conn.close)
    return conn


@pytest.fixture
def finalized(tmp_path):
    conn = sqlite3.connect(tmp_path / "weak.db")
    holder = Client(conn)
    weakref.finalize(holder, conn.close)
    return holder


def test_app(app, registered, finalized):
    assert app["client"].conn
