import pytest


@pytest.fixture
def db():
    return {}


@pytest.fixture
def loop_name():
    return "default"


@pytest.fixture(scope="session")
def api():
    return object()
