import datetime


def test_frozen():
    assert datetime.date.today().day == 31
