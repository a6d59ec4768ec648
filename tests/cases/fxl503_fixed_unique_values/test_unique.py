import sqlite3
import uuid

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


def test_sql_literal(db):
    db.execute("INSERT INTO users (email, name) VALUES ('alice@example.com', 'Alice')")  # expect: FXL501:5, FXL503:5


def test_parameter(db):
    db.execute("INSERT INTO users (username) VALUES (?)", ("bob",))  # expect: FXL501:5, FXL503:60


def test_orm_keyword(session):
    session.add(User(email="carol@example.com"))  # expect: FXL503:28
    session.commit()


def test_unique_per_test(db):
    db.execute("INSERT INTO users (email) VALUES (?)", (f"{uuid.uuid4().hex}@example.com",))  # expect: FXL501:5


def test_not_unique_column(db):
    db.execute("INSERT INTO users (name) VALUES ('Dave')")  # expect: FXL501:5


def test_removes_it(db):
    db.execute("INSERT INTO users (email) VALUES ('erin@example.com')")
    db.execute("DELETE FROM users")


def test_reader(db):
    assert db.execute("SELECT * FROM users").fetchall() is not None
