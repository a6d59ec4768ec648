import pytest


@pytest.fixture(scope="session")
def backend():  # expect: FXL401:1
    return "b"
