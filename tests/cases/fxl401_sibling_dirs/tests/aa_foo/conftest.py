import pytest


@pytest.fixture
def thing():
    return 2
