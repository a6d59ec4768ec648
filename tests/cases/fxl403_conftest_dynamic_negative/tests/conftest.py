import pytest


@pytest.fixture
def maybe_used():
    return 1
