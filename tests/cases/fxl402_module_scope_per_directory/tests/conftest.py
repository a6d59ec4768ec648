import pytest


@pytest.fixture(scope="module")
def backend():
    return "root"


@pytest.fixture(scope="module")
def client(backend):
    return ("client", backend)


@pytest.fixture(scope="session")
def unused_here(backend_settings):
    return backend_settings


@pytest.fixture(scope="session")
def backend_settings():
    return ("x",)
