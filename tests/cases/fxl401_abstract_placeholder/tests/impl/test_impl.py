import pytest


@pytest.fixture
def dtype():
    return "int64"


@pytest.fixture
def data():
    return [1, 2, 3]


@pytest.fixture
def concrete():  # expect: FXL401:1
    return 2


def test_data(data, dtype, concrete):
    assert data
