import datetime


def test_live(report):
    assert datetime.date.today().day == report.day  # expect: FXL303:12
