import pytest


def test_rollback_fixture(db):
    db.execute("DELETE FROM temp_data")


def test_rollback_reader(db):
    assert db.execute("SELECT * FROM temp_data").fetchall() == []


def test_truncated_after_each(shared):
    shared.execute("INSERT INTO temp_data VALUES (1)")


def test_truncated_reader(shared):
    assert shared.execute("SELECT * FROM temp_data").fetchall() == []


@pytest.mark.django_db
def test_django_mark(shared):
    shared.execute("INSERT INTO temp_data VALUES (2)")
