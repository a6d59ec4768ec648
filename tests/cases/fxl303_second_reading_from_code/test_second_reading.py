import time
import unittest
from datetime import date


class TestHeaders(unittest.TestCase):
    def test_if_modified_since(self):
        # the first reading goes in; the second is compared with the server's own clock
        self.request.environ["HTTP_IF_MODIFIED_SINCE"] = self.http_date(time.time())
        res = self.static_file("x.txt")
        self.assertAlmostEqual(int(time.time()), self.parse_date(res.headers["Date"]))  # expect: FXL303:36


def test_stored_in_one_object_compared_with_another(cache, report):
    cache.set("day", date.today())
    assert report.day == date.today()  # expect: FXL303:26
