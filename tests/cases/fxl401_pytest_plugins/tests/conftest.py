import pytest


@pytest.fixture
def connection():  # expect: FXL401:1
    return "postgresql://"
