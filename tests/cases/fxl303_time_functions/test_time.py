import time
from time import time as now


def test_timestamp(event):
    assert event.created == int(time.time())  # expect: FXL303:33


def test_timestamp_ns(event):
    assert event.created_ns == time.time_ns()  # expect: FXL303:32


def test_alias(event):
    assert event.created == now()  # expect: FXL303:29


def test_localtime():
    assert time.localtime().tm_year  # expect: FXL303:12


def test_strftime():
    assert time.strftime("%Y")  # expect: FXL303:12
