import time


def test_start_is_also_reported():
    start = time.time()  # expect: FXL303:13
    assert time.time() - start < 5
    assert start > 1_600_000_000


def test_an_hour_ago():
    assert time.time() - 3600 > 0  # expect: FXL303:12
