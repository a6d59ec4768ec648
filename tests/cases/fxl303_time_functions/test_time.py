import time
from time import time as now


def test_timestamp():
    assert time.time() > 0  # expect: FXL303:12


def test_timestamp_ns():
    assert time.time_ns() > 0  # expect: FXL303:12


def test_alias():
    assert now() > 0  # expect: FXL303:12


def test_localtime():
    assert time.localtime().tm_year  # expect: FXL303:12


def test_strftime():
    assert time.strftime("%Y")  # expect: FXL303:12
