import pytest


@pytest.fixture
def dtype():
    """The dtype under test: every test module must define it."""
    raise NotImplementedError


@pytest.fixture
def data(dtype):
    if dtype is None:
        pytest.skip("no dtype")
    raise NotImplementedError("define `data` in the test module")


@pytest.fixture
def concrete():
    return 1
