from myapp.clock import utc_now
from myapp.testing import frozen_clock


def test_custom_clock(report):
    assert utc_now().date() == report.day  # expect: FXL303:12


@frozen_clock("2024-01-31")
def test_custom_freezer(report):
    assert utc_now().date() == report.day


def test_custom_fixture(fake_clock, report):
    assert utc_now().date() == report.day
