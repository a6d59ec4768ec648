import pytest


@pytest.fixture
def value():  # expect: FXL401:1
    return 2


def check_value(value):
    assert value == 2
