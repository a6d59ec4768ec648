import pytest


@pytest.fixture(scope="session")
def backend():
    return "root"


@pytest.fixture(scope="session")
def client(backend):  # expect: FXL402:1
    return ("client", backend)
