import pytest

from pkg import registry


@pytest.fixture(autouse=True)
def fresh_plugins():
    registry.reset_plugins()
    yield
