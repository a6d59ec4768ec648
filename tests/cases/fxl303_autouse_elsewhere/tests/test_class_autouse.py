import datetime
from unittest import mock

import pytest


class TestPatchedClock:
    @pytest.fixture(autouse=True)
    def fixed_clock(self):
        with mock.patch("app.billing.datetime"):
            yield

    def test_inside_class(self):
        assert datetime.datetime.now()


def test_outside_class():
    assert datetime.datetime.now()  # expect: FXL303:12
