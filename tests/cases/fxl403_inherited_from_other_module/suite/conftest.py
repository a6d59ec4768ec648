import pytest


@pytest.fixture
def data():
    return 4


@pytest.fixture
def as_frame():  # expect: FXL403:1
    """No test below requests it, inherited or not."""
    return True
