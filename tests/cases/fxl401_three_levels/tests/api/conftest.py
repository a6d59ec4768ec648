import pytest


@pytest.fixture
def unrelated():
    return 1
