import sqlite3

import pytest


@pytest.fixture(scope="session")
def db():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def session():
    from sqlalchemy.orm import Session
    s = Session()
    yield s
    s.close()


def test_lastrowid(db):
    cur = db.execute("INSERT INTO users (name) VALUES ('x')")  # expect: FXL501:11
    assert cur.lastrowid == 1  # expect: FXL502:12


def test_row_id(db):
    db.execute("INSERT INTO users (name) VALUES ('y')")  # expect: FXL501:5
    row = db.execute("SELECT id, name FROM users WHERE name = 'y'").fetchone()
    assert row[0] == 2  # expect: FXL502:12
    assert row[1] == "y"


def test_orm_id(session):
    user = User(name="z")
    session.add(user)
    session.commit()
    assert user.id == 1  # expect: FXL502:12
    assert session.query(User).count() >= 1


def test_compares_with_returned_id(db):
    cur = db.execute("INSERT INTO users (name) VALUES ('w')")  # expect: FXL501:11
    row = db.execute("SELECT id FROM users WHERE id = ?", (cur.lastrowid,)).fetchone()
    assert row[0] == cur.lastrowid


def test_no_insert(db):
    row = db.execute("SELECT id FROM users").fetchone()
    assert row[0] == 1
