from myapp.clock import utc_now
from myapp.testing import frozen_clock


def test_custom_clock():
    assert utc_now()  # expect: FXL303:12


@frozen_clock("2024-01-31")
def test_custom_freezer():
    assert utc_now()


def test_custom_fixture(fake_clock):
    assert utc_now()
