import pytest


@pytest.fixture
def app():
    return object()
