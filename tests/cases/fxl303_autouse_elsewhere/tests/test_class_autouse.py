import datetime
from unittest import mock

import pytest


class TestPatchedClock:
    @pytest.fixture(autouse=True)
    def fixed_clock(self):
        with mock.patch("app.billing.datetime"):
            yield

    def test_inside_class(self, report):
        assert datetime.datetime.now().date() == report.day


def test_outside_class(report):
    assert datetime.datetime.now().date() == report.day  # expect: FXL303:12
