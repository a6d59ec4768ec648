import pytest


@pytest.fixture
def payload():
    return {"id": 1}


@pytest.fixture(scope="session")
def shared():
    return make_shared()


def make_shared():
    raise NotImplementedError


@pytest.fixture(scope="session")
def wide(shared):
    shared.ready = True
    return shared
