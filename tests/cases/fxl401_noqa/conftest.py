import pytest


@pytest.fixture
def a():
    return 1


@pytest.fixture
def b():
    return 1


@pytest.fixture
def c():
    return 1


@pytest.fixture
def d():
    return 1
