import pytest as pt


@pt.fixture(name="db")
def other_database():  # expect: FXL401:1
    return {"other": True}


def test_db(db):
    assert db
