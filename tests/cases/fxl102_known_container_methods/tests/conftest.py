import collections
import types

import pytest


@pytest.fixture(scope="session")
def settings():
    return {"debug": False}  # noqa: FXL101


@pytest.fixture(scope="session")
def names():
    return ["a", "b"]  # noqa: FXL101


@pytest.fixture(scope="session")
def seen():
    return set()  # noqa: FXL101


@pytest.fixture(scope="session")
def events():
    return collections.deque()  # noqa: FXL101


@pytest.fixture(scope="session")
def state():
    return types.SimpleNamespace(items=[])  # noqa: FXL101


@pytest.fixture(scope="session")
def app():
    return create_app()


def create_app():
    raise NotImplementedError
