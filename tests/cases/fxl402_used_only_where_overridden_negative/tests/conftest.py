import pytest


@pytest.fixture(scope="session")
def backend():
    return "memory"


@pytest.fixture(scope="session")
def client(backend):
    # only tests/b uses it, and they all see b's `backend`: one value, no race
    return {"backend": backend}
