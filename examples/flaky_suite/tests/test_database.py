"""Database state between tests (FXL5) and a connection left open (FXL105)."""
import sqlite3

import pytest
from sqlalchemy import text


@pytest.fixture(scope="module")
def db():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE)")
    yield conn
    conn.close()


def test_signup(db):
    # FXL501 (the insert reaches test_user_count), FXL503 (a fixed email), FXL502 (the id)
    cur = db.execute("INSERT INTO users (email) VALUES (?)", ("alice@example.com",))
    assert cur.lastrowid == 1


def test_user_count(db):
    assert db.execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_rename(session):
    user = session.get(User, 1)
    session.execute(text("UPDATE users SET email = 'bob@example.com'"))
    assert user.email == "bob@example.com"  # FXL504: the identity map still holds the old row


def test_export(tmp_path):
    conn = sqlite3.connect(tmp_path / "export.db")  # FXL105: never closed
    assert conn.execute("SELECT 1").fetchone() == (1,)
