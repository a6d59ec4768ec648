import datetime

from freezegun import freeze_time

from myapp import utc_now


@freeze_time("2024-01-01")
def test_frozen_by_decorator():
    assert utc_now().year == 2024


def test_frozen_in_a_block():
    with freeze_time("2024-01-01"):
        assert utc_now().date() == datetime.date(2024, 1, 1)


def test_frozen_by_fixture(freezer):
    assert utc_now().year == 2024


def test_a_duration():
    start = utc_now()
    assert utc_now() >= start
