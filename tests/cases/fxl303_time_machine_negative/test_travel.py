import datetime as dt

import time_machine


@time_machine.travel(dt.datetime(2024, 1, 31, tzinfo=dt.timezone.utc))
def test_travel_decorator():
    assert dt.date.today().day == 31


def test_travel_context():
    with time_machine.travel(0, tick=False):
        assert dt.datetime.now().year == 1970
