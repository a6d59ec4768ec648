import datetime

import pytest


@pytest.mark.freeze_time("2024-01-31")
def test_function_mark():
    assert datetime.date.today().day == 31


@pytest.mark.freeze_time("2024-01-31")
class TestMarkedClass:
    def test_method(self):
        assert datetime.date.today().day == 31
