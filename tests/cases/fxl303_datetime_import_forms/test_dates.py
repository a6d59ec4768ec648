import datetime
import datetime as dt
from datetime import date as Date
from datetime import datetime as DateTime


def test_module_import():
    assert datetime.datetime.now().year  # expect: FXL303:12


def test_module_alias():
    assert dt.datetime.utcnow().year  # expect: FXL303:12


def test_class_alias():
    assert Date.today().year  # expect: FXL303:12


def test_datetime_today_with_tz():
    assert DateTime.now(tz=datetime.timezone.utc).year  # expect: FXL303:12


def test_function_local_import():
    from datetime import date

    assert date.today().year  # expect: FXL303:12
