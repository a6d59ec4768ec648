import datetime

import pytest


def test_direct(frozen):
    assert datetime.date.today().day == 31


def test_through_another_fixture(billing_clock):
    assert datetime.date.today().day == 31


@pytest.mark.usefixtures("frozen")
def test_usefixtures():
    assert datetime.date.today().day == 31
