import time
import unittest
from datetime import datetime, timedelta


def test_equality_with_a_second_reading():
    token = {"iat": int(time.time())}  # expect: FXL303:25
    assert token["iat"] == int(time.time())  # expect: FXL303:32


def test_offset_turned_into_a_date(subscription):
    expires = datetime.now() + timedelta(days=30)  # expect: FXL303:15
    assert subscription.renewal_day == expires.day


def test_calendar_value(report):
    stamp = datetime.now().isoformat()  # expect: FXL303:13
    assert report.header()[:10] == stamp[:10]


def test_result_depends_on_the_hour(shop):
    assert shop.is_open(datetime.now())  # expect: FXL303:25


class TestHeaders(unittest.TestCase):
    def test_date_header(self):
        self.assertAlmostEqual(int(time.time()), self.response_date())  # expect: FXL303:36


def test_object_built_from_now(Period):
    today = Period.now(freq="D")
    from_reading = Period(datetime.now(), freq="D")  # expect: FXL303:27
    assert today == from_reading
