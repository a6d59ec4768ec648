import datetime

from myapp import today, utc_now
from myapp.clock import fixed_now, now_or, stamp
from myapp import clock


def _report_date():
    return utc_now().date()


def test_report_is_dated_today():
    assert make_report()["date"] == today()  # expect: FXL303:37


def test_through_two_calls_and_a_reexport():
    assert clock.today() == datetime.date(2024, 1, 1)  # expect: FXL303:12


def test_through_a_local_helper():
    assert _report_date().year == 2024  # expect: FXL303:12


def test_stamp():
    assert stamp() == 1700000000  # expect: FXL303:12


def test_a_fixed_time_is_not_a_clock():
    assert fixed_now().year == 2020


def test_a_time_that_can_be_given_is_not_a_clock():
    assert now_or(datetime.datetime(2020, 1, 1)).year == 2020


def test_a_duration_is_fine():
    start = utc_now()
    run()
    assert utc_now() - start < datetime.timedelta(seconds=5)


def make_report():
    return {"date": None}


def run():
    pass
