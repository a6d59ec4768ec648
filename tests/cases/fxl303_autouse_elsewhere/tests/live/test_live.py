import datetime


def test_live():
    assert datetime.date.today().day  # expect: FXL303:12
