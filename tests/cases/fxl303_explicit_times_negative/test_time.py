import time
from datetime import date, datetime, timezone


def test_explicit_timestamp():
    assert time.localtime(0).tm_year == 1970
    assert time.gmtime(86400).tm_mday == 2
    assert time.strftime("%Y", time.gmtime(0)) == "1970"
    assert time.ctime(0)


def test_fixed_dates():
    assert date(2024, 1, 31).isoformat() == "2024-01-31"
    assert datetime.fromtimestamp(0, tz=timezone.utc).year == 1970


def test_monotonic_clocks():
    start = time.monotonic()
    begin = time.perf_counter()
    assert time.monotonic() >= start
    assert time.perf_counter_ns() and begin
