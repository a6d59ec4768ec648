import pytest


@pytest.fixture(scope="module")
def backend():  # expect: FXL401:1
    return "b"


@pytest.fixture(scope="session")
def backend_settings():  # expect: FXL401:1
    return ("b",)
