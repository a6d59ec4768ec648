import datetime
import datetime as dt
from datetime import date as Date
from datetime import datetime as DateTime


def test_module_import(report):
    assert datetime.datetime.now().year == report.year  # expect: FXL303:12


def test_module_alias(report):
    assert dt.datetime.utcnow().year == report.year  # expect: FXL303:12


def test_class_alias(report):
    assert Date.today().year == report.year  # expect: FXL303:12


def test_datetime_today_with_tz(report):
    assert DateTime.now(tz=datetime.timezone.utc).year == report.year  # expect: FXL303:12


def test_function_local_import(report):
    from datetime import date

    assert date.today().year == report.year  # expect: FXL303:12
