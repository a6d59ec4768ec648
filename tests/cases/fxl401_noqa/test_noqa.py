import pytest


@pytest.fixture
def a():  # noqa
    return 2


@pytest.fixture
def b():  # noqa: FXL401
    return 2


@pytest.fixture
def c(  # noqa:FXL4
    x=1,
):
    return 2


@pytest.fixture
def d():  # noqa: E501  # expect: FXL401:1
    return 2
