import pytest


@pytest.fixture
def user():  # expect: FXL401:1
    return "bob"
