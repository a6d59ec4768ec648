import time
from datetime import date, datetime


def test_day_near_midnight(d):
    assert d.day == datetime.now().day  # expect: FXL303:21


def test_formatted_date(format_date):
    assert format_date(date.today()) == "2024-01-31"  # expect: FXL303:24


def test_age(birthday):
    assert (date.today() - birthday).days // 365 == 30  # expect: FXL303:13


def test_created_by_the_code_today(obj):
    assert obj.created.date() == date.today()  # expect: FXL303:34


def test_date_string_from_the_code(render):
    assert datetime.now().strftime("%Y-%m-%d") == render()  # expect: FXL303:12


def test_whole_seconds(response):
    assert response.json()["ts"] == int(time.time())  # expect: FXL303:41

