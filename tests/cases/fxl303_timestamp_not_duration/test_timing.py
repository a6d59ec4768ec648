import time
import unittest
from datetime import datetime, timedelta


def test_start_is_also_a_timestamp():
    start = time.time()  # expect: FXL303:13
    assert time.time() - start < 5
    assert start > 1_600_000_000


def test_equality_with_a_second_reading():
    token = {"iat": int(time.time())}  # expect: FXL303:25
    assert token["iat"] == int(time.time())  # expect: FXL303:32


def test_offset_turned_into_a_date():
    expires = datetime.now() + timedelta(days=30)  # expect: FXL303:15
    assert expires.day in range(1, 32)


def test_calendar_value():
    stamp = datetime.now().isoformat()  # expect: FXL303:13
    assert stamp.startswith("20")


def test_result_depends_on_the_hour(shop):
    assert shop.is_open(datetime.now())  # expect: FXL303:25


class TestHeaders(unittest.TestCase):
    def test_date_header(self):
        self.assertAlmostEqual(int(time.time()), self.response_date())  # expect: FXL303:36
