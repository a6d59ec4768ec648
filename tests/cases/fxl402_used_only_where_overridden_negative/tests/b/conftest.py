import pytest


@pytest.fixture(scope="session")
def backend():
    return "disk"
