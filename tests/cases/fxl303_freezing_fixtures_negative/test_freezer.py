import datetime

import pytest


def test_freezer_parameter(freezer):
    freezer.move_to("2024-01-31")
    assert datetime.date.today().day == 31


@pytest.mark.usefixtures("freezer")
def test_freezer_usefixtures():
    assert datetime.date.today()


@pytest.mark.usefixtures("freezer")
class TestFrozen:
    def test_method(self):
        assert datetime.date.today()


def test_time_machine(time_machine):
    time_machine.move_to(datetime.datetime(2024, 1, 31))
    assert datetime.date.today().day == 31


@pytest.fixture
def stamp(freezer):
    return datetime.datetime.now()
