import datetime

import pytest


@pytest.fixture(autouse=True)
def freeze_every_test(freezer):
    pass


@pytest.fixture(scope="session")
def session_stamp():
    # set up before the function-scoped autouse freezer: the real clock
    return datetime.datetime.now()  # expect: FXL303:12


def test_session_stamp(session_stamp):
    assert session_stamp.date() == datetime.datetime.now().date()
