import datetime

import freezegun
import pytest
from freezegun import freeze_time


@freeze_time("2024-01-31")
def test_function_decorator():
    assert datetime.date.today() == datetime.date(2024, 1, 31)


@freezegun.freeze_time("2024-01-31")
def test_qualified_decorator():
    assert datetime.datetime.now().day == 31


@freeze_time("2024-01-31")
class TestFrozenClass:
    def test_method(self):
        assert datetime.date.today().day == 31


class TestOuter:
    @freeze_time("2024-01-31")
    class TestInner:
        def test_nested_class(self):
            assert datetime.date.today().day == 31


@freeze_time("2024-01-31")
@pytest.fixture
def frozen_stamp():
    return datetime.datetime.now()


def test_uses_stamp(frozen_stamp):
    assert frozen_stamp.day == 31
