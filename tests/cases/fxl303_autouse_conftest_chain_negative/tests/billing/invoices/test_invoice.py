import datetime

import pytest


def test_due_date():
    assert datetime.date.today().day == 31


@pytest.fixture
def issued():
    return datetime.datetime.now()


def test_issued(issued):
    assert issued.day == 31
