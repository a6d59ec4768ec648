import time
from time import time as now


def test_timestamp(event):
    assert event.created == int(time.time())  # expect: FXL303:33


def test_timestamp_ns(event):
    assert event.created_ns // 10**9 == time.time_ns() // 10**9  # expect: FXL303:41


def test_alias(event):
    assert event.created == int(now())  # expect: FXL303:33


def test_localtime(report):
    assert time.localtime().tm_year == report.year  # expect: FXL303:12


def test_strftime(report):
    assert time.strftime("%Y") in report.header  # expect: FXL303:12
